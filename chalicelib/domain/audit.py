"""The audit log's hash chain: every entry holds the hash of the one before it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditRecord:
    """What happened, before it gets its place in the chain."""

    actor: str
    action: str
    target: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


@dataclass(frozen=True)
class AuditHead:
    seq: int
    hash: str


GENESIS = AuditHead(0, GENESIS_HASH)


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    target: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    prev_hash: str
    hash: str

    def recomputed_hash(self) -> str:
        return entry_hash(self.seq, self.at, self.record(), self.prev_hash)

    def record(self) -> AuditRecord:
        return AuditRecord(self.actor, self.action, self.target, self.before, self.after)


def entry_hash(seq: int, at: str, record: AuditRecord, prev_hash: str) -> str:
    canonical = json.dumps(
        [seq, at, record.actor, record.action, record.target, record.before, record.after, prev_hash],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def append(head: AuditHead, record: AuditRecord, at: str) -> AuditEntry:
    seq = head.seq + 1
    digest = entry_hash(seq, at, record, head.hash)
    return AuditEntry(
        seq, at, record.actor, record.action, record.target, record.before, record.after, head.hash, digest
    )


@dataclass(frozen=True)
class ChainReport:
    entries: int
    first_broken_seq: int | None
    problem: str | None

    @property
    def intact(self) -> bool:
        return self.first_broken_seq is None


def verify_chain(entries: Iterable[AuditEntry], head: AuditHead) -> ChainReport:
    """Walk the entries in order; name the first one whose place or content does not hold."""
    previous = GENESIS
    count = 0
    for entry in entries:
        count += 1
        problem = _problem(entry, previous)
        if problem:
            return ChainReport(count, entry.seq, problem)
        previous = AuditHead(entry.seq, entry.hash)
    if previous != head:
        return ChainReport(
            count, previous.seq + 1, f"the chain ends at {previous.seq} but the head says {head.seq}"
        )
    return ChainReport(count, None, None)


def _problem(entry: AuditEntry, previous: AuditHead) -> str | None:
    if entry.seq != previous.seq + 1:
        return f"entry {entry.seq} follows entry {previous.seq}: an entry is missing or out of order"
    if entry.prev_hash != previous.hash:
        return f"entry {entry.seq} does not point to the hash of entry {previous.seq}"
    if entry.recomputed_hash() != entry.hash:
        return f"entry {entry.seq} was altered: its content does not match its hash"
    return None
