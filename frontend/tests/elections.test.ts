/**
 * Elections in the web client, without a DOM: the ranking, the `choices` each kind of ballot sends,
 * tracking codes as people type them, the board's Merkle proofs and block hashes (against vectors
 * the backend's own chalicelib/domain/board.py computed: tests/data/make_board_vectors.py), times,
 * the officer's form and the results tables.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { BoardBlock, ElectionResults, ProofStep } from "../src/api/types";
import { IRV, RESULTS_BASE as base, SCOTTISH } from "./data/electionFixtures";
import { BLANK_CHOICE, NO_MARKS, choicesFor, groupByList } from "../src/lib/elections/ballot";
import { checkElectionForm, electionBody, emptyElectionForm, idFromName, newOption, withOptionIds } from "../src/lib/elections/form";
import { blockHash, brokenLink, checkBlock, checkLookup, genesisHash, merkleRoot, verifyInclusion } from "../src/lib/elections/merkle";
import { boardUrl, codeFromHash } from "../src/lib/elections/receipt";
import { isValidRanking, rankAdd, rankMove, rankRemove, rankSet } from "../src/lib/elections/ranking";
import { chartBars, comparisonRows, roundsTable } from "../src/lib/elections/results";
import { wallTimeToUtc } from "../src/lib/elections/time";
import { checkCharacter, normaliseCode } from "../src/lib/elections/tracking";

interface Vectors {
  election_id: string;
  genesis: string;
  blocks: (BoardBlock & { codes: string[] })[];
  proofs: Record<string, ProofStep[]>;
  roots: Record<string, string>;
  check_characters: Record<string, string>;
}
const vectors = JSON.parse(readFileSync(new URL("./data/board-vectors.json", import.meta.url), "utf-8")) as Vectors;

const CANDIDATES = [
  { id: "anna", name: "Anna" },
  { id: "bert", name: "Bertil" },
  { id: "cecilia", name: "Cecilia" },
  { id: "daniel", name: "Daniel" },
];

describe("a ranking", () => {
  it("adds, moves and removes, keeping every candidate once", () => {
    let r = rankAdd([], "anna");
    r = rankAdd(r, "bert");
    r = rankAdd(r, "anna"); // already ranked: unchanged
    expect(r).toEqual(["anna", "bert"]);
    r = rankMove(r, "bert", -1);
    expect(r).toEqual(["bert", "anna"]);
    expect(rankMove(r, "bert", -1)).toEqual(["bert", "anna"]); // already first
    expect(rankMove(r, "anna", 1)).toEqual(["bert", "anna"]); // already last
    expect(rankRemove(r, "bert")).toEqual(["anna"]);
  });

  it("puts a candidate at a given preference, the others shifting", () => {
    expect(rankSet(["a", "b", "c"], "c", 1)).toEqual(["c", "a", "b"]);
    expect(rankSet(["a", "b", "c"], "a", 3)).toEqual(["b", "c", "a"]);
    expect(rankSet(["a", "b"], "d", 1)).toEqual(["d", "a", "b"]);
    expect(rankSet(["a", "b"], "d", 9)).toEqual(["a", "b", "d"]);
    expect(rankSet(["a", "b"], "a", null)).toEqual(["b"]);
  });

  it("respects the limit on preferences", () => {
    expect(rankAdd(["a", "b"], "c", 2)).toEqual(["a", "b"]);
    expect(rankSet(["a", "b"], "c", 1, 2)).toEqual(["a", "b"]);
    expect(rankSet(["a", "b"], "b", 1, 2)).toEqual(["b", "a"]);
  });

  it("can never give two candidates the same rank, whatever is pressed", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const ids = CANDIDATES.map((c) => c.id);
    let ranking: string[] = [];
    for (let step = 0; step < 2000; step++) {
      const id = ids[Math.floor(random() * ids.length)]!;
      const action = Math.floor(random() * 5);
      if (action === 0) ranking = rankAdd(ranking, id, 3);
      else if (action === 1) ranking = rankRemove(ranking, id);
      else if (action === 2) ranking = rankMove(ranking, id, -1);
      else if (action === 3) ranking = rankMove(ranking, id, 1);
      else ranking = rankSet(ranking, id, Math.floor(random() * 5) + 1, 3);
      expect(isValidRanking(ranking, ids, 3), ranking.join(",")).toBe(true);
    }
  });
});

describe("the choices a ballot sends", () => {
  const rules = (kind: Parameters<typeof choicesFor>[0]["kind"], max: number | null = null) => ({ kind, options: kind === "yesno" ? [] : CANDIDATES, max_choices: max });

  it("yes/no: yes, no, or blank; nothing chosen is not sent", () => {
    expect(choicesFor(rules("yesno"), { ...NO_MARKS, single: "yes" })).toEqual({ ok: true, choices: ["yes"] });
    expect(choicesFor(rules("yesno"), { ...NO_MARKS, single: "no" })).toEqual({ ok: true, choices: ["no"] });
    expect(choicesFor(rules("yesno"), { ...NO_MARKS, single: BLANK_CHOICE })).toEqual({ ok: true, choices: [] });
    expect(choicesFor(rules("yesno"), NO_MARKS)).toEqual({ ok: false, problem: "choose" });
  });

  it("single choice and d'Hondt: one id or blank", () => {
    expect(choicesFor(rules("plurality"), { ...NO_MARKS, single: "bert" })).toEqual({ ok: true, choices: ["bert"] });
    expect(choicesFor(rules("dhondt"), { ...NO_MARKS, single: BLANK_CHOICE })).toEqual({ ok: true, choices: [] });
    expect(choicesFor(rules("plurality"), { ...NO_MARKS, single: "zed" })).toEqual({ ok: false, problem: "unknown" });
  });

  it("approval: the approved in ballot order, up to the limit; none is blank", () => {
    expect(choicesFor(rules("approval", 2), { ...NO_MARKS, approved: ["cecilia", "anna"] })).toEqual({ ok: true, choices: ["anna", "cecilia"] });
    expect(choicesFor(rules("approval", 2), { ...NO_MARKS, approved: ["cecilia", "anna", "bert"] })).toEqual({ ok: false, problem: "tooMany" });
    expect(choicesFor(rules("approval"), NO_MARKS)).toEqual({ ok: true, choices: [] });
  });

  it("ranked: the preferences in order; none is blank", () => {
    for (const kind of ["irv", "stv-scottish", "stv-meek"] as const) {
      expect(choicesFor(rules(kind), { ...NO_MARKS, ranking: ["daniel", "anna"] })).toEqual({ ok: true, choices: ["daniel", "anna"] });
      expect(choicesFor(rules(kind), NO_MARKS)).toEqual({ ok: true, choices: [] });
      expect(choicesFor(rules(kind, 1), { ...NO_MARKS, ranking: ["daniel", "anna"] })).toEqual({ ok: false, problem: "tooMany" });
      expect(choicesFor(rules(kind), { ...NO_MARKS, ranking: ["anna", "anna"] })).toEqual({ ok: false, problem: "unknown" });
    }
  });

  it("groups d'Hondt candidates by list, the alliance kept", () => {
    const groups = groupByList([
      { id: "a", name: "A", list: "Left", alliance: "Red-Green" },
      { id: "d", name: "D", list: "Blue", alliance: null },
      { id: "b", name: "B", list: "Left", alliance: "Red-Green" },
    ]);
    expect(groups.map((g) => [g.list, g.alliance, g.options.map((o) => o.id)])).toEqual([
      ["Left", "Red-Green", ["a", "b"]],
      ["Blue", null, ["d"]],
    ]);
  });
});

describe("tracking codes as typed", () => {
  const code = vectors.blocks[0]!.codes[0]!;

  it("compute the backend's check character", () => {
    for (const [body, check] of Object.entries(vectors.check_characters)) expect(checkCharacter(body), body).toBe(check);
  });

  it("accept any case, spaces and dashes, and read O as 0 and I, L as 1", () => {
    expect(normaliseCode(code)).toEqual({ ok: true, code });
    expect(normaliseCode(code.toLowerCase().replace(/-/g, ""))).toEqual({ ok: true, code });
    expect(normaliseCode(` ${code.replace(/-/g, " ")} `)).toEqual({ ok: true, code });
    const body = "0000000000000000000";
    expect(normaliseCode(`oooo-oooo-oooo-oooo-ooo${vectors.check_characters[body]}`)).toEqual({ ok: true, code: `0000-0000-0000-0000-000${vectors.check_characters[body]}` });
    expect(normaliseCode("IL").ok).toBe(false);
  });

  it("tell a typing error from something that is no code at all", () => {
    const typo = (code[0] === "1" ? "2" : "1") + code.slice(1);
    expect(normaliseCode(typo)).toEqual({ ok: false, problem: "check" });
    expect(normaliseCode(code.slice(0, -2))).toEqual({ ok: false, problem: "format" });
    expect(normaliseCode(`${code}U`)).toEqual({ ok: false, problem: "format" });
    expect(normaliseCode(code.replace(/.$/, "U"))).toEqual({ ok: false, problem: "format" });
  });

  it("travel to the board in the fragment, never in the query", () => {
    const url = boardUrl("https://portal.example", "e1", code);
    expect(url).toBe(`https://portal.example/elections/e1/board#code=${code}`);
    expect(codeFromHash(new URL(url).hash)).toBe(code);
    expect(codeFromHash("")).toBe("");
  });
});

describe("the board checked in the browser", () => {
  const block = vectors.blocks[0]!;

  it("folds every code's proof to its block's Merkle root, as board.py does", async () => {
    for (const code of block.codes) expect(await verifyInclusion(code, vectors.proofs[code]!, block.merkle_root), code).toBe(true);
  });

  it("refuses a proof for another code, an altered step or a wrong side", async () => {
    const [first, second] = block.codes as [string, string];
    const proof = vectors.proofs[first]!;
    expect(await verifyInclusion(second, proof, block.merkle_root)).toBe(false);
    const altered = proof.map((s, i) => (i === 0 ? { ...s, hash: s.hash.replace(/^./, s.hash[0] === "0" ? "1" : "0") } : s));
    expect(await verifyInclusion(first, altered, block.merkle_root)).toBe(false);
    const flipped = proof.map((s) => ({ ...s, side: s.side === "left" ? ("right" as const) : ("left" as const) }));
    expect(await verifyInclusion(first, flipped, block.merkle_root)).toBe(false);
    expect(await verifyInclusion(first, [{ side: "left", hash: "zz" }], block.merkle_root)).toBe(false);
  });

  it("computes Merkle roots of 0 to 5 codes and the blocks' hashes as board.py does", async () => {
    for (const [n, root] of Object.entries(vectors.roots)) expect(await merkleRoot(block.codes.slice(0, Number(n))), n).toBe(root);
    for (const b of vectors.blocks) expect(await blockHash(b)).toBe(b.hash);
    expect(vectors.blocks[0]!.previous_hash).toBe(vectors.genesis);
    expect(vectors.blocks[1]!.previous_hash).toBe(block.hash);
  });

  it("follows the chain from the election's genesis to the head, and names the first broken link", async () => {
    const [first, second] = vectors.blocks as [BoardBlock, BoardBlock];
    expect(await genesisHash(vectors.election_id)).toBe(vectors.genesis);
    expect(await brokenLink(vectors.election_id, [first, second], second.hash)).toBeNull();
    expect(await brokenLink(vectors.election_id, [], vectors.genesis)).toBeNull();
    expect(await brokenLink(vectors.election_id, [first, second], first.hash)).toBe(-1); // the last block cut off the head
    expect(await brokenLink(vectors.election_id, [second], second.hash)).toBe(0); // blocks missing
    expect(await brokenLink(vectors.election_id, [first, { ...second, size: 2 }], second.hash)).toBe(1); // a header altered
    expect(await brokenLink("another", [first, second], second.hash)).toBe(0); // another election's board
  });

  it("checks a look-up and a whole block, and notices tampering", async () => {
    const code = block.codes[2]!;
    expect(await checkLookup(code, block, vectors.proofs[code]!)).toEqual({ inRoot: true, blockIntact: true });
    expect(await checkLookup(code, { ...block, sealed_at: "2026-03-04T10:06Z" }, vectors.proofs[code]!)).toEqual({ inRoot: true, blockIntact: false });
    expect(await checkBlock(block)).toEqual({ inRoot: true, blockIntact: true });
    expect(await checkBlock({ ...block, codes: block.codes.slice(1) })).toEqual({ inRoot: false, blockIntact: true });
  });
});

describe("times", () => {
  it("turn Finnish wall-clock time into UTC, winter and summer", () => {
    expect(wallTimeToUtc("2026-01-15T09:00")).toBe("2026-01-15T07:00:00Z");
    expect(wallTimeToUtc("2026-07-01T09:00")).toBe("2026-07-01T06:00:00Z");
    expect(wallTimeToUtc("2026-03-29T04:30")).toBe("2026-03-29T01:30:00Z"); // the hour after the spring change
    expect(wallTimeToUtc("tomorrow")).toBeNull();
  });
});

describe("the election officer's form", () => {
  const ranked = () => {
    const values = emptyElectionForm();
    values.title.fi = "Hallitusvaali";
    values.kind = "stv-scottish";
    values.seats = "2";
    values.opens_at = "2026-03-01T09:00";
    values.closes_at = "2026-03-08T16:00";
    values.options = withOptionIds(["Anna Ääninen", "Bertil", "Cecilia", "Anna Ääninen"].map((name) => ({ ...newOption(), name })));
    return values;
  };

  it("makes ids from names, unique", () => {
    expect(idFromName("Anna Ääninen")).toBe("anna-aaninen");
    expect(ranked().options.map((o) => o.id)).toEqual(["anna-aaninen", "bertil", "cecilia", "anna-aaninen-2"]);
  });

  it("writes the body the API takes", () => {
    const values = ranked();
    values.eligibility = { ...values.eligibility, limited: true, branch_ids: ["helsinki"], member_since_until: "2025-12-31" };
    expect(checkElectionForm(values)).toEqual({});
    expect(electionBody(values)).toEqual({
      title: { fi: "Hallitusvaali" },
      description: {},
      kind: "stv-scottish",
      options: [
        { id: "anna-aaninen", name: "Anna Ääninen" },
        { id: "bertil", name: "Bertil" },
        { id: "cecilia", name: "Cecilia" },
        { id: "anna-aaninen-2", name: "Anna Ääninen" },
      ],
      seats: 2,
      max_choices: null,
      opens_at: "2026-03-01T07:00:00Z",
      closes_at: "2026-03-08T14:00:00Z",
      eligibility: {
        statuses: ["active"],
        categories: [],
        branch_ids: ["helsinki"],
        workplace_ids: [],
        segment_id: null,
        member_since_from: null,
        member_since_until: "2025-12-31",
      },
      ballot_order: "as_entered",
      turnout_by_branch: false,
      qualified_majority: null,
      quorum: null,
    });
  });

  it("sends only texts and the closing time once voting has opened", () => {
    expect(Object.keys(electionBody(ranked(), true)).sort()).toEqual(["closes_at", "description", "title"]);
  });

  it("finds what the server would refuse, by the API's field paths", () => {
    const values = ranked();
    values.title.fi = "";
    values.seats = "4";
    values.closes_at = "2026-02-01T09:00";
    values.options[1] = { ...values.options[1]!, id: "Bad Id", idEdited: true };
    expect(checkElectionForm(values)).toEqual({
      "title.fi": "required",
      closes_at: "closesBeforeOpens",
      "options.1.id": "optionId",
      seats: "seatsBelowCandidates",
    });
    const list = emptyElectionForm();
    list.kind = "dhondt";
    list.options = [
      { ...newOption(), id: "a", name: "A", list: "Left", alliance: "RG" },
      { ...newOption(), id: "b", name: "B", list: "Left", alliance: "" },
      { ...newOption(), id: "c", name: "C", list: "", alliance: "" },
    ];
    const problems = checkElectionForm(list);
    expect(problems["options.1.alliance"]).toBe("allianceMismatch");
    expect(problems["options.2.list"]).toBe("listRequired");
    const yesno = emptyElectionForm();
    yesno.qualified_majority = "3/2";
    yesno.quorum = "many";
    expect(checkElectionForm(yesno)).toMatchObject({ qualified_majority: "share", quorum: "quorum" });
  });
});

describe("results tables", () => {
  it("lay a Scottish STV count out stage by stage", () => {
    const table = roundsTable(SCOTTISH);
    expect(table.columns).toEqual([
      { number: 1, action: "first", from: [] },
      { number: 2, action: "exclusion", from: ["d"] },
    ]);
    expect(table.rows.map((r) => [r.id, r.cells, r.marks])).toEqual([
      ["a", ["3.00000", "3.00000"], ["elected", null]],
      ["c", ["2.00000", "3.00000"], [null, "elected"]],
      ["b", ["2.00000", "2.00000"], [null, null]],
      ["d", ["1.00000", "0.00000"], ["excluded", null]],
    ]);
    expect(table.footer.map((f) => f.key)).toEqual(["nonTransferable", "quota"]);
  });

  it("lay an instant runoff out round by round, the eliminated dropping out", () => {
    const table = roundsTable(IRV);
    expect(table.columns.map((c) => [c.action, c.from])).toEqual([
      ["first", []],
      ["elimination", ["d"]],
      ["elimination", ["b"]],
    ]);
    const row = (id: string) => table.rows.find((r) => r.id === id)!;
    expect(row("c").cells).toEqual(["2", "3", "5"]);
    expect(row("d").cells).toEqual(["1", null, null]);
    expect(row("b").marks).toEqual([null, "excluded", null]);
    expect(table.rows[0]!.id).toBe("c");
    expect(table.footer.map((f) => [f.key, f.cells])).toEqual([["exhausted", ["0", "0", "0"]]]);
  });

  it("chart first preferences of ranked counts and the lists of a d'Hondt count", () => {
    expect(chartBars(IRV).map((b) => [b.id, b.value, b.elected])).toEqual([
      ["a", 3, false],
      ["b", 2, false],
      ["c", 2, true],
      ["d", 1, false],
    ]);
    const dhondt: ElectionResults = {
      ...base,
      kind: "dhondt",
      seats: 3,
      options: [
        { id: "a", name: "Anna", list: "Left", alliance: "RG" },
        { id: "b", name: "Bertil", list: "Left", alliance: "RG" },
        { id: "c", name: "Cecilia", list: "Green", alliance: "RG" },
        { id: "d", name: "Daniel", list: "Blue", alliance: null },
        { id: "e", name: "Eero", list: "Blue", alliance: null },
      ],
      counts: { a: 10, b: 5, c: 6, d: 12, e: 3, blank: 1 },
      elected: ["a", "d", "c"],
      rounds: [
        {
          round: 1,
          votes: { a: 10, b: 5, c: 6, d: 12, e: 3 },
          blank: 1,
          groups: [
            { kind: "alliance", name: "RG", votes: 21, candidates: ["a", "c", "b"] },
            { kind: "list", name: "Blue", votes: 15, candidates: ["d", "e"] },
          ],
          seats: [
            { seat: 1, candidate: "a", comparison_number: "21" },
            { seat: 2, candidate: "d", comparison_number: "15" },
            { seat: 3, candidate: "c", comparison_number: "10.5" },
          ],
          elected: ["a", "d", "c"],
        },
      ],
      extra: { seats_per_list: { Left: 1, Green: 1, Blue: 1 }, comparison_numbers: { a: "21", c: "10.5", b: "7", d: "15", e: "7.5" } },
    };
    expect(chartBars(dhondt).map((b) => [b.name, b.value])).toEqual([
      ["RG", 21],
      ["Blue", 15],
    ]);
    expect(comparisonRows(dhondt).map((r) => [r.id, r.comparison, r.seat])).toEqual([
      ["a", "21", 1],
      ["d", "15", 2],
      ["c", "10.5", 3],
      ["e", "7.5", null],
      ["b", "7", null],
    ]);
  });
});
