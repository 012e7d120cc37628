"""The ballot lines of a BLT file read in bulk, when every line is a plain `1 pref ... 0`.

The whole section is checked and turned into the text a count works on (papers.py) by a handful of
whole-text operations rather than a Python step per ballot; the (weight, choices) tuples are built only
if someone asks for them. Any line that is not plain makes the reader give up (None), and the caller
reads line by line instead, which names the line at fault.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from typing import overload

from chalicelib.domain.counting.model import RANKED, Ballot, Contest
from chalicelib.domain.counting.papers import Papers, lettering, parcels

ONE_BYTE = 0xFF - 0x41 + 1  # candidates whose letters fit in a byte, as the check for repeats needs
WEIGHT, END = b"\x01", b"\x00"  # stand-ins for the leading `1` and the closing `0` of each line


def read_plain_lines(lines: list[str], ids: Sequence[str]) -> BltBallots | None:
    """The ballots of `lines` (the ballot section), or None when a line needs reading on its own."""
    if not lines or len(ids) > ONE_BYTE:
        return None
    letters = lettering(ids)
    folded = Counter(lines)
    try:
        section = ("\n" + "\n".join(folded) + "\n").encode("ascii")
    except UnicodeEncodeError:
        return None
    text = _lettered(section, letters, len(folded)) if _single_spaced_numbers(section) else None
    if text is None or _repeats(text, letters.values()):
        return None
    each = text.decode("latin-1").split("\n")[1:]
    return BltBallots(folded, Papers(letters, parcels(each, list(folded.values())), len(lines)))


def _single_spaced_numbers(section: bytes) -> bool:
    """Only digits, each line's numbers separated by one space: so a line has one token more than
    spaces."""
    return not section.translate(None, b"0123456789 \n") and not any(
        gap in section for gap in (b"  ", b"\n ", b" \n")
    )


def _lettered(section: bytes, letters: dict[str, str], count: int) -> bytes | None:
    """Each line as its preferences' letters, or None unless every line is `1`, known candidates and
    `0` (single-spaced numbers, as checked before)."""
    spaces = section.count(b" ")
    for candidate, letter in letters.items():
        if len(candidate) > 1:  # `10` and up: whole tokens first, so that `1` cannot take them
            section = section.replace(f" {candidate} ".encode(), f" {letter} ".encode("latin-1"))
    singles = [(c.encode(), ch.encode("latin-1")) for c, ch in letters.items() if len(c) == 1]
    table = bytes.maketrans(b"0" + b"".join(c for c, _ in singles), END + b"".join(ch for _, ch in singles))
    coded = section.replace(b"\n1 ", b"\n" + WEIGHT + b" ").translate(table, b" ")
    plain = (
        coded.count(b"\n" + WEIGHT) == count
        and coded.count(END + b"\n") == count == coded.count(END)
        and len(coded) - (count + 1) == spaces + count  # a character a token: no unknown `11`
        and not coded.translate(None, b"\n" + WEIGHT + END + "".join(letters.values()).encode("latin-1"))
    )
    return coded.translate(None, WEIGHT + END)[:-1] if plain else None


def _repeats(text: bytes, letters: Iterable[str]) -> bool:
    """Whether a line names a candidate twice: keep one letter, look for it twice in a row."""
    every = "".join(letters).encode("latin-1")
    for letter in every:
        alone = text.translate(None, every.replace(bytes([letter]), b""))
        if bytes([letter, letter]) in alone:
            return True
    return False


class BltBallots(Sequence[Ballot]):
    """A BLT file's ballots, identical lines folded together in the order first seen; equal to the
    tuple of (weight, choices) they stand for."""

    def __init__(self, lines: Counter[str], papers: Papers) -> None:
        self._lines = lines  # each distinct plain line and how often it appears
        self.papers = papers

    def fit(self, contest: Contest) -> bool:
        """Whether they are already valid ballots for a ranked `contest` (it knows every candidate)."""
        return contest.method in RANKED and set(self.papers.letters) <= set(contest.ids)

    @cached_property
    def folded(self) -> tuple[Ballot, ...]:
        return tuple((times, tuple(line[2:-2].split())) for line, times in self._lines.items())

    @overload
    def __getitem__(self, index: int) -> Ballot: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Ballot, ...]: ...
    def __getitem__(self, index: int | slice) -> Ballot | tuple[Ballot, ...]:
        return self.folded[index]

    def __len__(self) -> int:
        return len(self.folded)

    def __iter__(self) -> Iterator[Ballot]:
        return iter(self.folded)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, BltBallots):
            return self.folded == other.folded
        return self.folded == other if isinstance(other, tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.folded)

    def __repr__(self) -> str:
        return repr(self.folded)
