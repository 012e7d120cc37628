/** The organizer's event/training form: its values, their checks, and the API body they make. */
import { LANGUAGES, type Audience, type EventBody, type EventKind, type Language, type Texts, type UnionEvent } from "../api/types";
import { EVENT_TIME_ZONE, WALL_TIME_RE, fromWallTime, toWallTime } from "./eventTime";

export interface AudienceValues {
  branch_ids: string[];
  workplace_ids: string[];
  categories: string[];
}

export interface EventFormValues {
  title: Record<Language, string>;
  description: Record<Language, string>;
  starts_at: string;
  ends_at: string;
  place: string;
  online_url: string;
  capacity: string;
  registration_opens_at: string;
  registration_closes_at: string;
  cancellation_deadline: string;
  audience: AudienceValues;
  hours: string;
  prerequisites: string[];
  requires_approval: boolean;
}

/** Field names the server may name in its errors, and the form shows at its inputs. */
export const EVENT_FIELDS = [
  "title",
  ...LANGUAGES.map((l) => `title.${l}` as const),
  "description",
  ...LANGUAGES.map((l) => `description.${l}` as const),
  "starts_at",
  "ends_at",
  "place",
  "online_url",
  "capacity",
  "registration_opens_at",
  "registration_closes_at",
  "cancellation_deadline",
  "audience",
  "audience.branch_ids",
  "audience.workplace_ids",
  "audience.categories",
  "questions",
  "hours",
  "prerequisites",
  "requires_approval",
  "price_cents",
  "status",
] as const;
export type EventField = (typeof EVENT_FIELDS)[number];

export type EventProblem =
  | "required"
  | "title"
  | "dateTime"
  | "endsBeforeStart"
  | "closesBeforeOpens"
  | "capacity"
  | "hours"
  | "url";

const emptyTexts = (): Record<Language, string> => ({ fi: "", sv: "", en: "" });
const textsOf = (texts: Texts | null | undefined): Record<Language, string> => ({
  fi: texts?.fi ?? "",
  sv: texts?.sv ?? "",
  en: texts?.en ?? "",
});

export function emptyEventForm(): EventFormValues {
  return {
    title: emptyTexts(),
    description: emptyTexts(),
    starts_at: "",
    ends_at: "",
    place: "",
    online_url: "",
    capacity: "",
    registration_opens_at: "",
    registration_closes_at: "",
    cancellation_deadline: "",
    audience: { branch_ids: [], workplace_ids: [], categories: [] },
    hours: "",
    prerequisites: [],
    requires_approval: false,
  };
}

export function eventFormFrom(event: UnionEvent): EventFormValues {
  const zone = event.timezone || EVENT_TIME_ZONE;
  return {
    title: textsOf(event.title),
    description: textsOf(event.description),
    starts_at: toWallTime(event.starts_at, zone),
    ends_at: toWallTime(event.ends_at, zone),
    place: event.place ?? "",
    online_url: event.online_url ?? "",
    capacity: String(event.capacity ?? ""),
    registration_opens_at: toWallTime(event.registration_opens_at, zone),
    registration_closes_at: toWallTime(event.registration_closes_at, zone),
    cancellation_deadline: toWallTime(event.cancellation_deadline, zone),
    audience: {
      branch_ids: [...(event.audience?.branch_ids ?? [])],
      workplace_ids: [...(event.audience?.workplace_ids ?? [])],
      categories: [...(event.audience?.categories ?? [])],
    },
    hours: event.hours === null || event.hours === undefined ? "" : String(event.hours),
    prerequisites: [...(event.prerequisites ?? [])],
    requires_approval: Boolean(event.requires_approval),
  };
}

const number = (raw: string): number => Number(raw.trim().replace(",", "."));

function checkTimes(values: EventFormValues, problems: Partial<Record<EventField, EventProblem>>): void {
  for (const field of ["starts_at", "ends_at"] as const) {
    if (!values[field]) problems[field] = "required";
    else if (!WALL_TIME_RE.test(values[field])) problems[field] = "dateTime";
  }
  for (const field of ["registration_opens_at", "registration_closes_at", "cancellation_deadline"] as const) {
    if (values[field] && !WALL_TIME_RE.test(values[field])) problems[field] = "dateTime";
  }
  // Wall times in one zone compare as strings.
  if (!problems.starts_at && !problems.ends_at && values.ends_at <= values.starts_at) problems.ends_at = "endsBeforeStart";
  const { registration_opens_at: opens, registration_closes_at: closes } = values;
  if (opens && closes && !problems.registration_closes_at && closes <= opens) problems.registration_closes_at = "closesBeforeOpens";
}

/** What is wrong before sending, by field; the server checks everything again. */
export function checkEventForm(values: EventFormValues, kind: EventKind): Partial<Record<EventField, EventProblem>> {
  const problems: Partial<Record<EventField, EventProblem>> = {};
  if (!LANGUAGES.some((l) => values.title[l].trim())) problems["title.fi"] = "title";
  checkTimes(values, problems);
  const capacity = number(values.capacity);
  if (!values.capacity.trim()) problems.capacity = "required";
  else if (!Number.isInteger(capacity) || capacity < 1) problems.capacity = "capacity";
  if (values.online_url.trim() && !/^https?:\/\/\S+$/i.test(values.online_url.trim())) problems.online_url = "url";
  if (kind === "training") {
    const hours = number(values.hours);
    if (!values.hours.trim()) problems.hours = "required";
    else if (!Number.isFinite(hours) || hours <= 0) problems.hours = "hours";
  }
  return problems;
}

function textsBody(texts: Record<Language, string>): Texts {
  const out: Texts = {};
  for (const lang of LANGUAGES) if (texts[lang].trim()) out[lang] = texts[lang].trim();
  return out;
}

export function audienceBody(audience: AudienceValues): Audience | null {
  const out: Audience = {};
  if (audience.branch_ids.length) out.branch_ids = [...audience.branch_ids];
  if (audience.workplace_ids.length) out.workplace_ids = [...audience.workplace_ids];
  if (audience.categories.length) out.categories = [...audience.categories];
  return Object.keys(out).length ? out : null;
}

/**
 * The body of POST (creating) or PATCH (editing). A new event leaves out what is empty (the
 * server's defaults apply); an edit sends every field, an emptied optional one as null.
 */
export function eventBody(values: EventFormValues, kind: EventKind, editing: boolean): EventBody {
  const body: EventBody = {
    title: textsBody(values.title),
    description: textsBody(values.description),
    starts_at: fromWallTime(values.starts_at),
    ends_at: fromWallTime(values.ends_at),
    capacity: number(values.capacity),
  };
  const place = values.place.trim();
  const url = values.online_url.trim();
  if (place || editing) body.place = place || null;
  if (url || editing) body.online_url = url || null;
  for (const field of ["registration_opens_at", "registration_closes_at", "cancellation_deadline"] as const) {
    if (values[field]) body[field] = fromWallTime(values[field]);
  }
  const audience = audienceBody(values.audience);
  if (audience || editing) body.audience = audience;
  if (kind === "training") {
    body.hours = number(values.hours);
    body.prerequisites = [...values.prerequisites];
    body.requires_approval = values.requires_approval;
  }
  return body;
}
