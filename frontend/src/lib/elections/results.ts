/**
 * Results as tables and bars: the counting engine's `rounds` (docs/elections.md) read into rows a
 * person can follow, whatever the kind. Texts are the page's; these are numbers and ids.
 */
import type { ElectionOption, ElectionResults, RoundRecord } from "../../api/types";
import { isRanked } from "./ballot";

export type RoundAction = "first" | "surplus" | "exclusion" | "elimination" | "count";

export interface RoundColumn {
  number: number;
  action: RoundAction;
  /** Whose votes moved at this stage (the surplus's owner or the excluded). */
  from: string[];
}

export type CellMark = "elected" | "excluded" | null;

export interface RoundRow {
  id: string;
  name: string;
  /** Votes at each round; null once the candidate was out of the count. */
  cells: (string | null)[];
  marks: CellMark[];
  elected: boolean;
}

export type FooterKey = "exhausted" | "nonTransferable" | "quota";

export interface RoundsTable {
  columns: RoundColumn[];
  rows: RoundRow[];
  footer: { key: FooterKey; cells: (string | null)[] }[];
}

const asText = (value: unknown): string | null =>
  typeof value === "number" || typeof value === "string" ? String(value) : null;
const asList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
/** "1234.56789", 12 or "21/2" as a number, for ordering and bar lengths. */
export function toNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return 0;
  const share = /^(-?\d+)\/(\d+)$/.exec(value);
  if (share) return Number(share[1]) / Number(share[2]);
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

export function namesOf(options: readonly ElectionOption[]): Map<string, string> {
  return new Map(options.map((o) => [o.id, o.name]));
}

function columnOf(round: RoundRecord, index: number): RoundColumn {
  const number = toNumber(round.stage ?? round.round) || index + 1;
  const action = asText(round.action);
  const from = asText(round.from);
  if (action === "surplus") return { number, action: "surplus", from: from ? [from] : [] };
  if (action === "exclusion") return { number, action: "exclusion", from: from ? [from] : [] };
  if (action === "first preferences" || (action === null && index === 0)) return { number, action: "first", from: [] };
  return { number, action: "count", from: [] };
}

/** Who left the count at the end of this round (IRV eliminations, Meek exclusions). */
function leaving(round: RoundRecord): string[] {
  return [...asList(round.eliminated), ...asList(round.excluded)];
}

/** The round-by-round table of a ranked count (IRV, Scottish and Meek STV). */
export function roundsTable(results: Pick<ElectionResults, "kind" | "rounds" | "elected" | "options">): RoundsTable {
  const names = namesOf(results.options);
  const rounds = results.rounds;
  const columns = rounds.map(columnOf);
  // An IRV or Meek round names its eliminations itself; a Scottish stage names the exclusion that made it.
  columns.forEach((column, i) => {
    const out = leaving(rounds[i]!);
    if (out.length && column.action !== "exclusion") {
      const next = columns[i + 1];
      if (next && next.action === "count") {
        next.action = results.kind === "irv" ? "elimination" : "exclusion";
        next.from = out;
      }
    }
  });
  const ids = [...results.options.map((o) => o.id)];
  for (const round of rounds) for (const id of Object.keys(asRecord(round.votes))) if (!ids.includes(id)) ids.push(id);
  const out = new Set<string>();
  const rows: RoundRow[] = ids.map((id) => {
    const cells: (string | null)[] = [];
    const marks: CellMark[] = [];
    for (const round of rounds) {
      const votes = asRecord(round.votes);
      cells.push(id in votes && !out.has(id) ? asText(votes[id]) : null);
      const elected = asList(round.elected).includes(id);
      const excluded = leaving(round).includes(id);
      marks.push(elected ? "elected" : excluded ? "excluded" : null);
      if (excluded) out.add(id);
    }
    return { id, name: names.get(id) ?? id, cells, marks, elected: results.elected.includes(id) };
  });
  // The Scottish count keeps an excluded candidate at 0.00000: the stage that excluded them says so.
  columns.forEach((column, i) => {
    if (column.action === "exclusion") {
      for (const row of rows) if (column.from.includes(row.id) && i > 0 && !row.marks[i - 1]) row.marks[i - 1] = "excluded";
    }
  });
  const order = (row: RoundRow) => {
    const at = results.elected.indexOf(row.id);
    return at >= 0 ? at : results.elected.length;
  };
  const lastVotes = (row: RoundRow) => toNumber([...row.cells].reverse().find((c) => c !== null) ?? 0);
  rows.sort((a, b) => order(a) - order(b) || lastVotes(b) - lastVotes(a));
  const footer: RoundsTable["footer"] = [];
  const line = (key: FooterKey, field: string) => {
    const cells = rounds.map((r) => asText(r[field]));
    if (cells.some((c) => c !== null)) footer.push({ key, cells });
  };
  line("exhausted", "exhausted");
  line("nonTransferable", "non_transferable");
  line("quota", "quota");
  return { columns, rows, footer };
}

