"""Migrating an existing register in from CSV and XLSX: row by row, with a report, re-runs harmless."""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys

import pytest
from openpyxl import Workbook

from chalicelib import bootstrap
from tests.integration.conftest import body, post

pytestmark = pytest.mark.integration

HEADER = [
    "email",
    "first_name",
    "last_name",
    "branch_id",
    "workplace_id",
    "category",
    "status",
    "member_since",
    "phone",
    "iban",
]
ROWS = [
    [
        "liisa.lahti@example.org",
        "Liisa",
        "Lahti",
        "helsinki",
        "helsinki-mill",
        "working",
        "active",
        "2011-04-01",
        "+358401112233",
        "FI2112345600000785",
    ],
    ["per.berg@example.org", "Per", "Berg", "turku", "", "retired", "active", "1990-09-01", "", ""],
    ["broken-address", "Bad", "Row", "helsinki", "", "working", "active", "2011-04-01", "", ""],
    ["kalle@example.org", "Kalle", "Kivi", "oulu", "", "boss", "active", "1.4.2011", "040", "FI00"],
    ["liisa.lahti@example.org", "Twice", "Lahti", "helsinki", "", "working", "active", "2011-04-01", "", ""],
]


def csv_bytes(rows, delimiter=";") -> bytes:
    lines = [delimiter.join(HEADER)] + [delimiter.join(r) for r in rows]
    return ("\ufeff" + "\n".join(lines) + "\n").encode()


def xlsx_bytes(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(api, session, filename, content, dry_run=False):
    payload = {"filename": filename, "content_base64": base64.b64encode(content).decode(), "dry_run": dry_run}
    return post(api, "/api/admin/imports", payload, session.headers)


def test_an_admin_imports_a_csv_with_a_report_of_rejected_rows(api, sign_in):
    admin = sign_in("admin@example.org")
    response = upload(api, admin, "register.csv", csv_bytes(ROWS))
    assert response.status_code == 200, response.body
    report = body(response)
    assert (report["created"], report["updated"], report["unchanged"]) == (2, 0, 0)
    rejected = {r["row"]: {f["path"] for f in r["fields"]} for r in report["rejected"]}
    assert rejected == {
        4: {"email"},
        5: {"branch_id", "category", "member_since", "phone", "iban"},
        6: {"email"},
    }
    liisa = sign_in("liisa.lahti@example.org")
    profile = body(api.http.get("/api/me", headers=liisa.headers))
    assert (profile["branch_id"], profile["iban"], profile["member_since"]) == (
        "helsinki",
        "FI2112345600000785",
        "2011-04-01",
    )


def test_running_the_same_file_again_creates_no_duplicates(api, sign_in):
    admin = sign_in("admin@example.org")
    first = body(upload(api, admin, "register.xlsx", xlsx_bytes(ROWS[:2])))
    second = body(upload(api, admin, "register.xlsx", xlsx_bytes(ROWS[:2])))
    assert (first["created"], second["created"], second["unchanged"]) == (2, 0, 2)
    changed = [[*ROWS[0][:2], "Lahti-Virta", *ROWS[0][3:]], ROWS[1]]
    third = body(upload(api, admin, "register.xlsx", xlsx_bytes(changed)))
    assert (third["created"], third["updated"], third["unchanged"]) == (0, 1, 1)


def test_a_dry_run_writes_nothing(api, sign_in):
    admin = sign_in("admin@example.org")
    head = bootstrap.container().store.audit.head().seq
    report = body(upload(api, admin, "register.csv", csv_bytes(ROWS[:2], ","), dry_run=True))
    assert report["created"] == 2 and report["dry_run"] is True
    assert bootstrap.container().store.members.id_for_email("liisa.lahti@example.org") is None
    assert bootstrap.container().store.audit.head().seq == head + 1  # only the import itself is recorded


def test_a_file_without_the_required_columns_is_refused_whole(api, sign_in):
    admin = sign_in("admin@example.org")
    response = upload(api, admin, "register.csv", b"email,first_name\nx@example.org,X\n")
    assert response.status_code == 400
    assert {"columns.last_name", "columns.branch_id"} <= {
        f["path"] for f in body(response)["error"]["fields"]
    }
    assert upload(api, admin, "register.xlsx", b"PK\x03\x04 not really").status_code == 400


def test_only_admins_import(api, sign_in):
    officer = sign_in("officer@example.org")
    assert upload(api, officer, "register.csv", csv_bytes(ROWS)).status_code == 403


def test_the_import_command_reads_a_file(tmp_path, union, app_env):
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes(ROWS))
    env = {**os.environ, **app_env}
    run = subprocess.run(
        [sys.executable, "-m", "chalicelib.entrypoints.import_register", str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stderr  # some rows were rejected
    report = json.loads(run.stdout)
    assert report["created"] == 2 and len(report["rejected"]) == 3
    entries = list(bootstrap.container().store.audit.entries())
    assert entries[-1].action == "register.imported" and entries[-1].actor == "system:import-command"
