"""Demo elections, made through the services: an open strike ballot, an open STV board election, an open
d'Hondt council election with lists and an alliance, and a closed one with published results.

Ballots are cast by numbered demo members only, so the role accounts (member@, member2@ …) can still
vote in the open ones. Safe to run again: an election whose English title exists is left alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib import bootstrap
from chalicelib.domain.roles import Principal

OFFICER_ID = "demo-election"
DEMO_BALLOTS = 40


def _when(days: int) -> dict[str, str]:
    now = datetime.now(UTC)
    return {"opens_at": now.isoformat(), "closes_at": (now + timedelta(days=days)).isoformat()}


def strike_ballot() -> dict[str, Any]:
    return {
        "title": {"fi": "Lakkovaltuutus 2026", "sv": "Strejkfullmakt 2026", "en": "Strike mandate 2026"},
        "description": {
            "fi": "Hyväksytkö, että liitto voi julistaa lakon, jos neuvottelut eivät etene?",
            "sv": "Godkänner du att förbundet får utlysa strejk om förhandlingarna inte går framåt?",
            "en": "Do you agree that the union may call a strike if the negotiations do not move forward?",
        },
        "kind": "yesno",
        "qualified_majority": "2/3",
        "turnout_by_branch": True,
        **_when(14),
    }


def board_election() -> dict[str, Any]:
    names = ["Aino Aalto", "Bo Berg", "Cecilia Carlsson", "Eero Eskola", "Helmi Heikkinen", "Juha Järvinen"]
    return {
        "title": {"fi": "Hallituksen vaali 2026", "sv": "Styrelseval 2026", "en": "Board election 2026"},
        "kind": "stv-scottish",
        "seats": 3,
        "options": [{"id": f"c{n + 1}", "name": name} for n, name in enumerate(names)],
        "ballot_order": "random",
        **_when(21),
    }


def council_election() -> dict[str, Any]:
    lists = {
        "Työn puolesta": ("Yhteistyö", ["Kaisa Korhonen", "Lauri Laine", "Maija Mäkinen"]),
        "Reilu työ": ("Yhteistyö", ["Niklas Nyström", "Sanna Salo"]),
        "Nuoret jäsenet": (None, ["Ville Virtanen", "Elsa Lindqvist", "Oskar Andersson"]),
    }
    options = [
        {"id": f"{name.split()[0].lower()}", "name": name, "list": lst, "alliance": alliance}
        for lst, (alliance, names) in lists.items()
        for name in names
    ]
    return {
        "title": {
            "fi": "Liittovaltuuston vaali 2026",
            "sv": "Förbundsfullmäktigeval 2026",
            "en": "Union council election 2026",
        },
        "kind": "dhondt",
        "seats": 4,
        "options": options,
        "ballot_order": "alphabetical",
        "turnout_by_branch": True,
        **_when(28),
    }


def past_election() -> dict[str, Any]:
    names = ["Anna Aho", "Bertil Björk", "Camilla Castrén", "David Dahl"]
    return {
        "title": {
            "fi": "Edustajiston vaali 2025",
            "sv": "Representantskapsval 2025",
            "en": "Delegates' election 2025",
        },
        "kind": "stv-meek",
        "seats": 2,
        "options": [{"id": f"d{n + 1}", "name": name} for n, name in enumerate(names)],
        **_when(7),
    }


def _ranking(member_id: str, options: list[str]) -> list[str]:
    """A member's demo preferences: a stable shuffle of the options, cut short now and then."""
    ranked = sorted(options, key=lambda o: hashlib.sha256(f"{member_id}/{o}".encode()).digest())
    return ranked[: 1 + int(hashlib.sha256(member_id.encode()).digest()[0]) % len(ranked)]


def _yes_or_no(member_id: str, options: list[str]) -> list[str]:
    pick = hashlib.sha256(member_id.encode()).digest()[0] % 10
    return [] if pick == 0 else (["no"] if pick < 3 else ["yes"])


def _one(member_id: str, options: list[str]) -> list[str]:
    return [options[hashlib.sha256(member_id.encode()).digest()[0] % len(options)]]


Voting = Callable[[str, list[str]], list[str]]


def seed_demo_elections(voter_ids: list[str]) -> list[str]:
    """Create the demo elections that are missing; their ids."""
    c = bootstrap.container()
    officer = Principal(OFFICER_ID, "demo-seed", c.store.members.get(OFFICER_ID).grants)
    have = {e.definition.title.en for e in c.store.elections.all()}
    made = []
    plans: list[tuple[dict[str, Any], Voting, bool]] = [
        (strike_ballot(), _yes_or_no, False),
        (board_election(), _ranking, False),
        (council_election(), _one, False),
        (past_election(), _ranking, True),
    ]
    for payload, voting, publish in plans:
        if payload["title"]["en"] in have:
            continue
        election = c.elections.create(officer, payload)
        c.election_opening.open_now(officer, election.id)
        options = [o.id for o in c.elections.get_election(election.id).definition.ballot_options]
        for member_id in voter_ids[:DEMO_BALLOTS]:
            c.elections.cast(Principal(member_id, "demo-seed", ()), election.id, voting(member_id, options))
        if publish:
            c.election_closing.close_and_count_here(OFFICER_ID, election.id)
            c.election_closing.publish(officer, election.id)
        made.append(election.id)
    return made
