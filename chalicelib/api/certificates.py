"""The member's registrations and certificates, branch officers' enrolments, and the public
certificate check (and its PDF, for the owner)."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib import bootstrap
from chalicelib.api.event_views import (
    CERTIFICATE_CHECK,
    CERTIFICATE_LIST,
    ENROLMENT_LIST,
    MY_REGISTRATIONS,
    certificate_check_json,
    enrolment_json,
    my_certificate_json,
    my_registration_json,
)
from chalicelib.api.http_errors import error_response
from chalicelib.api.media import PDF, accepts
from chalicelib.api.routing import PUBLIC, Call, endpoint
from chalicelib.domain.errors import InvalidInput, Msg, NotAuthenticated, NotFound
from chalicelib.domain.roles import Principal, Role

bp = Blueprint(__name__)

OFFICERS = frozenset({Role.BRANCH_OFFICER, Role.ADMIN})
PDF_SUFFIX = ".pdf"


def _c():  # type: ignore[no-untyped-def]
    return bootstrap.container()


@endpoint(bp, "/me/registrations", summary="My registrations", tag="me", responses={200: MY_REGISTRATIONS})
def my_registrations(call: Call) -> dict[str, Any]:
    return {"items": [my_registration_json(r) for r in _c().registrations.mine(call.who)]}


@endpoint(bp, "/me/certificates", summary="My certificates", tag="me", responses={200: CERTIFICATE_LIST})
def my_certificates(call: Call) -> dict[str, Any]:
    return {"items": [my_certificate_json(c) for c in _c().certificates.mine(call.who)]}


@endpoint(
    bp,
    "/enrolments",
    summary="Training enrolments waiting for my decision",
    tag="trainings",
    access=OFFICERS,
    responses={200: ENROLMENT_LIST},
)
def pending_enrolments(call: Call) -> dict[str, Any]:
    return {"items": [enrolment_json(e) for e in _c().trainings.pending(call.who)]}


@endpoint(
    bp,
    "/certificates/{code}",
    summary=(
        "Is this certificate code genuine? (no sign-in). With `.pdf` after the code: the certificate "
        "as PDF, for its owner or an admin (a bearer token and `Accept: application/pdf`)"
    ),
    tag="trainings",
    access=PUBLIC,
    responses={200: CERTIFICATE_CHECK},
    content_type=PDF,
)
def certificate(call: Call) -> Response | dict[str, Any]:
    code = call.params["code"]
    if code.lower().endswith(PDF_SUFFIX):
        return _pdf(call, code[: -len(PDF_SUFFIX)])
    try:
        cert = _c().certificates.check(code)
    except NotFound as error:
        answer = error_response(error, call.language)
        answer.body["genuine"] = False
        return answer
    return certificate_check_json(cert, _c().certificates.union_name)


def _pdf(call: Call, code: str) -> Response:
    if not accepts(call.headers, PDF):
        raise InvalidInput.on("accept", Msg("must name {media_type}", media_type=PDF))
    content = _c().certificates.pdf(_signed_in(call), code)
    headers: dict[str, str | list[str]] = {
        "Content-Type": PDF,
        "Content-Disposition": f'attachment; filename="certificate-{code}.pdf"',
        "Cache-Control": "private, no-store",
    }
    return Response(body=content, status_code=200, headers=headers)


def _signed_in(call: Call) -> Principal:
    scheme, _, token = (call.headers.get("authorization") or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("sign in first: this needs an access token")
    return _c().auth.authenticate(token.strip())
