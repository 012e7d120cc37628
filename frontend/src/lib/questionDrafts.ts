/** The organizer's question builder: drafts (what the inputs hold) ↔ questions ↔ the JSON Schema. */
import { LANGUAGES, type Language, type QuestionsSchema, type Texts } from "../api/types";
import {
  KEY_RE,
  type Question,
  type QuestionType,
  TEXT_MAX_LENGTH,
  parseNumber,
  questionsFromSchema,
  schemaFromQuestions,
} from "./questions";

export interface Draft {
  /** Local identity for list keys and element ids; never sent. */
  uid: string;
  key: string;
  /** Once the organizer types a key, it no longer follows the title. */
  keyEdited: boolean;
  type: QuestionType;
  title: Record<Language, string>;
  required: boolean;
  options: string[];
  integer: boolean;
  minimum: string;
  maximum: string;
}

let counter = 0;
const newUid = () => `q${Date.now().toString(36)}${(counter++).toString(36)}`;

export function newDraft(type: QuestionType = "text"): Draft {
  return {
    uid: newUid(),
    key: "",
    keyEdited: false,
    type,
    title: { fi: "", sv: "", en: "" },
    required: false,
    options: type === "choice" || type === "multi" ? ["", ""] : [],
    integer: false,
    minimum: "",
    maximum: "",
  };
}

export function draftsFromSchema(schema: QuestionsSchema | null | undefined): Draft[] {
  return questionsFromSchema(schema).map((q) => ({
    uid: newUid(),
    key: q.key,
    keyEdited: true, // an existing key is an export column: it stays unless the organizer changes it
    type: q.type,
    title: { fi: q.title.fi ?? "", sv: q.title.sv ?? "", en: q.title.en ?? "" },
    required: q.required,
    options: [...q.options],
    integer: q.integer,
    minimum: q.minimum === null ? "" : String(q.minimum),
    maximum: q.maximum === null ? "" : String(q.maximum),
  }));
}

/** A key from a title: "Erityisruokavalio?" → "erityisruokavalio". */
export function keyFromTitle(title: string): string {
  const slug = title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40)
    .replace(/_+$/, "");
  if (!slug) return "";
  return /^[a-z]/.test(slug) ? slug : `q_${slug}`.slice(0, 40);
}

/** The key a draft gets: its own once edited, else one from its title, unique among `taken`. */
export function suggestKey(draft: Draft, taken: ReadonlySet<string>, index: number): string {
  if (draft.keyEdited) return draft.key;
  const base = keyFromTitle(draft.title.fi || draft.title.en || draft.title.sv) || `question_${index + 1}`;
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base.slice(0, 36)}_${n}`;
  return key;
}

/** Drafts with their keys filled in from titles where the organizer typed none. */
export function withKeys(drafts: readonly Draft[]): Draft[] {
  const taken = new Set(drafts.filter((d) => d.keyEdited).map((d) => d.key));
  return drafts.map((d, i) => {
    if (d.keyEdited) return d;
    const key = suggestKey(d, taken, i);
    taken.add(key);
    return { ...d, key };
  });
}

export type DraftField = "key" | "title" | "options" | "minimum" | "maximum";
export type DraftProblemCode = "required" | "key" | "duplicate" | "options" | "number" | "range";
export type DraftProblems = Record<string, Partial<Record<DraftField, DraftProblemCode>>>;


const cleanOptions = (options: readonly string[]) => [...new Set(options.map((o) => o.trim()).filter(Boolean))];

function draftProblems(draft: Draft, keyCount: Map<string, number>): Partial<Record<DraftField, DraftProblemCode>> {
  const problems: Partial<Record<DraftField, DraftProblemCode>> = {};
  if (!LANGUAGES.some((l) => draft.title[l].trim())) problems.title = "required";
  if (!KEY_RE.test(draft.key)) problems.key = "key";
  else if ((keyCount.get(draft.key) ?? 0) > 1) problems.key = "duplicate";
  if ((draft.type === "choice" || draft.type === "multi") && cleanOptions(draft.options).length < 2) problems.options = "options";
  if (draft.type === "number") {
    const min = parseNumber(draft.minimum);
    const max = parseNumber(draft.maximum);
    if (Number.isNaN(min)) problems.minimum = "number";
    if (Number.isNaN(max)) problems.maximum = "number";
    if (min !== null && max !== null && !Number.isNaN(min) && !Number.isNaN(max) && min > max) problems.maximum = "range";
  }
  return problems;
}

/** What is wrong with the drafts, by draft uid; empty when they make a valid schema. */
export function checkDrafts(drafts: readonly Draft[]): DraftProblems {
  const keyCount = new Map<string, number>();
  for (const d of drafts) keyCount.set(d.key, (keyCount.get(d.key) ?? 0) + 1);
  const out: DraftProblems = {};
  for (const d of drafts) {
    const problems = draftProblems(d, keyCount);
    if (Object.keys(problems).length) out[d.uid] = problems;
  }
  return out;
}

export function questionFromDraft(draft: Draft): Question {
  const title: Texts = {};
  for (const lang of LANGUAGES) if (draft.title[lang].trim()) title[lang] = draft.title[lang].trim();
  const min = draft.type === "number" ? parseNumber(draft.minimum) : null;
  const max = draft.type === "number" ? parseNumber(draft.maximum) : null;
  return {
    key: draft.key,
    type: draft.type,
    title,
    required: draft.required,
    options: draft.type === "choice" || draft.type === "multi" ? cleanOptions(draft.options) : [],
    integer: draft.type === "number" && draft.integer,
    minimum: min === null || Number.isNaN(min) ? null : min,
    maximum: max === null || Number.isNaN(max) ? null : max,
    maxLength: draft.type === "text" ? TEXT_MAX_LENGTH : null,
  };
}

export function schemaFromDrafts(drafts: readonly Draft[]): QuestionsSchema | null {
  return schemaFromQuestions(withKeys(drafts).map(questionFromDraft));
}

export function moveDraft(drafts: readonly Draft[], uid: string, by: -1 | 1): Draft[] {
  const from = drafts.findIndex((d) => d.uid === uid);
  const to = from + by;
  if (from < 0 || to < 0 || to >= drafts.length) return [...drafts];
  const next = [...drafts];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}
