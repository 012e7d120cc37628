/** What the voter marked on a ballot, and the `choices` the server takes for it (docs/elections.md). */
import type { ElectionKind, ElectionOption } from "../../api/types";
import { RANKED_KINDS } from "../../api/types";

/** The value of the "blank vote" radio button; never an option id (those start with a-z or 0-9). */
export const BLANK_CHOICE = "_blank";

export interface Marks {
  /** yes/no, plurality, d'Hondt: the chosen option id, BLANK_CHOICE, or "" (nothing chosen yet). */
  single: string;
  /** approval: the approved ids. */
  approved: string[];
  /** ranked kinds: ids in order of preference. */
  ranking: string[];
}

export const NO_MARKS: Marks = { single: "", approved: [], ranking: [] };

export type BallotProblem = "choose" | "tooMany" | "unknown";

export type Choices = { ok: true; choices: string[] } | { ok: false; problem: BallotProblem };

export interface BallotRules {
  kind: ElectionKind;
  options: readonly ElectionOption[];
  /** How many options may be approved or ranked; null = all. */
  max_choices: number | null;
}

export function isRanked(kind: ElectionKind): boolean {
  return RANKED_KINDS.includes(kind);
}

/** Single-mark kinds: one radio button among the options and a blank vote. */
export function isSingle(kind: ElectionKind): boolean {
  return kind === "yesno" || kind === "plurality" || kind === "dhondt";
}

/** The options a voter sees: yes and no for a yes/no ballot (the UI translates them). */
export function ballotOptions(rules: Pick<BallotRules, "kind" | "options">): ElectionOption[] {
  if (rules.kind === "yesno") return [{ id: "yes", name: "yes" }, { id: "no", name: "no" }];
  return [...rules.options];
}

/** How many the voter may approve or rank. */
export function choiceLimit(rules: BallotRules): number {
  const count = ballotOptions(rules).length;
  return rules.max_choices && rules.max_choices > 0 ? Math.min(rules.max_choices, count) : count;
}

/**
 * The `choices` of POST …/ballots: `[]` is a blank ballot. A single-mark ballot needs an explicit
 * choice (an option or the blank vote) so that a voter never casts a blank one by accident.
 */
export function choicesFor(rules: BallotRules, marks: Marks): Choices {
  const known = new Set(ballotOptions(rules).map((o) => o.id));
  if (isSingle(rules.kind)) {
    if (!marks.single) return { ok: false, problem: "choose" };
    if (marks.single === BLANK_CHOICE) return { ok: true, choices: [] };
    return known.has(marks.single) ? { ok: true, choices: [marks.single] } : { ok: false, problem: "unknown" };
  }
  const picked = rules.kind === "approval" ? marks.approved : marks.ranking;
  if (new Set(picked).size !== picked.length || picked.some((id) => !known.has(id))) return { ok: false, problem: "unknown" };
  if (picked.length > choiceLimit(rules)) return { ok: false, problem: "tooMany" };
  if (rules.kind === "approval") {
    // The ballot's own order, whatever order the boxes were ticked in.
    const order = ballotOptions(rules).map((o) => o.id);
    return { ok: true, choices: order.filter((id) => picked.includes(id)) };
  }
  return { ok: true, choices: [...picked] };
}

export interface ListGroup {
  list: string;
  alliance: string | null;
  options: ElectionOption[];
}

/** d'Hondt candidates grouped by list, lists in the order they first appear. */
export function groupByList(options: readonly ElectionOption[]): ListGroup[] {
  const groups = new Map<string, ListGroup>();
  for (const option of options) {
    const list = option.list ?? "";
    const group = groups.get(list) ?? { list, alliance: option.alliance ?? null, options: [] };
    group.options.push(option);
    groups.set(list, group);
  }
  return [...groups.values()];
}
