from chalicelib.domain.register_import import RegisterRow, RejectedRow, check_rows

PLACES = {"helsinki": frozenset({"helsinki-mill"}), "tampere": frozenset()}
GOOD = {
    "email": "A@Example.org",
    "first_name": "Aino",
    "last_name": "Korhonen",
    "branch_id": "helsinki",
    "workplace_id": "helsinki-mill",
    "category": "working",
    "status": "active",
    "member_since": "2010-05-01",
    "iban": "FI21 1234 5600 0007 85",
}


def test_a_good_row_is_normalised():
    [row] = list(check_rows([GOOD], PLACES))
    assert isinstance(row, RegisterRow) and row.number == 2
    assert row.values["email"] == "a@example.org" and row.values["iban"] == "FI2112345600000785"


def test_a_bad_row_names_every_bad_field():
    bad = {
        **GOOD,
        "email": "nope",
        "category": "boss",
        "member_since": "01.05.2010",
        "workplace_id": "tampere-x",
    }
    [row] = list(check_rows([bad], PLACES))
    assert isinstance(row, RejectedRow)
    assert {f.path for f in row.fields} == {"email", "category", "member_since", "workplace_id"}


def test_missing_cells_are_required():
    [row] = list(check_rows([{**GOOD, "last_name": "", "status": ""}], PLACES))
    assert {(f.path, f.message) for f in row.fields} == {
        ("last_name", "is required"),
        ("status", "is required"),
    }


def test_an_address_twice_in_one_file_is_rejected_the_second_time():
    rows = list(check_rows([GOOD, {**GOOD, "first_name": "Other"}], PLACES))
    assert isinstance(rows[0], RegisterRow)
    assert isinstance(rows[1], RejectedRow) and "row 2" in rows[1].fields[0].message


def test_an_unknown_branch_is_rejected():
    [row] = list(check_rows([{**GOOD, "branch_id": "oulu", "workplace_id": ""}], PLACES))
    assert row.fields[0].path == "branch_id"
