"""What the event and training tests share: event bodies, many members at once, tokens minted
directly (mailing hundreds of sign-in codes would test the sign-in, not the events)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from chalicelib import bootstrap
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.members import Language, Member, MembershipCategory, MemberStatus, StatusChange
from tests.integration.conftest import JSON, body


def at(days: float = 0, hours: float = 0) -> str:
    """A time that many days (and hours) from now, in UTC with Z."""
    moment = datetime.now(UTC) + timedelta(days=days, hours=hours)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def event_body(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "title": {"fi": "Syyskokous", "sv": "Höstmöte", "en": "Autumn meeting"},
        "description": {"fi": "Tervetuloa", "en": "Welcome"},
        "starts_at": at(days=10),
        "ends_at": at(days=10, hours=3),
        "place": "Hakaniemi union house",
        "capacity": 10,
    }
    return {**base, **changes}


def training_body(**changes: Any) -> dict[str, Any]:
    title = {"fi": "Luottamushenkilökurssi", "sv": "Förtroendemannakurs", "en": "Steward course"}
    return event_body(**{"title": title, "hours": 6, **changes})


def call(api: Any, method: str, path: str, headers: dict[str, str], payload: Any = None) -> Any:
    data = None if payload is None else json.dumps(payload)
    return getattr(api.http, method.lower())(path, body=data, headers=headers)


def created(api: Any, headers: dict[str, str], path: str = "/api/events", **changes: Any) -> dict[str, Any]:
    maker = training_body if path.endswith("trainings") else event_body
    response = call(api, "POST", path, headers, maker(**changes))
    assert response.status_code == 201, response.body
    return dict(body(response))


def headers_for(member_id: str) -> dict[str, str]:
    """A signed-in member's headers, the session opened directly by the auth service."""
    # Straight to the session: these tests are about events, not the mailed sign-in code.
    issued = bootstrap.container().auth._open_session(member_id)
    return {**JSON, "authorization": f"Bearer {issued.access_token}"}


def new_members(
    count: int, prefix: str, branch: str = "helsinki", workplace: str = "helsinki-mill"
) -> list[str]:
    """`count` active members created straight into the register, 20 per transaction; their ids."""
    store = bootstrap.container().store
    members = [
        Member(
            id=f"{prefix}{n:04d}",
            email=f"{prefix}{n:04d}@example.org",
            first_name=f"Etu{n:04d}",
            last_name=f"Suku{n:04d}",
            branch_id=branch,
            workplace_id=workplace,
            category=MembershipCategory.WORKING,
            status=MemberStatus.ACTIVE,
            member_since=date(2020, 1, 1),
            language=Language.FI,
        )
        for n in range(count)
    ]
    for start in range(0, count, 20):
        batch = members[start : start + 20]
        store.members.create_many(
            [
                (m, StatusChange("2020-01-01T00:00:00+00:00", m.status, m.category, "test"), _record(m))
                for m in batch
            ]
        )
    return [m.id for m in members]


def _record(m: Member) -> AuditRecord:
    return AuditRecord("test", "member.imported", f"member:{m.id}", None, {"id": m.id})
