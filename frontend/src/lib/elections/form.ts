/**
 * The election officer's form: what the inputs hold ↔ the election's JSON (docs/elections.md).
 * Times are Finnish wall-clock time in the form and UTC instants in the API.
 */
import {
  LANGUAGES,
  type BallotOrder,
  type Election,
  type ElectionBody,
  type ElectionKind,
  type ElectionOption,
  type Eligibility,
  type Language,
  type Texts,
} from "../../api/types";
import { toWallTime } from "../eventTime";
import { isRanked } from "./ballot";
import { wallTimeToUtc } from "./time";

export const OPTION_ID_RE = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const SHARE_RE = /^([1-9]\d{0,2})\/([1-9]\d{0,2})$/;
const WHOLE_RE = /^\d+$/;

export interface OptionDraft {
  /** Local identity for list keys and element ids; never sent. */
  uid: string;
  id: string;
  /** Once the officer types an id, it no longer follows the name. */
  idEdited: boolean;
  name: string;
  list: string;
  alliance: string;
}

export interface EligibilityValues {
  limited: boolean;
  statuses: string[];
  categories: string[];
  branch_ids: string[];
  /** Kept as they were (the form has no workplace picker). */
  workplace_ids: string[];
  segment_id: string;
  member_since_from: string;
  member_since_until: string;
}

export interface ElectionFormValues {
  title: Record<Language, string>;
  description: Record<Language, string>;
  kind: ElectionKind;
  options: OptionDraft[];
  seats: string;
  max_choices: string;
  opens_at: string;
  closes_at: string;
  eligibility: EligibilityValues;
  ballot_order: BallotOrder;
  turnout_by_branch: boolean;
  qualified_majority: string;
  quorum: string;
}

export type ElectionProblem =
  | "required"
  | "dateTime"
  | "closesBeforeOpens"
  | "twoOptions"
  | "optionId"
  | "duplicateId"
  | "listRequired"
  | "allianceMismatch"
  | "seats"
  | "seatsBelowCandidates"
  | "maxChoices"
  | "share"
  | "quorum";

/** Field paths as the API names them ("options.2.id"), so server errors land on the same inputs. */
export type ElectionProblems = Record<string, ElectionProblem>;

let counter = 0;
const newUid = () => `o${Date.now().toString(36)}${(counter++).toString(36)}`;

export function newOption(): OptionDraft {
  return { uid: newUid(), id: "", idEdited: false, name: "", list: "", alliance: "" };
}

const emptyTexts = (): Record<Language, string> => ({ fi: "", sv: "", en: "" });

export const EVERY_ACTIVE_MEMBER: EligibilityValues = {
  limited: false,
  statuses: ["active"],
  categories: [],
  branch_ids: [],
  workplace_ids: [],
  segment_id: "",
  member_since_from: "",
  member_since_until: "",
};

export function emptyElectionForm(): ElectionFormValues {
  return {
    title: emptyTexts(),
    description: emptyTexts(),
    kind: "yesno",
    options: [],
    seats: "1",
    max_choices: "",
    opens_at: "",
    closes_at: "",
    eligibility: { ...EVERY_ACTIVE_MEMBER },
    ballot_order: "as_entered",
    turnout_by_branch: false,
    qualified_majority: "",
    quorum: "",
  };
}

function textsOf(texts: Texts | null | undefined): Record<Language, string> {
  const out = emptyTexts();
  for (const lang of LANGUAGES) out[lang] = texts?.[lang] ?? "";
  return out;
}

export function eligibilityFrom(rule: Eligibility | null): EligibilityValues {
  if (!rule) return { ...EVERY_ACTIVE_MEMBER };
  return {
    limited: true,
    statuses: rule.statuses?.length ? [...rule.statuses] : ["active"],
    categories: [...(rule.categories ?? [])],
    branch_ids: [...(rule.branch_ids ?? [])],
    workplace_ids: [...(rule.workplace_ids ?? [])],
    segment_id: rule.segment_id ?? "",
    member_since_from: rule.member_since_from ?? "",
    member_since_until: rule.member_since_until ?? "",
  };
}

