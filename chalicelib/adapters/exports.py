"""Export files written row by row onto temporary files, so memory stays flat whatever the size.

CSV: UTF-8 with a byte order mark (Excel then reads it as UTF-8), every field quoted and embedded
quotes doubled, as OWASP's CSV Injection page advises beside the apostrophe guard the rows already
carry. XLSX: XlsxWriter's constant-memory workbook, which streams each row into a temporary XML file
and writes strings inline (no shared-strings table growing with the rows). Text goes in with
write_string, so it can never become a formula or a link; a carriage return is written as the line
feed every XML reader would make of it (XlsxWriter would write `_x000D_`, an escape only Excel reads),
and a text longer than a cell holds (32,767 characters) is cut there, as Excel would.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO, cast

from chalicelib.domain.exports import Cell, ExportFormat, WrittenFile, neutralise

# Kept in memory up to this size, then on a disk file (Lambda's /tmp).
SPOOL_BYTES = 1 << 20
SHEET_TITLE = "participants"
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
# What XML 1.0 cannot hold; and CR, which an XML reader turns into LF anyway.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
NOT_AS_IS = re.compile(r"[\x00-\x08\x0b-\x1f]")


class SpreadsheetExports:
    """Writes rows as CSV or XLSX (the ExportWriter port)."""

    def write(self, fmt: ExportFormat, rows: Iterable[Sequence[Cell]], delimiter: str = ",") -> WrittenFile:
        if fmt is ExportFormat.XLSX:
            return write_xlsx(rows)
        return write_csv(rows, delimiter)


def write_csv(rows: Iterable[Sequence[Cell]], delimiter: str = ",") -> WrittenFile:
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - handed to the caller
    text = io.TextIOWrapper(cast(BinaryIO, spool), encoding="utf-8-sig", newline="")
    writer = csv.writer(text, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerows(rows)
    text.flush()
    text.detach()
    return _finished(cast(BinaryIO, spool))


def write_xlsx(rows: Iterable[Sequence[Cell]]) -> WrittenFile:
    from xlsxwriter import Workbook  # on first use: a twelfth of a second of cold start

    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - handed to the caller
    # Its row file lives in a folder of our own, gone even when reading the rows fails midway.
    with tempfile.TemporaryDirectory(prefix="export-") as scratch:
        workbook = Workbook(spool, {**WORKBOOK_OPTIONS, "tmpdir": scratch})
        _fill(workbook.add_worksheet(SHEET_TITLE), rows)
        workbook.close()
    return _finished(cast(BinaryIO, spool))


def _fill(sheet: Any, rows: Iterable[Sequence[Cell]]) -> None:
    text, number = sheet.write_string, sheet.write_number
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                text(r, c, xlsx_cell(value))
            elif value is not None:
                number(r, c, value)


def xlsx_cell(value: str) -> str:
    """The text as XML carries it: CR as LF, without what XML cannot hold; dropping a character must
    not uncover a formula."""
    if not NOT_AS_IS.search(value):
        return value
    return neutralise(XML_ILLEGAL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")))


def _finished(spool: BinaryIO) -> WrittenFile:
    size = spool.seek(0, io.SEEK_END)
    spool.seek(0)
    return WrittenFile(spool, size)
