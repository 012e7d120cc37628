"""What a member would lose by resigning, shown before they confirm."""

from __future__ import annotations

from datetime import date, timedelta

from chalicelib.domain.members import Member, MembershipCategory

COMMON_LOSSES = ("legal_aid", "insurance", "voting_rights", "events_and_trainings", "member_benefits")


def consequences(member: Member) -> list[str]:
    """Codes of what resigning ends for this member, most serious first."""
    losses: list[str] = []
    if member.category in (MembershipCategory.WORKING, MembershipCategory.PARENTAL_LEAVE):
        losses.append("strike_allowance")
    if member.category is not MembershipCategory.RETIRED:
        losses.append("unemployment_fund")
    return losses + list(COMMON_LOSSES)


def effective_date(today: date) -> date:
    """A resignation takes effect at the end of the current month."""
    first_of_next = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first_of_next - timedelta(days=1)
