"""`portal-import FILE [--dry-run]`: import an existing register from CSV or XLSX, row by row."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from chalicelib import bootstrap
from chalicelib.domain.errors import DomainError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="portal-import", description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    parser.add_argument("--actor", default="system:import-command", help="who is recorded in the audit log")
    args = parser.parse_args(argv)
    try:
        report = bootstrap.container().register_import.run(
            args.actor, args.file.name, args.file.read_bytes(), args.dry_run
        )
    except DomainError as exc:
        print(json.dumps({"error": exc.message, "fields": [vars(f) for f in exc.fields]}), file=sys.stderr)
        return 2
    print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    return 1 if report.rejected else 0


if __name__ == "__main__":
    sys.exit(main())
