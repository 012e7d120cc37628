"""Elections in the table: definitions, the frozen roll, the ballots, the turnout counters, the results.

Casting is one TransactWriteItems: the voter's roll entry gains the day (condition: on this roll,
not yet voted), the ballot goes under a random key in a random shard, the tracking code into the
board's pending set, and the branch's turnout counter (one of several shards) moves by one.
Nothing written links the ballot or the code to the voter.
"""

from __future__ import annotations

import hashlib
import random
import secrets
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from pynamodb.connection import Connection

from chalicelib.adapters.dynamo import keys
from chalicelib.adapters.dynamo.batches import put_many
from chalicelib.adapters.dynamo.members import to_member
from chalicelib.adapters.dynamo.models import (
    BallotItem,
    ElectionItem,
    ElectionResultItem,
    Item,
    MemberItem,
    RollEntryItem,
    TurnoutItem,
)
from chalicelib.adapters.dynamo.transactions import AuditedCommitter, Writes
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.elections import (
    AlreadyVoted,
    CastBallot,
    Closing,
    Definition,
    Election,
    ElectionStatus,
    Roll,
    RollEntry,
    definition_from_json,
)
from chalicelib.domain.errors import AlreadyExists, ConcurrentChange
from chalicelib.domain.members import Member

BALLOT_SHARDS = 16
PENDING_SHARDS = 8
TURNOUT_SHARDS = 8
CAST_ATTEMPTS = 10
CAST_BACKOFF_SECONDS = 0.01


def pending_shard(code: str) -> int:
    """The pending shard of a code follows from the code, so the sealer can find and drop it."""
    return int.from_bytes(hashlib.sha256(code.encode()).digest()[:4], "big") % PENDING_SHARDS


def _changed_meanwhile() -> ConcurrentChange:
    return ConcurrentChange("the election was changed elsewhere at the same moment; reload and try again")


def _already_there() -> AlreadyExists:
    return AlreadyExists("an election with that id exists already")


def to_election(item: ElectionItem) -> Election:
    roll, closing = item.roll, item.closing
    return Election(
        id=item.election_id,
        definition=_definition(item.definition),
        created_by=item.created_by,
        created_at=item.created_at,
        status=ElectionStatus(item.status),
        revision=int(item.revision),
        roll=Roll(roll["snapshot"], int(roll["count"]), dict(roll["by_branch"])) if roll else None,
        closing=Closing(**closing) if closing else None,
        task_token=item.task_token,
        times=dict(item.times or {}),
    )


def _definition(raw: dict[str, Any]) -> Definition:
    return definition_from_json(raw)


def to_item(election: Election) -> ElectionItem:
    roll, closing = election.roll, election.closing
    return ElectionItem(
        *keys.election(election.id),
        election_id=election.id,
        definition=election.definition.as_json(filled=False),
        status=election.status.value,
        created_by=election.created_by,
        created_at=election.created_at,
        roll={"snapshot": roll.snapshot, "count": roll.count, "by_branch": roll.by_branch} if roll else None,
        closing=vars(closing).copy() if closing else None,
        task_token=election.task_token,
        times=election.times,
        revision=election.revision,
    )


def _entry(item: RollEntryItem) -> RollEntry:
    return RollEntry(
        item.election_id, item.member_id, item.branch_id, item.snapshot, int(item.weight), item.voted_on
    )


