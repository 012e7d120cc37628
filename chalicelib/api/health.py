from __future__ import annotations

from chalice import Blueprint

from chalicelib.api.routing import PUBLIC, Call, endpoint

bp = Blueprint(__name__)

HEALTH = {"type": "object", "required": ["status"], "properties": {"status": {"const": "ok"}}}


@endpoint(bp, "/health", summary="Is the API up", tag="system", access=PUBLIC, responses={200: HEALTH})
def health(call: Call) -> dict[str, str]:
    return {"status": "ok"}
