"""Which members a staff member may list: the index partitions their roles open to them."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.organisation import Organisation
from chalicelib.domain.roles import Principal

# A partition of members to list: members of a branch, or of a workplace.
BY_BRANCH = "branch"
BY_WORKPLACE = "workplace"


@dataclass(frozen=True)
class MemberFilter:
    name_prefix: str | None = None
    category: str | None = None
    status: str | None = None


def visible_partitions(
    who: Principal, org: Organisation, branch_id: str | None, workplace_id: str | None
) -> list[tuple[str, str]]:
    """(index, id) pairs this principal may list, narrowed by the filters; empty when none."""
    if workplace_id:
        branch = org.branch_of_workplace(workplace_id)
        return [(BY_WORKPLACE, workplace_id)] if who.may_see_member_at(branch, workplace_id) else []
    branches = [b.id for b in org.branches if branch_id in (None, b.id)]
    if who.sees_whole_union:
        return [(BY_BRANCH, b) for b in branches]
    mine = [(BY_BRANCH, b) for b in branches if b in who.officer_branches]
    covered = {b for _, b in mine}
    stewarded = sorted(
        w.id
        for w in org.workplaces
        if w.id in who.steward_workplaces and w.branch_id not in covered and w.branch_id in branches
    )
    return mine + [(BY_WORKPLACE, w) for w in stewarded]
