"""Elections: the officer defines and opens them, members see them and vote; turnout while voting.

Closing, counting and publishing are in services/election_closing.py; the board in election_board.py.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.elections import (
    DEFINITION_FIELDS,
    AlreadyVoted,
    CastBallot,
    Definition,
    Election,
    ElectionStatus,
    Option,
    RollEntry,
    ballot_order,
    check_choices,
    definition_from_json,
    definition_summary,
    is_election_id,
    merged,
)
from chalicelib.domain.errors import (
    ConcurrentChange,
    InvalidInput,
    InvalidTransition,
    NotFound,
    NotPermitted,
)
from chalicelib.domain.roles import Principal, Role
from chalicelib.domain.segments import check_rule
from chalicelib.domain.tracking import canonical_ballot, tracking_code
from chalicelib.observability import logger, metrics
from chalicelib.services.clock import monotonic, now_iso, today
from chalicelib.services.election_board import BoardService
from chalicelib.services.ports import Mailer, Store
from chalicelib.services.segments import SegmentService

ELECTION_MANAGERS = frozenset({Role.ELECTION_OFFICER, Role.ADMIN})
CLOCK = "system:election-clock"
NONCE_BYTES = 16
OPEN_ELECTION_CACHE_SECONDS = 1.0


@dataclass(frozen=True)
class Standing:
    """The caller's own place in an election: on its roll, and whether they have voted."""

    on_roll: bool
    voted: bool


NOBODY = Standing(False, False)


@dataclass(frozen=True)
class Seen:
    election: Election
    standing: Standing
    can_manage: bool


@dataclass(frozen=True)
class BallotSheet:
    election: Election
    options: tuple[Option, ...]
    preview: bool
    voted: bool


@dataclass(frozen=True)
class Turnout:
    roll_count: int
    ballots_cast: int
    by_branch: list[tuple[str, str, int, int]] | None  # (branch id, name, on the roll, voted)


def target(election_id: str) -> str:
    return f"election:{election_id}"


def is_manager(who: Principal) -> bool:
    return bool(who.roles & ELECTION_MANAGERS)


