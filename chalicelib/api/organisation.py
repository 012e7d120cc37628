"""The union's branches and workplaces, public for the join form."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib import bootstrap
from chalicelib.api.routing import PUBLIC, Call, endpoint

bp = Blueprint(__name__)

WORKPLACE = {
    "type": "object",
    "required": ["id", "name", "employer_id", "employer_name"],
    "properties": {k: {"type": "string"} for k in ("id", "name", "employer_id", "employer_name")},
}
BRANCHES = {
    "type": "object",
    "required": ["items"],
    "properties": {
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "name", "workplaces"],
                "properties": {"workplaces": {"type": "array", "items": WORKPLACE}},
            },
        }
    },
}


@endpoint(
    bp,
    "/branches",
    summary="Branches and their workplaces",
    tag="organisation",
    access=PUBLIC,
    responses={200: BRANCHES},
)
def branches(call: Call) -> dict:
    org = bootstrap.container().organisation.organisation()
    items = [
        {
            "id": b.id,
            "name": b.name,
            "workplaces": [
                {
                    "id": w.id,
                    "name": w.name,
                    "employer_id": w.employer_id,
                    "employer_name": org.employer_name(w.employer_id),
                }
                for w in org.workplaces
                if w.branch_id == b.id
            ],
        }
        for b in org.branches
    ]
    return {"items": items}
