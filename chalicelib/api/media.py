"""Media types the API answers with besides JSON. The binary ones go into the app's binary types
(app.py): API Gateway passes a binary answer through as bytes only for those, and only to a
request whose Accept header names the type."""

from __future__ import annotations

import re

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BINARY_TYPES = (PDF, XLSX)


def accepts(headers: dict[str, str], media_type: str) -> bool:
    named = {part.strip().lower() for part in re.split("[,;]", headers.get("accept") or "")}
    return media_type in named
