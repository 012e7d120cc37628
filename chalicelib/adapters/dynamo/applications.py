"""Membership applications in the table, listed per branch and status for the officers."""

from __future__ import annotations

from pynamodb.exceptions import DeleteError, UpdateError

from chalicelib.adapters.dynamo import keys
from chalicelib.adapters.dynamo.members import claim_item, history_item
from chalicelib.adapters.dynamo.members import to_item as member_item
from chalicelib.adapters.dynamo.models import ApplicationItem, EmailClaimItem, MemberItem
from chalicelib.adapters.dynamo.transactions import AuditedCommitter, Writes
from chalicelib.domain.applications import ApplicationStatus, MembershipApplication
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.errors import AlreadyDecided, AlreadyExists, FieldProblem
from chalicelib.domain.members import Language, Member, MembershipCategory, StatusChange


def _address_in_use() -> AlreadyExists:
    return AlreadyExists(
        "that e-mail address already belongs to a member or an open application",
        [FieldProblem("email", "is already a member's or an open application's address")],
    )


def _decided_meanwhile() -> AlreadyDecided:
    return AlreadyDecided("this application was decided by someone else at the same moment")


def to_item(app: MembershipApplication) -> ApplicationItem:
    pk, sk = keys.application(app.id)
    return ApplicationItem(
        pk,
        sk,
        gsi1pk=keys.applications_of_branch(app.branch_id, app.status.value),
        gsi1sk=f"{app.submitted_at}#{app.id}",
        application_id=app.id,
        email=app.email,
        first_name=app.first_name,
        last_name=app.last_name,
        branch_id=app.branch_id,
        workplace_id=app.workplace_id,
        category=app.category.value,
        language=app.language.value,
        phone=app.phone,
        submitted_at=app.submitted_at,
        status=app.status.value,
        task_token=app.task_token,
        decided_by=app.decided_by,
        decided_at=app.decided_at,
        reason=app.reason,
        member_id=app.member_id,
    )


def to_application(item: ApplicationItem) -> MembershipApplication:
    return MembershipApplication(
        id=item.application_id,
        email=item.email,
        first_name=item.first_name,
        last_name=item.last_name,
        branch_id=item.branch_id,
        workplace_id=item.workplace_id,
        category=MembershipCategory(item.category),
        language=Language(item.language),
        phone=item.phone,
        submitted_at=item.submitted_at,
        status=ApplicationStatus(item.status),
        task_token=item.task_token,
        decided_by=item.decided_by,
        decided_at=item.decided_at,
        reason=item.reason,
        member_id=item.member_id,
    )


class ApplicationRepository:
    def __init__(self, committer: AuditedCommitter) -> None:
        self._committer = committer

    def get(self, application_id: str) -> MembershipApplication | None:
        try:
            return to_application(
                ApplicationItem.get(*keys.application(application_id), consistent_read=True)
            )
        except ApplicationItem.DoesNotExist:
            return None

    def submit(self, app: MembershipApplication, record: AuditRecord) -> None:
        """Store a new application and hold its address, so one address has one open application."""
        writes = Writes()
        writes.put(to_item(app), ApplicationItem.pk.does_not_exist(), _decided_meanwhile)
        writes.put(
            claim_item(app.email, application_id=app.id), EmailClaimItem.pk.does_not_exist(), _address_in_use
        )
        self._committer.commit(writes, [record])

    def move(
        self,
        before: MembershipApplication,
        after: MembershipApplication,
        records: list[AuditRecord],
        extra: Writes | None = None,
    ) -> None:
        """Save the application if its status is still what `before` saw."""
        writes = extra or Writes()
        writes.put(to_item(after), ApplicationItem.status == before.status.value, _decided_meanwhile)
        self._committer.commit(writes, records)

    def admit(
        self,
        before: MembershipApplication,
        after: MembershipApplication,
        member: Member,
        change: StatusChange,
        record: AuditRecord,
    ) -> None:
        """Create the member and hand the application's address claim over to them, all at once."""
        writes = Writes()
        writes.put(member_item(member, 1), MemberItem.pk.does_not_exist(), _decided_meanwhile)
        writes.put(history_item(member.id, change))
        writes.put(
            claim_item(member.email, member_id=member.id),
            EmailClaimItem.application_id == before.id,
            _address_in_use,
        )
        writes.put(
            to_item(after),
            (ApplicationItem.status == before.status.value) & ApplicationItem.member_id.does_not_exist(),
            _decided_meanwhile,
        )
        self._committer.commit(writes, [record])

    def release_address(self, app: MembershipApplication) -> None:
        claim = claim_item(app.email, application_id=app.id)
        try:
            claim.delete(condition=EmailClaimItem.application_id == app.id)
        except DeleteError as exc:  # the claim may already have moved to the member
            if getattr(exc, "cause_response_code", None) != "ConditionalCheckFailedException":
                raise

    def by_branch(self, branch_id: str, status: ApplicationStatus) -> list[MembershipApplication]:
        key = keys.applications_of_branch(branch_id, status.value)
        return [
            to_application(i) for i in ApplicationItem.by_gsi1.query(key) if isinstance(i, ApplicationItem)
        ]

    def mark_decision_letter_sent(self, application_id: str) -> bool:
        """True the first time only: the welcome or rejection letter goes out once, whatever the retries."""
        item = ApplicationItem(*keys.application(application_id))
        try:
            item.update(
                actions=[ApplicationItem.decision_letter_sent.set(1)],
                condition=ApplicationItem.decision_letter_sent != 1,
            )
        except UpdateError as exc:
            if getattr(exc, "cause_response_code", None) == "ConditionalCheckFailedException":
                return False
            raise
        return True
