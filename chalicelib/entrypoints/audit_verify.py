"""`make audit-verify`: re-verify the audit log's hash chain end to end; exit 1 naming the first break."""

from __future__ import annotations

import sys

from chalicelib import bootstrap


def main() -> int:
    report = bootstrap.container().audit.verify()
    if report.intact:
        print(f"audit log intact: {report.entries} entries, chain and head agree")
        return 0
    print(f"audit log BROKEN at entry {report.first_broken_seq}: {report.problem}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
