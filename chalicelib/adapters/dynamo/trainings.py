"""Training enrolments waiting for a branch officer, completions and certificates."""

from __future__ import annotations

from datetime import date

from pynamodb.exceptions import UpdateError

from chalicelib.adapters.dynamo import keys
from chalicelib.adapters.dynamo.models import CertificateItem, CompletionItem, EnrolmentItem, RegistrationItem
from chalicelib.adapters.dynamo.participants import parse_stamp, stamp
from chalicelib.adapters.dynamo.transactions import AuditedCommitter, Writes
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.enrolments import Enrolment, EnrolmentStatus
from chalicelib.domain.errors import AlreadyDecided, ConcurrentChange, DomainError
from chalicelib.domain.events import Certificate, NotConfirmed, Participant, RegistrationStatus


def _decided_meanwhile() -> DomainError:
    return AlreadyDecided("this enrolment was decided by someone else at the same moment")


def _changed() -> DomainError:
    return ConcurrentChange("someone else changed this at the same moment; please try again")


def _not_confirmed() -> DomainError:
    return NotConfirmed("only confirmed participants can complete a training")


def enrolment_item(e: Enrolment) -> EnrolmentItem:
    pk, sk = keys.enrolment(e.id)
    return EnrolmentItem(
        pk,
        sk,
        gsi1pk=keys.enrolments_of_branch(e.branch_id, e.status.value),
        gsi1sk=f"{stamp(e.requested_at)}#{e.id}",
        enrolment_id=e.id,
        training_id=e.training_id,
        member_id=e.member_id,
        branch_id=e.branch_id,
        first_name=e.first_name,
        last_name=e.last_name,
        requested_at=stamp(e.requested_at),
        status=e.status.value,
        task_token=e.task_token,
        decided_by=e.decided_by,
        decided_at=stamp(e.decided_at) if e.decided_at else None,
        reason=e.reason,
    )


def to_enrolment(item: EnrolmentItem) -> Enrolment:
    requested = parse_stamp(item.requested_at)
    assert requested is not None
    return Enrolment(
        id=item.enrolment_id,
        training_id=item.training_id,
        member_id=item.member_id,
        branch_id=item.branch_id,
        first_name=item.first_name,
        last_name=item.last_name,
        requested_at=requested,
        status=EnrolmentStatus(item.status),
        task_token=item.task_token,
        decided_by=item.decided_by,
        decided_at=parse_stamp(item.decided_at),
        reason=item.reason,
    )


def to_certificate(item: CertificateItem) -> Certificate:
    return Certificate(
        code=item.code,
        member_id=item.member_id,
        name=item.name,
        training_id=item.training_id,
        title=item.title or {},
        completed_on=date.fromisoformat(item.completed_on),
        hours=None if item.hours is None else float(item.hours),
        revoked=bool(item.revoked),
    )


def _certificate_item(c: Certificate) -> CertificateItem:
    return CertificateItem(
        *keys.certificate(c.code),
        code=c.code,
        member_id=c.member_id,
        name=c.name,
        training_id=c.training_id,
        title=c.title,
        completed_on=c.completed_on.isoformat(),
        hours=c.hours,
        revoked=1 if c.revoked else 0,
    )


def _registration(p: Participant) -> RegistrationItem:
    return RegistrationItem(*keys.registration(p.event_id, p.member_id))


