"""The demo elections: made through the services on the seeded small union, and safe to make again."""

from __future__ import annotations

import pytest

from chalicelib import bootstrap
from chalicelib.domain.elections import ElectionKind, ElectionStatus
from chalicelib.entrypoints.seed import demo_members
from chalicelib.entrypoints.seed_elections import seed_demo_elections
from tests.integration.conftest import SMALL_UNION, body

pytestmark = pytest.mark.integration


def test_the_demo_elections_cover_every_stage(api, union):
    voters = [m.id for m in demo_members()[:SMALL_UNION] if m.status.value == "active" and not m.grants]
    made = seed_demo_elections(voters)
    assert len(made) == 4 and seed_demo_elections(voters) == []
    elections = {e.definition.kind: e for e in bootstrap.container().store.elections.all()}
    assert elections[ElectionKind.YESNO].status is ElectionStatus.OPEN
    assert elections[ElectionKind.STV_SCOTTISH].definition.seats == 3
    council = elections[ElectionKind.DHONDT].definition
    assert {o.alliance for o in council.options} == {"Yhteistyö", None} and len(
        {o.list for o in council.options}
    ) == 3
    past = elections[ElectionKind.STV_MEEK]
    assert past.status is ElectionStatus.PUBLISHED
    results = body(api.http.get(f"/api/elections/{past.id}/results"))
    assert results["status"] == "published" and len(results["elected"]) == 2
    assert results["ballots_cast"] == min(len(voters), 40)
