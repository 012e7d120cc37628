"""The public bulletin board: sealing pending tracking codes into blocks, showing them, finding one.

Sealing is cheap to ask for: after a ballot the caster asks whether the last seal is older than a
few seconds; a conditional write on the board's head (a lease) decides who seals, and the others
just return. At close the board is sealed to the end and marked final.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from chalicelib.domain import board
from chalicelib.domain.board import Block, ProofStep
from chalicelib.domain.elections import BoardHead, Election, ElectionStatus, LeaseLost
from chalicelib.domain.errors import DependencyUnavailable, NotFound
from chalicelib.domain.tracking import normalise_code
from chalicelib.services.ports import Store

SEAL_EVERY_SECONDS = 5.0
LEASE_SECONDS = 60.0
BLOCK_LIMIT = 4000  # codes per block: a block item stays far below DynamoDB's 400 KB
FINAL_SEAL_WAIT_SECONDS = LEASE_SECONDS + 5
LOOK_EVERY_SECONDS = 1.0


@dataclass(frozen=True)
class BoardView:
    election: Election
    head: str
    blocks: list[Block]
    pending: list[str]
    codes_total: int
    next_block: int | None

    @property
    def final(self) -> bool:
        return self.election.closing is not None


@dataclass(frozen=True)
class Lookup:
    code: str
    head: str
    block: Block | None
    proof: list[ProofStep]


class BoardService:
    def __init__(self, store: Store, seal_every: float = SEAL_EVERY_SECONDS) -> None:
        self._store = store
        self._seal_every = seal_every
        self._looked: dict[str, float] = {}

    # --- sealing ----------------------------------------------------------------------------------
    def seal_if_due(self, election_id: str) -> bool:
        """Seal what is pending when the last seal is older than a few seconds and nobody else is
        sealing; True when this call sealed."""
        if not self._time_to_look(election_id):
            return False
        now = time.time()
        state = self._store.board.state(election_id, consistent=False)
        if state is not None and (now - state.sealed_epoch < self._seal_every or _leased(state, now)):
            return False
        owner = uuid.uuid4().hex
        due = now - self._seal_every
        if not self._store.board.take_lease(election_id, owner, now, LEASE_SECONDS, sealed_before=due):
            return False
        try:
            self._seal(election_id, owner)
        except LeaseLost:
            return False
        self._store.board.release(election_id, owner, time.time())
        return True

    def _time_to_look(self, election_id: str) -> bool:
        """At most one look at the head per second per container: most ballots then read nothing."""
        now = time.monotonic()
        if now - self._looked.get(election_id, -LOOK_EVERY_SECONDS) < LOOK_EVERY_SECONDS:
            return False
        self._looked[election_id] = now
        return True

    def seal_to_the_end(self, election_id: str) -> str:
        """Seal every pending code and mark the board final (voting has closed); its final head."""
        owner = uuid.uuid4().hex
        deadline = time.monotonic() + FINAL_SEAL_WAIT_SECONDS
        while not self._store.board.take_lease(election_id, owner, time.time(), LEASE_SECONDS, None):
            if time.monotonic() > deadline:
                raise DependencyUnavailable("the board is being sealed by another process; try again")
            time.sleep(0.2)
        self._seal(election_id, owner)
        self._store.board.release(election_id, owner, time.time(), final=True)
        return self.head(election_id)

    def _seal(self, election_id: str, owner: str) -> None:
        last = self._last_block(election_id)
        pending = self._store.board.pending(election_id)
        if last is not None:
            self._store.board.move_to_index(last)  # finish what a sealer that died may have left
            pending -= set(last.codes)
        while pending:
            codes = sorted(pending)[:BLOCK_LIMIT]
            block = board.seal(
                None if last is None else last.header,
                codes,
                election_id=election_id,
                sealed_at=datetime.now(UTC),
            )
            self._store.board.append(block, owner)
            self._store.board.move_to_index(block)
            pending -= set(codes)
            last = block

    def _last_block(self, election_id: str) -> Block | None:
        state = self._store.board.state(election_id)
        if state is None or state.last is None:
            return None
        return self._store.board.block(election_id, state.last.index)

    # --- reading ----------------------------------------------------------------------------------
    def head(self, election_id: str) -> str:
        state = self._store.board.state(election_id)
        return _head(election_id, state)

    def codes_total(self, election_id: str) -> int:
        state = self._store.board.state(election_id)
        return 0 if state is None else state.codes

    def all_blocks(self, election_id: str) -> list[Block]:
        return self._store.board.blocks(election_id)

    def view(self, election: Election, start: int, limit: int) -> BoardView:
        """One page of the board of an election that has opened; NotFound for a draft."""
        _require_opened(election)
        state = self._store.board.state(election.id)
        blocks = self._store.board.blocks(election.id, start, limit)
        total_blocks = 0 if state is None else state.blocks
        more = start + limit < total_blocks
        pending: list[str] = []
        if not more:
            sealed = set(blocks[-1].codes) if blocks else set()
            pending = sorted(self._store.board.pending(election.id) - sealed)
        codes = (0 if state is None else state.codes) + len(pending)
        return BoardView(
            election, _head(election.id, state), blocks, pending, codes, start + limit if more else None
        )

    def lookup(self, election: Election, raw_code: str) -> Lookup:
        """Where a tracking code is on the board, with its inclusion proof once sealed."""
        _require_opened(election)
        code = normalise_code(raw_code)
        head = self.head(election.id)
        index = self._store.board.sealed_in(election.id, code)
        if index is not None:
            block = self._store.board.block(election.id, index)
            if block is not None and code in block.codes:
                return Lookup(code, head, block, board.inclusion_proof(block.codes, code))
        if self._store.board.is_pending(election.id, code):
            return Lookup(code, head, None, [])
        raise NotFound("this tracking code is not on the board of this election")


def _leased(state: BoardHead, now: float) -> bool:
    return state.lease_until is not None and state.lease_until >= now


def _head(election_id: str, state: BoardHead | None) -> str:
    genesis = board.genesis_hash(election_id)
    return genesis if state is None else state.head_hash(genesis)


def _require_opened(election: Election) -> None:
    if election.roll is None or election.status is ElectionStatus.DRAFT:
        raise NotFound("no such election")
