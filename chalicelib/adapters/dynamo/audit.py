"""Reading the audit log back, in order, for verification and for a member's own data."""

from __future__ import annotations

from collections.abc import Iterator

from chalicelib.adapters.dynamo import keys
from chalicelib.adapters.dynamo.models import AuditEntryItem
from chalicelib.adapters.dynamo.transactions import AuditedCommitter, Writes, entry_from_item
from chalicelib.domain.audit import AuditEntry, AuditHead, AuditRecord


class AuditLogRepository:
    def __init__(self, committer: AuditedCommitter) -> None:
        self._committer = committer

    def head(self) -> AuditHead:
        return self._committer.head()

    def record(self, record: AuditRecord) -> AuditEntry:
        """Append a privileged action that changes nothing else (an export, a sign-in of staff)."""
        return self._committer.commit(Writes(), [record])[0]

    def entries(self) -> Iterator[AuditEntry]:
        """Every entry in sequence order, bucket by bucket, as stored (even if tampered with)."""
        head = self.head()
        last_bucket = head.seq // keys.AUDIT_BUCKET_SIZE
        for bucket in range(last_bucket + 1):
            pk, _ = keys.audit_entry(bucket * keys.AUDIT_BUCKET_SIZE)
            for item in AuditEntryItem.query(pk, consistent_read=True):
                if isinstance(item, AuditEntryItem):
                    yield entry_from_item(item)

    def about(self, target: str) -> list[AuditEntry]:
        items = AuditEntryItem.by_gsi1.query(keys.audit_by_target(target))
        return [entry_from_item(i) for i in items if isinstance(i, AuditEntryItem)]
