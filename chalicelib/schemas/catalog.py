"""The `x-message` texts of the schemas, for Babel's extraction into the `errors` catalog.

Named in babel-errors.cfg; see docs/translations.md. Not used at run time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

_X_MESSAGE = re.compile(r'"x-message"\s*:\s*("(?:[^"\\]|\\.)*")')


def extract_x_messages(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel extractor: (line, no function, message, no comments) for each x-message in a schema file."""
    for number, line in enumerate(fileobj.read().decode("utf-8").splitlines(), start=1):
        for match in _X_MESSAGE.finditer(line):
            yield number, None, json.loads(match.group(1)), []
