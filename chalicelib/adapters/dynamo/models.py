"""The single table as PynamoDB models: one base item, one subclass per entity (a discriminator)."""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import (
    DiscriminatorAttribute,
    JSONAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model


class Gsi1(GlobalSecondaryIndex["Item"]):
    class Meta:
        index_name = "gsi1"
        projection = AllProjection()

    gsi1pk = UnicodeAttribute(hash_key=True)
    gsi1sk = UnicodeAttribute(range_key=True)


class Gsi2(GlobalSecondaryIndex["Item"]):
    class Meta:
        index_name = "gsi2"
        projection = AllProjection()

    gsi2pk = UnicodeAttribute(hash_key=True)
    gsi2sk = UnicodeAttribute(range_key=True)


class Item(Model):
    class Meta:
        table_name = "unbound"  # set by bind() from Settings
        region = "eu-north-1"
        host: str | None = None

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    kind = DiscriminatorAttribute()
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    expires_at = TTLAttribute(null=True)
    by_gsi1 = Gsi1()
    by_gsi2 = Gsi2()


class MemberItem(Item, discriminator="member"):
    member_id = UnicodeAttribute()
    email = UnicodeAttribute()
    first_name = UnicodeAttribute()
    last_name = UnicodeAttribute()
    branch_id = UnicodeAttribute()
    workplace_id = UnicodeAttribute(null=True)
    category = UnicodeAttribute()
    status = UnicodeAttribute()
    member_since = UnicodeAttribute()
    language = UnicodeAttribute()
    phone = UnicodeAttribute(null=True)
    street_address = UnicodeAttribute(null=True)
    postal_code = UnicodeAttribute(null=True)
    city = UnicodeAttribute(null=True)
    country = UnicodeAttribute()
    iban = UnicodeAttribute(null=True)
    grants = JSONAttribute(null=True)
    revision = NumberAttribute(default=0)


class StatusHistoryItem(Item, discriminator="member_history"):
    member_id = UnicodeAttribute()
    at = UnicodeAttribute()
    status = UnicodeAttribute()
    category = UnicodeAttribute()
    reason = UnicodeAttribute()


class MemberRequestItem(Item, discriminator="member_request"):
    request_id = UnicodeAttribute()
    member_id = UnicodeAttribute()
    request_kind = UnicodeAttribute()
    status = UnicodeAttribute()
    details = JSONAttribute(null=True)
    created_at = UnicodeAttribute()


class SessionItem(Item, discriminator="session"):
    member_id = UnicodeAttribute()
    session_id = UnicodeAttribute()
    refresh_digest = UnicodeAttribute()
    created_at = UnicodeAttribute()


class RoleGrantItem(Item, discriminator="role_grant"):
    """One role a member holds for one scope, indexed so a branch's officers can be found."""

    member_id = UnicodeAttribute()
    role = UnicodeAttribute()
    scope = UnicodeAttribute()


class EmailClaimItem(Item, discriminator="email_claim"):
    email = UnicodeAttribute()
    member_id = UnicodeAttribute(null=True)
    application_id = UnicodeAttribute(null=True)


class SigninCodeItem(Item, discriminator="signin_code"):
    code_digest = UnicodeAttribute()
    attempts = NumberAttribute(default=0)


class SigninRateItem(Item, discriminator="signin_rate"):
    requests = NumberAttribute(default=0)


class BranchItem(Item, discriminator="branch"):
    branch_id = UnicodeAttribute()
    name = UnicodeAttribute()


class EmployerItem(Item, discriminator="employer"):
    employer_id = UnicodeAttribute()
    name = UnicodeAttribute()


class WorkplaceItem(Item, discriminator="workplace"):
    workplace_id = UnicodeAttribute()
    name = UnicodeAttribute()
    branch_id = UnicodeAttribute()
    employer_id = UnicodeAttribute()


class ApplicationItem(Item, discriminator="application"):
    application_id = UnicodeAttribute()
    email = UnicodeAttribute()
    first_name = UnicodeAttribute()
    last_name = UnicodeAttribute()
    branch_id = UnicodeAttribute()
    workplace_id = UnicodeAttribute(null=True)
    category = UnicodeAttribute()
    language = UnicodeAttribute()
    phone = UnicodeAttribute(null=True)
    submitted_at = UnicodeAttribute()
    status = UnicodeAttribute()
    task_token = UnicodeAttribute(null=True)
    decided_by = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    reason = UnicodeAttribute(null=True)
    member_id = UnicodeAttribute(null=True)
    decision_letter_sent = NumberAttribute(default=0)


class SegmentItem(Item, discriminator="segment"):
    segment_id = UnicodeAttribute()
    name = UnicodeAttribute()
    description = UnicodeAttribute(default="")
    rule = JSONAttribute()
    created_by = UnicodeAttribute()
    created_at = UnicodeAttribute()
    revision = NumberAttribute(default=0)


class AuditEntryItem(Item, discriminator="audit_entry"):
    seq = NumberAttribute()
    at = UnicodeAttribute()
    actor = UnicodeAttribute()
    action = UnicodeAttribute()
    target = UnicodeAttribute()
    before = JSONAttribute(null=True)
    after = JSONAttribute(null=True)
    prev_hash = UnicodeAttribute()
    hash = UnicodeAttribute()


class AuditHeadItem(Item, discriminator="audit_head"):
    seq = NumberAttribute()
    hash = UnicodeAttribute()


class EventItem(Item, discriminator="event"):
    """An event or training; listed per kind in start order on gsi1."""

    event_id = UnicodeAttribute()
    event_kind = UnicodeAttribute()
    details = JSONAttribute()  # title, description, place, audience, questions, training fields…
    starts_at = UnicodeAttribute()
    ends_at = UnicodeAttribute()
    status = UnicodeAttribute()
    capacity = NumberAttribute()
    shards = NumberAttribute()
    revision = NumberAttribute(default=0)


class SeatShardItem(Item, discriminator="seat_shard"):
    """A share of an event's seats on its own partition: `taken` grows only while below `seats`."""

    event_id = UnicodeAttribute()
    shard = NumberAttribute()
    seats = NumberAttribute()
    taken = NumberAttribute(default=0)


class RegistrationItem(Item, discriminator="registration"):
    """One member's registration to one event, with the member's name and address copied in."""

    event_id = UnicodeAttribute()
    member_id = UnicodeAttribute()
    first_name = UnicodeAttribute()
    last_name = UnicodeAttribute()
    email = UnicodeAttribute()
    language = UnicodeAttribute()
    branch_id = UnicodeAttribute(null=True)
    status = UnicodeAttribute()
    ticket = UnicodeAttribute(null=True)  # waiting-list order
    shard = NumberAttribute(null=True)  # the shard whose seat a confirmed member holds
    answers = JSONAttribute(null=True)
    registered_at = UnicodeAttribute()
    checked_in_at = UnicodeAttribute(null=True)
    completed = NumberAttribute(default=0)
    enrolment_id = UnicodeAttribute(null=True)
    reminded = NumberAttribute(null=True)


class EnrolmentItem(Item, discriminator="enrolment"):
    """A training enrolment waiting for (or decided by) the member's branch officer."""

    enrolment_id = UnicodeAttribute()
    training_id = UnicodeAttribute()
    member_id = UnicodeAttribute()
    branch_id = UnicodeAttribute()
    first_name = UnicodeAttribute()
    last_name = UnicodeAttribute()
    requested_at = UnicodeAttribute()
    status = UnicodeAttribute()
    task_token = UnicodeAttribute(null=True)
    decided_by = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    reason = UnicodeAttribute(null=True)
    letter_sent = NumberAttribute(default=0)


class CompletionItem(Item, discriminator="completion"):
    """A training the member completed, kept with the member; names the certificate."""

    member_id = UnicodeAttribute()
    training_id = UnicodeAttribute()
    code = UnicodeAttribute()
    completed_on = UnicodeAttribute()


class CertificateItem(Item, discriminator="certificate"):
    code = UnicodeAttribute()
    member_id = UnicodeAttribute()
    name = UnicodeAttribute()
    training_id = UnicodeAttribute()
    title = JSONAttribute()
    completed_on = UnicodeAttribute()
    hours = NumberAttribute(null=True)
    revoked = NumberAttribute(default=0)


class ElectionItem(Item, discriminator="election"):
    election_id = UnicodeAttribute()
    definition = JSONAttribute()
    status = UnicodeAttribute()
    created_by = UnicodeAttribute()
    created_at = UnicodeAttribute()
    roll = JSONAttribute(null=True)
    closing = JSONAttribute(null=True)
    task_token = UnicodeAttribute(null=True)
    times = JSONAttribute(null=True)
    revision = NumberAttribute(default=0)


class ElectionResultItem(Item, discriminator="election_result"):
    election_id = UnicodeAttribute()
    result = JSONAttribute()


class RollEntryItem(Item, discriminator="roll_entry"):
    """A member on an election's frozen roll; `voted_on` (a day, nothing finer) once they have voted."""

    election_id = UnicodeAttribute()
    member_id = UnicodeAttribute()
    branch_id = UnicodeAttribute()
    snapshot = UnicodeAttribute()
    weight = NumberAttribute(default=1)
    voted_on = UnicodeAttribute(null=True)


class BallotItem(Item, discriminator="ballot"):
    """A ballot: its format and canonical content under a random key. No voter, no time, no order."""

    format = UnicodeAttribute()
    content = UnicodeAttribute()


class BoardPendingItem(Item, discriminator="board_pending"):
    code = UnicodeAttribute()


class BoardCodeItem(Item, discriminator="board_code"):
    code = UnicodeAttribute()
    block = NumberAttribute()


class BoardHeadItem(Item, discriminator="board_head"):
    election_id = UnicodeAttribute()
    last = JSONAttribute(null=True)  # the header of the latest block
    head_hash = UnicodeAttribute(null=True)
    blocks = NumberAttribute(default=0)
    codes = NumberAttribute(default=0)
    sealed_epoch = NumberAttribute(default=0)
    lease_owner = UnicodeAttribute(null=True)
    lease_until = NumberAttribute(null=True)
    final = NumberAttribute(default=0)


class BoardBlockItem(Item, discriminator="board_block"):
    election_id = UnicodeAttribute()
    index = NumberAttribute()
    previous_hash = UnicodeAttribute()
    merkle_root = UnicodeAttribute()
    size = NumberAttribute()
    sealed_at = UnicodeAttribute()
    codes = JSONAttribute()


class TurnoutItem(Item, discriminator="turnout"):
    branch_id = UnicodeAttribute()
    voted = NumberAttribute(default=0)


def _all_models() -> list[type[Model]]:
    found: list[type[Model]] = [Item]
    for model in found:
        found.extend(model.__subclasses__())
    return found


def bind(table_name: str, host: str | None, region: str) -> None:
    """Point every model at the table the Settings name (and drop cached connections)."""
    Item.Meta.table_name = table_name
    Item.Meta.host = host
    Item.Meta.region = region
    model: Any
    for model in _all_models():
        model._connection = None
