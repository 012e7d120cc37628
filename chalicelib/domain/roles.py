"""Roles, their scopes, and the signed-in principal that every permission check starts from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from chalicelib.domain.errors import Msg, NotPermitted


class Role(StrEnum):
    MEMBER = "member"
    SHOP_STEWARD = "shop_steward"
    BRANCH_OFFICER = "branch_officer"
    ORGANIZER = "organizer"
    TRUSTEE = "trustee"
    TREASURER = "treasurer"
    ELECTION_OFFICER = "election_officer"
    ADMIN = "admin"


# Roles whose holders see members of the whole union, not only a scope.
UNION_WIDE_STAFF = frozenset({Role.ADMIN, Role.TREASURER, Role.ELECTION_OFFICER})
STAFF = frozenset({Role.SHOP_STEWARD, Role.BRANCH_OFFICER}) | UNION_WIDE_STAFF


@dataclass(frozen=True)
class RoleGrant:
    """A role, and for scoped roles the branches or workplaces it covers."""

    role: Role
    branch_ids: frozenset[str] = frozenset()
    workplace_ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Principal:
    member_id: str
    session_id: str
    grants: tuple[RoleGrant, ...]

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(g.role for g in self.grants) | {Role.MEMBER}

    def has(self, role: Role) -> bool:
        return role in self.roles

    def require_any(self, roles: Iterable[Role]) -> None:
        wanted = frozenset(roles)
        if not wanted & self.roles:
            names = ", ".join(sorted(r.value for r in wanted))
            raise NotPermitted(Msg("this needs one of the roles: {roles}", roles=names))

    @property
    def officer_branches(self) -> frozenset[str]:
        return _union(g.branch_ids for g in self.grants if g.role is Role.BRANCH_OFFICER)

    @property
    def steward_workplaces(self) -> frozenset[str]:
        return _union(g.workplace_ids for g in self.grants if g.role is Role.SHOP_STEWARD)

    @property
    def sees_whole_union(self) -> bool:
        return bool(self.roles & UNION_WIDE_STAFF)

    def may_see_member_at(self, branch_id: str | None, workplace_id: str | None) -> bool:
        """Whether this principal, as staff, may see a member of that branch and workplace."""
        if self.sees_whole_union:
            return True
        if branch_id is not None and branch_id in self.officer_branches:
            return True
        return workplace_id is not None and workplace_id in self.steward_workplaces

    def require_officer_of(self, branch_id: str) -> None:
        if Role.ADMIN in self.roles or branch_id in self.officer_branches:
            return
        raise NotPermitted("only an officer of that branch may do this")


def _union(sets: Iterable[frozenset[str]]) -> frozenset[str]:
    out: set[str] = set()
    for s in sets:
        out |= s
    return frozenset(out)


def scoped_roles(grants: Iterable[RoleGrant]) -> frozenset[tuple[Role, str]]:
    """Each (role, scope) the grants give: a branch, a workplace, or "*" for the whole union."""
    pairs: set[tuple[Role, str]] = set()
    for g in grants:
        scopes = g.branch_ids | g.workplace_ids
        pairs |= {(g.role, s) for s in scopes} if scopes else {(g.role, "*")}
    return frozenset(pairs)


def grants_as_json(grants: Iterable[RoleGrant]) -> list[dict[str, object]]:
    return [
        {"role": g.role.value, "branch_ids": sorted(g.branch_ids), "workplace_ids": sorted(g.workplace_ids)}
        for g in grants
    ]


def grants_from_json(raw: object) -> tuple[RoleGrant, ...]:
    """Grants from their JSON form; raises ValueError for anything that is not one."""
    if not isinstance(raw, list):
        raise ValueError("grants must be a list")
    try:
        return tuple(
            RoleGrant(
                Role(g["role"]), frozenset(g.get("branch_ids", [])), frozenset(g.get("workplace_ids", []))
            )
            for g in raw
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError("not a role grant") from exc
