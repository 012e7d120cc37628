"""`python -m devstack.run_function NAME ['{"json": "payload"}']`: run one of the app's
lambda_functions now, as the local scheduler or Step Functions would (`make remind`).

Run it beside `make dev` with that stack's environment (.local/dev.env), so it reaches the same
table and mail sink. Prints the function's JSON result; exits 1 if the function failed.
"""

from __future__ import annotations

import json
import sys

from devstack.scheduler import run_function


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (1, 2):
        print(__doc__, file=sys.stderr)
        return 2
    payload = json.loads(args[1]) if len(args) == 2 else {}
    try:
        succeeded, result = run_function(args[0], payload)
    except LookupError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False))
    return 0 if succeeded else 1


if __name__ == "__main__":
    sys.exit(main())
