"""Participant exports on DynamoDB Local and moto's S3: the files read back equal the database, a
formula in a name comes out as text, only managers may export, each export is audited once, and a
file too large to answer with arrives as a presigned link to the same file."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from openpyxl import load_workbook

from chalicelib import bootstrap
from chalicelib.adapters.dynamo import keys, participants
from chalicelib.adapters.dynamo.models import RegistrationItem
from chalicelib.domain.events import ACTIVE_STATUSES, Participant, RegistrationStatus
from chalicelib.domain.exports import FIXED_COLUMNS, Cell, ExportFormat, Layout
from tests.integration.conftest import body, post

pytestmark = pytest.mark.integration

XLSX = ExportFormat.XLSX.media_type
BOM = b"\xef\xbb\xbf"
FORMULA = '=HYPERLINK("x")'
CAPACITY = 5
QUESTIONS = {
    "type": "object",
    "properties": {
        "diet": {"type": "string", "title": "Diet", "maxLength": 500},
        "sessions": {
            "type": "array",
            "title": "Sessions",
            "items": {"enum": ["am", "pm"]},
            "uniqueItems": True,
        },
        "sauna": {"type": "boolean", "title": "Sauna"},
        "guests": {"type": "integer", "title": "Guests", "minimum": -5, "maximum": 5},
    },
    "required": ["sauna"],
}


@dataclass
class Cruise:
    event_id: str
    organizer: dict[str, str]
    member: dict[str, str]


def answers(n: int) -> dict[str, Any]:
    chosen: dict[str, Any] = {"sauna": n % 2 == 0, "sessions": ["am", "pm"][: n % 3]}
    if n % 2:
        chosen["diet"] = ["vegan", "-no pork", "@gluten free"][n % 3]
    if n % 3:
        chosen["guests"] = n - 4
    return chosen


def rename(dynamodb_client: Any, table: str, member_id: str, first_name: str) -> None:
    pk, sk = keys.member(member_id)
    dynamodb_client.update_item(
        TableName=table,
        Key={"pk": {"S": pk}, "sk": {"S": sk}},
        UpdateExpression="SET first_name = :v",
        ExpressionAttributeValues={":v": {"S": first_name}},
    )


@pytest.fixture
def cruise(api, sign_in, union, export_bucket, app_env, dynamodb_client) -> Cruise:
    """A five-seat event with questions, through the API: eight members register (five confirmed,
    three waiting), the first of them named like a formula, and one is checked in at the door."""
    organizer = sign_in("organizer@example.org").headers
    start = datetime.now(UTC) + timedelta(days=10)
    created = post(
        api,
        "/api/events",
        {
            "title": {"fi": "Syysristeily", "sv": "Höstkryssning", "en": "Autumn cruise"},
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=20)).isoformat(),
            "capacity": CAPACITY,
            "questions": QUESTIONS,
        },
        organizer,
    )
    assert created.status_code == 201, created.body
    event_id = body(created)["id"]
    rename(dynamodb_client, app_env["TABLE_NAME"], "demo-member001", FORMULA)
    for n in range(1, 9):
        member = sign_in(f"member{n:03d}@example.org").headers
        registered = post(api, f"/api/events/{event_id}/registrations", {"answers": answers(n)}, member)
        assert registered.status_code == 201, registered.body
    arrived = post(api, f"/api/events/{event_id}/checkins", {"member_id": "demo-member002"}, organizer)
    assert arrived.status_code == 200, arrived.body
    return Cruise(event_id, organizer, sign_in("member@example.org").headers)


TAKING_PART = tuple(sorted(ACTIVE_STATUSES))


def in_database(event_id: str, statuses: tuple[RegistrationStatus, ...] = TAKING_PART) -> list[Participant]:
    return list(bootstrap.container().store.events.iter_participants(event_id, statuses))


def expected_rows(event_id: str, participants: list[Participant], language: str = "en") -> list[list[Cell]]:
    layout = Layout.for_event(bootstrap.container().events.get_event(event_id), language)
    return list(layout.rows(participants))


def as_text(rows: list[list[Cell]]) -> list[list[str]]:
    return [["" if cell is None else str(cell) for cell in row] for row in rows]


def get(api: Any, path: str, headers: dict[str, str]) -> Any:
    return api.http.get(path, headers={**headers, "accept-language": "en"})


def header(response: Any, name: str) -> str:
    return {k.lower(): v for k, v in response.headers.items()}[name]


def read_csv(response: Any, delimiter: str) -> list[list[str]]:
    assert response.body.startswith(BOM)
    return list(
        csv.reader(io.StringIO(response.body[len(BOM) :].decode("utf-8"), newline=""), delimiter=delimiter)
    )


def read_xlsx(content: bytes) -> list[list[Cell]]:
    """The cells, each row as wide as the header (a reader drops a row's trailing empty cells)."""
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    return [row + [None] * (len(rows[0]) - len(row)) for row in rows]


def exports_of(event_id: str) -> list[Any]:
    entries = bootstrap.container().store.audit.about(f"event:{event_id}")
    return [e for e in entries if e.action == "participants.exported"]


def expected_answer(value: Any) -> str:
    """What a person reads in a question's cell, written out by hand (not by the code under test)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, str) and value[:1] in ("-", "@", "="):
        return "'" + value
    return str(value)  # numbers too: -3 stays -3


def by_model(event_id: str, statuses: tuple[RegistrationStatus, ...]) -> list[Participant]:
    """The participants as the PynamoDB model reads them, page by page."""
    found: list[Participant] = []
    for status in statuses:
        items = RegistrationItem.by_gsi1.query(keys.participants(event_id, status.value), page_size=2)
        registrations = (i for i in items if isinstance(i, RegistrationItem))
        found += [participants.to_participant(item, n) for n, item in enumerate(registrations, start=1)]
    return found


def test_the_streamed_participants_are_what_the_model_reads_across_pages(cruise, monkeypatch):
    monkeypatch.setattr(participants, "STREAM_PAGE", 2)  # five confirmed and three waiting: several pages
    statuses = (RegistrationStatus.WAITING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)

    streamed = list(bootstrap.container().store.events.iter_participants(cruise.event_id, statuses))

    assert streamed == by_model(cruise.event_id, statuses)
    assert [(p.status.value, p.position) for p in streamed if p.status is RegistrationStatus.WAITING] == [
        ("waiting", 1),
        ("waiting", 2),
        ("waiting", 3),
    ] * 2
    assert len(streamed) == 11 and sum(p.checked_in_at is not None for p in streamed) == 1


def test_csv_exports_in_both_variants_are_the_database_with_the_formula_neutralised(api, cruise):
    response = get(api, f"/api/events/{cruise.event_id}/participants.csv", cruise.organizer)

    assert response.status_code == 200, response.body
    assert header(response, "content-type") == "text/csv; charset=utf-8"
    disposition = header(response, "content-disposition")
    assert re.fullmatch(
        r'attachment; filename="participants-autumn-cruise-\d{4}-\d\d-\d\d\.csv"', disposition
    )
    rows = read_csv(response, ",")
    stored = in_database(cruise.event_id)
    assert rows == as_text(expected_rows(cruise.event_id, stored))
    assert rows[0] == [*FIXED_COLUMNS, "diet", "sessions", "sauna", "guests"]
    by_email = {row[2]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert len(by_email) == len(stored) == 8
    assert by_email["member001@example.org"]["first_name"] == "'" + FORMULA
    assert [e for e, row in by_email.items() if row["checked_in_at"]] == ["member002@example.org"]
    for p in stored:
        row = by_email[p.email]
        assert (row["last_name"], row["status"]) == (p.last_name, p.status.value)
        assert row["position"] == ("" if p.position is None else str(p.position))
        assert {q: row[q] for q in QUESTIONS["properties"]} == {
            q: expected_answer(p.answers.get(q)) for q in QUESTIONS["properties"]
        }
    assert sorted(row["status"] for row in by_email.values()) == ["confirmed"] * 5 + ["waiting"] * 3

    path = f"/api/events/{cruise.event_id}/participants.csv?delimiter=semicolon&status=waiting,checked_in"
    rows = read_csv(get(api, path, cruise.organizer), ";")
    chosen = [p for p in stored if p.status is RegistrationStatus.WAITING or p.checked_in_at is not None]
    assert rows == as_text(expected_rows(cruise.event_id, chosen))
    assert [row[4] for row in rows[1:] if row[3] == "waiting"] == ["1", "2", "3"]

    entries = exports_of(cruise.event_id)
    assert [(e.actor, e.after["format"], e.after.get("delimiter"), e.after["rows"]) for e in entries] == [
        ("demo-organizer", "csv", ",", 8),
        ("demo-organizer", "csv", ";", 4),
    ]
    assert [e.after["statuses"] for e in entries] == [
        ["confirmed", "pending_approval", "waiting"],
        ["checked_in", "waiting"],
    ]
    assert "example.org" not in json.dumps([e.after for e in entries])
    assert bootstrap.container().audit.verify().intact


def test_the_xlsx_export_holds_the_same_cells_and_needs_its_accept_header(api, cruise):
    path = f"/api/events/{cruise.event_id}/participants.xlsx"
    refused = get(api, path, cruise.organizer)
    assert refused.status_code == 400
    assert body(refused)["error"]["fields"][0]["path"] == "accept"
    assert exports_of(cruise.event_id) == []

    response = get(api, path, {**cruise.organizer, "accept": XLSX})
    assert response.status_code == 200, response.body
    assert header(response, "content-type") == XLSX
    assert header(response, "content-disposition").endswith('.xlsx"')
    cells = read_xlsx(response.body)
    assert cells == expected_rows(cruise.event_id, in_database(cruise.event_id))
    assert "'" + FORMULA in [row[0] for row in cells]
    assert [(e.after["format"], e.after["rows"]) for e in exports_of(cruise.event_id)] == [("xlsx", 8)]


def test_only_the_event_managers_export(api, cruise):
    for fmt in ("csv", "xlsx"):
        path = f"/api/events/{cruise.event_id}/participants.{fmt}"
        refused = get(api, path, {**cruise.member, "accept": XLSX})
        assert refused.status_code == 403, refused.body
    wrong_kind = get(api, f"/api/trainings/{cruise.event_id}/participants.csv", cruise.organizer)
    assert wrong_kind.status_code == 404
    assert exports_of(cruise.event_id) == []


def test_past_the_inline_limit_the_answer_is_a_link_to_the_same_file(api, cruise, monkeypatch):
    inline_csv = get(api, f"/api/events/{cruise.event_id}/participants.csv", cruise.organizer).body
    monkeypatch.setenv("EXPORT_INLINE_LIMIT_BYTES", "100")
    bootstrap.reset()

    for fmt, headers in (("csv", cruise.organizer), ("xlsx", {**cruise.organizer, "accept": XLSX})):
        response = get(api, f"/api/events/{cruise.event_id}/participants.{fmt}", headers)
        assert response.status_code == 200
        assert header(response, "content-type") == "application/json"
        link = body(response)
        assert link["expires_in"] == 300 and link["url"].startswith("http")
        download = requests.get(link["url"], timeout=10)
        assert download.status_code == 200 and len(download.content) == link["bytes"]
        assert download.headers["content-disposition"].startswith('attachment; filename="participants-')
        if fmt == "csv":
            assert download.content == inline_csv
        else:
            assert read_xlsx(download.content) == expected_rows(cruise.event_id, in_database(cruise.event_id))
    assert [e.after["delivery"] for e in exports_of(cruise.event_id)] == ["inline", "link", "link"]
