"""Ties: the look-back to earlier stages, then a lot drawn from the contest's seed.

The lot orders the tied candidates by SHA-256 of (seed, stage, the tied ids sorted, the candidate's id),
so it is fixed by the seed alone: equal seeds give equal draws, and no ballot order or clock enters it.
Every tie that decides something is written down as `{"stage", "candidates", "rule", "chosen", "for"}`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

EARLIER_STAGE = "earlier stage"
LOT = "lot"


def draw(seed: str, stage: str, tied: Iterable[str]) -> list[str]:
    """The tied candidates in the order the lot draws them."""
    ids = sorted(tied)

    def ticket(candidate: str) -> str:
        material = json.dumps([seed, stage, ids, candidate], ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(material.encode()).hexdigest()

    return sorted(ids, key=ticket)


def record(stage: Any, tied: Iterable[str], rule: str, chosen: Sequence[str], purpose: str) -> dict[str, Any]:
    return {"stage": stage, "candidates": sorted(tied), "rule": rule, "chosen": list(chosen), "for": purpose}


class TieBreaker:
    """Chooses among tied candidates and keeps the record of every choice."""

    def __init__(self, seed: str) -> None:
        self.seed = seed
        self.records: list[dict[str, Any]] = []

    def by_lot(self, stage: Any, tied: Sequence[str], purpose: str, take: int = 1) -> list[str]:
        """`take` of the tied candidates, drawn by lot, in the order drawn."""
        chosen = draw(self.seed, f"{stage}:{purpose}", tied)[:take]
        self.records.append(record(stage, tied, LOT, chosen, purpose))
        return chosen

    def by_history(
        self,
        stage: Any,
        tied: Sequence[str],
        history: Sequence[Mapping[str, Any]],
        pick: Callable[[Iterable[Any]], Any],
        purpose: str,
    ) -> str:
        """One of the tied: `pick` (min or max) of their totals at the most recent earlier stage at which
        they differed; if several share that total there, look further back among them; then lot."""
        remaining = list(tied)
        used: list[int] = []  # the stages (1-based) that narrowed the tie
        for index in range(len(history) - 1, -1, -1):
            totals = history[index]
            values = {totals.get(c, 0) for c in remaining}
            if len(values) > 1:
                best = pick(values)
                remaining = [c for c in remaining if totals.get(c, 0) == best]
                used.append(index + 1)
                if len(remaining) == 1:
                    break
        if len(remaining) == 1:
            self.records.append(
                {**record(stage, tied, EARLIER_STAGE, remaining, purpose), "stages_compared": used}
            )
            return remaining[0]
        chosen = draw(self.seed, f"{stage}:{purpose}", remaining)[0]
        entry = record(stage, tied, LOT, [chosen], purpose)
        if used:  # the look-back narrowed the tie but could not end it
            entry |= {"stages_compared": used, "drawn_among": sorted(remaining)}
        self.records.append(entry)
        return chosen

    def top(self, scores: Mapping[str, Any], seats: int, stage: Any) -> list[str]:
        """The `seats` highest scores (above zero), highest first; equal scores ordered by lot, recorded
        as deciding a seat where the tie straddles the last seat, else the order of election."""
        ranked = sorted((s for s in set(scores.values()) if s > 0), reverse=True)
        chosen: list[str] = []
        for score in ranked:
            if len(chosen) >= seats:
                break
            group = sorted(c for c, s in scores.items() if s == score)
            room = seats - len(chosen)
            if len(group) == 1:
                chosen += group
            elif len(group) <= room:
                chosen += self.by_lot(stage, group, "order of election", take=len(group))
            else:
                chosen += self.by_lot(stage, group, "seat", take=room)
        return chosen
