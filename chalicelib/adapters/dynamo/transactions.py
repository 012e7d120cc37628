"""Audited transactions: a change to the register and its audit entry are written together.

The audit chain stays linear under concurrent writers: every transaction moves the head item
with a condition on its sequence number; a writer that lost the race re-reads the head and
tries again, while the change's own conditions keep guarding the change itself.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.expressions.condition import Condition
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.dynamo import keys
from chalicelib.adapters.dynamo.models import AuditEntryItem, AuditHeadItem
from chalicelib.domain.audit import GENESIS, AuditEntry, AuditHead, AuditRecord, append
from chalicelib.domain.errors import ConcurrentChange, DomainError

MAX_ATTEMPTS = 8
ErrorFactory = Callable[[], DomainError]


def _default_conflict() -> DomainError:
    return ConcurrentChange("someone else changed this at the same moment; please try again")


@dataclass
class Writes:
    """The writes of one change, each with the domain error its failed condition means."""

    checks: list[tuple[Any, ErrorFactory]] = field(default_factory=list)
    deletes: list[tuple[Any, ErrorFactory]] = field(default_factory=list)
    puts: list[tuple[Any, ErrorFactory]] = field(default_factory=list)
    updates: list[tuple[Any, ErrorFactory]] = field(default_factory=list)

    def put(
        self, item: Model, condition: Condition | None = None, on_conflict: ErrorFactory = _default_conflict
    ) -> None:
        self.puts.append(((item, condition), on_conflict))

    def update(
        self,
        item: Model,
        actions: list,
        condition: Condition | None = None,
        on_conflict: ErrorFactory = _default_conflict,
    ) -> None:
        self.updates.append(((item, actions, condition), on_conflict))

    def delete(
        self, item: Model, condition: Condition | None = None, on_conflict: ErrorFactory = _default_conflict
    ) -> None:
        self.deletes.append(((item, condition), on_conflict))

    def check(
        self, model: type[Model], key: tuple[str, str], condition: Condition, on_conflict: ErrorFactory
    ) -> None:
        self.checks.append(((model, key, condition), on_conflict))

    def apply(self, tx: TransactWrite) -> list[ErrorFactory]:
        """Add every write to the transaction; the returned errors follow PynamoDB's item order."""
        for (model, key, condition), _ in self.checks:
            tx.condition_check(model, key[0], key[1], condition=condition)
        for (item, condition), _ in self.deletes:
            tx.delete(item, condition=condition)
        for (item, condition), _ in self.puts:
            tx.save(item, condition=condition)
        for (item, actions, condition), _ in self.updates:
            tx.update(item, actions, condition=condition)
        return [err for group in (self.checks, self.deletes, self.puts, self.updates) for _, err in group]


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class AuditedCommitter:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def head(self) -> AuditHead:
        try:
            item = AuditHeadItem.get(*keys.AUDIT_HEAD, consistent_read=True)
        except AuditHeadItem.DoesNotExist:
            return GENESIS
        return AuditHead(int(item.seq), item.hash)

    def commit(self, writes: Writes, records: list[AuditRecord]) -> list[AuditEntry]:
        """Write the change and its audit entries in one transaction; raises the change's own error."""
        for attempt in range(MAX_ATTEMPTS):
            head = self.head()
            entries = _chain(head, records)
            try:
                self._transact(writes, head, entries)
                return entries
            except TransactWriteError as exc:
                error = self._change_error(writes, exc, len(entries))
                if error is not None:
                    raise error from exc
            time.sleep(random.uniform(0, 0.02 * 2**attempt))
        raise ConcurrentChange("the audit log is busy; please try again")

    def _transact(self, writes: Writes, head: AuditHead, entries: list[AuditEntry]) -> None:
        with TransactWrite(connection=self._connection) as tx:
            writes.apply(tx)
            for entry in entries:
                tx.save(_entry_item(entry), condition=AuditEntryItem.pk.does_not_exist())
            if entries:
                _move_head(tx, head, entries[-1])

    @staticmethod
    def _change_error(writes: Writes, exc: TransactWriteError, n_entries: int) -> DomainError | None:
        """The change's own error, or None when only the audit head moved (then we retry)."""
        reasons = exc.cancellation_reasons
        if not reasons:
            return None if exc.cause_response_code == "TransactionConflictException" else _default_conflict()
        labels = _labels_in_sent_order(writes, n_entries)
        for reason, label in zip(reasons, labels, strict=False):
            if reason is not None and reason.code == "ConditionalCheckFailed" and label is not None:
                return label()
        return None


def _labels_in_sent_order(writes: Writes, n_entries: int) -> list[ErrorFactory | None]:
    """PynamoDB sends checks, deletes, puts (the change's, the entries', the head's), then updates."""
    audit: list[ErrorFactory | None] = [None] * (n_entries + (1 if n_entries else 0))
    own = [err for group in (writes.checks, writes.deletes, writes.puts) for _, err in group]
    return [*own, *audit, *(err for _, err in writes.updates)]


def _chain(head: AuditHead, records: list[AuditRecord]) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    for record in records:
        entry = append(head, record, now_iso())
        entries.append(entry)
        head = AuditHead(entry.seq, entry.hash)
    return entries


def _entry_item(entry: AuditEntry) -> AuditEntryItem:
    pk, sk = keys.audit_entry(entry.seq)
    return AuditEntryItem(
        pk,
        sk,
        gsi1pk=keys.audit_by_target(entry.target),
        gsi1sk=f"{entry.seq:012d}",
        seq=entry.seq,
        at=entry.at,
        actor=entry.actor,
        action=entry.action,
        target=entry.target,
        before=entry.before,
        after=entry.after,
        prev_hash=entry.prev_hash,
        hash=entry.hash,
    )


def _move_head(tx: TransactWrite, head: AuditHead, last: AuditEntry) -> None:
    item = AuditHeadItem(*keys.AUDIT_HEAD, seq=last.seq, hash=last.hash)
    if head.seq == 0:
        tx.save(item, condition=AuditHeadItem.pk.does_not_exist())
    else:
        tx.save(item, condition=AuditHeadItem.seq == head.seq)


def entry_from_item(item: AuditEntryItem) -> AuditEntry:
    return AuditEntry(
        int(item.seq),
        item.at,
        item.actor,
        item.action,
        item.target,
        item.before,
        item.after,
        item.prev_hash,
        item.hash,
    )
