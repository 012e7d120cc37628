/** Events and trainings: questions schema ↔ builder ↔ form, answers, files, times, routes. */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ApiClient } from "../src/api/client";
import { ApiError } from "../src/api/errors";
import { eventPath, makeApi } from "../src/api/endpoints";
import type { QuestionsSchema, UnionEvent } from "../src/api/types";
import { findRoute } from "../src/app";
import { currentItem } from "../src/components/Header";
import { answerProblemText, formatAnswer } from "../src/components/QuestionFields";
import { i18n, initI18n } from "../src/i18n";
import { deliver, filenameFromDisposition, readFileAnswer } from "../src/lib/downloads";
import { checkEventForm, emptyEventForm, eventBody, eventFormFrom } from "../src/lib/eventForm";
import { formatEventDate, formatEventRange, formatEventTime, fromWallTime, toWallTime } from "../src/lib/eventTime";
import { type Draft, checkDrafts, draftsFromSchema, keyFromTitle, moveDraft, newDraft, schemaFromDrafts, withKeys } from "../src/lib/questionDrafts";
import { collectAnswers, formValuesFrom, questionsFromSchema } from "../src/lib/questions";
import { matchPath } from "../src/lib/router";
import { filterParticipants } from "../src/pages/events/Checkin";
import { orderRegistrations } from "../src/pages/events/MyRegistrations";

beforeAll(async () => {
  await initI18n("en");
});

const t = i18n.getFixedT("en");

/** What the builder writes for the drafts in `sampleDrafts`, per docs/events.md. */
const SAMPLE_SCHEMA: QuestionsSchema = {
  type: "object",
  properties: {
    erityisruokavalio: {
      type: "string",
      title: "Erityisruokavalio",
      "x-title": { fi: "Erityisruokavalio", en: "Special diet" },
      maxLength: 500,
    },
    shirt_size: { type: "string", title: "T-shirt size", "x-title": { en: "T-shirt size" }, enum: ["S", "M", "L"] },
    days: {
      type: "array",
      title: "Päivät",
      "x-title": { fi: "Päivät", sv: "Dagar" },
      items: { enum: ["Mon", "Tue"] },
      uniqueItems: true,
    },
    sauna: { type: "boolean", title: "Sauna?", "x-title": { fi: "Sauna?" } },
    guests: { type: "integer", title: "Guests", "x-title": { en: "Guests" }, minimum: 0, maximum: 3 },
  },
  required: ["erityisruokavalio", "shirt_size"],
};

function sampleDrafts(): Draft[] {
  const diet = { ...newDraft("text"), title: { fi: "Erityisruokavalio", sv: "", en: "Special diet" }, required: true };
  const shirt = { ...newDraft("choice"), title: { fi: "", sv: "", en: "T-shirt size" }, options: ["S", " M ", "L", "", "S"], required: true };
  const days = { ...newDraft("multi"), title: { fi: "Päivät", sv: "Dagar", en: "" }, options: ["Mon", "Tue"] };
  const sauna = { ...newDraft("yesno"), title: { fi: "Sauna?", sv: "", en: "" } };
  const guests = { ...newDraft("number"), title: { fi: "", sv: "", en: "Guests" }, integer: true, minimum: "0", maximum: "3" };
  return withKeys([diet, shirt, days, sauna, guests]);
}

