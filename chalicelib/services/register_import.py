"""Migrating an existing register in: every row checked, rejected rows reported, re-runs harmless."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Protocol

from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.errors import DomainError, FieldProblem, NotPermitted
from chalicelib.domain.members import (
    Language,
    Member,
    MembershipCategory,
    MemberStatus,
    StatusChange,
    register_view,
)
from chalicelib.domain.register_import import RegisterRow, RejectedRow, check_header, check_rows
from chalicelib.domain.roles import Principal, Role
from chalicelib.services.clock import now_iso
from chalicelib.services.ports import Store


class RowReader(Protocol):
    def __call__(self, filename: str, content: bytes) -> tuple[list[str], list[dict[str, str]]]: ...


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    dry_run: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "dry_run": self.dry_run,
            "rejected": [
                {"row": r.number, "fields": [{"path": f.path, "message": f.message} for f in r.fields]}
                for r in self.rejected
            ],
        }


def _member_from(row: RegisterRow, member_id: str, grants: tuple = ()) -> Member:
    v = row.values
    return Member(
        id=member_id,
        email=str(v["email"]),
        first_name=str(v["first_name"]),
        last_name=str(v["last_name"]),
        branch_id=str(v["branch_id"]),
        workplace_id=v.get("workplace_id"),  # type: ignore[arg-type]
        category=MembershipCategory(str(v["category"])),
        status=MemberStatus(str(v["status"])),
        member_since=v["member_since"],  # type: ignore[arg-type]
        language=Language(str(v.get("language") or "fi")),
        phone=v.get("phone"),  # type: ignore[arg-type]
        street_address=v.get("street_address"),  # type: ignore[arg-type]
        postal_code=v.get("postal_code"),  # type: ignore[arg-type]
        city=v.get("city"),  # type: ignore[arg-type]
        country=str(v.get("country") or "FI"),
        iban=v.get("iban"),  # type: ignore[arg-type]
        grants=grants,
    )


class RegisterImportService:
    def __init__(self, store: Store, read_rows: RowReader) -> None:
        self._store = store
        self._read_rows = read_rows

    def run(self, actor: str, filename: str, content: bytes, dry_run: bool = False) -> ImportReport:
        """Import every valid row (one transaction each); a rejected row changes nothing."""
        header, raw_rows = self._read_rows(filename, content)
        check_header(header)
        places = self._store.organisation.load().workplaces_by_branch()
        report = ImportReport(dry_run=dry_run)
        for row in check_rows(raw_rows, places):
            if isinstance(row, RejectedRow):
                report.rejected.append(row)
            else:
                self._import_row(actor, row, report)
        self._store.audit.record(
            AuditRecord(actor, "register.imported", f"file:{filename}", None, _summary(report))
        )
        return report

    def run_as(self, who: Principal, filename: str, content: bytes, dry_run: bool) -> ImportReport:
        if not who.has(Role.ADMIN):
            raise NotPermitted("only an admin may import the register")
        return self.run(f"member:{who.member_id}", filename, content, dry_run)

    def _import_row(self, actor: str, row: RegisterRow, report: ImportReport) -> None:
        try:
            outcome = self._upsert(actor, row, report.dry_run)
        except DomainError as exc:
            problems = tuple(exc.fields) or (FieldProblem("email", exc.message),)
            report.rejected.append(RejectedRow(row.number, problems))
            return
        setattr(report, outcome, getattr(report, outcome) + 1)

    def _upsert(self, actor: str, row: RegisterRow, dry_run: bool) -> str:
        existing_id = self._store.members.id_for_email(row.email)
        existing = self._store.members.get(existing_id) if existing_id else None
        if existing is None:
            if not dry_run:
                self._create(actor, _member_from(row, uuid.uuid4().hex))
            return "created"
        incoming = _member_from(row, existing.id, existing.grants).with_changes({"version": existing.version})
        if register_view(incoming) == register_view(existing):
            return "unchanged"
        if not dry_run:
            record = AuditRecord(
                actor,
                "member.import_updated",
                f"member:{existing.id}",
                register_view(existing),
                register_view(incoming),
            )
            self._store.members.save(existing, incoming, [record])
        return "updated"

    def _create(self, actor: str, member: Member) -> None:
        change = StatusChange(
            now_iso(), member.status, member.category, "imported from the previous register"
        )
        record = AuditRecord(actor, "member.imported", f"member:{member.id}", None, register_view(member))
        self._store.members.create(member, change, record)


def _summary(report: ImportReport) -> dict[str, Any]:
    return {
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "rejected": len(report.rejected),
        "dry_run": report.dry_run,
    }