export function electionFormFrom(election: Election): ElectionFormValues {
  // The server fills missing languages with the Finnish text; the form shows only real ones.
  const title = textsOf(election.title);
  const description = textsOf(election.description);
  for (const lang of ["sv", "en"] as const) {
    if (title[lang] === title.fi) title[lang] = "";
    if (description[lang] === description.fi) description[lang] = "";
  }
  return {
    title,
    description,
    kind: election.kind,
    options: election.options.map((o) => ({
      uid: newUid(),
      id: o.id,
      idEdited: true,
      name: o.name,
      list: o.list ?? "",
      alliance: o.alliance ?? "",
    })),
    seats: String(election.seats ?? 1),
    max_choices: election.max_choices == null ? "" : String(election.max_choices),
    opens_at: toWallTime(election.opens_at),
    closes_at: toWallTime(election.closes_at),
    eligibility: eligibilityFrom(election.eligibility),
    ballot_order: election.ballot_order,
    turnout_by_branch: election.turnout_by_branch,
    qualified_majority: election.qualified_majority ?? "",
    quorum: election.quorum == null ? "" : String(election.quorum),
  };
}

/** An id from a name: "Anna Virtanen" → "anna-virtanen". */
export function idFromName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

/** Drafts with ids filled in from names where the officer typed none, unique among the drafts. */
export function withOptionIds(options: readonly OptionDraft[]): OptionDraft[] {
  const taken = new Set(options.filter((o) => o.idEdited).map((o) => o.id));
  return options.map((o, i) => {
    if (o.idEdited) return o;
    const base = idFromName(o.name) || `option-${i + 1}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base.slice(0, 36)}-${n}`;
    taken.add(id);
    return { ...o, id };
  });
}