describe("the question builder", () => {
  it("writes the JSON Schema of docs/events.md, keys made from the titles", () => {
    const drafts = sampleDrafts();
    drafts[1] = { ...drafts[1]!, key: "shirt_size", keyEdited: true }; // typed by the organizer
    drafts[2] = { ...drafts[2]!, key: "days", keyEdited: true };
    expect(checkDrafts(drafts)).toEqual({});
    expect(schemaFromDrafts(drafts)).toEqual(SAMPLE_SCHEMA);
  });

  it("round-trips: the schema read back into drafts writes the same schema", () => {
    const again = schemaFromDrafts(draftsFromSchema(SAMPLE_SCHEMA));
    expect(again).toEqual(SAMPLE_SCHEMA);
    expect(Object.keys(again!.properties)).toEqual(["erityisruokavalio", "shirt_size", "days", "sauna", "guests"]);
  });

  it("renders into the form the organizer built", () => {
    const questions = questionsFromSchema(schemaFromDrafts(sampleDrafts()));
    expect(questions.map((q) => [q.key, q.type, q.required])).toEqual([
      ["erityisruokavalio", "text", true],
      ["t_shirt_size", "choice", true],
      ["paivat", "multi", false],
      ["sauna", "yesno", false],
      ["guests", "number", false],
    ]);
    expect(questions[1]!.options).toEqual(["S", "M", "L"]);
    expect(questions[2]!.title).toEqual({ fi: "Päivät", sv: "Dagar" });
    expect(questions[4]).toMatchObject({ integer: true, minimum: 0, maximum: 3 });
  });

  it("writes null when there are no questions", () => {
    expect(schemaFromDrafts([])).toBeNull();
  });

  it("reads a plain `title` when there is no x-title, and unknown schemas as none", () => {
    const [q] = questionsFromSchema({ type: "object", properties: { note: { type: "string", title: "Note" } } });
    expect(q!.title).toEqual({ fi: "Note", sv: "Note", en: "Note" });
    expect(questionsFromSchema(null)).toEqual([]);
  });

  it("makes keys that keep schema order and stay unique", () => {
    expect(keyFromTitle("Erityisruokavalio?")).toBe("erityisruokavalio");
    expect(keyFromTitle("Åländsk mat & dryck")).toBe("alandsk_mat_dryck");
    expect(keyFromTitle("2 päivää")).toBe("q_2_paivaa");
    expect(keyFromTitle("???")).toBe("");
    const twins = withKeys([{ ...newDraft(), title: { fi: "Koko", sv: "", en: "" } }, { ...newDraft(), title: { fi: "Koko", sv: "", en: "" } }, newDraft()]);
    expect(twins.map((d) => d.key)).toEqual(["koko", "koko_2", "question_3"]);
  });

  it("names what is wrong with a draft", () => {
    const untitled = newDraft("choice");
    const badKey = { ...newDraft(), title: { fi: "A", sv: "", en: "" }, key: "1abc", keyEdited: true };
    const range = { ...newDraft("number"), title: { fi: "N", sv: "", en: "" }, key: "n", keyEdited: true, minimum: "5", maximum: "2" };
    const notNumber = { ...newDraft("number"), title: { fi: "M", sv: "", en: "" }, key: "m", keyEdited: true, minimum: "x" };
    const dup1 = { ...newDraft(), title: { fi: "D", sv: "", en: "" }, key: "d", keyEdited: true };
    const dup2 = { ...dup1, uid: "other" };
    const problems = checkDrafts(withKeys([untitled, badKey, range, notNumber, dup1, dup2]));
    expect(problems[untitled.uid]).toEqual({ title: "required", options: "options" });
    expect(problems[badKey.uid]).toEqual({ key: "key" });
    expect(problems[range.uid]).toEqual({ maximum: "range" });
    expect(problems[notNumber.uid]).toEqual({ minimum: "number" });
    expect(problems[dup1.uid]).toEqual({ key: "duplicate" });
  });

  it("moves a question up and down, and not past the ends", () => {
    const [a, b, c] = [newDraft(), newDraft(), newDraft()];
    expect(moveDraft([a!, b!, c!], c!.uid, -1).map((d) => d.uid)).toEqual([a!.uid, c!.uid, b!.uid]);
    expect(moveDraft([a!, b!, c!], a!.uid, -1).map((d) => d.uid)).toEqual([a!.uid, b!.uid, c!.uid]);
  });
});

