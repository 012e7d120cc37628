"""Verifying the audit log's hash chain end to end."""

from __future__ import annotations

from chalicelib.domain.audit import ChainReport, verify_chain
from chalicelib.services.ports import Store


class AuditService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def verify(self) -> ChainReport:
        """Re-hash every entry in order against the head; names the first broken entry."""
        head = self._store.audit.head()
        return verify_chain(self._store.audit.entries(), head)
