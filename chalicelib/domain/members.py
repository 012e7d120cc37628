"""Members of the union: who they are, where they belong, and how their membership changes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from chalicelib.domain.errors import InvalidTransition, Msg
from chalicelib.domain.roles import RoleGrant


class MemberStatus(StrEnum):
    APPLICANT = "applicant"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    RESIGNED = "resigned"


class MembershipCategory(StrEnum):
    WORKING = "working"
    STUDENT = "student"
    UNEMPLOYED = "unemployed"
    RETIRED = "retired"
    PARENTAL_LEAVE = "parental_leave"


class Language(StrEnum):
    FI = "fi"
    SV = "sv"
    EN = "en"


ALLOWED_STATUS_CHANGES: dict[MemberStatus, frozenset[MemberStatus]] = {
    MemberStatus.APPLICANT: frozenset({MemberStatus.ACTIVE}),
    MemberStatus.ACTIVE: frozenset({MemberStatus.SUSPENDED, MemberStatus.RESIGNED}),
    MemberStatus.SUSPENDED: frozenset({MemberStatus.ACTIVE, MemberStatus.RESIGNED}),
    MemberStatus.RESIGNED: frozenset(),
}

# Fields a member may change about themselves (PATCH /api/me).
SELF_SERVICE_FIELDS = (
    "email",
    "first_name",
    "last_name",
    "phone",
    "street_address",
    "postal_code",
    "city",
    "country",
    "iban",
    "language",
)


@dataclass(frozen=True)
class StatusChange:
    at: str
    status: MemberStatus
    category: MembershipCategory
    reason: str


@dataclass(frozen=True)
class Member:
    id: str
    email: str
    first_name: str
    last_name: str
    branch_id: str
    workplace_id: str | None
    category: MembershipCategory
    status: MemberStatus
    member_since: date
    language: Language = Language.FI
    phone: str | None = None
    street_address: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country: str = "FI"
    iban: str | None = None
    grants: tuple[RoleGrant, ...] = field(default_factory=tuple)
    version: int = 0

    def with_changes(self, changes: dict[str, object]) -> Member:
        return replace(self, **changes)  # type: ignore[arg-type]

    def changed_fields(self, other: Member, names: tuple[str, ...]) -> dict[str, tuple]:
        return {
            n: (getattr(self, n), getattr(other, n)) for n in names if getattr(self, n) != getattr(other, n)
        }

    def move_to(self, status: MemberStatus) -> Member:
        if status not in ALLOWED_STATUS_CHANGES[self.status]:
            raise InvalidTransition(
                Msg("a membership cannot go from {before} to {after}", before=self.status, after=status)
            )
        return replace(self, status=status)


def register_view(member: Member) -> dict[str, object]:
    """The register fields of a member, as plain values (for audit before/after and exports)."""
    return {
        "email": member.email,
        "first_name": member.first_name,
        "last_name": member.last_name,
        "branch_id": member.branch_id,
        "workplace_id": member.workplace_id,
        "category": member.category.value,
        "status": member.status.value,
        "member_since": member.member_since.isoformat(),
        "language": member.language.value,
        "phone": member.phone,
        "street_address": member.street_address,
        "postal_code": member.postal_code,
        "city": member.city,
        "country": member.country,
        "iban": member.iban,
    }