class ElectionRepository:
    def __init__(self, committer: AuditedCommitter, connection: Connection) -> None:
        self._committer = committer
        self._connection = connection

    # --- definitions ----------------------------------------------------------------------------
    def get(self, election_id: str) -> Election | None:
        try:
            item = ElectionItem.get(*keys.election(election_id), consistent_read=True)
        except ElectionItem.DoesNotExist:
            return None
        return to_election(item) if isinstance(item, ElectionItem) else None

    def all(self) -> list[Election]:
        items = ElectionItem.query(keys.ELECTIONS, ElectionItem.sk.startswith("ELECTION#"))
        return [to_election(i) for i in items if isinstance(i, ElectionItem)]

    def create(self, election: Election, record: AuditRecord) -> None:
        writes = Writes()
        writes.put(to_item(election), ElectionItem.pk.does_not_exist(), _already_there)
        self._committer.commit(writes, [record])

    def save(
        self, before: Election, after: Election, records: list[AuditRecord], result: dict | None = None
    ) -> Election:
        """Replace the election if nobody changed it meanwhile (a status move is decided here)."""
        writes = Writes()
        writes.put(to_item(after), ElectionItem.revision == before.revision, _changed_meanwhile)
        if result is not None:
            pk, sk = keys.election_result(after.id)
            writes.put(ElectionResultItem(pk, sk, election_id=after.id, result=result))
        self._committer.commit(writes, records)
        return after

    def result(self, election_id: str) -> dict[str, Any] | None:
        try:
            item = ElectionResultItem.get(*keys.election_result(election_id), consistent_read=True)
        except ElectionResultItem.DoesNotExist:
            return None
        return dict(item.result) if isinstance(item, ElectionResultItem) else None

    # --- the roll -------------------------------------------------------------------------------
    def members(self, branch_ids: Iterable[str]) -> Iterator[Member]:
        """Every member of the branches, read from the branch index page by page."""
        for branch_id in branch_ids:
            for item in MemberItem.by_gsi1.query(keys.members_of_branch(branch_id)):
                if isinstance(item, MemberItem):
                    yield to_member(item)

    def write_roll(self, entries: Iterable[RollEntry]) -> int:
        """Write the roll in batches on a few threads; returns how many entries were written."""
        items = (_roll_item(entry).serialize() for entry in entries)
        return put_many(self._connection.client, Item.Meta.table_name, items)

    def roll_entry(self, election_id: str, member_id: str) -> RollEntry | None:
        try:
            item = RollEntryItem.get(*keys.roll_entry(election_id, member_id), consistent_read=True)
        except RollEntryItem.DoesNotExist:
            return None
        return _entry(item) if isinstance(item, RollEntryItem) else None

    def roll_entries_of(self, member_id: str, election_ids: list[str]) -> dict[str, RollEntry]:
        wanted = [keys.roll_entry(e, member_id) for e in election_ids]
        found = RollEntryItem.batch_get(wanted) if wanted else []
        return {i.election_id: _entry(i) for i in found if isinstance(i, RollEntryItem)}

    # --- casting --------------------------------------------------------------------------------
    def cast(self, ballot: CastBallot) -> None:
        """Record the ballot; raises AlreadyVoted when the roll entry is used (or not on this roll)."""
        client = self._connection.client
        for attempt in range(CAST_ATTEMPTS):
            try:
                client.transact_write_items(TransactItems=_cast_items(ballot))
                return
            except client.exceptions.TransactionCanceledException as exc:
                reasons = [r.get("Code") for r in exc.response.get("CancellationReasons") or []]
                if reasons and reasons[0] == "ConditionalCheckFailed":
                    raise AlreadyVoted("you have already voted in this election") from None
            # A conflict with someone voting at the same moment (or, never in practice, a random
            # key taken): try again after a short random pause, with fresh random keys.
            time.sleep(random.uniform(0, CAST_BACKOFF_SECONDS * 2**attempt))
        raise ConcurrentChange("many members are voting at this moment; please try again")

    def turnout(self, election_id: str) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for shard in range(TURNOUT_SHARDS):
            for item in TurnoutItem.query(keys.turnout_shard(election_id, shard), consistent_read=True):
                if isinstance(item, TurnoutItem):
                    counts[item.branch_id] += int(item.voted)
        return dict(counts)

    def ballots(self, election_id: str) -> Iterator[tuple[str, str]]:
        """(format, content) of every ballot, shard by shard, page by page."""
        for shard in range(BALLOT_SHARDS):
            for item in BallotItem.query(keys.ballots_shard(election_id, shard), consistent_read=True):
                if isinstance(item, BallotItem):
                    yield item.format, item.content


def _roll_item(entry: RollEntry) -> RollEntryItem:
    return RollEntryItem(
        *keys.roll_entry(entry.election_id, entry.member_id),
        election_id=entry.election_id,
        member_id=entry.member_id,
        branch_id=entry.branch_id,
        snapshot=entry.snapshot,
        weight=entry.weight,
    )


def _key(pk: str, sk: str) -> dict[str, Any]:
    return {"pk": {"S": pk}, "sk": {"S": sk}}


def _cast_items(ballot: CastBallot) -> list[dict[str, Any]]:
    """The four writes of one ballot. The roll entry comes first: its failed condition means 'voted'."""
    table = Item.Meta.table_name
    entry, election_id = ballot.entry, ballot.entry.election_id
    ballot_pk, ballot_sk = keys.ballot(election_id, secrets.randbelow(BALLOT_SHARDS), secrets.token_hex(16))
    code = ballot.tracking_code
    code_pk, code_sk = keys.board_pending(election_id, pending_shard(code), code)
    counter = keys.turnout(election_id, secrets.randbelow(TURNOUT_SHARDS), entry.branch_id)
    absent = "attribute_not_exists(pk)"
    return [
        {
            "Update": {
                "TableName": table,
                "Key": _key(*keys.roll_entry(election_id, entry.member_id)),
                "UpdateExpression": "SET #voted = :day",
                "ConditionExpression": "#snapshot = :snapshot AND attribute_not_exists(#voted)",
                "ExpressionAttributeNames": {"#voted": "voted_on", "#snapshot": "snapshot"},
                "ExpressionAttributeValues": {":day": {"S": ballot.day}, ":snapshot": {"S": entry.snapshot}},
            }
        },
        {
            "Put": {
                "TableName": table,
                "Item": {
                    **_key(ballot_pk, ballot_sk),
                    "kind": {"S": "ballot"},
                    "format": {"S": ballot.format},
                    "content": {"S": ballot.content},
                },
                "ConditionExpression": absent,
            }
        },
        {
            "Put": {
                "TableName": table,
                "Item": {**_key(code_pk, code_sk), "kind": {"S": "board_pending"}, "code": {"S": code}},
                "ConditionExpression": absent,
            }
        },
        {
            "Update": {
                "TableName": table,
                "Key": _key(*counter),
                "UpdateExpression": "SET #kind = :kind, #branch = :branch ADD #voted :one",
                "ExpressionAttributeNames": {"#kind": "kind", "#branch": "branch_id", "#voted": "voted"},
                "ExpressionAttributeValues": {
                    ":kind": {"S": "turnout"},
                    ":branch": {"S": entry.branch_id},
                    ":one": {"N": "1"},
                },
            }
        },
    ]