export interface Bar {
  id: string;
  name: string;
  value: number;
  label: string;
  elected: boolean;
}

/** The chart's bars: votes per option (first preferences for ranked kinds, lists for d'Hondt). */
export function chartBars(results: ElectionResults): Bar[] {
  const names = namesOf(results.options);
  const first = results.rounds[0] ?? {};
  if (results.kind === "dhondt" && Array.isArray(first.groups)) {
    return (first.groups as RoundRecord[]).map((g) => {
      const name = asText(g.name) ?? "";
      const members = asList(g.candidates);
      return {
        id: `${asText(g.kind) ?? "list"}:${name}`,
        name,
        value: toNumber(g.votes),
        label: asText(g.votes) ?? "0",
        elected: members.some((id) => results.elected.includes(id)),
      };
    });
  }
  let votes: Record<string, unknown>;
  if (isRanked(results.kind)) votes = asRecord(first.votes);
  else votes = Object.keys(results.counts ?? {}).length ? results.counts : asRecord(first.votes);
  const bars = Object.entries(votes)
    .filter(([id]) => results.kind === "yesno" || id !== "blank")
    .map(([id, value]) => ({
      id,
      name: names.get(id) ?? id,
      value: toNumber(value),
      label: asText(value) ?? "0",
      elected: results.elected.includes(id),
    }));
  if (results.kind === "yesno") return bars;
  return bars.sort((a, b) => b.value - a.value);
}

export interface ComparisonRow {
  id: string;
  name: string;
  list: string;
  alliance: string | null;
  votes: string;
  comparison: string;
  seat: number | null;
  elected: boolean;
}

/** d'Hondt: every candidate's personal votes and comparison number, highest comparison number first. */
export function comparisonRows(results: ElectionResults): ComparisonRow[] {
  const first = results.rounds[0] ?? {};
  const votes = { ...asRecord(first.votes), ...results.counts };
  const numbers = asRecord(asRecord(results.extra).comparison_numbers ?? (results as unknown as RoundRecord).comparison_numbers);
  const seats = new Map<string, number>();
  if (Array.isArray(first.seats)) {
    for (const s of first.seats as RoundRecord[]) {
      const id = asText(s.candidate);
      if (id) seats.set(id, toNumber(s.seat));
    }
  }
  return results.options
    .map((o) => ({
      id: o.id,
      name: o.name,
      list: o.list ?? "",
      alliance: o.alliance ?? null,
      votes: asText(votes[o.id]) ?? "0",
      comparison: asText(numbers[o.id]) ?? "",
      seat: seats.get(o.id) ?? null,
      elected: results.elected.includes(o.id),
    }))
    .sort((a, b) => toNumber(b.comparison) - toNumber(a.comparison) || toNumber(b.votes) - toNumber(a.votes));
}

export interface YesNoSummary {
  yes: number;
  no: number;
  blank: number;
  carried: boolean | null;
  quorumMet: boolean | null;
  yesShare: string | null;
  requiredShare: string | null;
}

export function yesNoSummary(results: ElectionResults): YesNoSummary {
  const first = results.rounds[0] ?? {};
  const bool = (v: unknown) => (typeof v === "boolean" ? v : v === "True" ? true : v === "False" ? false : null);
  return {
    yes: toNumber(results.counts.yes),
    no: toNumber(results.counts.no),
    blank: toNumber(results.counts.blank),
    carried: bool(first.carried),
    quorumMet: bool(first.quorum_met),
    yesShare: asText(first.yes_share),
    requiredShare: asText(first.required_share),
  };
}

/** A share "5/7" as a percentage with one decimal, "71.4 %" style by locale. */
export function percent(share: string | number | null, locale: string): string {
  if (share === null) return "";
  const value = typeof share === "number" ? share : toNumber(share);
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value);
}
