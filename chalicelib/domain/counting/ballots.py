"""Checking a contest and its ballots, and folding identical ballots into one weighted entry."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from chalicelib.domain.counting.model import BLANK, NO, RANKED, YES, Ballot, Contest, CountingError, Method

Profile = dict[tuple[str, ...], int]  # distinct choices -> total weight


def aggregate(ballots: Iterable[Ballot]) -> Profile:
    """Sum the weights of identical ballots (what makes a million ballots quick to count)."""
    totals: defaultdict[tuple[str, ...], int] = defaultdict(int)
    lightest = 1
    try:
        for weight, choices in ballots:
            totals[choices] += weight
            if weight < lightest:
                lightest = weight
    except (TypeError, ValueError) as exc:
        raise CountingError(f"a ballot is not (weight, choices): {exc}") from exc
    if lightest < 1:
        raise CountingError(f"a ballot has weight {lightest}; weights are whole numbers of at least 1")
    if set(map(type, totals.values())) - {int}:
        raise CountingError("a ballot has a weight that is not a whole number")
    return dict(totals)


def check_contest(contest: Contest) -> None:
    ids = contest.ids
    if len(set(ids)) != len(ids):
        raise CountingError("two candidates have the same id")
    if not all(ids) or (BLANK in ids and contest.method not in RANKED):
        raise CountingError(f"a candidate id must not be empty or {BLANK!r}")
    if contest.seats < 1:
        raise CountingError(f"seats must be at least 1, not {contest.seats}")
    if unknown := contest.withdrawn - set(ids):
        raise CountingError(f"withdrawn candidates are not standing: {sorted(unknown)}")
    if contest.method is Method.IRV and contest.seats != 1:
        raise CountingError("instant-runoff fills one seat; use stv-scottish or stv-meek for more")
    if contest.max_choices is not None and contest.max_choices < 1:
        raise CountingError(f"max_choices must be at least 1, not {contest.max_choices}")
    share = contest.qualified_majority
    if share is not None and not 0 < share <= 1:
        raise CountingError(f"qualified_majority must be a share above 0 and at most 1, not {share}")
    if contest.quorum is not None and contest.quorum < 0:
        raise CountingError(f"quorum must not be negative, not {contest.quorum}")


def check_choices(contest: Contest, profile: Profile) -> None:
    """Every ballot must name only standing options, each once, and no more than the kind allows."""
    if contest.method is Method.YESNO:
        for choices in profile:
            if choices not in ((), (YES,), (NO,)):
                raise CountingError(f"ballot {list(choices)}: a yes/no ballot is yes, no or blank")
        return
    known = frozenset(contest.ids)
    most = _most_choices(contest)
    for choices in profile:
        if type(choices) is not tuple or len(choices) > most:
            _refuse(choices, known, most)
        named = set(choices)
        if len(named) != len(choices) or not named <= known:
            _refuse(choices, known, most)


def _refuse(choices: object, known: frozenset[str], most: int) -> None:
    if not isinstance(choices, tuple):
        raise CountingError(f"ballot {choices!r}: choices must be a tuple of candidate ids")
    if unknown := [c for c in choices if c not in known]:
        raise CountingError(f"ballot {list(choices)} names an unknown candidate {unknown[0]!r}")
    if len(set(choices)) != len(choices):
        raise CountingError(f"ballot {list(choices)} names a candidate twice")
    raise CountingError(f"ballot {list(choices)} has {len(choices)} choices; at most {most} allowed")


def _most_choices(contest: Contest) -> int:
    if contest.method in (Method.PLURALITY, Method.DHONDT):
        return 1
    if contest.method is Method.APPROVAL and contest.max_choices is not None:
        return contest.max_choices
    return len(contest.candidates)


def without_withdrawn(contest: Contest, profile: Profile) -> Profile:
    """Withdrawn candidates are passed over as if never marked (a ballot naming only them is blank)."""
    if not contest.withdrawn:
        return profile
    gone = contest.withdrawn
    folded: defaultdict[tuple[str, ...], int] = defaultdict(int)
    for choices, weight in profile.items():
        folded[tuple(c for c in choices if c not in gone)] += weight
    return dict(folded)


def prepared(contest: Contest, ballots: Iterable[Ballot]) -> Profile:
    check_contest(contest)
    profile = aggregate(ballots)
    check_choices(contest, profile)
    return without_withdrawn(contest, profile)


def split_blank(profile: Profile) -> tuple[Profile, int]:
    """(the ballots with a choice, the weight of blank ballots)."""
    marked = dict(profile)
    return marked, marked.pop((), 0)
