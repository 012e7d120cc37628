"""Export files written row by row onto temporary files, so memory stays flat whatever the size.

CSV: UTF-8 with a byte order mark (Excel then reads it as UTF-8), every field quoted and embedded
quotes doubled, as OWASP's CSV Injection page advises beside the apostrophe guard the rows already
carry. XLSX: openpyxl's write-only workbook, which streams each row into a temporary XML file and
writes strings inline (no shared-strings table growing with the rows).
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Iterable, Sequence
from typing import BinaryIO, cast

from chalicelib.domain.exports import Cell, ExportFormat, WrittenFile, neutralise

# Kept in memory up to this size, then on a disk file (Lambda's /tmp).
SPOOL_BYTES = 1 << 20
SHEET_TITLE = "participants"
# What XML 1.0 cannot hold (openpyxl refuses a cell with any of these).
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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
    from openpyxl import Workbook  # on first use: a fifth of a second of cold start

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    for row in rows:
        sheet.append([xlsx_cell(value) for value in row])
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - handed to the caller
    workbook.save(spool)
    return _finished(cast(BinaryIO, spool))


def xlsx_cell(value: Cell) -> Cell:
    """Text without the characters XML cannot carry; dropping them must not uncover a formula."""
    if isinstance(value, str) and XML_ILLEGAL.search(value):
        return neutralise(XML_ILLEGAL.sub("", value))
    return value


def _finished(spool: BinaryIO) -> WrittenFile:
    size = spool.seek(0, io.SEEK_END)
    spool.seek(0)
    return WrittenFile(spool, size)
