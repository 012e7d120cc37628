"""Participant exports without a database: the formula guard, the columns, the files read back."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, BinaryIO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.escape import unescape

from chalicelib.adapters.exports import SpreadsheetExports, write_csv, write_xlsx, xlsx_cell
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.errors import InvalidInput, NotPermitted
from chalicelib.domain.events import Event, EventKind, Participant, RegistrationStatus
from chalicelib.domain.exports import (
    FIXED_COLUMNS,
    Cell,
    DownloadLink,
    ExportFormat,
    Layout,
    Selection,
    answer_cell,
    answered_size,
    export_filename,
    neutralise,
)
from chalicelib.domain.roles import Principal
from chalicelib.services.exports import ExportRequest, ParticipantExportService

BOM = b"\xef\xbb\xbf"
STARTS = datetime(2026, 12, 1, 22, 30, tzinfo=UTC)  # already 2 December in Helsinki
QUESTIONS = {
    "type": "object",
    "properties": {
        "diet": {"type": "string", "title": "Diet", "maxLength": 500},
        "sessions": {"type": "array", "items": {"enum": ["am", "pm"]}, "uniqueItems": True},
        "sauna": {"type": "boolean", "title": "Sauna"},
        "guests": {"type": "integer", "minimum": -5, "maximum": 5},
        "email": {"type": "string", "title": "Work e-mail"},
    },
}


def event(questions: dict | None = QUESTIONS, title: str = "Syysristeily \u2013 Tukholma!") -> Event:
    return Event(
        id="e1f0c0ffee",
        kind=EventKind.EVENT,
        title={"fi": title, "sv": "Höstkryssning", "en": "Autumn cruise"},
        description={},
        starts_at=STARTS,
        ends_at=STARTS + timedelta(hours=3),
        timezone="Europe/Helsinki",
        place="Hakaniemi",
        online_url=None,
        capacity=50,
        registration_opens_at=STARTS - timedelta(days=30),
        registration_closes_at=STARTS,
        cancellation_deadline=STARTS,
        created_by="demo-organizer",
        created_at=STARTS - timedelta(days=60),
        questions=questions,
    )


def participant(n: int = 1, **changes: Any) -> Participant:
    values: dict[str, Any] = {
        "member_id": f"m{n}",
        "first_name": "Aino",
        "last_name": "Korhonen",
        "email": f"aino{n}@example.org",
        "status": RegistrationStatus.CONFIRMED,
        "position": None,
        "answers": {"diet": "vegan", "sessions": ["am", "pm"], "sauna": True, "guests": -2},
        "registered_at": datetime(2026, 11, 1, 8, 0, 5, 123456, tzinfo=UTC),
    }
    return Participant(**{**values, **changes})


# --- the guard ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lead", ["=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20"]
)
def test_a_formula_lead_gets_an_apostrophe(lead):
    assert neutralise(f'{lead}HYPERLINK("x")') == f'\'{lead}HYPERLINK("x")'


@pytest.mark.parametrize("text", ["Aino", "", "a=b", " =1+2", "'=1+2", "O'Brien", "5", "x-y", "Ärrä"])
def test_harmless_text_is_unchanged(text):
    assert neutralise(text) == text


@pytest.mark.parametrize(
    ("answer", "cell"),
    [
        (-2, -2),
        (3.5, 3.5),
        (Decimal("-3"), -3),
        (Decimal("1.25"), 1.25),
        ("-2", "'-2"),
        ("=1+2", "'=1+2"),
        (float("-inf"), "'-inf"),
        (True, "kyllä"),
        (False, "ei"),
        (["am", "pm"], "am; pm"),
        (["-x", "y"], "'-x; y"),
        ([], None),
        ("", None),
        (None, None),
    ],
)
def test_answers_become_cells(answer, cell):
    assert answer_cell(answer, "fi") == cell


def test_numbers_stay_numbers_and_yes_no_follows_the_language():
    assert isinstance(answer_cell(Decimal("7"), "en"), int)
    assert [answer_cell(True, lang) for lang in ("fi", "sv", "en")] == ["kyllä", "ja", "yes"]


# --- columns and rows --------------------------------------------------------------------


def test_fixed_columns_then_one_per_question_in_schema_order():
    layout = Layout.for_event(event(), "en")
    assert layout.header == [*FIXED_COLUMNS, "diet", "sessions", "sauna", "guests", "answers.email"]
    assert Layout.for_event(event(questions=None), "en").header == list(FIXED_COLUMNS)


def test_a_row_holds_the_participant_and_the_answers():
    arrived = datetime(2026, 12, 1, 22, 40, tzinfo=UTC)
    p = participant(first_name='=HYPERLINK("x")', checked_in_at=arrived, answers={"email": "@work"})
    row = Layout.for_event(event(), "en").row(p)
    assert row == [
        '\'=HYPERLINK("x")',
        "Korhonen",
        "aino1@example.org",
        "confirmed",
        None,
        "2026-11-01T08:00:05Z",
        "2026-12-01T22:40:00Z",
        None,
        None,
        None,
        None,
        "'@work",
    ]


def test_selection_reads_statuses_and_check_ins():
    default = Selection.parse(None)
    assert set(default.fetched) == {"confirmed", "waiting", "pending_approval"}
    assert not default.includes(participant(status=RegistrationStatus.CANCELLED))

    arrived = Selection.parse("checked_in")
    assert arrived.fetched == (RegistrationStatus.CONFIRMED,)
    assert arrived.includes(participant(checked_in_at=STARTS))
    assert not arrived.includes(participant())
    both = Selection.parse("waiting,checked_in")
    assert both.includes(participant(status=RegistrationStatus.WAITING)) and both.names() == [
        "checked_in",
        "waiting",
    ]
    with pytest.raises(InvalidInput) as refused:
        Selection.parse("confirmed,cancelled")
    assert refused.value.fields[0].path == "status"


def test_the_file_name_is_ascii_and_dated_in_the_event_timezone():
    assert (
        export_filename(event(), ExportFormat.CSV, "fi")
        == "participants-syysristeily-tukholma-2026-12-02.csv"
    )
    assert export_filename(event(), ExportFormat.XLSX, "sv") == "participants-hostkryssning-2026-12-02.xlsx"
    assert export_filename(event(title="ääää ☃"), ExportFormat.CSV, "fi").startswith("participants-aaaa-")


def test_the_answered_size_counts_base64_and_json_escapes():
    assert answered_size(b"x" * 3_000, binary=True) == 4_000
    assert answered_size('"ä"\r\n'.encode(), binary=False) == len('"\\"\\u00e4\\"\\r\\n"')


# --- the files ---------------------------------------------------------------------------


def read_csv(content: bytes, delimiter: str) -> list[list[str]]:
    assert content.startswith(BOM)
    return list(csv.reader(io.StringIO(content[len(BOM) :].decode("utf-8"), newline=""), delimiter=delimiter))


def read_xlsx(content: bytes) -> list[list[Cell]]:
    """The cells as Excel shows them: openpyxl leaves OOXML's `_xHHHH_` escapes undecoded."""
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    assert all(
        cell.data_type != "f" for row in sheet.iter_rows() for cell in row if hasattr(cell, "data_type")
    )
    return [[as_excel(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def as_excel(value: Cell) -> Cell:
    return unescape(value) if isinstance(value, str) else value


def sheet_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return package.read("xl/worksheets/sheet1.xml").decode("utf-8")


def as_text(row: list[Cell]) -> list[str]:
    return ["" if value is None else str(value) for value in row]


ROWS: list[list[Cell]] = [
    ["first_name", "notes", "guests"],
    ['\'=HYPERLINK("x")', 'a "quoted", semi; colon\r\nnew line', -2],
    ["Ärrä", None, 2.5],
]


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_has_a_bom_quotes_every_field_and_reads_back(delimiter):
    written = write_csv(ROWS, delimiter)
    content = written.read()
    assert written.size == len(content)
    first_line = content[len(BOM) :].split(b"\r\n")[0].decode()
    assert first_line == delimiter.join(['"first_name"', '"notes"', '"guests"'])
    assert read_csv(content, delimiter) == [as_text(row) for row in ROWS]


def test_xlsx_reads_back_with_the_same_cells():
    written = write_xlsx(ROWS)
    content = written.read()
    assert content.startswith(b"PK\x03\x04") and written.size == len(content)
    cells = read_xlsx(content)
    assert cells[0] == ROWS[0] and cells[2] == ROWS[2]
    assert cells[1][0] == ROWS[1][0] and cells[1][2] == -2
    assert cells[1][1] == 'a "quoted", semi; colon\n' + "new line"  # XML reads CR LF as LF


def test_xlsx_drops_what_xml_cannot_hold_without_uncovering_a_formula():
    assert xlsx_cell("\x01=cmd") == "'=cmd"
    assert xlsx_cell("bell\x07") == "bell"
    assert read_xlsx(write_xlsx([["\x01=cmd", "ok"]]).read()) == [["'=cmd", "ok"]]


def test_xlsx_writes_a_carriage_return_as_the_line_feed_any_reader_sees_not_as_an_escape():
    content = write_xlsx([["a\r\nb", "c\rd", "\r=1", "tab\there"]]).read()
    assert "_x000D_" not in sheet_xml(content) and "\r" not in sheet_xml(content)
    assert read_xlsx(content) == [["a\nb", "c\nd", "'\n=1", "tab\there"]]


def test_xlsx_text_that_looks_like_an_escape_or_a_formula_stays_text():
    rows: list[list[Cell]] = [["_x0041_", "'=SUM(A1:A2)", "https://example.org", "007", "1e3"]]
    content = write_xlsx(rows).read()
    assert read_xlsx(content) == rows
    assert "<f>" not in sheet_xml(content) and "hyperlink" not in sheet_xml(content)


TEXT = st.text(max_size=40)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.lists(TEXT, min_size=1, max_size=5), min_size=1, max_size=8), semicolon=st.booleans())
def test_any_text_reads_back_from_csv_as_its_neutralised_self(rows, semicolon):
    delimiter = ";" if semicolon else ","
    guarded = [[neutralise(text) for text in row] for row in rows]
    assert read_csv(write_csv(guarded, delimiter).read(), delimiter) == guarded


PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(PRINTABLE, min_size=1, max_size=4), min_size=1, max_size=5))
def test_any_printable_text_reads_back_from_xlsx_as_its_neutralised_self(rows):
    guarded = [[neutralise(text) or None for text in row] for row in rows]
    assert trimmed(read_xlsx(write_xlsx(guarded).read())) == trimmed(guarded)


