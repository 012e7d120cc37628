/** Results as chalicelib/domain/counting writes them, for the results tests. */
import type { ElectionResults } from "../../src/api/types";

export const OPTIONS = [
  { id: "a", name: "Anna", list: null, alliance: null },
  { id: "b", name: "Bertil", list: null, alliance: null },
  { id: "c", name: "Cecilia", list: null, alliance: null },
  { id: "d", name: "Daniel", list: null, alliance: null },
];
export const RESULTS_BASE = {
  status: "published" as const,
  election_id: "e1",
  roll_count: 10,
  ballots_cast: 9,
  board_head: "ab",
  tie_breaks: [] as ElectionResults["tie_breaks"],
  options: OPTIONS,
};
export const SCOTTISH: ElectionResults = {
  ...RESULTS_BASE,
  kind: "stv-scottish",
  seats: 2,
  counts: {},
  elected: ["a", "c"],
  rounds: [
    { stage: 1, action: "first preferences", from: null, quota: "3.00000", votes: { a: "3.00000", b: "2.00000", c: "2.00000", d: "1.00000" }, non_transferable: "0.00000", elected: ["a"], blank: 1 },
    { stage: 2, action: "exclusion", from: "d", quota: "3.00000", votes: { a: "3.00000", b: "2.00000", c: "3.00000", d: "0.00000" }, non_transferable: "0.00000", elected: ["c"] },
  ],
};
export const IRV: ElectionResults = {
  ...RESULTS_BASE,
  kind: "irv",
  seats: 1,
  counts: {},
  elected: ["c"],
  rounds: [
    { round: 1, votes: { a: 3, b: 2, c: 2, d: 1 }, exhausted: 0, blank: 1, continuing_ballots: 8, eliminated: ["d"] },
    { round: 2, votes: { a: 3, b: 2, c: 3 }, exhausted: 0, blank: 1, continuing_ballots: 8, eliminated: ["b"] },
    { round: 3, votes: { a: 3, c: 5 }, exhausted: 0, blank: 1, continuing_ballots: 8, elected: ["c"] },
  ],
};

