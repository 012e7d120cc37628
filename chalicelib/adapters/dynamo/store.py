"""The table, bound once per container, with one repository per part of the register."""

from __future__ import annotations

from dataclasses import dataclass

from pynamodb.connection import Connection

from chalicelib.adapters.dynamo.applications import ApplicationRepository
from chalicelib.adapters.dynamo.audit import AuditLogRepository
from chalicelib.adapters.dynamo.election_board import BoardRepository
from chalicelib.adapters.dynamo.elections import ElectionRepository
from chalicelib.adapters.dynamo.events import EventRepository
from chalicelib.adapters.dynamo.members import MemberRepository
from chalicelib.adapters.dynamo.models import bind
from chalicelib.adapters.dynamo.organisation import OrganisationRepository
from chalicelib.adapters.dynamo.registrations import RegistrationRepository
from chalicelib.adapters.dynamo.segments import SegmentRepository
from chalicelib.adapters.dynamo.signin import SessionRepository, SigninRepository
from chalicelib.adapters.dynamo.trainings import TrainingRepository
from chalicelib.adapters.dynamo.transactions import AuditedCommitter
from chalicelib.settings import Settings


@dataclass(frozen=True)
class DynamoStore:
    connection: Connection
    members: MemberRepository
    organisation: OrganisationRepository
    applications: ApplicationRepository
    audit: AuditLogRepository
    signin: SigninRepository
    sessions: SessionRepository
    segments: SegmentRepository
    events: EventRepository
    registrations: RegistrationRepository
    trainings: TrainingRepository
    elections: ElectionRepository
    board: BoardRepository

    @classmethod
    def connect(cls, settings: Settings) -> DynamoStore:
        bind(settings.table_name, settings.dynamodb_endpoint, settings.region)
        connection = Connection(region=settings.region, host=settings.dynamodb_endpoint)
        committer = AuditedCommitter(connection)
        return cls(
            connection=connection,
            members=MemberRepository(committer),
            organisation=OrganisationRepository(committer),
            applications=ApplicationRepository(committer),
            audit=AuditLogRepository(committer),
            signin=SigninRepository(),
            sessions=SessionRepository(),
            segments=SegmentRepository(committer),
            events=EventRepository(committer),
            registrations=RegistrationRepository(connection, committer),
            trainings=TrainingRepository(committer),
            elections=ElectionRepository(committer, connection),
            board=BoardRepository(connection),
        )
