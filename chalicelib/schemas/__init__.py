"""JSON Schemas of requests and responses, shared by the API, its OpenAPI document and the tests."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


@cache
def schema(name: str) -> dict[str, Any]:
    return json.loads((HERE / f"{name}.json").read_text())
