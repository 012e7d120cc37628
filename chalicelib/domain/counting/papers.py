"""Ranked ballots as text, so that a count can pass thousands of papers on in a few string operations
instead of a Python step per paper.

Each candidate is one letter and each ballot one line: "\\n" and its preferences, in order. Passing
papers on is then deleting the letters of candidates who are no longer continuing (str.translate) and
gathering, for each continuing candidate, the lines that now begin with their letter (re.findall).
Weights stay outside the text: a parcel holds lines of equal weight, and a ballot of weight 5 is a line
in the parcel of weight 4 and one in the parcel of weight 1, so there are few parcels whatever the
weights.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import compress, repeat
from operator import and_, ge

from chalicelib.domain.counting.ballots import Profile

FIRST_LETTER = 0x41  # "A": letters never collide with the "\n" that starts a line
SURROGATES = range(0xD800, 0xE000)  # not characters: skipped


def letter(index: int) -> str:
    code = FIRST_LETTER + index
    return chr(code + len(SURROGATES) if code >= SURROGATES.start else code)


def lettering(ids: Iterable[str]) -> dict[str, str]:
    return {candidate: letter(i) for i, candidate in enumerate(ids)}


@dataclass(frozen=True)
class Papers:
    """Every ballot as a line; `parcels` maps a weight to the lines of that weight."""

    letters: Mapping[str, str]  # candidate id -> letter
    parcels: Mapping[int, str]
    total: int  # the weight of all the ballots, blank ones included


def papers_of(profile: Profile, ids: Iterable[str]) -> Papers:
    letters = lettering(ids)
    lines = list(map("".join, map(map, repeat(letters.__getitem__), profile)))
    return Papers(letters, parcels(lines, list(profile.values())), sum(profile.values()))


def parcels(lines: list[str], weights: list[int]) -> dict[int, str]:
    """The lines (without their "\n") with their weights, as parcels of powers of two."""
    out = {}
    part = 1
    while lines:
        chosen = list(compress(lines, map(and_, weights, repeat(part))))
        if chosen:
            out[part] = "\n" + "\n".join(chosen)
        part <<= 1
        heavier = list(map(ge, weights, repeat(part)))
        lines, weights = list(compress(lines, heavier)), list(compress(weights, heavier))
    return out


FIRST_LETTERS = re.compile("\n(.)")  # "." is anything but "\n": an empty line has none
FEW = 12  # receivers worth searching for one by one without first looking which letters lead lines


class Sorter:
    """Sorts lines to the candidates they now go to."""

    def __init__(self, letters: Mapping[str, str]) -> None:
        self._letters = letters
        self._finders = {c: re.compile("\n" + re.escape(ch) + "[^\n]*") for c, ch in letters.items()}

    def passing_over(self, gone: Iterable[str]) -> dict[int, None]:
        """The str.translate table that deletes the letters of `gone`."""
        return dict.fromkeys(ord(self._letters[c]) for c in gone if c in self._letters)

    def sort(
        self, lines: str, passing_over: dict[int, None], to: list[str]
    ) -> Iterator[tuple[str, str, int]]:
        """(candidate, their lines, how many) for each candidate in `to` that receives a line, once the
        letters in `passing_over` are deleted; lines left empty are non-transferable."""
        moved = lines.translate(passing_over)
        if len(to) > FEW:
            leading = set(FIRST_LETTERS.findall(moved))
            to = [c for c in to if self._letters[c] in leading]
        for candidate in to:
            found = self._finders[candidate].findall(moved)
            if found:
                yield candidate, "".join(found), len(found)