def trimmed(rows: Sequence[Sequence[Cell]]) -> list[list[Cell]]:
    """A workbook keeps no trailing empty cells or rows (a real export's header fixes the width,
    and every participant's row has a name)."""
    cells = [_trimmed(row) for row in rows]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _trimmed(row: Sequence[Cell]) -> list[Cell]:
    cells = list(row)
    while cells and cells[-1] is None:
        cells.pop()
    return cells


# --- the service, on fakes ---------------------------------------------------------------


@dataclass
class FakeEvents:
    event: Event
    managers: frozenset[str] = frozenset({"demo-organizer"})

    def require_manager(self, who: Principal, event_id: str, kind: EventKind | None = None) -> Event:
        if who.member_id not in self.managers:
            raise NotPermitted("only the event's organizers may do this")
        return self.event


@dataclass
class FakeStore:
    participants: list[Participant]
    records: list[AuditRecord] = field(default_factory=list)
    asked: list[tuple[str, tuple]] = field(default_factory=list)

    @property
    def events(self) -> FakeStore:
        return self

    @property
    def audit(self) -> FakeStore:
        return self

    def iter_participants(self, event_id: str, statuses: Any) -> Any:
        self.asked.append((event_id, tuple(statuses)))
        return iter([p for p in self.participants if p.status in statuses])

    def record(self, record: AuditRecord) -> None:
        self.records.append(record)


