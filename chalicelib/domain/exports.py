"""Participant exports: which participants, which columns, what each cell says, and the guard
against formula injection.

The guard follows OWASP's "CSV Injection" page: a cell that begins with `=`, `+`, `-`, `@`, tab or
carriage return (and, as the page's later revision adds, line feed and the full-width forms
U+FF1D, U+FF0B, U+FF0D, U+FF20) gets a leading apostrophe, so a spreadsheet reads it as text. The
page's other half, a separator or quote inside a value starting a new cell, is the CSV writer's
job: it quotes every field and doubles embedded quotes (chalicelib/adapters/exports.py). XLSX
cells get the same guard: openpyxl itself would store a text starting with `=` as a formula.

Decisions, for those who read the files:
- A question's column header is its property key (docs/events.md: "property names are the answer
  keys and the export columns"), in the schema's property order; a key that repeats a fixed
  column's name gets an `answers.` prefix so every header stays unique.
- Lists (multi-choice) are joined with "; "; yes/no answers are words in the requested language;
  numbers stay numbers (they are validated as numbers, so they cannot carry a formula).
- Times are UTC, ISO 8601 with `Z`, to the second, as the API gives them.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import BinaryIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from chalicelib.domain.errors import InvalidInput, Msg
from chalicelib.domain.events import ACTIVE_STATUSES, Event, Participant, RegistrationStatus

Cell = str | int | float | None

FORMULA_LEADERS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
TEXT_MARK = "'"
ANSWER_SEPARATOR = "; "
FIXED_COLUMNS = ("first_name", "last_name", "email", "status", "position", "registered_at", "checked_in_at")
YES_NO = {"fi": ("kyllä", "ei"), "sv": ("ja", "nej"), "en": ("yes", "no")}
CHECKED_IN = "checked_in"
SELECTABLE = ("confirmed", "waiting", CHECKED_IN, "pending_approval")
LINK_SECONDS = 300
_STATUS_LIST = Msg(
    "must be confirmed, waiting, checked_in or pending_approval, or several of them separated by commas"
)


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self]

    @property
    def is_binary(self) -> bool:
        return self is ExportFormat.XLSX


MEDIA_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
DELIMITERS = {"comma": ",", "semicolon": ";"}


def neutralise(text: str) -> str:
    """The text as a spreadsheet must show it: with an apostrophe before a formula's first sign."""
    return TEXT_MARK + text if text[:1] in FORMULA_LEADERS else text


def delimiter_for(name: str | None) -> str:
    return DELIMITERS[name or "comma"]


@dataclass(frozen=True)
class Selection:
    """Whom an export lists: registrations in `statuses`, and with `checked_in` also the confirmed
    participants who have arrived (check-in is a mark on a confirmed registration, not a status)."""

    statuses: frozenset[RegistrationStatus]
    checked_in: bool = False

    @classmethod
    def parse(cls, raw: str | None) -> Selection:
        """`confirmed,waiting`-style text; none means everyone still taking part (not cancelled
        or declined). Raises InvalidInput naming `status`."""
        names = [n.strip() for n in (raw or "").split(",") if n.strip()]
        if not names:
            return TAKING_PART
        unknown = [n for n in names if n not in SELECTABLE]
        if unknown:
            raise InvalidInput.on("status", _STATUS_LIST)
        statuses = frozenset(RegistrationStatus(n) for n in names if n != CHECKED_IN)
        return cls(statuses, CHECKED_IN in names)

    @property
    def fetched(self) -> tuple[RegistrationStatus, ...]:
        """The statuses to read from the store (check-ins are among the confirmed)."""
        wanted = self.statuses | ({RegistrationStatus.CONFIRMED} if self.checked_in else set())
        return tuple(sorted(wanted))

    def includes(self, participant: Participant) -> bool:
        if participant.status in self.statuses:
            return True
        arrived = participant.status is RegistrationStatus.CONFIRMED and participant.checked_in_at is not None
        return self.checked_in and arrived

    def names(self) -> list[str]:
        return sorted([*(s.value for s in self.statuses), *([CHECKED_IN] if self.checked_in else [])])


