"""Opening an election: the roll of a large union is frozen outside the request that asks for it.

The officer (or the clock, at `opens_at`) moves a draft to `opening` and starts the opening workflow
(infra/statemachines/election-opening); its task evaluates eligibility once, writes the roll and
moves the election to `open`. A small roll is frozen within a few seconds, and the officer's request
waits that long so a small election opens at once; a roll of a hundred thousand members takes longer
than an API request may, and the officer's page follows the `opening` status until voting opens.
A failed freeze returns the election to draft with the reason in the audit log.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.elections import Election, ElectionStatus, Roll, RollEntry, is_election_id, refusal
from chalicelib.domain.errors import DomainError, InvalidTransition, NotFound
from chalicelib.domain.roles import Principal
from chalicelib.observability import logger
from chalicelib.services.clock import now_iso
from chalicelib.services.elections import CLOCK, ELECTION_MANAGERS, target
from chalicelib.services.ports import Store, Workflows
from chalicelib.services.segments import SegmentService
from chalicelib.settings import Settings

SYSTEM = "system:election-opening"
WAIT_FOR_SMALL_ROLL_SECONDS = 5.0
POLL_SECONDS = 0.2


class OpeningService:
    def __init__(
        self, store: Store, segments: SegmentService, workflows: Workflows, settings: Settings
    ) -> None:
        self._store = store
        self._segments = segments
        self._workflows = workflows
        self._settings = settings

    # --- the officer and the clock ------------------------------------------------------------
    def open(self, who: Principal, election_id: str) -> Election:
        """Start opening a draft (again, when an earlier opening never finished); the election as it
        is a few seconds later at most: open, or still opening. Raises InvalidTransition."""
        who.require_any(ELECTION_MANAGERS)
        election = self._get(election_id)
        if election.status is ElectionStatus.OPENING:
            self._start(election, again=True)
        else:
            election = self._begin(election, who.member_id)
        return self._settled(election, WAIT_FOR_SMALL_ROLL_SECONDS)

    def open_due(self, now: datetime) -> list[str]:
        """The clock: start opening every draft whose opening time has come; the ids started."""
        started = []
        for election in self._store.elections.all():
            if (
                election.status is ElectionStatus.DRAFT
                and election.definition.opens_at <= now < election.definition.closes_at
            ):
                try:
                    started.append(self._begin(election, CLOCK).id)
                except DomainError as exc:
                    logger.warning(
                        "election not opened", extra={"election_id": election.id, "code": exc.code}
                    )
        return started

    def open_now(self, who: Principal, election_id: str) -> Election:
        """Open and freeze the roll in this process (demo data and benchmarks, no workflow)."""
        who.require_any(ELECTION_MANAGERS)
        election = self._save_opening(self._get(election_id), who.member_id)
        self.freeze_roll(election.id)
        return self._get(election_id)

    # --- the workflow's tasks -----------------------------------------------------------------
    def freeze_roll(self, election_id: str) -> dict[str, int]:
        """Evaluate eligibility once, write the roll and open voting. Idempotent: a retry rewrites
        the same roll entries, and an election already open is left as it is."""
        election = self._get(election_id)
        if election.status is ElectionStatus.OPEN and election.roll is not None:
            return {"roll_count": election.roll.count}
        if election.status is not ElectionStatus.OPENING:
            raise InvalidTransition(refusal(election.status, ElectionStatus.OPEN))
        snapshot, by_branch = election.opening_snapshot, Counter[str]()
        count = self._store.elections.write_roll(self._eligible(election, snapshot, by_branch))
        now = datetime.now(UTC)
        definition = replace(election.definition, opens_at=min(election.definition.opens_at, now))
        roll = Roll(snapshot, count, dict(by_branch))
        opened = election.move(ElectionStatus.OPEN, now_iso(), roll=roll, definition=definition)
        record = AuditRecord(
            SYSTEM,
            "election.opened",
            target(election.id),
            {"status": "opening"},
            {"status": "open", "roll_count": count},
        )
        self._store.elections.save(election, opened, [record])
        logger.info("voter roll frozen", extra={"election_id": election_id, "roll_count": count})
        return {"roll_count": count}

    def abandon(self, election_id: str, error: str) -> None:
        """The freeze failed for good: back to draft, the reason in the audit log."""
        election = self._get(election_id)
        if election.status is not ElectionStatus.OPENING:
            return
        draft = election.move(ElectionStatus.DRAFT, now_iso())
        record = AuditRecord(
            SYSTEM,
            "election.opening_failed",
            target(election_id),
            {"status": "opening"},
            {"status": "draft", "error": error[:500]},
        )
        self._store.elections.save(election, draft, [record])
        logger.error("election not opened", extra={"election_id": election_id})

    # --- inside -------------------------------------------------------------------------------
    def _begin(self, election: Election, actor: str) -> Election:
        opening = self._save_opening(election, actor)
        try:
            self._start(opening)
        except Exception as exc:  # not left "opening" with nothing to open it
            self.abandon(opening.id, f"the opening workflow could not be started: {exc}")
            raise
        return opening

    def _save_opening(self, election: Election, actor: str) -> Election:
        if election.status is not ElectionStatus.DRAFT:
            raise InvalidTransition(refusal(election.status, ElectionStatus.OPENING))
        if election.definition.closes_at <= datetime.now(UTC):
            raise InvalidTransition("the closing time has passed: move closes_at later first")
        opening = election.move(ElectionStatus.OPENING, now_iso())
        record = AuditRecord(
            actor, "election.opening", target(election.id), {"status": "draft"}, {"status": "opening"}
        )
        return self._store.elections.save(election, opening, [record])

    def _start(self, election: Election, again: bool = False) -> None:
        """Named after the election and this opening (Step Functions keeps a name for 90 days)."""
        name = f"election-{election.id}-open-{election.revision}"
        if again:
            name += f"-{uuid.uuid4().hex[:8]}"
        self._workflows.start(
            self._settings.election_opening_state_machine_arn, name, {"election_id": election.id}
        )

    def _settled(self, election: Election, wait_seconds: float) -> Election:
        deadline = time.monotonic() + wait_seconds
        while election.status is ElectionStatus.OPENING and time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            election = self._get(election.id)
        return election

    def _eligible(self, election: Election, snapshot: str, by_branch: Counter[str]) -> Iterator[RollEntry]:
        voters = election.definition.voters
        segment = self._segments.rule(voters.segment_id) if voters.segment_id else None
        branches = voters.rule.branch_ids or {b.id for b in self._store.organisation.load().branches}
        for member in self._store.elections.members(sorted(branches)):
            if voters.admits(member, segment):
                by_branch[member.branch_id] += 1
                yield RollEntry(election.id, member.id, member.branch_id, snapshot)

    def _get(self, election_id: str) -> Election:
        election = self._store.elections.get(election_id) if is_election_id(election_id) else None
        if election is None:
            raise NotFound("no such election")
        return election
