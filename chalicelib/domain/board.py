"""The public bulletin board: tracking codes sealed into hash-chained blocks.

Casting never touches a shared head: each ballot leaves a pending code, and a sealer periodically puts
the codes that arrived since the last seal into one block. A block holds its index, the previous
block's hash, the Merkle root of its codes (RFC 6962: leaf = H(0x00 || code), node = H(0x01 || l || r)),
how many codes it holds and the minute it was sealed. Inside a block the codes are sorted, so nothing
tells their arrival order; the first block points to a hash derived from the election id, so boards of
two elections cannot be swapped.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, NamedTuple

LEAF = b"\x00"
NODE = b"\x01"
GENESIS_TAG = b"union-portal/board/genesis/v1\x00"
BLOCK_TAG = b"union-portal/board/block/v1\x00"
SEALED_AT = re.compile(r"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z\Z")
HEX_HASH = re.compile(r"\A[0-9a-f]{64}\Z")


@dataclass(frozen=True)
class BlockHeader:
    election_id: str
    index: int
    previous_hash: str
    merkle_root: str
    size: int
    sealed_at: str  # UTC, to the minute: "2026-03-04T10:05Z"


@dataclass(frozen=True)
class Block:
    header: BlockHeader
    codes: tuple[str, ...]  # sorted


class ProofStep(NamedTuple):
    """One sibling on the way from a leaf to the root, and on which side it lies."""

    side: Literal["left", "right"]
    hash: str


@dataclass(frozen=True)
class Problem:
    block: int | None  # the block's place in the chain; None when about the board as a whole
    message: str

    def __str__(self) -> str:
        return self.message


class BoardFormatError(ValueError):
    """A board in JSON that is not shaped like one; `where` names the field."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where, self.message = where, message


def genesis_hash(election_id: str) -> str:
    return hashlib.sha256(GENESIS_TAG + election_id.encode()).hexdigest()


def block_hash(header: BlockHeader) -> str:
    fields = [
        header.election_id,
        header.index,
        header.previous_hash,
        header.merkle_root,
        header.size,
        header.sealed_at,
    ]
    canonical = json.dumps(fields, separators=(",", ":"), ensure_ascii=False).encode()
    return hashlib.sha256(BLOCK_TAG + canonical).hexdigest()


def head(election_id: str, blocks: Sequence[Block]) -> str:
    """The hash of the latest block: what the board shows live and what is fixed at close."""
    return block_hash(blocks[-1].header) if blocks else genesis_hash(election_id)


def seal(
    previous: BlockHeader | None, codes: Iterable[str], *, election_id: str, sealed_at: datetime
) -> Block:
    """Seal the codes that arrived since `previous` into the next block (the first when None)."""
    if previous is not None and previous.election_id != election_id:
        raise ValueError("the previous block belongs to another election")
    ordered = tuple(sorted(set(codes)))
    header = BlockHeader(
        election_id=election_id,
        index=0 if previous is None else previous.index + 1,
        previous_hash=genesis_hash(election_id) if previous is None else block_hash(previous),
        merkle_root=merkle_root(ordered),
        size=len(ordered),
        sealed_at=sealed_minute(sealed_at),
    )
    return Block(header, ordered)