describe("answers", () => {
  const questions = questionsFromSchema(SAMPLE_SCHEMA);

  it("collects typed answers and leaves empty optional ones out", () => {
    const values = { erityisruokavalio: " Vegan ", shirt_size: "M", days: ["Tue", "Mon"], sauna: "false", guests: "2" };
    expect(collectAnswers(questions, values)).toEqual({
      answers: { erityisruokavalio: "Vegan", shirt_size: "M", days: ["Mon", "Tue"], sauna: false, guests: 2 },
      problems: {},
    });
    expect(collectAnswers(questions, { erityisruokavalio: "x", shirt_size: "S", days: [], sauna: "", guests: "" }).answers).toEqual({
      erityisruokavalio: "x",
      shirt_size: "S",
    });
  });

  it("names each problem at answers.<key>, with a message", () => {
    const { problems } = collectAnswers(questions, { erityisruokavalio: "", shirt_size: "XL", sauna: "maybe", guests: "1.5" });
    expect(problems).toEqual({
      "answers.erityisruokavalio": { code: "required" },
      "answers.shirt_size": { code: "choice" },
      "answers.sauna": { code: "choice" },
      "answers.guests": { code: "integer" },
    });
    const tooMany = collectAnswers(questions, { erityisruokavalio: "a", shirt_size: "S", guests: "4" }).problems["answers.guests"]!;
    expect(answerProblemText(t, tooMany)).toBe("Enter at most 3.");
    expect(answerProblemText(t, { code: "required" })).toBe("This field is required.");
    const long = collectAnswers(questions, { erityisruokavalio: "x".repeat(501), shirt_size: "S" }).problems;
    expect(answerProblemText(t, long["answers.erityisruokavalio"]!)).toBe("Use at most 500 characters.");
  });

  it("reads decimal commas in numbers", () => {
    const [q] = questionsFromSchema({ type: "object", properties: { km: { type: "number", minimum: 0 } } });
    expect(collectAnswers([q!], { km: "1,5" }).answers).toEqual({ km: 1.5 });
    expect(collectAnswers([q!], { km: "-1" }).problems).toEqual({ "answers.km": { code: "minimum", limit: 0 } });
    expect(collectAnswers([q!], { km: "abc" }).problems).toEqual({ "answers.km": { code: "number" } });
  });

  it("fills the form from saved answers and shows answers as text", () => {
    expect(formValuesFrom(questions, { shirt_size: "L", days: ["Mon"], sauna: true, guests: 0 })).toEqual({
      erityisruokavalio: "",
      shirt_size: "L",
      days: ["Mon"],
      sauna: "true",
      guests: "0",
    });
    expect(formatAnswer(t, true)).toBe("Yes");
    expect(formatAnswer(t, ["Mon", "Tue"])).toBe("Mon, Tue");
    expect(formatAnswer(t, undefined)).toBe("");
  });
});

