"""BatchWriteItem, page after page: unprocessed items are sent again after a growing pause (as AWS
asks, since they are what throttling leaves), and many items are written by a few threads."""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from typing import Any

BATCH = 25  # BatchWriteItem's limit
WRITERS = 8
IN_FLIGHT = 2 * WRITERS  # batches submitted ahead: memory stays flat whatever the count
FIRST_PAUSE_SECONDS = 0.05
LONGEST_PAUSE_SECONDS = 5.0


def write_all(client: Any, table: str, requests: list[dict[str, Any]]) -> None:
    """One batch of at most 25 put or delete requests, retried until every one is processed."""
    unprocessed: dict[str, Any] = {table: requests}
    attempt = 0
    while unprocessed:
        if attempt:
            time.sleep(random.uniform(0, min(LONGEST_PAUSE_SECONDS, FIRST_PAUSE_SECONDS * 2**attempt)))
        unprocessed = client.batch_write_item(RequestItems=unprocessed).get("UnprocessedItems") or {}
        attempt += 1


def put_many(client: Any, table: str, items: Iterable[dict[str, Any]]) -> int:
    """Put every item (low-level attribute maps) with WRITERS threads; how many were put."""
    written = 0
    with ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix="batch-writer") as pool:
        running: list[Any] = []
        for batch in _batches(items):
            running.append(
                pool.submit(write_all, client, table, [{"PutRequest": {"Item": i}} for i in batch])
            )
            written += len(batch)
            if len(running) >= IN_FLIGHT:
                running.pop(0).result()
        for future in running:
            future.result()
    return written


def _batches(items: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    it = iter(items)
    while batch := list(islice(it, BATCH)):
        yield batch