TAKING_PART = Selection(frozenset(ACTIVE_STATUSES))


@dataclass(frozen=True)
class Layout:
    """The columns of one event's export and how a participant fills them."""

    questions: tuple[str, ...]
    language: str = "fi"

    @classmethod
    def for_event(cls, event: Event, language: str) -> Layout:
        properties = (event.questions or {}).get("properties") or {}
        return cls(tuple(str(key) for key in properties), language)

    @property
    def header(self) -> list[str]:
        return [*FIXED_COLUMNS, *(question_header(key) for key in self.questions)]

    def row(self, p: Participant) -> list[Cell]:
        fixed: list[Cell] = [
            neutralise(p.first_name),
            neutralise(p.last_name),
            neutralise(p.email),
            p.status.value,
            p.position,
            utc_text(p.registered_at),
            utc_text(p.checked_in_at),
        ]
        return fixed + [answer_cell(p.answers.get(key), self.language) for key in self.questions]

    def rows(self, participants: Iterable[Participant]) -> Iterator[list[Cell]]:
        """The header, then one row per participant, produced as they are read."""
        yield list(self.header)
        for participant in participants:
            yield self.row(participant)


def question_header(key: str) -> str:
    return neutralise(f"answers.{key}" if key in FIXED_COLUMNS else key)


def utc_text(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def answer_cell(value: object, language: str) -> Cell:
    """One answer as a cell: numbers as numbers, everything else as guarded text."""
    number = _number(value)
    if number is not None:
        return number
    if value is None or value == "" or value == []:
        return None
    return neutralise(answer_text(value, language))


def answer_text(value: object, language: str) -> str:
    if isinstance(value, bool):
        yes, no = YES_NO.get(language, YES_NO["en"])
        return yes if value else no
    if isinstance(value, list | tuple):
        return ANSWER_SEPARATOR.join(answer_text(item, language) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    if isinstance(value, Decimal):
        return str(_number(value) if value.is_finite() else value)
    return str(value)


def _number(value: object) -> int | float | None:
    """A finite number (not a yes/no), as int or float; None for anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        return int(value) if value == value.to_integral_value() else float(value)
    return value if math.isfinite(value) else None


def export_filename(event: Event, fmt: ExportFormat, language: str) -> str:
    """`participants-<title>-<date>.<ext>`: ASCII only, so it needs no encoding in a header."""
    slug = re.sub(r"[^a-z0-9]+", "-", _ascii(event.title_in(language)).lower()).strip("-")[:48].strip("-")
    day = event.starts_at.astimezone(_zone(event.timezone)).date().isoformat()
    return f"participants-{slug or event.id[:12]}-{day}.{fmt.value}"


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def answered_size(content: bytes, binary: bool) -> int:
    """How many bytes the file takes in a Lambda proxy answer: base64 for binary, else a JSON
    string (non-ASCII escaped as \\uXXXX, quotes and line ends escaped)."""
    if binary:
        return 4 * math.ceil(len(content) / 3)
    return len(json.dumps(content.decode("utf-8")))


@dataclass
class WrittenFile:
    """A finished export on a temporary file; whoever receives it closes it."""

    file: BinaryIO
    size: int

    def read(self) -> bytes:
        self.file.seek(0)
        return self.file.read()

    def close(self) -> None:
        self.file.close()


@dataclass(frozen=True)
class DownloadLink:
    url: str
    expires_in: int
    bytes: int


@dataclass(frozen=True)
class ExportResult:
    """Either the file itself (small enough to answer with) or a short-lived link to it."""

    filename: str
    media_type: str
    rows: int
    content: bytes | None = None
    link: DownloadLink | None = None
