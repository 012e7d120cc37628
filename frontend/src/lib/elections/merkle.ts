/**
 * Checking the board in the browser with WebCrypto (docs/elections-board.md): a code's RFC 6962
 * inclusion proof folded to its block's Merkle root, and a block's hash from its header.
 */
import type { BoardBlock, ProofStep } from "../../api/types";

const encoder = new TextEncoder();
const BLOCK_TAG = "union-portal/board/block/v1\u0000";
const GENESIS_TAG = "union-portal/board/genesis/v1\u0000";

/** WebCrypto, where the browser offers it (only on https or localhost). */
export function cryptoAvailable(): boolean {
  return typeof globalThis.crypto !== "undefined" && typeof globalThis.crypto.subtle?.digest === "function";
}

async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", data as BufferSource));
}

export function toHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) throw new Error("not a hex string");
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function leafHash(code: string): Promise<Uint8Array> {
  return sha256(concat(new Uint8Array([0]), encoder.encode(code)));
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(concat(new Uint8Array([1]), left, right));
}

/** The largest power of two smaller than n (RFC 6962's split of an uneven tree). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

async function subtree(leaves: Uint8Array[], start: number, end: number): Promise<Uint8Array> {
  if (end - start === 1) return leaves[start]!;
  const middle = start + split(end - start);
  const [left, right] = await Promise.all([subtree(leaves, start, middle), subtree(leaves, middle, end)]);
  return nodeHash(left, right);
}

/** RFC 6962 Merkle tree hash of the codes in the order given; the empty tree hashes nothing. */
export async function merkleRoot(codes: readonly string[]): Promise<string> {
  if (!codes.length) return toHex(await sha256(new Uint8Array()));
  const leaves = await Promise.all(codes.map(leafHash));
  return toHex(await subtree(leaves, 0, leaves.length));
}

/** Folds the proof from the code's leaf upwards; true when it ends at `root`. */
export async function verifyInclusion(code: string, proof: readonly ProofStep[], root: string): Promise<boolean> {
  try {
    let digest = await leafHash(code);
    for (const step of proof) {
      const sibling = fromHex(step.hash);
      digest = step.side === "left" ? await nodeHash(sibling, digest) : await nodeHash(digest, sibling);
    }
    return toHex(digest) === root.toLowerCase();
  } catch {
    return false;
  }
}

/** SHA-256 over the tag and the compact JSON of the six header fields, in that order. */
export async function blockHash(block: Omit<BoardBlock, "hash" | "codes">): Promise<string> {
  const fields = [block.election_id, block.index, block.previous_hash, block.merkle_root, block.size, block.sealed_at];
  return toHex(await sha256(encoder.encode(BLOCK_TAG + JSON.stringify(fields))));
}

export interface ProofCheck {
  /** The proof leads from the code to the block's Merkle root. */
  inRoot: boolean;
  /** The block's header hashes to the hash the board gives it. */
  blockIntact: boolean;
}

/** A whole block: its codes hash to its Merkle root and its header to its hash. */
export async function checkBlock(block: BoardBlock): Promise<ProofCheck> {
  const [root, hash] = await Promise.all([merkleRoot(block.codes ?? []), blockHash(block)]);
  return { inRoot: root === block.merkle_root, blockIntact: hash === block.hash };
}

export async function checkLookup(code: string, block: BoardBlock, proof: readonly ProofStep[]): Promise<ProofCheck> {
  const [inRoot, hash] = await Promise.all([verifyInclusion(code, proof, block.merkle_root), blockHash(block)]);
  return { inRoot, blockIntact: hash === block.hash };
}

/** What block 0 points to: a hash of the election's id, so a board cannot pass for another election's. */
export async function genesisHash(electionId: string): Promise<string> {
  return toHex(await sha256(encoder.encode(GENESIS_TAG + electionId)));
}

/**
 * The blocks' headers form one chain from the election's genesis to `head`: each block is where it
 * says, hashes to its hash and points to the previous one. The index of the first block that does
 * not, or null when the chain holds (block -1: the head is not the last block's hash).
 */
export async function brokenLink(electionId: string, blocks: readonly BoardBlock[], head: string): Promise<number | null> {
  let previous = await genesisHash(electionId);
  for (const [position, block] of blocks.entries()) {
    if (block.index !== position || block.election_id !== electionId || block.previous_hash !== previous) return position;
    if ((await blockHash(block)) !== block.hash) return position;
    previous = block.hash;
  }
  return previous === head ? null : -1;
}