class ElectionService:
    def __init__(self, store: Store, segments: SegmentService, board: BoardService, mailer: Mailer) -> None:
        self._store = store
        self._segments = segments
        self._board = board
        self._mailer = mailer
        self._open_elections: dict[str, tuple[float, Election]] = {}

    # --- the officer --------------------------------------------------------------------------
    def create(self, who: Principal, fields: Mapping[str, Any]) -> Election:
        """A new draft election; raises InvalidInput naming every field at fault."""
        who.require_any(ELECTION_MANAGERS)
        definition = self._checked(definition_from_json(fields))
        election = Election(uuid.uuid4().hex, definition, who.member_id, now_iso())
        summary = definition_summary(definition)
        record = AuditRecord(who.member_id, "election.created", target(election.id), None, summary)
        self._store.elections.create(election, record)
        return election

    def update(self, who: Principal, election_id: str, fields: Mapping[str, Any]) -> Election:
        """Change a draft, or the words and closing time of an open election; raises InvalidTransition."""
        who.require_any(ELECTION_MANAGERS)
        before = self.get_election(election_id)
        if "revision" in fields and fields["revision"] != before.revision:
            raise ConcurrentChange("someone else changed this election meanwhile; reload and try again")
        changed = {k: v for k, v in fields.items() if k in DEFINITION_FIELDS}
        after = before.edited(changed, self._checked(merged(before.definition, changed)))
        if after.status is ElectionStatus.OPEN and after.definition.closes_at <= datetime.now(UTC):
            raise InvalidInput.on("closes_at", "must be in the future")
        record = AuditRecord(
            who.member_id,
            "election.edited",
            target(election_id),
            definition_summary(before.definition),
            definition_summary(after.definition),
        )
        return self._store.elections.save(before, after, [record])

    def cancel(self, who: Principal, election_id: str) -> Election:
        who.require_any(ELECTION_MANAGERS)
        before = self.get_election(election_id)
        after = before.move(ElectionStatus.CANCELLED, now_iso())
        record = AuditRecord(
            who.member_id, "election.cancelled", target(election_id), {"status": before.status.value}, None
        )
        return self._store.elections.save(before, after, [record])

    def turnout(self, who: Principal, election_id: str) -> Turnout:
        """Counts only, per branch when the election allows it; no partial results."""
        who.require_any(ELECTION_MANAGERS)
        election = self.get_election(election_id)
        if election.roll is None:
            raise InvalidTransition("voting has not opened yet")
        voted = self._store.elections.turnout(election_id)
        total = sum(voted.values())
        if not election.definition.turnout_by_branch:
            return Turnout(election.roll.count, total, None)
        names = {b.id: b.name for b in self._store.organisation.load().branches}
        branches = sorted(set(election.roll.by_branch) | set(voted))
        rows = [(b, names.get(b, b), election.roll.by_branch.get(b, 0), voted.get(b, 0)) for b in branches]
        return Turnout(election.roll.count, total, rows)

    # --- everybody ----------------------------------------------------------------------------
    def get(self, who: Principal, election_id: str) -> Seen:
        election = self.get_election(election_id)
        standing = self._standing(election, who.member_id)
        if not (is_manager(who) or _visible(election, standing)):
            raise NotFound("no such election")
        return Seen(election, standing, is_manager(who))

    def visible(self, who: Principal, statuses: frozenset[ElectionStatus] | None = None) -> list[Seen]:
        elections = [e for e in self._store.elections.all() if statuses is None or e.status in statuses]
        opened = [e.id for e in elections if e.roll is not None]
        entries = self._store.elections.roll_entries_of(who.member_id, opened)
        manager = is_manager(who)
        seen = [Seen(e, _standing(e, entries.get(e.id)), manager) for e in elections]
        visible = [s for s in seen if manager or _visible(s.election, s.standing)]
        return sorted(visible, key=lambda s: (s.election.definition.opens_at, s.election.id), reverse=True)

    def ballot(self, who: Principal, election_id: str) -> BallotSheet:
        """The ballot as this voter sees it; an officer gets it in any status, as a preview."""
        election = self.get_election(election_id)
        standing = self._standing(election, who.member_id)
        if not is_manager(who):
            if not standing.on_roll:
                raise NotPermitted("you are not on the voter roll of this election")
            election.accepts_ballots(datetime.now(UTC))
        options = ballot_order(election.definition, election.id, who.member_id)
        can_vote = standing.on_roll and not standing.voted and election.status is ElectionStatus.OPEN
        return BallotSheet(election, options, not can_vote, standing.voted)

    def cast(self, who: Principal, election_id: str, choices: list[str]) -> str:
        """Record the member's one ballot; its tracking code, shown once and kept nowhere with the voter.

        Raises NotPermitted (not on the roll), AlreadyVoted, InvalidTransition (not open), InvalidInput.
        """
        election = self._open_election(election_id)
        election.accepts_ballots(datetime.now(UTC))
        entry = self._roll_entry(election, who.member_id)
        if entry is None:
            raise NotPermitted("you are not on the voter roll of this election")
        if entry.voted_on is not None:
            raise AlreadyVoted("you have already voted in this election")
        canonical = canonical_ballot(check_choices(election.definition, choices), entry.weight)
        code = tracking_code(election.id, canonical, secrets.token_bytes(NONCE_BYTES))
        self._store.elections.cast(CastBallot(entry, today().isoformat(), canonical.decode(), code))
        metrics.add_metric(name="BallotsCast", unit="Count", value=1)
        self._after_cast(election, who.member_id)
        return code

    def get_election(self, election_id: str) -> Election:
        election = self._store.elections.get(election_id) if is_election_id(election_id) else None
        if election is None:
            raise NotFound("no such election")
        return election

    # --- inside -------------------------------------------------------------------------------
    def _open_election(self, election_id: str) -> Election:
        """The election for a ballot, read at most once a second per container while it is open
        (the closing workflow waits far longer than that before it seals the board)."""
        cached = self._open_elections.get(election_id)
        now = monotonic()
        if cached is not None and now - cached[0] < OPEN_ELECTION_CACHE_SECONDS:
            return cached[1]
        election = self.get_election(election_id)
        if election.status is ElectionStatus.OPEN:
            self._open_elections[election_id] = (now, election)
        else:
            self._open_elections.pop(election_id, None)
        return election

    def _checked(self, definition: Definition) -> Definition:
        """References must exist: the branches, workplaces and segment the eligibility names."""
        voters = definition.eligibility
        if voters is None:
            return definition
        check_rule(voters.rule, self._store.organisation.load(), "eligibility")
        if voters.segment_id:
            try:
                self._segments.rule(voters.segment_id)
            except NotFound:
                raise InvalidInput.on("eligibility.segment_id", "no saved segment has this id") from None
        return definition

    def _roll_entry(self, election: Election, member_id: str) -> RollEntry | None:
        if election.roll is None:
            return None
        entry = self._store.elections.roll_entry(election.id, member_id)
        return entry if entry is not None and entry.snapshot == election.roll.snapshot else None

    def _standing(self, election: Election, member_id: str) -> Standing:
        if election.roll is None:
            return NOBODY
        return _standing(election, self._store.elections.roll_entry(election.id, member_id))

    def _after_cast(self, election: Election, member_id: str) -> None:
        """The ballot is recorded: a late seal or a lost mail must not turn that into an error."""
        try:
            self._board.seal_if_due(election.id)
        except Exception:
            logger.warning("board sealing deferred to the next ballot")
        try:
            self._confirm(election, member_id)
        except Exception:
            logger.warning("a ballot confirmation mail could not be sent")

    def _confirm(self, election: Election, member_id: str) -> None:
        member = self._store.members.get(member_id)
        if member is None:
            return
        language = member.language.value
        title = election.definition.title.as_json()[language]
        context = {"first_name": member.first_name, "title": title}
        self._mailer.send(member.email, "ballot_recorded", language, context)


def _standing(election: Election, entry: RollEntry | None) -> Standing:
    if election.roll is None or entry is None or entry.snapshot != election.roll.snapshot:
        return NOBODY
    return Standing(True, entry.voted_on is not None)


def _visible(election: Election, standing: Standing) -> bool:
    return election.status is ElectionStatus.PUBLISHED or (
        standing.on_roll and election.status is not ElectionStatus.DRAFT
    )