class TrainingRepository:
    def __init__(self, committer: AuditedCommitter) -> None:
        self._committer = committer

    # --- enrolments ---------------------------------------------------------------------------
    def new_enrolment_writes(self, e: Enrolment) -> Writes:
        writes = Writes()
        writes.put(enrolment_item(e), EnrolmentItem.pk.does_not_exist(), _changed)
        return writes

    def enrolment(self, enrolment_id: str) -> Enrolment | None:
        try:
            return to_enrolment(EnrolmentItem.get(*keys.enrolment(enrolment_id), consistent_read=True))
        except EnrolmentItem.DoesNotExist:
            return None

    def move_enrolment(self, before: Enrolment, after: Enrolment, records: list[AuditRecord]) -> None:
        """Save the enrolment if its status is still what `before` saw (audited when records given)."""
        writes = self.enrolment_move_writes(before, after)
        self._committer.commit(writes, records)

    def enrolment_move_writes(
        self, before: Enrolment, after: Enrolment, writes: Writes | None = None
    ) -> Writes:
        writes = writes or Writes()
        writes.put(enrolment_item(after), EnrolmentItem.status == before.status.value, _decided_meanwhile)
        return writes

    def pending_enrolments(self, branch_id: str) -> list[Enrolment]:
        key = keys.enrolments_of_branch(branch_id, EnrolmentStatus.PENDING.value)
        return [to_enrolment(i) for i in EnrolmentItem.by_gsi1.query(key) if isinstance(i, EnrolmentItem)]

    def mark_letter_sent(self, enrolment_id: str) -> bool:
        """True the first time only: the approval or refusal letter goes out once."""
        item = EnrolmentItem(*keys.enrolment(enrolment_id))
        try:
            item.update(actions=[EnrolmentItem.letter_sent.set(1)], condition=EnrolmentItem.letter_sent != 1)
        except UpdateError as exc:
            if getattr(exc, "cause_response_code", None) == "ConditionalCheckFailedException":
                return False
            raise
        return True

    # --- completions and certificates ----------------------------------------------------------
    def complete(self, p: Participant, certificate: Certificate, record: AuditRecord) -> None:
        """Mark the training completed: the registration, the member's completion and a certificate."""
        writes = Writes()
        confirmed = (RegistrationItem.status == RegistrationStatus.CONFIRMED.value) & (
            RegistrationItem.completed != 1
        )
        writes.update(_registration(p), [RegistrationItem.completed.set(1)], confirmed, _not_confirmed)
        completion = CompletionItem(
            *keys.completion(p.member_id, certificate.training_id),
            member_id=p.member_id,
            training_id=certificate.training_id,
            code=certificate.code,
            completed_on=certificate.completed_on.isoformat(),
        )
        writes.put(completion, CompletionItem.pk.does_not_exist(), _changed)
        writes.put(_certificate_item(certificate), CertificateItem.pk.does_not_exist(), _changed)
        self._committer.commit(writes, [record])

    def withdraw_completion(self, p: Participant, code: str | None, record: AuditRecord) -> None:
        """Undo a completion: the certificate is revoked (kept, so its code stays unique)."""
        writes = Writes()
        writes.update(
            _registration(p), [RegistrationItem.completed.set(0)], RegistrationItem.completed == 1, _changed
        )
        writes.delete(CompletionItem(*keys.completion(p.member_id, p.event_id)))
        if code:
            cert = CertificateItem(*keys.certificate(code))
            writes.update(cert, [CertificateItem.revoked.set(1)], CertificateItem.pk.exists(), _changed)
        self._committer.commit(writes, [record])

    def completion_code(self, member_id: str, training_id: str) -> str | None:
        try:
            return CompletionItem.get(*keys.completion(member_id, training_id), consistent_read=True).code
        except CompletionItem.DoesNotExist:
            return None

    def completed_trainings(self, member_id: str) -> dict[str, str]:
        """training id -> certificate code, for every training the member has completed."""
        pk, _ = keys.completion(member_id, "")
        items = CompletionItem.query(pk, CompletionItem.sk.startswith(keys.COMPLETION_PREFIX))
        return {i.training_id: i.code for i in items if isinstance(i, CompletionItem)}

    def certificate(self, code: str) -> Certificate | None:
        try:
            return to_certificate(CertificateItem.get(*keys.certificate(code)))
        except CertificateItem.DoesNotExist:
            return None

    def certificates(self, codes: list[str]) -> list[Certificate]:
        items = CertificateItem.batch_get([keys.certificate(c) for c in codes])
        return [to_certificate(i) for i in items]
