"""The one table, defined once in infra/table.json: the same definition creates the local table
and goes into the CloudFormation resources."""

from __future__ import annotations

import json
import time
from functools import cache
from pathlib import Path
from typing import Any

TABLE_DEFINITION_FILE = Path(__file__).resolve().parents[3] / "infra" / "table.json"


@cache
def table_definition() -> dict[str, Any]:
    return json.loads(TABLE_DEFINITION_FILE.read_text())


def create_table(client: Any, table_name: str) -> None:
    """Create the table (and its TTL) if it does not exist yet; wait until it is active."""
    spec = dict(table_definition())
    ttl = spec.pop("TimeToLiveSpecification")
    spec["TableName"] = table_name
    try:
        client.create_table(**spec)
    except client.exceptions.ResourceInUseException:
        return
    _wait_active(client, table_name)
    client.update_time_to_live(TableName=table_name, TimeToLiveSpecification=ttl)


def _wait_active(client: Any, table_name: str) -> None:
    for _ in range(100):
        status = client.describe_table(TableName=table_name)["Table"]["TableStatus"]
        if status == "ACTIVE":
            return
        time.sleep(0.1)
    raise RuntimeError(f"table {table_name} did not become active")
