/**
 * Registration questions: the JSON Schema an event carries (docs/events.md), read into questions
 * and written from them, and the member's form values that become `answers`. The organizer's
 * builder drafts are in questionDrafts.ts.
 *
 * Only the simple field types exist: text, choice, multi-choice, yes/no, number. Property
 * names are the answer keys and the export's column names, in schema order.
 */
import { LANGUAGES, type AnswerValue, type Answers, type QuestionProperty, type QuestionsSchema, type Texts } from "../api/types";
import { inLanguage } from "./texts";

export const QUESTION_TYPES = ["text", "choice", "multi", "yesno", "number"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const TEXT_MAX_LENGTH = 500;
/** A letter first (as the server wants; it also keeps JavaScript from reordering integer-like keys). */
export const KEY_RE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export interface Question {
  key: string;
  type: QuestionType;
  title: Texts;
  required: boolean;
  options: string[];
  integer: boolean;
  minimum: number | null;
  maximum: number | null;
  maxLength: number | null;
}

// --- schema → questions (what the member's form renders) -----------------------------------

function typeOf(property: QuestionProperty): QuestionType {
  if (property.type === "boolean") return "yesno";
  if (property.type === "number" || property.type === "integer") return "number";
  if (property.type === "array") return "multi";
  return property.enum ? "choice" : "text";
}

function titleOf(property: QuestionProperty, key: string): Texts {
  const texts = property["x-title"];
  if (texts && Object.values(texts).some(Boolean)) return texts;
  return { fi: property.title || key, sv: property.title || key, en: property.title || key };
}

export function questionFromProperty(key: string, property: QuestionProperty, required: boolean): Question {
  const type = typeOf(property);
  return {
    key,
    type,
    title: titleOf(property, key),
    required,
    options: (type === "multi" ? property.items?.enum : property.enum) ?? [],
    integer: property.type === "integer",
    minimum: typeof property.minimum === "number" ? property.minimum : null,
    maximum: typeof property.maximum === "number" ? property.maximum : null,
    maxLength: typeof property.maxLength === "number" ? property.maxLength : null,
  };
}

export function questionsFromSchema(schema: QuestionsSchema | null | undefined): Question[] {
  if (!schema || typeof schema.properties !== "object" || schema.properties === null) return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([key, property]) => questionFromProperty(key, property, required.has(key)));
}

// --- questions → schema (what the builder writes) ------------------------------------------

function propertyOf(question: Question): QuestionProperty {
  const texts: Texts = {};
  for (const lang of LANGUAGES) {
    const text = question.title[lang]?.trim();
    if (text) texts[lang] = text;
  }
  const base = { title: inLanguage(texts, "fi") || question.key, "x-title": texts };
  switch (question.type) {
    case "text":
      return { type: "string", ...base, maxLength: question.maxLength ?? TEXT_MAX_LENGTH };
    case "choice":
      return { type: "string", ...base, enum: [...question.options] };
    case "multi":
      return { type: "array", ...base, items: { enum: [...question.options] }, uniqueItems: true };
    case "yesno":
      return { type: "boolean", ...base };
    case "number": {
      const property: QuestionProperty = { type: question.integer ? "integer" : "number", ...base };
      if (question.minimum !== null) property.minimum = question.minimum;
      if (question.maximum !== null) property.maximum = question.maximum;
      return property;
    }
  }
}

/** The event's `questions`: null when there are none. */
export function schemaFromQuestions(questions: readonly Question[]): QuestionsSchema | null {
  if (!questions.length) return null;
  const properties: Record<string, QuestionProperty> = {};
  for (const q of questions) properties[q.key] = propertyOf(q);
  const required = questions.filter((q) => q.required).map((q) => q.key);
  return required.length ? { type: "object", properties, required } : { type: "object", properties };
}

/** A number as people type it ("1,5" too): null when empty, NaN when not a number. */
export const parseNumber = (raw: string): number | null => {
  const text = raw.trim().replace(",", ".");
  if (!text) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
};

// --- the member's form ---------------------------------------------------------------------

/** Form state per answer key: text, choice, number and yes/no ("true"/"false"/"") as strings; multi as a list. */
export type FormValue = string | string[];
export type FormValues = Record<string, FormValue>;

export const answerField = (key: string) => `answers.${key}`;

function formValueOf(question: Question, answer: AnswerValue | undefined): FormValue {
  if (question.type === "multi") return Array.isArray(answer) ? answer.map(String) : [];
  if (answer === undefined || answer === null) return "";
  return Array.isArray(answer) ? answer.join(", ") : String(answer);
}

export function formValuesFrom(questions: readonly Question[], answers?: Answers | null): FormValues {
  const values: FormValues = {};
  for (const q of questions) values[q.key] = formValueOf(q, answers?.[q.key]);
  return values;
}

export type AnswerProblem =
  | { code: "required" | "number" | "integer" | "choice" }
  | { code: "minimum" | "maximum" | "maxLength"; limit: number };

type Collected = { value: AnswerValue } | { problem: AnswerProblem } | null;

function collectNumber(question: Question, raw: string): Collected {
  const value = parseNumber(raw);
  if (value === null) return null;
  if (Number.isNaN(value)) return { problem: { code: "number" } };
  if (question.integer && !Number.isInteger(value)) return { problem: { code: "integer" } };
  if (question.minimum !== null && value < question.minimum) return { problem: { code: "minimum", limit: question.minimum } };
  if (question.maximum !== null && value > question.maximum) return { problem: { code: "maximum", limit: question.maximum } };
  return { value };
}

function collectOne(question: Question, raw: FormValue | undefined): Collected {
  if (question.type === "multi") {
    const chosen = Array.isArray(raw) ? raw : [];
    if (chosen.some((c) => !question.options.includes(c))) return { problem: { code: "choice" } };
    // Ordered as the options are, so the export reads the same for everyone.
    return chosen.length ? { value: question.options.filter((o) => chosen.includes(o)) } : null;
  }
  const text = typeof raw === "string" ? raw.trim() : "";
  if (!text) return null;
  switch (question.type) {
    case "yesno":
      return text === "true" || text === "false" ? { value: text === "true" } : { problem: { code: "choice" } };
    case "number":
      return collectNumber(question, text);
    case "choice":
      return question.options.includes(text) ? { value: text } : { problem: { code: "choice" } };
    case "text": {
      const limit = question.maxLength ?? TEXT_MAX_LENGTH;
      return text.length > limit ? { problem: { code: "maxLength", limit } } : { value: text };
    }
  }
}

/**
 * The `answers` body from the form, and what is wrong with it by field name (`answers.<key>`,
 * the path the server uses too). Empty optional answers are left out.
 */
export function collectAnswers(
  questions: readonly Question[],
  values: FormValues,
): { answers: Answers; problems: Record<string, AnswerProblem> } {
  const answers: Answers = {};
  const problems: Record<string, AnswerProblem> = {};
  for (const q of questions) {
    const collected = collectOne(q, values[q.key]);
    if (collected === null) {
      if (q.required) problems[answerField(q.key)] = { code: "required" };
    } else if ("problem" in collected) {
      problems[answerField(q.key)] = collected.problem;
    } else {
      answers[q.key] = collected.value;
    }
  }
  return { answers, problems };
}