export function moveOption(options: readonly OptionDraft[], uid: string, by: -1 | 1): OptionDraft[] {
  const from = options.findIndex((o) => o.uid === uid);
  const to = from + by;
  if (from < 0 || to < 0 || to >= options.length) return [...options];
  const next = [...options];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

const single = (kind: ElectionKind) => kind === "yesno" || kind === "irv";
const takesMaxChoices = (kind: ElectionKind) => kind === "approval" || isRanked(kind);

function optionProblems(values: ElectionFormValues, out: ElectionProblems): void {
  if (values.kind === "yesno") return;
  const options = values.options;
  if (options.length < 2) out.options = "twoOptions";
  const idCount = new Map<string, number>();
  for (const o of options) idCount.set(o.id, (idCount.get(o.id) ?? 0) + 1);
  const allianceOf = new Map<string, string>();
  options.forEach((o, n) => {
    if (!o.name.trim()) out[`options.${n}.name`] = "required";
    if (!OPTION_ID_RE.test(o.id)) out[`options.${n}.id`] = "optionId";
    else if ((idCount.get(o.id) ?? 0) > 1) out[`options.${n}.id`] = "duplicateId";
    if (values.kind !== "dhondt") return;
    const list = o.list.trim();
    if (!list) {
      out[`options.${n}.list`] = "listRequired";
      return;
    }
    const alliance = o.alliance.trim();
    const first = allianceOf.get(list);
    if (first === undefined) allianceOf.set(list, alliance);
    else if (first !== alliance) out[`options.${n}.alliance`] = "allianceMismatch";
  });
}

function numberProblems(values: ElectionFormValues, out: ElectionProblems): void {
  const { kind } = values;
  const seats = Number(values.seats);
  if (!single(kind)) {
    if (!WHOLE_RE.test(values.seats.trim()) || seats < 1) out.seats = "seats";
    else if ((kind === "stv-scottish" || kind === "stv-meek") && values.options.length <= seats) out.seats = "seatsBelowCandidates";
    else if (values.options.length >= 2 && values.options.length < seats) out.seats = "seats";
  }
  if (takesMaxChoices(kind) && values.max_choices.trim()) {
    const max = Number(values.max_choices);
    if (!WHOLE_RE.test(values.max_choices.trim()) || max < 1 || max > Math.max(values.options.length, 1)) out.max_choices = "maxChoices";
  }
  if (kind === "yesno") {
    const share = SHARE_RE.exec(values.qualified_majority.trim());
    if (values.qualified_majority.trim() && (!share || Number(share[1]) > Number(share[2]))) out.qualified_majority = "share";
    if (values.quorum.trim() && !WHOLE_RE.test(values.quorum.trim())) out.quorum = "quorum";
  }
}

/**
 * What is wrong with the form, by the API's field paths; empty when the server may take it.
 * `openOnly`: voting has opened, only the texts and the closing time are checked (and sent).
 */
export function checkElectionForm(values: ElectionFormValues, openOnly = false): ElectionProblems {
  const out: ElectionProblems = {};
  if (!values.title.fi.trim()) out["title.fi"] = "required";
  const closes = wallTimeToUtc(values.closes_at);
  if (!closes) out.closes_at = "dateTime";
  if (openOnly) return out;
  const opens = wallTimeToUtc(values.opens_at);
  if (!opens) out.opens_at = "dateTime";
  if (opens && closes && closes <= opens) out.closes_at = "closesBeforeOpens";
  optionProblems(values, out);
  numberProblems(values, out);
  return out;
}

function textsBody(texts: Record<Language, string>): Texts {
  const out: Texts = {};
  for (const lang of LANGUAGES) if (texts[lang].trim()) out[lang] = texts[lang].trim();
  return out;
}

export function eligibilityBody(values: EligibilityValues): Eligibility | null {
  if (!values.limited) return null;
  return {
    statuses: values.statuses.length ? [...values.statuses] : ["active"],
    categories: [...values.categories],
    branch_ids: [...values.branch_ids],
    workplace_ids: [...values.workplace_ids],
    segment_id: values.segment_id || null,
    member_since_from: values.member_since_from || null,
    member_since_until: values.member_since_until || null,
  };
}

function optionBody(o: OptionDraft, kind: ElectionKind): ElectionOption {
  const option: ElectionOption = { id: o.id, name: o.name.trim() };
  if (kind === "dhondt") {
    option.list = o.list.trim();
    option.alliance = o.alliance.trim() || null;
  }
  return option;
}

/** The create body, or (`openOnly`) the PATCH of an open election: only texts and closing time. */
export function electionBody(values: ElectionFormValues, openOnly = false): ElectionBody {
  const closes_at = wallTimeToUtc(values.closes_at) ?? values.closes_at;
  const title = textsBody(values.title);
  const description = textsBody(values.description);
  if (openOnly) return { title, description, closes_at } as ElectionBody;
  const { kind } = values;
  return {
    title,
    description,
    kind,
    options: kind === "yesno" ? [] : withOptionIds(values.options).map((o) => optionBody(o, kind)),
    seats: single(kind) ? 1 : Number(values.seats),
    max_choices: takesMaxChoices(kind) && values.max_choices.trim() ? Number(values.max_choices) : null,
    opens_at: wallTimeToUtc(values.opens_at) ?? values.opens_at,
    closes_at,
    eligibility: eligibilityBody(values.eligibility),
    ballot_order: values.ballot_order,
    turnout_by_branch: values.turnout_by_branch,
    qualified_majority: kind === "yesno" && values.qualified_majority.trim() ? values.qualified_majority.trim() : null,
    quorum: kind === "yesno" && values.quorum.trim() ? Number(values.quorum) : null,
  };
}

/** The options a preview of the ballot shows, as the form stands now. */
export function previewOptions(values: ElectionFormValues): ElectionOption[] {
  return withOptionIds(values.options)
    .filter((o) => o.name.trim())
    .map((o) => optionBody(o, values.kind));
}
