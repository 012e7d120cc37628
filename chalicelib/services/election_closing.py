"""Closing an election: the workflow's tasks (close, freeze the board, count, wait, publish) and the results.

The lot's seed is the board's final head. When the board is frozen the ballots' digest is fixed and
written to the audit log, so the count (and anyone later) can tell whether a ballot changed since.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from chalicelib.domain import bundle as bundles
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.counting import Candidate, Contest, CountingError, Method, Result, count
from chalicelib.domain.elections import BALLOT_FORMAT, Closing, Election, ElectionStatus, is_election_id
from chalicelib.domain.errors import (
    ConcurrentChange,
    DecisionExpired,
    DependencyUnavailable,
    InvalidTransition,
    Msg,
    NotFound,
)
from chalicelib.domain.roles import Principal
from chalicelib.observability import logger
from chalicelib.services.clock import now_iso
from chalicelib.services.election_board import BoardService
from chalicelib.services.elections import CLOCK, ELECTION_MANAGERS, is_manager, target
from chalicelib.services.ports import Store, Workflows
from chalicelib.settings import Settings

SYSTEM = "system:election-closing"
Ballot = tuple[int, tuple[str, ...]]
RESULT_KEYS = ("elected", "rounds", "tie_breaks", "counts", "seats_per_list", "comparison_numbers")


class BallotsAltered(DependencyUnavailable):
    """The stored ballots no longer match what was fixed when voting closed."""


def contest_for(election: Election, seed: str) -> Contest:
    d = election.definition
    return Contest(
        method=Method(d.kind.value),
        candidates=tuple(Candidate(o.id, o.name, o.list, o.alliance) for o in d.ballot_options),
        seats=d.seats,
        max_choices=d.max_choices,
        seed=seed,
        qualified_majority=d.qualified_majority,
        quorum=d.quorum,
    )


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


class ClosingService:
    def __init__(self, store: Store, board: BoardService, workflows: Workflows, settings: Settings) -> None:
        self._store = store
        self._board = board
        self._workflows = workflows
        self._settings = settings

    # --- the officer --------------------------------------------------------------------------
    def close(self, who: Principal, election_id: str) -> Election:
        """Stop voting and start the closing workflow; raises InvalidTransition unless open."""
        who.require_any(ELECTION_MANAGERS)
        election = self._get(election_id)
        restart = election.status is ElectionStatus.CLOSING  # its workflow failed or never started
        if not restart:
            election = self._close(election, who.member_id)
        self._start(election_id, again=restart)
        return election

    def publish(self, who: Principal, election_id: str) -> dict[str, Any]:
        """The officer approves the count: the results become public; raises InvalidTransition before."""
        who.require_any(ELECTION_MANAGERS)
        before = self._get(election_id)
        after = replace(before.move(ElectionStatus.PUBLISHED, now_iso()), task_token=None)
        record = AuditRecord(
            who.member_id, "election.published", target(election_id), {"status": "counted"}, None
        )
        self._store.elections.save(before, after, [record])
        if before.task_token:
            try:
                self._workflows.resume(before.task_token, {"approved_by": who.member_id})
            except DecisionExpired:
                logger.info("closing workflow no longer waited", extra={"election_id": election_id})
        return self.results_of(after)

    def close_due(self, now_epoch: float) -> list[str]:
        """The clock: close every open election whose closing time has passed; the ids closed."""
        closed = []
        for election in self._store.elections.all():
            if (
                election.status is ElectionStatus.OPEN
                and election.definition.closes_at.timestamp() <= now_epoch
            ):
                try:
                    self._close(election, CLOCK)
                except InvalidTransition:
                    continue  # closed by hand at the same moment
                self._start(election.id)
                closed.append(election.id)
        return closed

    # --- the workflow's tasks -----------------------------------------------------------------
    def close_task(self, election_id: str) -> dict[str, Any]:
        """Task: make sure voting has stopped; how long to wait for ballots already on their way."""
        election = self._get(election_id)
        if election.status is ElectionStatus.OPEN:
            self._close(election, SYSTEM)
        return {"grace_seconds": self._settings.election_closing_grace_seconds}

    def freeze(self, election_id: str) -> dict[str, Any]:
        """Task: seal the board to the end, fix its final head and the ballots' digest (once)."""
        election = self._get(election_id)
        if election.closing is None:
            if election.status is not ElectionStatus.CLOSING:
                raise InvalidTransition(Msg("the election is {status}, not closing", status=election.status))
            head = self._board.seal_to_the_end(election_id)
            ballots = list(self._ballots(election_id))
            codes = self._board.codes_total(election_id)
            if codes != len(ballots):  # a ballot still on its way: the task is retried
                raise BallotsAltered(
                    Msg("{ballots} ballots but {codes} codes on the board", ballots=len(ballots), codes=codes)
                )
            closing = Closing(head, bundles.ballots_digest(ballots), len(ballots))
            frozen = replace(election, closing=closing, revision=election.revision + 1)
            record = AuditRecord(
                SYSTEM, "election.board_frozen", target(election_id), None, vars(closing).copy()
            )
            try:
                election = self._store.elections.save(election, frozen, [record])
            except ConcurrentChange:
                election = self._get(election_id)  # another run of the workflow froze it first
                if election.closing is None:
                    raise
        assert election.closing is not None
        return {"board_head": election.closing.board_head, "ballots_cast": election.closing.ballots_cast}

    def count(self, election_id: str) -> dict[str, Any]:
        """Task: count every ballot under the election's rules, the lot seeded by the final head."""
        election = self._get(election_id)
        if election.status in (ElectionStatus.COUNTED, ElectionStatus.PUBLISHED):
            return {"elected": (self._store.elections.result(election_id) or {}).get("elected", [])}
        if election.status is not ElectionStatus.CLOSING or election.closing is None:
            raise InvalidTransition(
                Msg("the election is {status}, not frozen for counting", status=election.status)
            )
        ballots = list(self._ballots(election_id))
        if bundles.ballots_digest(ballots) != election.closing.ballots_digest:
            raise BallotsAltered("the stored ballots changed after voting closed; the count is stopped")
        result = count(contest_for(election, election.closing.board_head), ballots)
        stored = _plain({**result.as_json(), "extra": result.extra})
        counted = election.move(ElectionStatus.COUNTED, now_iso())
        record = AuditRecord(
            SYSTEM, "election.counted", target(election_id), None, {"elected": stored["elected"]}
        )
        try:
            self._store.elections.save(election, counted, [record], result=stored)
        except ConcurrentChange:
            if self._get(election_id).status is ElectionStatus.CLOSING:
                raise
            # another run of the workflow counted the same ballots with the same seed first
        return {"elected": stored["elected"]}

    def await_approval(self, election_id: str, task_token: str) -> None:
        """Task: keep the token, so the officer's approval (publish) resumes the workflow."""
        election = self._get(election_id)
        if election.status is ElectionStatus.PUBLISHED:  # approved before the workflow got here
            self._workflows.resume(task_token, {"approved_by": "before the wait"})
        elif election.status is ElectionStatus.COUNTED and election.task_token != task_token:
            waiting = replace(election, task_token=task_token, revision=election.revision + 1)
            self._store.elections.save(election, waiting, [])

    def confirm_published(self, election_id: str) -> dict[str, Any]:
        """Task: the end of the workflow; the results were published by the approval itself."""
        election = self._get(election_id)
        return {"published": election.status is ElectionStatus.PUBLISHED}

    def record_failure(self, election_id: str, error: str) -> None:
        """Task: the closing could not finish; the audit log says why and the election stays closing."""
        record = AuditRecord(
            SYSTEM, "election.closing_failed", target(election_id), None, {"error": error[:500]}
        )
        self._store.audit.record(record)

    # --- reading ------------------------------------------------------------------------------
    def results(self, who: Principal | None, election_id: str) -> dict[str, Any]:
        """Public once published; the officer sees the count from `counted` on. NotFound otherwise."""
        election = self._get(election_id)
        officer = who is not None and is_manager(who)
        if election.status is ElectionStatus.PUBLISHED or (
            officer and election.status is ElectionStatus.COUNTED
        ):
            return self.results_of(election)
        raise NotFound("the results of this election are not published")

    def results_of(self, election: Election) -> dict[str, Any]:
        stored = self._store.elections.result(election.id) or {}
        closing, roll = election.closing, election.roll
        return {
            "status": election.status.value,
            "election_id": election.id,
            "title": election.definition.title.as_json(),
            "kind": election.definition.kind.value,
            "seats": election.definition.seats,
            "roll_count": roll.count if roll else 0,
            "ballots_cast": closing.ballots_cast if closing else 0,
            "counts": stored.get("counts") or {},
            "elected": stored.get("elected", []),
            "rounds": stored.get("rounds", []),
            "tie_breaks": stored.get("tie_breaks", []),
            "board_head": closing.board_head if closing else None,
            "ballots_digest": closing.ballots_digest if closing else None,
            "options": [o.as_json() for o in election.definition.ballot_options],
            "extra": stored.get("extra", {}),
            "counted_at": election.times.get("counted_at"),
            "published_at": election.times.get("published_at"),
        }

    def bundle(self, election_id: str) -> dict[str, Any]:
        """The verification bundle of a published election, built afresh from what the store holds."""
        election = self._get(election_id)
        if (
            election.status is not ElectionStatus.PUBLISHED
            or election.closing is None
            or election.roll is None
        ):
            raise NotFound("the results of this election are not published")
        stored = self._store.elections.result(election_id) or {}
        result = Result(
            elected=tuple(stored.get("elected", [])),
            rounds=tuple(stored.get("rounds", [])),
            tie_breaks=tuple(stored.get("tie_breaks", [])),
            counts=stored.get("counts"),
            extra={k: stored[k] for k in ("seats_per_list", "comparison_numbers") if k in stored},
        )
        try:
            built = bundles.build_bundle(
                election_id=election_id,
                title=election.definition.title.as_json(),
                contest=contest_for(election, election.closing.board_head),
                roll_count=election.roll.count,
                ballots=self._ballots(election_id),
                blocks=self._board.all_blocks(election_id),
                result=result,
                ballots_digest=election.closing.ballots_digest,
            )
        except ValueError as exc:
            raise BallotsAltered(
                "the stored board no longer ends at the head fixed when voting closed"
            ) from exc
        return built

    # --- in this process, without the workflow engine (demo data) ----------------------------
    def close_and_count_here(self, actor: str, election_id: str) -> None:
        election = self._get(election_id)
        if election.status is ElectionStatus.OPEN:
            self._close(election, actor)
        self.freeze(election_id)
        self.count(election_id)

    # --- inside -------------------------------------------------------------------------------
    def _close(self, election: Election, actor: str) -> Election:
        closing = election.move(ElectionStatus.CLOSING, now_iso())
        record = AuditRecord(
            actor, "election.closed", target(election.id), {"status": "open"}, {"status": "closing"}
        )
        return self._store.elections.save(election, closing, [record])

    def _start(self, election_id: str, again: bool = False) -> None:
        """Start the closing workflow, named after the election (a fresh name when started again:
        Step Functions keeps an execution's name for 90 days)."""
        arn = self._settings.election_closing_state_machine_arn
        name = f"election-{election_id}" + (f"-{uuid.uuid4().hex[:8]}" if again else "")
        self._workflows.start(arn, name, {"election_id": election_id})

    def _ballots(self, election_id: str) -> Iterator[Ballot]:
        for format_, content in self._store.elections.ballots(election_id):
            yield _parsed(format_, content)

    def _get(self, election_id: str) -> Election:
        election = self._store.elections.get(election_id) if is_election_id(election_id) else None
        if election is None:
            raise NotFound("no such election")
        return election


def _parsed(format_: str, content: str) -> Ballot:
    if format_ != BALLOT_FORMAT:
        raise BallotsAltered(Msg("a stored ballot is in an unknown format {format}", format=format_))
    try:
        weight, choices = json.loads(content)
        ballot = (int(weight), tuple(str(c) for c in choices))
    except (ValueError, TypeError) as exc:
        raise BallotsAltered("a stored ballot cannot be read") from exc
    return ballot


__all__ = ["BallotsAltered", "ClosingService", "CountingError", "contest_for"]
