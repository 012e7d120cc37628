"""Reading elections from text: BLT (ranked ballots), candidate votes CSV (list elections) and ballots
CSV (yes/no, single choice, approval). Every error names its line. No I/O: callers pass the text."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from chalicelib.domain.counting.blt_ballots import read_plain_lines
from chalicelib.domain.counting.model import NO, YES, Ballot, Candidate, CountingError, Method


class FormatError(CountingError):
    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line}: {problem}")
        self.line = line
        self.problem = problem


@dataclass(frozen=True)
class Election:
    """What a file holds: the candidates (ids and names), the ballots, and what BLT adds."""

    candidates: tuple[Candidate, ...]
    ballots: Sequence[Ballot]  # from BLT, a BltBallots: equal to the tuple of ballots it stands for
    seats: int | None = None
    withdrawn: frozenset[str] = frozenset()
    title: str = ""


# --- BLT ------------------------------------------------------------------------------------------


def read_blt(text: str) -> Election:
    """`candidates seats`; optionally `-k ...` (withdrawn); `weight pref ... 0` lines; `0`; the
    candidates' names one a line (quoted or not); the title. Candidate ids are "1", "2", ...
    Identical ballot lines come back folded into one weighted ballot."""
    lines = _Lines(text)
    number, first = lines.next("the line `candidates seats`")
    candidates, seats = _header(number, first)
    ids = [str(i) for i in range(1, candidates + 1)]
    number, line = lines.next("the ballots")
    withdrawn: frozenset[str] = frozenset()
    if line.startswith("-"):
        withdrawn = _withdrawn(number, line, candidates)
        number, line = lines.next("the ballots")
    end, ballots = _ballot_lines(lines, number - 1, ids)
    lines.skip_to(end + 1)
    names = [_unquoted(lines.next(f"the name of candidate {i}")[1]) for i in ids]
    title = _blt_title(lines)
    return Election(
        candidates=tuple(Candidate(i, name) for i, name in zip(ids, names, strict=True)),
        ballots=ballots,
        seats=seats,
        withdrawn=withdrawn,
        title=title,
    )


def _ballot_lines(lines: _Lines, start: int, ids: list[str]) -> tuple[int, Sequence[Ballot]]:
    """(index of the `0` line that ends the ballots, the ballots): all at once where every line is
    plain, else line by line."""
    end = lines.first("0", start)
    if end is not None and (plain := read_plain_lines(lines.all[start:end], ids)) is not None:
        return end, plain
    end, section = lines.ballot_section(start)
    return end, _blt_ballots(lines.all, start, section, frozenset(ids))


class _Lines:
    """The lines, read past the empty ones; running out names the last line."""

    def __init__(self, text: str) -> None:
        self.all = text.splitlines()
        self.last = max(1, len(self.all))
        self._at = 0

    def next(self, wanted: str) -> tuple[int, str]:
        found = self.maybe()
        if found is None:
            raise FormatError(self.last, f"the file ends before {wanted}")
        return found

    def maybe(self) -> tuple[int, str] | None:
        while self._at < len(self.all):
            self._at += 1
            line = self.all[self._at - 1].strip()
            if line:
                return self._at, line
        return None

    def first(self, line: str, start: int) -> int | None:
        try:
            return self.all.index(line, start)
        except ValueError:
            return None

    def ballot_section(self, start: int) -> tuple[int, Counter[str]]:
        """(index of the `0` line, the distinct lines before it with how often each appears). Counting
        the raw lines first keeps a hundred thousand ballots from being looked at one by one."""
        try:
            end = self.all.index("0", start)
        except ValueError:
            end = len(self.all)
        section = Counter(self.all[start:end])
        if ends := [line for line in section if len(line) < 16 and line.strip() == "0"]:  # "0" with spaces
            end = min(self.all.index(line, start) for line in ends)
            section = Counter(self.all[start:end])
        if end == len(self.all):
            raise FormatError(self.last, "the file ends before the line `0` that ends the ballots")
        return end, section

    def skip_to(self, index: int) -> None:
        self._at = index


def _header(number: int, line: str) -> tuple[int, int]:
    tokens = line.split()
    if len(tokens) != 2 or not all(t.isdigit() for t in tokens):
        raise FormatError(number, "the first line must be `candidates seats`, two whole numbers")
    candidates, seats = int(tokens[0]), int(tokens[1])
    if candidates < 1 or seats < 1:
        raise FormatError(number, "there must be at least one candidate and one seat")
    return candidates, seats


def _withdrawn(number: int, line: str, candidates: int) -> frozenset[str]:
    out = set()
    for token in line.split():
        if not (token.startswith("-") and token[1:].isdigit() and 1 <= int(token[1:]) <= candidates):
            raise FormatError(number, f"withdrawn candidates are -1 ... -{candidates}, not {token!r}")
        out.add(str(int(token[1:])))
    return frozenset(out)


def _blt_ballots(
    lines: list[str], start: int, section: Counter[str], ids: frozenset[str]
) -> tuple[Ballot, ...]:
    """Each distinct line is read once (a hundred thousand ballots have far fewer distinct lines)."""
    ballots: list[Ballot] = []
    for line, times in section.items():
        if line[:2] == "1 " and line[-2:] == " 0":  # the common `1 pref ... 0`, read without the weight
            weight, prefs = 1, tuple(line[2:-2].split())
        else:
            tokens = line.split()
            if not tokens:
                continue
            ok = tokens[-1] == "0" and tokens[0].isdigit() and int(tokens[0]) > 0
            weight, prefs = (int(tokens[0]) if ok else 0), tuple(tokens[1:-1])
        named = set(prefs)
        if not weight or len(named) != len(prefs) or not named <= ids:
            raise FormatError(lines.index(line, start) + 1, _blt_problem(line, ids))
        ballots.append((weight * times, prefs))
    return tuple(ballots)


def _blt_problem(line: str, ids: frozenset[str]) -> str:
    tokens = line.split()
    if tokens[-1] != "0":
        return "a ballot line must end with 0"
    if not tokens[0].isdigit() or int(tokens[0]) < 1:
        return f"the weight must be a whole number of at least 1, not {tokens[0]!r}"
    prefs = tokens[1:-1]
    bad = [p for p in prefs if p not in ids]
    if bad:
        return "equal rankings (=) are not supported" if "=" in bad[0] else f"no candidate {bad[0]!r}"
    return "a candidate is ranked twice"


def _blt_title(lines: _Lines) -> str:
    found = lines.maybe()
    if found is None:
        return ""
    extra = lines.maybe()
    if extra is not None:
        raise FormatError(extra[0], "unexpected text after the title")
    return _unquoted(found[1])


def _unquoted(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1]
    return text


# --- candidate votes CSV (d'Hondt) ---------------------------------------------------------------

CANDIDATE_COLUMNS = ["candidate", "list", "alliance", "votes"]


def read_candidate_votes(text: str) -> Election:
    """`candidate,list,alliance,votes` with that header; alliance empty where a list stands alone, list
    empty for a candidate standing alone. Each candidate's votes become one weighted ballot."""
    rows = _csv_rows(text)
    number, header = next(rows, (1, []))
    if [h.strip().lower() for h in header] != CANDIDATE_COLUMNS:
        raise FormatError(number, f"the header must be {','.join(CANDIDATE_COLUMNS)}")
    candidates: list[Candidate] = []
    ballots: list[Ballot] = []
    alliances: dict[str, str | None] = {}
    for number, row in rows:
        candidate, votes = _candidate_row(number, row)
        _check_alliance(number, candidate, alliances)
        if any(c.id == candidate.id for c in candidates):
            raise FormatError(number, f"candidate {candidate.id!r} appears twice")
        candidates.append(candidate)
        if votes:
            ballots.append((votes, (candidate.id,)))
    return Election(candidates=tuple(candidates), ballots=tuple(ballots))


