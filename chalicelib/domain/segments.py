"""Saved segments: a named rule picking members by branch, workplace, category, status and join date.

Events use one as their audience, elections as their eligibility, messages as their recipients.
A member is in a segment when they match every part of the rule that is given (within a part,
any of the listed values will do).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from chalicelib.domain.errors import FieldProblem, InvalidInput, Msg
from chalicelib.domain.members import Member, MembershipCategory, MemberStatus
from chalicelib.domain.organisation import Organisation


@dataclass(frozen=True)
class SegmentRule:
    branch_ids: frozenset[str] = frozenset()
    workplace_ids: frozenset[str] = frozenset()
    categories: frozenset[MembershipCategory] = frozenset()
    statuses: frozenset[MemberStatus] = frozenset({MemberStatus.ACTIVE})
    member_since_from: date | None = None
    member_since_until: date | None = None

    def matches(self, member: Member) -> bool:
        return (
            _allows(self.branch_ids, member.branch_id)
            and _allows(self.workplace_ids, member.workplace_id)
            and _allows(self.categories, member.category)
            and _allows(self.statuses, member.status)
            and (self.member_since_from is None or member.member_since >= self.member_since_from)
            and (self.member_since_until is None or member.member_since <= self.member_since_until)
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "branch_ids": sorted(self.branch_ids),
            "workplace_ids": sorted(self.workplace_ids),
            "categories": sorted(c.value for c in self.categories),
            "statuses": sorted(s.value for s in self.statuses),
            "member_since_from": _iso(self.member_since_from),
            "member_since_until": _iso(self.member_since_until),
        }


def _allows(wanted: frozenset[Any], value: Any) -> bool:
    return not wanted or value in wanted


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class Segment:
    id: str
    name: str
    rule: SegmentRule
    created_by: str
    created_at: str
    description: str = ""
    revision: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def rule_from_json(raw: dict[str, Any], prefix: str = "rule") -> SegmentRule:
    """A rule from its JSON form (already schema-checked); raises InvalidInput naming the bad date."""
    since_from = _date(raw.get("member_since_from"), f"{prefix}.member_since_from")
    since_until = _date(raw.get("member_since_until"), f"{prefix}.member_since_until")
    if since_from and since_until and since_from > since_until:
        raise InvalidInput.on(f"{prefix}.member_since_until", "must not be before member_since_from")
    statuses = raw.get("statuses")
    return SegmentRule(
        branch_ids=frozenset(raw.get("branch_ids") or ()),
        workplace_ids=frozenset(raw.get("workplace_ids") or ()),
        categories=frozenset(MembershipCategory(c) for c in raw.get("categories") or ()),
        statuses=frozenset(MemberStatus(s) for s in statuses)
        if statuses
        else frozenset({MemberStatus.ACTIVE}),
        member_since_from=since_from,
        member_since_until=since_until,
    )


def _date(raw: Any, path: str) -> date | None:
    if raw in (None, ""):
        return None
    try:
        return date.fromisoformat(str(raw))
    except ValueError as exc:
        raise InvalidInput.on(path, "must be a date as YYYY-MM-DD") from exc


def check_rule(rule: SegmentRule, org: Organisation, prefix: str = "rule") -> None:
    """Every branch and workplace the rule names must exist; raises InvalidInput naming each."""
    branches = {b.id for b in org.branches}
    workplaces = {w.id for w in org.workplaces}
    problems = [
        FieldProblem(f"{prefix}.branch_ids", Msg("no branch has the id {branch}", branch=b))
        for b in sorted(rule.branch_ids - branches)
    ]
    problems += [
        FieldProblem(f"{prefix}.workplace_ids", Msg("no workplace has the id {workplace}", workplace=w))
        for w in sorted(rule.workplace_ids - workplaces)
    ]
    if problems:
        raise InvalidInput(Msg("the request has {count} invalid field(s)", count=len(problems)), problems)
