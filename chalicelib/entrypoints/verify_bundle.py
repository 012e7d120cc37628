"""`portal-verify BUNDLE [--json] [--head H]`: re-check an election's verification bundle from the bundle alone.

Exit 0 when the board's chain and Merkle roots, the numbers and the whole recount agree; 1 when
anything was tampered with (each problem named); 2 when the file cannot be read as a bundle.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from chalicelib.domain.bundle import Problem, Report, verify_bundle

UNREADABLE = 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="portal-verify", description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the bundle downloaded from the results page (JSON)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--head", help="the final board head published at close, to compare with the bundle's"
    )
    args = parser.parse_args(argv)
    try:
        document = _read(args.bundle)
    except ValueError as exc:
        print(f"portal-verify: {exc}", file=sys.stderr)
        return UNREADABLE
    report = verify_bundle(document)
    if args.head is not None and report.readable and report.facts.get("head") != args.head:
        problem = Problem("seed", f"the bundle's final head is not the one published ({args.head})")
        report = Report((*report.problems, problem), report.facts, report.readable)
    print(json.dumps(report.as_json(), indent=2, ensure_ascii=False) if args.json else summary(report))
    if not report.readable:
        return UNREADABLE
    return 0 if report.intact else 1


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes())
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ValueError(f"{path} is not a JSON document: {exc}") from None


def summary(report: Report) -> str:
    facts = report.facts
    lines = []
    if facts:
        title = facts["title"].get("en") or next(iter(facts["title"].values()), "")
        lines += [
            f"election {facts['election']}: {title} ({facts['method']}, {facts['seats']} seat(s))",
            f"roll {facts['roll_count']}, ballots {facts['ballots']}, board entries {facts['board_entries']} "
            f"in {facts['blocks']} block(s)",
            f"final head (seed) {facts['head']}",
            f"elected: {', '.join(map(str, facts['elected'] or [])) or '(none)'}",
        ]
    if report.intact:
        lines.append(
            "VERIFIED: the board's chain and Merkle roots hold, the numbers agree and the recount matches"
        )
    else:
        lines.append(f"NOT VERIFIED: {len(report.problems)} problem(s)")
        lines += [f"  - {problem}" for problem in report.problems]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