def _candidate_row(number: int, row: list[str]) -> tuple[Candidate, int]:
    if len(row) != 4:
        raise FormatError(number, f"expected 4 columns ({','.join(CANDIDATE_COLUMNS)}), found {len(row)}")
    name, list_, alliance, votes = (cell.strip() for cell in row)
    if not name:
        raise FormatError(number, "the candidate's name is empty")
    if not votes.isdigit():
        raise FormatError(number, f"votes must be a whole number, not {votes!r}")
    if alliance and not list_:
        raise FormatError(number, "a candidate in an alliance must be on a list")
    return Candidate(name, name, list_ or None, alliance or None), int(votes)


def _check_alliance(number: int, candidate: Candidate, alliances: dict[str, str | None]) -> None:
    if candidate.list is None:
        return
    known = alliances.setdefault(candidate.list, candidate.alliance)
    if known != candidate.alliance:
        raise FormatError(number, f"list {candidate.list!r} is already in alliance {known or '(none)'!r}")


# --- ballots CSV (yes/no, plurality, approval) ---------------------------------------------------


def read_ballots(text: str, method: Method, max_choices: int | None = None) -> Election:
    """One ballot a line, its choices one a column, an empty line a blank ballot. The first line names
    the options (for yes/no it may be left out: the options are yes and no); a first column headed
    `weight` gives each ballot's weight."""
    rows = _csv_rows(text, keep_empty=True)
    number, header = next(rows, (1, []))
    cells = [c.strip() for c in header]
    weighted = bool(cells) and cells[0].lower() == "weight"
    options = cells[1:] if weighted else cells
    if method is Method.YESNO:
        options = [o.lower() for o in options]
        if sorted(options) != [NO, YES]:
            rows, weighted, options = _csv_rows(text, keep_empty=True), False, [YES, NO]
    if not options or len(set(options)) != len(options) or "" in options:
        raise FormatError(number, "the first line must name the options, each once")
    most = {Method.PLURALITY: 1, Method.YESNO: 1}.get(method, max_choices or len(options))
    reader = _BallotLine(method, frozenset(options), weighted, most)
    ballots = tuple(reader.read(number, row) for number, row in rows)
    return Election(candidates=tuple(Candidate(o, o) for o in options), ballots=ballots)


@dataclass(frozen=True)
class _BallotLine:
    method: Method
    options: frozenset[str]
    weighted: bool
    most: int

    def read(self, number: int, row: list[str]) -> Ballot:
        cells = [c.strip() for c in row]
        weight = 1
        if self.weighted and cells:
            weight_cell, cells = cells[0], cells[1:]
            if not weight_cell.isdigit() or int(weight_cell) < 1:
                raise FormatError(
                    number, f"the weight must be a whole number of at least 1, not {weight_cell!r}"
                )
            weight = int(weight_cell)
        choices = tuple(c.lower() if self.method is Method.YESNO else c for c in cells if c)
        if unknown := [c for c in choices if c not in self.options]:
            raise FormatError(number, f"{unknown[0]!r} is not one of the options")
        if len(set(choices)) != len(choices):
            raise FormatError(number, "an option is chosen twice")
        if len(choices) > self.most:
            raise FormatError(number, f"{len(choices)} choices where at most {self.most} are allowed")
        return weight, choices


def _csv_rows(text: str, keep_empty: bool = False) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for each line; quoted cells may not span lines."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() and not keep_empty:
            continue
        try:
            cells = next(csv.reader([line]), [])
        except csv.Error as exc:
            raise FormatError(number, f"not CSV: {exc}") from exc
        yield number, cells