def sealed_minute(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("the sealing time must carry its time zone")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def leaf_hash(code: str) -> bytes:
    return hashlib.sha256(LEAF + code.encode()).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(NODE + left + right).digest()


def merkle_root(codes: Sequence[str]) -> str:
    """RFC 6962 Merkle tree hash of the codes in the order given (the empty tree hashes nothing)."""
    if not codes:
        return hashlib.sha256(b"").hexdigest()
    return _subtree([leaf_hash(code) for code in codes], 0, len(codes)).hex()


def inclusion_proof(codes_sorted: Sequence[str], code: str) -> list[ProofStep]:
    """The audit path from `code` to the block's root. Raises LookupError when the code is not there."""
    leaves = [leaf_hash(c) for c in codes_sorted]
    try:
        position = list(codes_sorted).index(code)
    except ValueError:
        raise LookupError("the code is not in this block") from None
    return _path(leaves, position, 0, len(leaves))


def verify_inclusion(code: str, proof: Sequence[ProofStep], root: str) -> bool:
    digest = leaf_hash(code)
    for side, sibling in proof:
        other = bytes.fromhex(sibling)
        digest = node_hash(other, digest) if side == "left" else node_hash(digest, other)
    return digest.hex() == root


def find_block(blocks: Iterable[Block], code: str) -> Block | None:
    return next((block for block in blocks if code in block.codes), None)


def _split(size: int) -> int:
    """The largest power of two smaller than size (RFC 6962's k)."""
    return 1 << ((size - 1).bit_length() - 1)


def _subtree(leaves: list[bytes], start: int, end: int) -> bytes:
    if end - start == 1:
        return leaves[start]
    middle = start + _split(end - start)
    return node_hash(_subtree(leaves, start, middle), _subtree(leaves, middle, end))


def _path(leaves: list[bytes], position: int, start: int, end: int) -> list[ProofStep]:
    if end - start == 1:
        return []
    middle = start + _split(end - start)
    if position < middle:
        return [
            *_path(leaves, position, start, middle),
            ProofStep("right", _subtree(leaves, middle, end).hex()),
        ]
    return [*_path(leaves, position, middle, end), ProofStep("left", _subtree(leaves, start, middle).hex())]


def verify_chain(
    blocks: Sequence[Block], *, election_id: str | None = None, expected_head: str | None = None
) -> list[Problem]:
    """Every way the board fails to be one unbroken chain, block by block, the first break first.

    `election_id` is the election the reader expects (default: the one the first block names);
    `expected_head` is a head published earlier (e.g. at close), which catches blocks cut off the end.
    """
    election = election_id if election_id is not None else (blocks[0].header.election_id if blocks else "")
    problems: list[Problem] = []
    previous: BlockHeader | None = None
    seen: dict[str, int] = {}
    for position, block in enumerate(blocks):
        found = [
            *_place_problems(block.header, position, previous, election),
            *_content_problems(block, position),
            *_repeated_codes(block, position, seen),
        ]
        problems.extend(Problem(position, message) for message in found)
        previous = block.header
    if expected_head is not None and head(election, blocks) != expected_head:
        problems.append(Problem(None, _head_message(blocks, expected_head)))
    return problems


def _place_problems(
    header: BlockHeader, position: int, previous: BlockHeader | None, election: str
) -> list[str]:
    problems = []
    if header.election_id != election:
        problems.append(f"block {position} belongs to election {header.election_id!r}, not {election!r}")
    if header.index != position:
        problems.append(
            f"block {position} says it is block {header.index}: blocks are missing or out of order"
        )
    expected = genesis_hash(election) if previous is None else block_hash(previous)
    if header.previous_hash != expected:
        before = "the election's genesis hash" if previous is None else f"the hash of block {position - 1}"
        problems.append(
            f"block {position} does not point to {before} (expected {expected}, found {header.previous_hash})"
        )
    if previous is not None and header.sealed_at < previous.sealed_at:
        problems.append(f"block {position} was sealed ({header.sealed_at}) before block {position - 1}")
    return problems


def _content_problems(block: Block, position: int) -> list[str]:
    header, codes = block.header, block.codes
    problems = []
    if header.size != len(codes):
        change = "removed" if len(codes) < header.size else "added"
        problems.append(
            f"block {position} says it holds {header.size} codes but holds {len(codes)}: codes were {change}"
        )
    if list(codes) != sorted(set(codes)):
        problems.append(f"the codes of block {position} are not sorted and distinct")
    root = merkle_root(codes)
    if root != header.merkle_root:
        what = "a code was altered" if header.size == len(codes) else "its codes changed"
        problems.append(
            f"the codes of block {position} do not match its Merkle root: {what} "
            f"(expected root {header.merkle_root}, computed {root})"
        )
    return problems


def _repeated_codes(block: Block, position: int, seen: dict[str, int]) -> list[str]:
    problems = []
    for code in dict.fromkeys(block.codes):
        if code in seen and seen[code] != position:
            problems.append(f"code {code} in block {position} was already on the board in block {seen[code]}")
        seen.setdefault(code, position)
    return problems


def _head_message(blocks: Sequence[Block], expected_head: str) -> str:
    if not blocks:
        return f"the board has no blocks, but the published head is {expected_head}"
    last = len(blocks) - 1
    return (
        f"the board ends at block {last}, whose hash is not the published head {expected_head}: "
        "blocks were removed or altered at the end"
    )


def block_as_json(block: Block) -> dict[str, Any]:
    header = block.header
    return {
        "index": header.index,
        "election_id": header.election_id,
        "previous_hash": header.previous_hash,
        "merkle_root": header.merkle_root,
        "size": header.size,
        "sealed_at": header.sealed_at,
        "codes": list(block.codes),
    }


def block_from_json(data: object, where: str = "block") -> Block:
    """A block read back from JSON; raises BoardFormatError naming the field that is wrong."""
    if not isinstance(data, dict):
        raise BoardFormatError(where, "expected an object")
    header = BlockHeader(
        election_id=_field(data, "election_id", str, where),
        index=_field(data, "index", int, where),
        previous_hash=_hash_field(data, "previous_hash", where),
        merkle_root=_hash_field(data, "merkle_root", where),
        size=_field(data, "size", int, where),
        sealed_at=_field(data, "sealed_at", str, where),
    )
    if not SEALED_AT.match(header.sealed_at):
        raise BoardFormatError(f"{where}.sealed_at", "expected a UTC minute such as 2026-03-04T10:05Z")
    codes = _field(data, "codes", list, where)
    if not all(isinstance(code, str) for code in codes):
        raise BoardFormatError(f"{where}.codes", "expected a list of tracking codes (strings)")
    return Block(header, tuple(codes))


def _field(data: dict[str, Any], name: str, kind: type, where: str) -> Any:
    value = data.get(name)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise BoardFormatError(f"{where}.{name}", f"expected {_KIND_NAMES[kind]}")
    return value


def _hash_field(data: dict[str, Any], name: str, where: str) -> str:
    value = _field(data, name, str, where)
    if not HEX_HASH.match(value):
        raise BoardFormatError(f"{where}.{name}", "expected 64 lower-case hexadecimal digits")
    return str(value)


_KIND_NAMES = {str: "a string", int: "a whole number", list: "a list"}
