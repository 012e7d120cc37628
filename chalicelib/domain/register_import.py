"""Rows of an existing register being migrated in: each row checked on its own, with reasons."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from chalicelib.domain.details import DetailError, check_details
from chalicelib.domain.errors import FieldProblem, InvalidInput, Msg
from chalicelib.domain.members import SELF_SERVICE_FIELDS, MembershipCategory, MemberStatus

REQUIRED_COLUMNS = ("email", "first_name", "last_name", "branch_id", "category", "status", "member_since")
OPTIONAL_COLUMNS = (
    "workplace_id",
    "phone",
    "street_address",
    "postal_code",
    "city",
    "country",
    "iban",
    "language",
)
DETAIL_COLUMNS = SELF_SERVICE_FIELDS  # the contact details a member keeps, checked alike
IMPORTABLE_STATUSES = (MemberStatus.ACTIVE, MemberStatus.SUSPENDED, MemberStatus.RESIGNED)


@dataclass(frozen=True)
class RegisterRow:
    number: int
    values: dict[str, object]

    @property
    def email(self) -> str:
        return str(self.values["email"])


@dataclass(frozen=True)
class RejectedRow:
    number: int
    fields: tuple[FieldProblem, ...]


def check_header(columns: Iterable[str]) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in set(columns)]
    if missing:
        raise InvalidInput(
            "the file lacks required columns",
            [FieldProblem(f"columns.{c}", "is a required column") for c in missing],
        )


def check_rows(
    rows: Iterable[Mapping[str, str]], workplaces_by_branch: Mapping[str, frozenset[str]]
) -> Iterator[RegisterRow | RejectedRow]:
    """Check every row (numbered from 2, the header being row 1); a duplicate address is rejected."""
    seen: dict[str, int] = {}
    for number, raw in enumerate(rows, start=2):
        try:
            row = check_row(number, raw, workplaces_by_branch)
        except InvalidInput as exc:
            yield RejectedRow(number, tuple(exc.fields))
            continue
        if row.email in seen:
            yield RejectedRow(
                number, (FieldProblem("email", Msg("appears already on row {row}", row=seen[row.email])),)
            )
            continue
        seen[row.email] = number
        yield row


def check_row(
    number: int, raw: Mapping[str, str], workplaces_by_branch: Mapping[str, frozenset[str]]
) -> RegisterRow:
    cells = {k: (v or "").strip() for k, v in raw.items() if k}
    problems = [FieldProblem(c, "is required") for c in REQUIRED_COLUMNS if not cells.get(c)]
    values: dict[str, object] = {}
    details = {c: cells[c] for c in DETAIL_COLUMNS if cells.get(c)}
    details.setdefault("country", "FI")
    details.setdefault("language", "fi")
    try:
        values.update(check_details(details))
    except InvalidInput as exc:
        problems.extend(exc.fields)
    problems.extend(_check_membership(cells, values, workplaces_by_branch))
    if problems:
        unique = {(p.path, p.message): p for p in problems}
        raise InvalidInput(
            Msg("row {row} is not valid", row=number), sorted(unique.values(), key=lambda p: p.path)
        )
    return RegisterRow(number, values)


def _check_membership(
    cells: Mapping[str, str], values: dict[str, object], workplaces_by_branch: Mapping[str, frozenset[str]]
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    for name, check in (("category", _category), ("status", _status), ("member_since", _date)):
        if cells.get(name):
            try:
                values[name] = check(cells[name])
            except DetailError as exc:
                problems.append(FieldProblem(name, str(exc)))
    problems.extend(_check_place(cells, values, workplaces_by_branch))
    return problems


def _check_place(
    cells: Mapping[str, str], values: dict[str, object], workplaces_by_branch: Mapping[str, frozenset[str]]
) -> list[FieldProblem]:
    branch, workplace = cells.get("branch_id", ""), cells.get("workplace_id") or None
    if not branch:
        return []
    if branch not in workplaces_by_branch:
        return [FieldProblem("branch_id", Msg("no branch has the id {branch}", branch=branch))]
    if workplace and workplace not in workplaces_by_branch[branch]:
        return [
            FieldProblem(
                "workplace_id",
                Msg("no workplace {workplace} in branch {branch}", workplace=workplace, branch=branch),
            )
        ]
    values["branch_id"], values["workplace_id"] = branch, workplace
    return []


def _category(value: str) -> MembershipCategory:
    try:
        return MembershipCategory(value.lower())
    except ValueError as exc:
        raise DetailError(
            Msg("must be one of {values}", values=", ".join(c.value for c in MembershipCategory))
        ) from exc


def _status(value: str) -> MemberStatus:
    try:
        status = MemberStatus(value.lower())
    except ValueError:
        status = None
    if status not in IMPORTABLE_STATUSES:
        raise DetailError(
            Msg("must be one of {values}", values=", ".join(s.value for s in IMPORTABLE_STATUSES))
        )
    return status


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise DetailError("must be a date as YYYY-MM-DD") from exc
