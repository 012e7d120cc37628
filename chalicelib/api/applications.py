"""Membership applications: the public join form and the branch officer's decision."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib import bootstrap
from chalicelib.api.routing import PUBLIC, Call, Reply, endpoint
from chalicelib.api.views import APPLICATION, APPLICATION_LIST, APPLICATION_RECEIVED, application
from chalicelib.domain.applications import Decision
from chalicelib.domain.roles import Role
from chalicelib.schemas import schema
from chalicelib.services.applications import ApplicationForm

bp = Blueprint(__name__)

OFFICERS = frozenset({Role.BRANCH_OFFICER, Role.ADMIN})


@endpoint(
    bp,
    "/applications",
    "POST",
    summary="Apply for membership (no sign-in)",
    tag="applications",
    access=PUBLIC,
    body=schema("application"),
    responses={202: APPLICATION_RECEIVED},
)
def submit(call: Call) -> Reply:
    form = ApplicationForm(**{k: v for k, v in call.body.items() if v is not None})
    app = bootstrap.container().applications.submit(form)
    return Reply(202, {"id": app.id, "status": app.status.value})


@endpoint(
    bp,
    "/applications",
    summary="Applications waiting for my decision",
    tag="applications",
    access=OFFICERS,
    query=schema("application_list_query"),
    responses={200: APPLICATION_LIST},
)
def pending(call: Call) -> dict:
    apps = bootstrap.container().applications.pending(call.who, call.query.get("branch_id"))
    return {"items": [application(a) for a in apps]}


@endpoint(
    bp,
    "/applications/{application_id}/decision",
    "POST",
    summary="Approve or reject an application (once)",
    tag="applications",
    access=OFFICERS,
    body=schema("decision"),
    responses={200: APPLICATION},
)
def decide(call: Call) -> dict:
    decision = Decision(call.body["decision"])
    app = bootstrap.container().applications.decide(
        call.who, call.params["application_id"], decision, call.body.get("reason")
    )
    return application(app)
