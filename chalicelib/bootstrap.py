"""Builds the real adapters once per container and wires them into the services.

Nothing here runs at import time: the first request (or task) builds the container, tests swap
one in with `use()` and drop it with `reset()`.
"""

from __future__ import annotations

from functools import cached_property

from chalicelib.settings import Settings, load_settings

_current: Container | None = None


class Container:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def store(self):  # type: ignore[no-untyped-def]
        from chalicelib.adapters.dynamo.store import DynamoStore

        return DynamoStore.connect(self.settings)

    @cached_property
    def secrets(self):  # type: ignore[no-untyped-def]
        from chalicelib.adapters.secrets import SecretResolver

        return SecretResolver(self.settings.region)

    @cached_property
    def mailer(self):  # type: ignore[no-untyped-def]
        from chalicelib.adapters.mail import build_mailer

        return build_mailer(self.settings)

    @cached_property
    def workflows(self):  # type: ignore[no-untyped-def]
        from chalicelib.adapters.workflows import StepFunctionsEngine

        return StepFunctionsEngine.connect(self.settings)

    @cached_property
    def tokens(self):  # type: ignore[no-untyped-def]
        from chalicelib.adapters.tokens import JwtTokens

        key_pem = self.secrets.resolve(self.settings.jwt_signing_key_ref)
        return JwtTokens(key_pem, self.settings.jwt_issuer, self.settings.jwt_audience)

    @cached_property
    def auth(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.auth import AuthService

        pepper = self.secrets.resolve(self.settings.signin_pepper_ref).encode()
        return AuthService(self.store, self.tokens, self.mailer, self.settings, pepper)

    @cached_property
    def members(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.members import MemberService

        return MemberService(self.store)

    @cached_property
    def organisation(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.organisation import OrganisationService

        return OrganisationService(self.store)

    @cached_property
    def applications(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.applications import ApplicationService

        return ApplicationService(self.store, self.workflows, self.mailer, self.settings)

    @cached_property
    def register_import(self):  # type: ignore[no-untyped-def]
        from chalicelib.adapters.spreadsheets import read_rows
        from chalicelib.services.register_import import RegisterImportService

        return RegisterImportService(self.store, read_rows)

    @cached_property
    def segments(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.segments import SegmentService

        return SegmentService(self.store)

    @cached_property
    def election_board(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.election_board import BoardService

        return BoardService(self.store)

    @cached_property
    def elections(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.elections import ElectionService

        return ElectionService(self.store, self.segments, self.election_board, self.mailer)

    @cached_property
    def election_opening(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.election_opening import OpeningService

        return OpeningService(self.store, self.segments, self.workflows, self.settings)

    @cached_property
    def election_closing(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.election_closing import ClosingService

        return ClosingService(self.store, self.election_board, self.workflows, self.settings)

    @cached_property
    def audit(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.audit import AuditService

        return AuditService(self.store)

    @cached_property
    def downloads(self):  # type: ignore[no-untyped-def]
        from chalicelib.adapters.downloads import S3Downloads

        return S3Downloads(self.settings)

    @cached_property
    def participant_exports(self):  # type: ignore[no-untyped-def]
        from chalicelib.adapters.exports import SpreadsheetExports
        from chalicelib.services.exports import ParticipantExportService

        limit = self.settings.export_inline_limit_bytes
        return ParticipantExportService(self.events, self.store, SpreadsheetExports(), self.downloads, limit)

    @cached_property
    def calendar(self):  # type: ignore[no-untyped-def]
        from chalicelib.adapters import calendar

        return calendar  # the module answers the CalendarFiles port

    @cached_property
    def certificate_files(self):  # type: ignore[no-untyped-def]
        from chalicelib.adapters import certificate_pdf

        return certificate_pdf  # the module answers the CertificateFiles port

    @cached_property
    def event_mail(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.event_mail import EventMail

        return EventMail(self.mailer, self.calendar, self.settings.public_base_url)

    @cached_property
    def events(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.event_cancellation import WorkflowAnnouncer
        from chalicelib.services.events import EventService

        announcer = WorkflowAnnouncer(self.workflows, self.settings.event_cancellation_state_machine_arn)
        return EventService(self.store, self.event_mail, self.calendar, announcer)

    @cached_property
    def trainings(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.trainings import TrainingService

        arn = self.settings.training_enrolment_state_machine_arn
        return TrainingService(self.store, self.events, self.workflows, self.event_mail, arn)

    @cached_property
    def registrations(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.registrations import RegistrationService

        return RegistrationService(self.store, self.events, self.trainings)

    @cached_property
    def certificates(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.certificates import CertificateService

        union = self.settings.union_name
        return CertificateService(self.store, self.events, self.event_mail, self.certificate_files, union)


def container() -> Container:
    global _current
    if _current is None:
        _current = Container(load_settings())
    return _current


def use(replacement: Container) -> None:
    global _current
    _current = replacement


def reset() -> None:
    global _current
    _current = None
