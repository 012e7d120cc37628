"""The bulletin board in the table: the head, the sealed blocks, the pending codes and the code index.

Casting only adds a pending code (in one of several shards). One sealer at a time, chosen by a
conditional write on the head (a lease), seals pending codes into a block: the block and the head's
move are one transaction conditioned on the lease, then the sealed codes leave the pending set for
the code index (which answers look-ups). A sealer that dies half-way leaves codes both in the last
block and pending; the next sealer finishes that move before it seals anything new.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.dynamo import keys
from chalicelib.adapters.dynamo.batches import BATCH, write_all
from chalicelib.adapters.dynamo.elections import PENDING_SHARDS, pending_shard
from chalicelib.adapters.dynamo.models import (
    BoardBlockItem,
    BoardCodeItem,
    BoardHeadItem,
    BoardPendingItem,
    Item,
)
from chalicelib.domain.board import Block, BlockHeader, block_hash
from chalicelib.domain.elections import BoardHead, LeaseLost

HEAD_NAMES = {
    "#kind": "kind",
    "#election": "election_id",
    "#owner": "lease_owner",
    "#until": "lease_until",
    "#sealed": "sealed_epoch",
    "#final": "final",
}


def _header(raw: dict[str, Any]) -> BlockHeader:
    return BlockHeader(**raw)


def _block(item: BoardBlockItem) -> Block:
    header = BlockHeader(
        item.election_id,
        int(item.index),
        item.previous_hash,
        item.merkle_root,
        int(item.size),
        item.sealed_at,
    )
    return Block(header, tuple(item.codes))


class BoardRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def state(self, election_id: str, consistent: bool = True) -> BoardHead | None:
        try:
            item = BoardHeadItem.get(*keys.board_head(election_id), consistent_read=consistent)
        except BoardHeadItem.DoesNotExist:
            return None
        return BoardHead(
            last=_header(item.last) if item.last else None,
            blocks=int(item.blocks),
            codes=int(item.codes),
            sealed_epoch=float(item.sealed_epoch),
            lease_until=None if item.lease_until is None else float(item.lease_until),
            final=bool(item.final),
        )

    def take_lease(
        self, election_id: str, owner: str, now: float, hold: float, sealed_before: float | None
    ) -> bool:
        """Become the one sealer for `hold` seconds; False when another holds the lease (or, with
        `sealed_before`, when someone sealed after that moment)."""
        condition = "(attribute_not_exists(#until) OR #until < :now)"
        values = {
            ":now": {"N": repr(now)},
            ":kind": {"S": "board_head"},
            ":election": {"S": election_id},
            ":owner": {"S": owner},
            ":until": {"N": repr(now + hold)},
        }
        if sealed_before is not None:
            condition += " AND (attribute_not_exists(#sealed) OR #sealed <= :due)"
            values[":due"] = {"N": repr(sealed_before)}
        return self._update_head(
            election_id,
            "SET #kind = :kind, #election = :election, #owner = :owner, #until = :until",
            condition,
            values,
        )

    def release(self, election_id: str, owner: str, now: float, final: bool = False) -> None:
        """Give the lease up and note the seal's time (and, at close, that the board is final)."""
        expression = "SET #sealed = :now" + (", #final = :one" if final else "")
        values = {":now": {"N": repr(now)}, ":owner": {"S": owner}}
        if final:
            values[":one"] = {"N": "1"}
        self._update_head(election_id, expression + " REMOVE #owner, #until", "#owner = :owner", values)

    def _update_head(self, election_id: str, expression: str, condition: str, values: dict[str, Any]) -> bool:
        client = self._connection.client
        pk, sk = keys.board_head(election_id)
        try:
            client.update_item(
                TableName=Item.Meta.table_name,
                Key={"pk": {"S": pk}, "sk": {"S": sk}},
                UpdateExpression=expression,
                ConditionExpression=condition,
                ExpressionAttributeNames={
                    name: HEAD_NAMES[name] for name in HEAD_NAMES if name in expression + condition
                },
                ExpressionAttributeValues=values,
            )
        except client.exceptions.ConditionalCheckFailedException:
            return False
        return True

    def append(self, block: Block, owner: str) -> None:
        """Add the block and move the head to it, only while `owner` holds the lease."""
        header = block.header
        head = BoardHeadItem(*keys.board_head(header.election_id))
        try:
            with TransactWrite(connection=self._connection) as tx:
                tx.save(_block_item(block), condition=BoardBlockItem.pk.does_not_exist())
                tx.update(
                    head,
                    actions=[
                        BoardHeadItem.last.set(vars(header).copy()),
                        BoardHeadItem.head_hash.set(block_hash(header)),
                        BoardHeadItem.blocks.set(header.index + 1),
                        BoardHeadItem.codes.add(header.size),
                    ],
                    condition=BoardHeadItem.lease_owner == owner,
                )
        except TransactWriteError as exc:
            raise LeaseLost("another sealer took over the board") from exc

    def blocks(self, election_id: str, start: int = 0, limit: int | None = None) -> list[Block]:
        first = keys.board_block(election_id, start)[1]
        last = keys.board_block(election_id, start + limit - 1 if limit is not None else 10**8 - 1)[1]
        condition = BoardBlockItem.sk.between(first, last)
        items = BoardBlockItem.query(keys.board(election_id), condition, consistent_read=True)
        return [_block(i) for i in items if isinstance(i, BoardBlockItem)]

    def block(self, election_id: str, index: int) -> Block | None:
        try:
            item = BoardBlockItem.get(*keys.board_block(election_id, index), consistent_read=True)
        except BoardBlockItem.DoesNotExist:
            return None
        return _block(item) if isinstance(item, BoardBlockItem) else None

    def pending(self, election_id: str) -> set[str]:
        codes: set[str] = set()
        for shard in range(PENDING_SHARDS):
            pk = keys.board_pending_shard(election_id, shard)
            codes.update(
                i.code
                for i in BoardPendingItem.query(pk, consistent_read=True)
                if isinstance(i, BoardPendingItem)
            )
        return codes

    def is_pending(self, election_id: str, code: str) -> bool:
        try:
            BoardPendingItem.get(
                *keys.board_pending(election_id, pending_shard(code), code), consistent_read=True
            )
        except BoardPendingItem.DoesNotExist:
            return False
        return True

    def sealed_in(self, election_id: str, code: str) -> int | None:
        """The index of the block holding the code, from the code index; None when not sealed."""
        try:
            item = BoardCodeItem.get(*_indexed(election_id, code), consistent_read=True)
        except BoardCodeItem.DoesNotExist:
            return None
        return int(item.block) if isinstance(item, BoardCodeItem) else None

    def move_to_index(self, block: Block) -> None:
        """The block's codes leave the pending set for the code index (safe to repeat)."""
        election_id, index = block.header.election_id, block.header.index
        client, table = self._connection.client, Item.Meta.table_name
        requests: list[dict[str, Any]] = []
        for code in block.codes:
            pending_pk, pending_sk = keys.board_pending(election_id, pending_shard(code), code)
            requests.append({"DeleteRequest": {"Key": {"pk": {"S": pending_pk}, "sk": {"S": pending_sk}}}})
            pk, sk = _indexed(election_id, code)
            item = {"pk": {"S": pk}, "sk": {"S": sk}, "kind": {"S": "board_code"}, "code": {"S": code}}
            requests.append({"PutRequest": {"Item": {**item, "block": {"N": str(index)}}}})
        for start in range(0, len(requests), BATCH):
            write_all(client, table, requests[start : start + BATCH])


def _indexed(election_id: str, code: str) -> tuple[str, str]:
    return keys.board_code(election_id, pending_shard(code), code)


def _block_item(block: Block) -> BoardBlockItem:
    header = block.header
    return BoardBlockItem(
        *keys.board_block(header.election_id, header.index),
        election_id=header.election_id,
        index=header.index,
        previous_hash=header.previous_hash,
        merkle_root=header.merkle_root,
        size=header.size,
        sealed_at=header.sealed_at,
        codes=list(block.codes),
    )


def codes_in(blocks: Iterable[Block]) -> set[str]:
    return {code for block in blocks for code in block.codes}
