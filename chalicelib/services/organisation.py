"""The union's branches, employers and workplaces."""

from __future__ import annotations

from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.organisation import Branch, Employer, Organisation, Workplace
from chalicelib.services.ports import Store


class OrganisationService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def organisation(self) -> Organisation:
        return self._store.organisation.load()

    def add(self, actor: str, thing: Branch | Employer | Workplace) -> None:
        kind = type(thing).__name__.lower()
        record = AuditRecord(actor, f"organisation.{kind}_added", f"{kind}:{thing.id}", None, vars(thing))
        self._store.organisation.add(thing, record)
