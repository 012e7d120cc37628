"""Reading an uploaded register file (CSV or XLSX) into rows of text cells keyed by column name."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from chalicelib.domain.errors import InvalidInput

XLSX_MAGIC = b"PK\x03\x04"


def read_rows(filename: str, content: bytes) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows; raises InvalidInput when the file is neither CSV nor XLSX."""
    if filename.lower().endswith(".xlsx") or content.startswith(XLSX_MAGIC):
        return _xlsx(content)
    return _csv(content)


def _csv(content: bytes) -> tuple[list[str], list[dict[str, str]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput.on("content_base64", "the CSV file must be UTF-8") from exc
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip() for h in reader.fieldnames or []]
    reader.fieldnames = header
    return header, [dict(row) for row in reader]


def _xlsx(content: bytes) -> tuple[list[str], list[dict[str, str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InvalidInput.on("content_base64", "the file is not a readable XLSX workbook") from exc
    rows = _cells(workbook.worksheets[0].iter_rows(values_only=True))
    header = next(rows, [])
    return header, [dict(zip(header, r, strict=False)) for r in rows if any(r)]


def _cells(rows: Iterator[tuple]) -> Iterator[list[str]]:
    for row in rows:
        yield ["" if v is None else _text(v) for v in row]


def _text(value: object) -> str:
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return value.date().isoformat()
    return str(value).strip()