describe("exports and other files", () => {
  afterEach(() => vi.restoreAllMocks());

  it("takes the file name from Content-Disposition, never a folder", () => {
    expect(filenameFromDisposition('attachment; filename="participants.csv"', "x")).toBe("participants.csv");
    expect(filenameFromDisposition("attachment; filename*=UTF-8''osallistujat-%C3%A4%C3%B6.csv; filename=\"o.csv\"", "x")).toBe("osallistujat-äö.csv");
    expect(filenameFromDisposition("attachment; filename=plain.xlsx", "x")).toBe("plain.xlsx");
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"', "x")).toBe("passwd");
    expect(filenameFromDisposition("attachment", "fallback.csv")).toBe("fallback.csv");
    expect(filenameFromDisposition(null, "fallback.csv")).toBe("fallback.csv");
  });

  it("saves a file answer under its name", async () => {
    const csv = new Response("\ufefffirst_name,last_name\r\nAino,Virtanen\r\n", {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="kesäjuhla.csv"' },
    });
    const answer = await readFileAnswer(csv, "participants.csv");
    expect(answer.kind).toBe("file");
    if (answer.kind !== "file") return;
    expect(answer.filename).toBe("kesäjuhla.csv");
    expect(new Uint8Array(await answer.blob.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it("follows the link of an export too big to send inline", async () => {
    const big = new Response(JSON.stringify({ url: "https://bucket.s3.example/export.csv?sig=1", expires_in: 300, bytes: 9e6 }), {
      headers: { "Content-Type": "application/json" },
    });
    const go = vi.fn();
    const answer = await deliver(big, "participants.csv", go);
    expect(answer).toEqual({ kind: "link", url: "https://bucket.s3.example/export.csv?sig=1" });
    expect(go).toHaveBeenCalledWith("https://bucket.s3.example/export.csv?sig=1");
  });

  it("refuses a JSON answer without a web link", async () => {
    const odd = new Response(JSON.stringify({ url: "javascript:alert(1)" }), { headers: { "Content-Type": "application/json" } });
    await expect(readFileAnswer(odd, "x.csv")).rejects.toThrow();
  });

  it("asks for the file type with the bearer token, and turns a refusal into an ApiError", async () => {
    const seen: { url: string; headers: Record<string, string> }[] = [];
    const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push({ url: String(input), headers: init?.headers as Record<string, string> });
      if (String(input).includes("forbidden")) {
        return new Response(JSON.stringify({ error: { code: "forbidden", message: "Organizers only", fields: [] } }), { status: 403 });
      }
      return new Response("%PDF-1.4", { headers: { "Content-Type": "application/pdf" } });
    }) as unknown as typeof globalThis.fetch;
    const client = new ApiClient({ fetch, storage: null });
    client.setTokens({ access_token: "tok", token_type: "Bearer", expires_in: 900, refresh_token: "r" });
    const api = makeApi(client);
    const pdf = await api.certificatePdf("AB-12");
    expect(await pdf.text()).toBe("%PDF-1.4");
    expect(seen[0]).toMatchObject({ url: "/api/certificates/AB-12.pdf", headers: { Accept: "application/pdf", Authorization: "Bearer tok" } });
    await api.exportParticipants("event", "e1", "csv-semicolon");
    expect(seen[1]).toMatchObject({ url: "/api/events/e1/participants.csv?delimiter=semicolon", headers: { Accept: "text/csv" } });
    await api.exportParticipants("training", "t1", "xlsx");
    expect(seen[2]!.url).toBe("/api/trainings/t1/participants.xlsx");
    expect(seen[2]!.headers.Accept).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const refused = await client.download("/api/forbidden.csv", "text/csv").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(403);
  });

  it("builds event paths under /api/events and /api/trainings", () => {
    expect(eventPath("event")).toBe("/api/events");
    expect(eventPath("training", "a/b", "enrolments", "m 1", "decision")).toBe("/api/trainings/a%2Fb/enrolments/m%201/decision");
  });
});

describe("times in Europe/Helsinki", () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it("shows instants as Helsinki wall time, whatever zone the device is in", () => {
    process.env.TZ = "America/New_York";
    expect(formatEventTime("2026-12-01T15:00:00Z", "fi")).toMatch(/1\.12\.2026.*17\.00/);
    expect(formatEventTime("2026-06-01T15:00:00Z", "fi")).toMatch(/1\.6\.2026.*18\.00/);
    expect(formatEventTime("2026-12-01T15:00:00Z", "en")).toMatch(/01\/12\/2026.*17:00/);
    expect(formatEventTime("2026-12-01T15:00:00Z", "sv")).toMatch(/2026.*17[.:]00/);
  });

  it("shows a one-day range with the day once", () => {
    const range = formatEventRange("2026-12-01T15:00:00Z", "2026-12-01T18:30:00Z", "fi");
    expect(range).toMatch(/17\.00.*20\.30/);
    expect(range.match(/2026/g)).toHaveLength(1);
  });

  it("turns instants into datetime-local values and back (no offset: the server reads Helsinki time)", () => {
    process.env.TZ = "Asia/Tokyo";
    expect(toWallTime("2026-12-01T15:00:00Z")).toBe("2026-12-01T17:00");
    expect(toWallTime("2026-07-01T21:30:00Z")).toBe("2026-07-02T00:30");
    // The spring-forward night: 01:00 UTC becomes 04:00 EEST.
    expect(toWallTime("2026-03-29T00:30:00Z")).toBe("2026-03-29T02:30");
    expect(toWallTime("2026-03-29T01:30:00Z")).toBe("2026-03-29T04:30");
    expect(fromWallTime("2026-12-01T17:00")).toBe("2026-12-01T17:00:00");
  });

  it("shows calendar days as they are", () => {
    process.env.TZ = "Pacific/Honolulu";
    expect(formatEventDate("2026-05-31", "fi")).toBe("31.5.2026");
    expect(formatEventDate("2026-05-31T22:30:00Z", "fi")).toBe("1.6.2026");
  });
});

describe("the event form", () => {
  it("names the missing and wrong fields", () => {
    expect(checkEventForm(emptyEventForm(), "training")).toEqual({
      "title.fi": "title",
      starts_at: "required",
      ends_at: "required",
      capacity: "required",
      hours: "required",
    });
    const values = {
      ...emptyEventForm(),
      title: { fi: "", sv: "", en: "Party" },
      starts_at: "2026-12-01T17:00",
      ends_at: "2026-12-01T16:00",
      capacity: "0",
      online_url: "ftp://x",
      registration_opens_at: "2026-11-01T10:00",
      registration_closes_at: "2026-10-01T10:00",
    };
    expect(checkEventForm(values, "event")).toEqual({
      ends_at: "endsBeforeStart",
      capacity: "capacity",
      online_url: "url",
      registration_closes_at: "closesBeforeOpens",
    });
  });

  it("sends wall times without an offset and leaves defaults to the server", () => {
    const values = {
      ...emptyEventForm(),
      title: { fi: "Kevätkokous", sv: "", en: " Spring meeting " },
      starts_at: "2026-05-20T17:00",
      ends_at: "2026-05-20T19:00",
      capacity: "40",
      place: "Hakaniemi",
      hours: "3,5",
      requires_approval: true,
      audience: { branch_ids: ["helsinki"], workplace_ids: [], categories: ["student"] },
    };
    expect(checkEventForm(values, "training")).toEqual({});
    expect(eventBody(values, "training", false)).toEqual({
      title: { fi: "Kevätkokous", en: "Spring meeting" },
      description: {},
      starts_at: "2026-05-20T17:00:00",
      ends_at: "2026-05-20T19:00:00",
      capacity: 40,
      place: "Hakaniemi",
      audience: { branch_ids: ["helsinki"], categories: ["student"] },
      hours: 3.5,
      prerequisites: [],
      requires_approval: true,
    });
    const edit = eventBody({ ...values, place: "", audience: { branch_ids: [], workplace_ids: [], categories: [] } }, "event", true);
    expect(edit).toMatchObject({ place: null, online_url: null, audience: null });
    expect("hours" in edit).toBe(false);
  });

  it("reads an event back into the form in Helsinki time", () => {
    const event = {
      title: { fi: "Risteily" },
      description: null,
      starts_at: "2026-06-10T09:00:00Z",
      ends_at: "2026-06-11T15:00:00Z",
      timezone: "Europe/Helsinki",
      place: "Katajanokka",
      online_url: null,
      capacity: 200,
      registration_opens_at: "2026-03-01T08:00:00Z",
      registration_closes_at: "2026-06-01T20:59:00Z",
      cancellation_deadline: "2026-05-31T21:00:00Z",
      audience: null,
    } as unknown as UnionEvent;
    const form = eventFormFrom(event);
    expect(form).toMatchObject({
      title: { fi: "Risteily", sv: "", en: "" },
      starts_at: "2026-06-10T12:00",
      ends_at: "2026-06-11T18:00",
      capacity: "200",
      registration_opens_at: "2026-03-01T10:00",
      registration_closes_at: "2026-06-01T23:59",
      cancellation_deadline: "2026-06-01T00:00",
    });
  });
});

describe("routes and lists", () => {
  it("matches pages with ids, 'new' before ':id'", () => {
    expect(matchPath("/events/:id/edit", "/events/e%201/edit")).toEqual({ id: "e 1" });
    expect(matchPath("/events/:id", "/events/e1/edit")).toBeNull();
    expect(findRoute("/events/new")!.route.page.name).toBe("EventEdit");
    expect(findRoute("/events/new")!.params).toEqual({});
    const checkin = findRoute("/trainings/t1/checkin")!;
    expect([checkin.route.page.name, checkin.route.kind, checkin.params.id]).toEqual(["Checkin", "training", "t1"]);
    expect(findRoute("/certificates/ABC-123")!.params).toEqual({ code: "ABC-123" });
    expect(findRoute("/certificates/ABC-123")!.route.roles).toBeUndefined();
    expect(findRoute("/nowhere")).toBeNull();
  });

  it("marks the most specific menu entry as current", () => {
    const items = [
      { to: "/", label: "", testId: "" },
      { to: "/me", label: "", testId: "" },
      { to: "/me/registrations", label: "", testId: "" },
    ];
    expect(currentItem(items, "/me/registrations")).toBe("/me/registrations");
    expect(currentItem(items, "/me/resignation")).toBe("/me");
    expect(currentItem(items, "/")).toBe("/");
  });

  it("finds participants at the door without accents or case", () => {
    const people = [
      { member_id: "1", first_name: "Äijä", last_name: "Järvinen", email: "aija@x.fi" },
      { member_id: "2", first_name: "Bo", last_name: "Ek", email: "bo@x.se" },
    ] as unknown as Parameters<typeof filterParticipants>[0];
    expect(filterParticipants(people, "jarvi").map((p) => p.member_id)).toEqual(["1"]);
    expect(filterParticipants(people, "bo EK").map((p) => p.member_id)).toEqual(["2"]);
    expect(filterParticipants(people, "  ")).toHaveLength(2);
  });

  it("lists my upcoming registrations first, soonest first", () => {
    const reg = (id: string, starts: string, ends: string) =>
      ({ event_id: id, status: "confirmed", position: null, answers: {}, event: { id, kind: "event", title: {}, starts_at: starts, ends_at: ends } }) as never;
    const now = Date.parse("2026-06-01T00:00:00Z");
    const ordered = orderRegistrations(
      [reg("old", "2026-01-01T10:00:00Z", "2026-01-01T12:00:00Z"), reg("later", "2026-09-01T10:00:00Z", "2026-09-01T12:00:00Z"), reg("soon", "2026-06-02T10:00:00Z", "2026-06-02T12:00:00Z"), reg("older", "2025-01-01T10:00:00Z", "2025-01-01T12:00:00Z")],
      now,
    );
    expect(ordered.map((r: { event_id: string }) => r.event_id)).toEqual(["soon", "later", "old", "older"]);
  });
});
