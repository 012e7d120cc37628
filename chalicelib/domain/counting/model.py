"""What a count takes and gives: the contest, its ballots and the result, JSON-ready."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import Any

# (weight, choices): candidate ids, in order of preference for ranked methods; () is a blank ballot.
Ballot = tuple[int, tuple[str, ...]]

YES, NO = "yes", "no"
BLANK = "blank"  # the key of blank ballots in `Result.counts`


class Method(StrEnum):
    YESNO = "yesno"
    PLURALITY = "plurality"
    APPROVAL = "approval"
    IRV = "irv"
    STV_SCOTTISH = "stv-scottish"
    STV_MEEK = "stv-meek"
    DHONDT = "dhondt"


RANKED = frozenset({Method.IRV, Method.STV_SCOTTISH, Method.STV_MEEK})


class CountingError(ValueError):
    """An invalid contest or ballot; the message names the problem."""


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    list: str | None = None
    alliance: str | None = None


@dataclass(frozen=True)
class Contest:
    method: Method
    candidates: tuple[Candidate, ...]
    seats: int = 1
    max_choices: int | None = None
    seed: str = ""  # fixes the lot: anyone re-running the count with the same seed gets the same result
    withdrawn: frozenset[str] = frozenset()
    qualified_majority: Fraction | None = None  # yesno: share of yes among yes+no needed
    quorum: int | None = None  # yesno: minimum ballots cast (blank included) for the vote to be valid

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.candidates)

    @property
    def standing(self) -> tuple[str, ...]:
        """Candidate ids in the order given, without the withdrawn."""
        return tuple(c.id for c in self.candidates if c.id not in self.withdrawn)


# Where a result names candidates, so that `as_json(names)` can put names in their place.
_ID_MAPS = frozenset({"votes", "keep_values", "comparison_numbers", "counts"})
_ID_LISTS = frozenset({"elected", "excluded", "eliminated", "candidates", "chosen", "order"})
_ID_VALUES = frozenset({"from", "candidate"})


@dataclass(frozen=True)
class Result:
    elected: tuple[str, ...]
    rounds: tuple[dict[str, Any], ...]
    tie_breaks: tuple[dict[str, Any], ...]
    counts: dict[str, int] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self, names: Mapping[str, str] | None = None) -> dict[str, Any]:
        """The published form; with `names`, candidate ids are replaced by names."""
        out: dict[str, Any] = {
            "elected": list(self.elected),
            "rounds": list(self.rounds),
            "tie_breaks": list(self.tie_breaks),
        }
        if self.counts is not None:
            out["counts"] = dict(self.counts)
        for key in ("seats_per_list", "comparison_numbers"):
            if key in self.extra:
                out[key] = self.extra[key]
        return _renamed(out, names) if names else _copied(out)


def _copied(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_copied(v) for v in value]
    return value


def _renamed(value: Any, names: Mapping[str, str], key: str = "") -> Any:
    if isinstance(value, dict):
        if key in _ID_MAPS:
            return {names.get(k, k): _renamed(v, names) for k, v in value.items()}
        return {k: _renamed(v, names, k) for k, v in value.items()}
    if isinstance(value, list | tuple):
        if key in _ID_LISTS:
            return [names.get(v, v) if isinstance(v, str) else _renamed(v, names) for v in value]
        return [_renamed(v, names) for v in value]
    if isinstance(value, str) and (key in _ID_VALUES or key in _ID_LISTS):
        return names.get(value, value)
    return value
