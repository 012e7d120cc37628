"""Sign-in: a code by mail, then tokens; refresh and sign-out."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib import bootstrap
from chalicelib.api.routing import PUBLIC, Call, Reply, endpoint
from chalicelib.api.views import TOKENS
from chalicelib.schemas import schema

bp = Blueprint(__name__)

ACCEPTED = {
    "type": "object",
    "required": ["message"],
    "properties": {"message": {"type": "string"}},
}


@endpoint(
    bp,
    "/auth/code",
    "POST",
    summary="Mail a sign-in code (the answer is the same for unknown addresses)",
    tag="auth",
    access=PUBLIC,
    body=schema("signin_code_request"),
    responses={202: ACCEPTED},
)
def request_code(call: Call) -> Reply:
    bootstrap.container().auth.request_code(call.body["email"])
    return Reply(202, {"message": "if the address belongs to a member, a sign-in code is on its way"})


@endpoint(
    bp,
    "/auth/token",
    "POST",
    summary="Exchange the mailed code for tokens",
    tag="auth",
    access=PUBLIC,
    body=schema("token_request"),
    responses={200: TOKENS},
)
def exchange_code(call: Call) -> dict:
    return bootstrap.container().auth.exchange_code(call.body["email"], call.body["code"]).as_response()


@endpoint(
    bp,
    "/auth/refresh",
    "POST",
    summary="A fresh access token for a refresh token (which is rotated)",
    tag="auth",
    access=PUBLIC,
    body=schema("refresh_request"),
    responses={200: TOKENS},
)
def refresh(call: Call) -> dict:
    return bootstrap.container().auth.refresh(call.body["refresh_token"]).as_response()


@endpoint(bp, "/auth/signout", "POST", summary="End this session", tag="auth", responses={200: ACCEPTED})
def sign_out(call: Call) -> dict:
    bootstrap.container().auth.sign_out(call.who)
    return {"message": "signed out"}