@dataclass
class FakeDownloads:
    published: list[tuple[bytes, str, str]] = field(default_factory=list)

    def publish(self, file: BinaryIO, size: int, filename: str, media_type: str) -> DownloadLink:
        file.seek(0)
        self.published.append((file.read(), filename, media_type))
        return DownloadLink(f"https://s3.example/{filename}", 300, size)


ORGANIZER = Principal("demo-organizer", "s1", ())
PEOPLE = [
    participant(1),
    participant(2, first_name="-x", status=RegistrationStatus.WAITING, position=1),
    participant(3, status=RegistrationStatus.CANCELLED),
]


def service(limit: int = 1_000_000) -> tuple[ParticipantExportService, FakeStore, FakeDownloads]:
    store, downloads = FakeStore(PEOPLE), FakeDownloads()
    exports = ParticipantExportService(FakeEvents(event()), store, SpreadsheetExports(), downloads, limit)  # type: ignore[arg-type]
    return exports, store, downloads


def test_a_small_export_is_answered_inline_and_audited_without_personal_data():
    exports, store, downloads = service()
    request = ExportRequest("e1f0c0ffee", EventKind.EVENT, ExportFormat.CSV, ";", Selection.parse(None), "en")
    result = exports.export(ORGANIZER, request)

    assert result.link is None and result.rows == 2 and downloads.published == []
    rows = read_csv(result.content or b"", ";")
    assert [r[0] for r in rows[1:]] == ["Aino", "'-x"] and rows[1][
        FIXED_COLUMNS.index("status")
    ] == "confirmed"
    [record] = store.records
    assert (record.actor, record.action, record.target) == (
        "demo-organizer",
        "participants.exported",
        "event:e1f0c0ffee",
    )
    assert record.after == {
        "format": "csv",
        "delimiter": ";",
        "statuses": ["confirmed", "pending_approval", "waiting"],
        "rows": 2,
        "delivery": "inline",
    }
    assert "aino" not in repr(record).lower()


def test_a_large_export_becomes_a_link_to_the_same_file():
    exports, store, downloads = service(limit=100)
    request = ExportRequest(
        "e1f0c0ffee", EventKind.EVENT, ExportFormat.XLSX, selection=Selection.parse("waiting")
    )
    result = exports.export(ORGANIZER, request)

    assert result.content is None and result.link is not None
    [(content, filename, media_type)] = downloads.published
    assert filename == result.filename and media_type == ExportFormat.XLSX.media_type
    assert result.link.bytes == len(content)
    assert [row[0] for row in read_xlsx(content)] == ["first_name", "'-x"]
    assert store.asked == [("e1f0c0ffee", (RegistrationStatus.WAITING,))]
    assert store.records[0].after is not None and store.records[0].after["delivery"] == "link"


def test_someone_who_does_not_manage_the_event_gets_nothing_and_leaves_no_entry():
    exports, store, _ = service()
    with pytest.raises(NotPermitted):
        exports.export(
            Principal("demo-member", "s2", ()), ExportRequest("e1f0c0ffee", None, ExportFormat.CSV)
        )
    assert store.records == [] and store.asked == []
