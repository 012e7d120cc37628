// @vitest-environment happy-dom
/**
 * The event and training pages in a DOM with a fake API: what a member, an organizer and a
 * branch officer do, by labels, names, data-testids and roles.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { navigate } from "../src/lib/router";
import { client } from "../src/services";
import {
  $,
  byTestId,
  calls,
  callsTo,
  choose,
  click,
  fill,
  json,
  labelOf,
  named,
  on,
  resetApi,
  saved,
  settle,
  startApp,
  stopApp,
  waitFor,
} from "./support/app";

const me = {
  id: "m1",
  email: "aino@example.fi",
  first_name: "Aino",
  last_name: "Virtanen",
  phone: null,
  street_address: null,
  postal_code: null,
  city: null,
  country: null,
  iban: null,
  language: "en",
  branch_id: "b1",
  workplace_id: null,
  category: "working",
  status: "active",
  roles: ["member", "organizer", "branch_officer"],
  grants: [{ role: "branch_officer", branch_ids: ["b1"], workplace_ids: [] }],
  member_since: "2020-02-01",
  status_history: [],
  pending_requests: [],
};

const branches = { items: [{ id: "b1", name: "Tampere branch", workplaces: [{ id: "w1", name: "Plant", employer_id: null, employer_name: null }] }] };

const QUESTIONS = {
  type: "object",
  properties: {
    diet: { type: "string", title: "Special diet", "x-title": { fi: "Erityisruokavalio", en: "Special diet" }, maxLength: 500 },
    shirt_size: { type: "string", title: "T-shirt size", enum: ["S", "M", "L"] },
    sauna: { type: "boolean", title: "Sauna", "x-title": { en: "Sauna in the evening?" } },
  },
  required: ["diet", "shirt_size"],
};

const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

function anEvent(overrides: Record<string, unknown> = {}) {
  return {
    id: "e1",
    kind: "event",
    title: { fi: "Kesäjuhla", en: "Summer party" },
    description: { en: "Food and music." },
    starts_at: future(10),
    ends_at: future(10.2),
    timezone: "Europe/Helsinki",
    place: "Union house",
    online_url: null,
    capacity: 2,
    registration_opens_at: future(-1),
    registration_closes_at: future(9),
    cancellation_deadline: future(8),
    audience: null,
    questions: QUESTIONS,
    price_cents: 0,
    status: "published",
    organizer_ids: ["m1"],
    seats: { capacity: 2, confirmed: 2, waiting: 2, free: 0 },
    can_manage: false,
    my_registration: null,
    ...overrides,
  };
}

beforeAll(() => startApp(me));
afterAll(stopApp);

beforeEach(async () => {
  await resetApi(me);
  on("GET", "/api/branches", branches);
  expect(client.hasAccessToken).toBe(true);
});

describe("a member", () => {
  it("sees events with seats, waiting list and own place", async () => {
    on("GET", "/api/events", {
      items: [
        anEvent({ id: "late", starts_at: future(30), ends_at: future(30.1), seats: { capacity: 50, confirmed: 10, waiting: 0, free: 40 } }),
        anEvent(),
        anEvent({ id: "mine", starts_at: future(20), ends_at: future(20.1), my_registration: { event_id: "mine", status: "waiting", position: 4, answers: {} } }),
      ],
      next: null,
    });
    navigate("/events");
    await waitFor(() => byTestId("event-e1"), "event list");
    const cards = [...document.querySelectorAll("[data-testid^='event-']")].map((c) => c.getAttribute("data-testid"));
    expect(cards).toEqual(["event-e1", "event-mine", "event-late"]);
    expect(byTestId("event-late")!.textContent).toContain("40 seats left");
    expect(byTestId("event-e1")!.textContent).toContain("Full — 2 on the waiting list");
    expect(byTestId("event-mine")!.textContent).toContain("You are number 4 on the waiting list.");
    expect(byTestId("nav-events")!.getAttribute("aria-current")).toBe("page");
  });

  it("registers with answers: checks them first, shows the server's field errors at the field", async () => {
    let event = anEvent();
    on("GET", "/api/events/e1", () => json(200, event));
    navigate("/events/e1");
    const diet = await waitFor(() => named("answers.diet"), "the question form");
    expect($("h1")!.textContent).toBe("Summer party");
    expect(labelOf(diet)).toBe("Special diet");
    expect($('[data-testid="question-answers.shirt_size"] legend')!.textContent).toBe("T-shirt size");
    expect($('[data-testid="question-answers.sauna"] legend')!.textContent).toContain("Sauna in the evening?");
    expect($('[data-testid="question-answers.sauna"] legend')!.textContent).toContain("optional");
    expect(byTestId("registration")!.textContent).toContain("All seats are taken");

    await click("register");
    const dietError = await waitFor(() => byTestId("error-answers.diet"), "client-side error");
    expect(dietError.textContent).toBe("This field is required.");
    expect(diet.getAttribute("aria-describedby")).toContain(dietError.id);
    expect(diet.getAttribute("aria-invalid")).toBe("true");
    const radios = document.querySelectorAll<HTMLInputElement>('input[name="answers.shirt_size"]');
    expect(radios[0]!.getAttribute("aria-describedby")).toBe(byTestId("error-answers.shirt_size")!.id);
    expect(callsTo("POST", "/api/events/e1/registrations")).toHaveLength(0);

    await fill("answers.diet", "Vegan");
    radios[1]!.click();
    await settle();
    on("POST", "/api/events/e1/registrations", () =>
      json(400, { error: { code: "invalid_input", message: "", fields: [{ path: "answers.diet", message: "The kitchen cannot do that." }] } }),
    );
    await click("register");
    await waitFor(() => byTestId("error-answers.diet")?.textContent === "The kitchen cannot do that.", "server field error");
    expect($('[role="alert"]')!.textContent).toBe("Please check the marked fields.");

    on("POST", "/api/events/e1/registrations", (body: unknown) => {
      event = anEvent({ my_registration: { event_id: "e1", status: "waiting", position: 3, answers: (body as { answers: object }).answers } });
      return json(201, { status: "waiting", position: 3 });
    });
    await click("register");
    await waitFor(() => $('[role="status"]')?.textContent?.includes("number 3 on the waiting list"), "registered");
    expect(callsTo("POST", "/api/events/e1/registrations").at(-1)!.body).toEqual({ answers: { diet: "Vegan", shirt_size: "M" } });
    await waitFor(() => byTestId("my-status")?.getAttribute("data-status") === "waiting", "my status");
    expect(byTestId("my-status")!.textContent).toBe("You are number 3 on the waiting list.");
    expect(byTestId("save-answers")).toBeTruthy();
    expect(named<HTMLInputElement>("answers.diet")!.value).toBe("Vegan");
  });

  it("cancels only after confirming, and not after the deadline", async () => {
    let event = anEvent({ my_registration: { event_id: "e1", status: "confirmed", position: null, answers: { diet: "-", shirt_size: "S" } } });
    on("GET", "/api/events/e1", () => json(200, event));
    on("DELETE", "/api/events/e1/registrations/me", () => {
      event = anEvent();
      return json(200, { event_id: "e1", status: "cancelled", position: null, answers: {} });
    });
    navigate("/");
    await settle();
    navigate("/events/e1");
    await click("cancel-registration");
    const confirm = await waitFor(() => byTestId("confirm-cancel-registration"), "confirm step");
    expect(callsTo("DELETE", "/api/events/e1/registrations/me")).toHaveLength(0);
    expect(byTestId("keep-registration")).toBeTruthy();
    confirm.click();
    await waitFor(() => $('[role="status"]')?.textContent === "Your registration has been cancelled.", "cancelled");
    await waitFor(() => byTestId("register"), "form again");

    event = anEvent({
      cancellation_deadline: future(-0.5),
      my_registration: { event_id: "e1", status: "confirmed", position: null, answers: {} },
    });
    navigate("/");
    await settle();
    navigate("/events/e1");
    const cancel = await waitFor(() => byTestId("cancel-registration") as HTMLButtonElement, "cancel button");
    expect(cancel.disabled).toBe(true);
    expect($("#cancel-deadline")!.textContent).toContain("has passed");
  });

  it("downloads the calendar entry with the token", async () => {
    on("GET", "/api/events/e1", anEvent());
    on("GET", "/api/events/e1/calendar.ics", () =>
      new Response("BEGIN:VCALENDAR", { headers: { "Content-Type": "text/calendar", "Content-Disposition": 'attachment; filename="summer-party.ics"' } }),
    );
    navigate("/");
    await settle();
    navigate("/events/e1");
    await click("add-to-calendar");
    await waitFor(() => saved.length === 1, "saved file");
    expect(saved[0]!.name).toBe("summer-party.ics");
    const call = callsTo("GET", "/api/events/e1/calendar.ics")[0]!;
    expect(call.headers).toMatchObject({ Accept: "text/calendar", Authorization: "Bearer a1" });
  });

  it("downloads a certificate PDF, and anyone can check its code", async () => {
    on("GET", "/api/me/certificates", { items: [{ code: "UP-7Q2K", training_id: "t1", title: { en: "Safety rep basics" }, completed_on: "2026-05-31", hours: 6 }] });
    on("GET", "/api/certificates/UP-7Q2K.pdf", () => new Response("%PDF-1.7", { headers: { "Content-Type": "application/pdf" } }));
    navigate("/me/certificates");
    await click("download-certificate-UP-7Q2K");
    await waitFor(() => saved.length === 1, "saved pdf");
    expect(saved[0]!.name).toBe("certificate-UP-7Q2K.pdf");
    expect(callsTo("GET", "/api/certificates/UP-7Q2K.pdf")[0]!.headers.Accept).toBe("application/pdf");
    expect(byTestId("certificate-UP-7Q2K")!.textContent).toContain("31/05/2026");

    on("GET", "/api/certificates/UP-7Q2K", { genuine: true, code: "UP-7Q2K", name: "Aino Virtanen", training: { en: "Safety rep basics" }, date: "2026-05-31", hours: 6, union: "The Union" });
    navigate("/certificates/UP-7Q2K");
    await waitFor(() => byTestId("certificate-genuine"), "genuine");
    expect(byTestId("certificate-name")!.textContent).toBe("Aino Virtanen");
    expect(byTestId("certificate-training")!.textContent).toBe("Safety rep basics");
    expect(callsTo("GET", "/api/certificates/UP-7Q2K")[0]!.headers.Authorization).toBeUndefined();

    on("GET", "/api/certificates/FAKE", () => json(404, { genuine: false, error: { code: "not_found", message: "No such certificate", fields: [] } }));
    navigate("/certificates/FAKE");
    const verdict = await waitFor(() => byTestId("certificate-not-genuine"), "not genuine");
    expect(verdict.getAttribute("role")).toBe("alert");
  });
});

describe("an organizer", () => {
  it("builds an event with questions; the request carries the schema", async () => {
    let sent: Record<string, unknown> | null = null;
    on("POST", "/api/events", (body: unknown) => {
      sent = body as Record<string, unknown>;
      return json(201, anEvent({ id: "new1", can_manage: true }));
    });
    on("GET", "/api/events/new1", anEvent({ id: "new1", can_manage: true }));
    navigate("/events/new");
    await waitFor(() => named("title.en"), "event form");
    await click("save-event");
    await waitFor(() => byTestId("error-starts_at"), "client errors");
    expect(byTestId("error-title.fi")!.textContent).toBe("Give a title in at least one language.");
    expect(callsTo("POST", "/api/events")).toHaveLength(0);

    await fill("title.en", "Spring meeting");
    await fill("starts_at", "2026-05-20T17:00");
    await fill("ends_at", "2026-05-20T19:00");
    await fill("capacity", "40");
    await click("add-question");
    await fill("questions.0.title.en", "Diet");
    named<HTMLInputElement>("questions.0.required")!.click();
    await click("add-question");
    await choose("questions.1.type", "choice");
    await fill("questions.1.title.en", "Shirt");
    expect(named<HTMLInputElement>("questions.1.key")!.value).toBe("shirt");
    await fill("questions.1.options.0", "S");
    await fill("questions.1.options.1", "M");
    await click("add-option-1");
    await fill("questions.1.options.2", "L");
    await click("move-up-1");
    expect(named<HTMLInputElement>("questions.0.title.en")!.value).toBe("Shirt");

    $<HTMLDetailsElement>("details.preview")!.open = true;
    await settle();
    expect(document.querySelectorAll('[data-testid="question-preview"] input[name="answers.shirt"]')).toHaveLength(3);

    await click("save-event");
    await waitFor(() => window.location.pathname === "/events/new1", "detail page");
    expect(sent).toEqual({
      title: { en: "Spring meeting" },
      description: {},
      starts_at: "2026-05-20T17:00:00",
      ends_at: "2026-05-20T19:00:00",
      capacity: 40,
      questions: {
        type: "object",
        properties: {
          shirt: { type: "string", title: "Shirt", "x-title": { en: "Shirt" }, enum: ["S", "M", "L"] },
          diet: { type: "string", title: "Diet", "x-title": { en: "Diet" }, maxLength: 500 },
        },
        required: ["diet"],
      },
    });
    await waitFor(() => $('[role="status"]')?.textContent === "The event has been created.", "flash");
    expect(byTestId("open-participants")).toBeTruthy();
  });

  it("shows participants by status, exports a CSV, marks training attendance", async () => {
    const training = anEvent({ id: "t1", kind: "training", hours: 6, prerequisites: [], requires_approval: true, can_manage: true });
    on("GET", "/api/trainings/t1", training);
    const people = [
      { member_id: "m2", first_name: "Eero", last_name: "Mäki", email: "eero@x.fi", status: "confirmed", position: null, answers: { diet: "Vegan", shirt_size: "L", sauna: true }, registered_at: future(-2), checked_in_at: null, completed: false },
    ];
    on("GET", "/api/trainings/t1/participants", (_b: unknown, url: URL) =>
      json(200, url.searchParams.get("status") === "confirmed" ? { items: people, next: "c2" } : { items: [], next: null }),
    );
    on("POST", "/api/trainings/t1/attendance", (body: unknown) => json(200, { ...(body as object), certificate_code: "UP-1" }));
    on("GET", "/api/trainings/t1/participants.csv", () =>
      new Response("\ufefffirst_name;last_name\r\n", {
        headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="safety-participants.csv"' },
      }),
    );
    navigate("/trainings/t1/participants");
    const row = await waitFor(() => byTestId("participant-m2"), "participant row");
    expect(byTestId("answer-m2-diet")!.textContent).toBe("Vegan");
    expect(byTestId("answer-m2-sauna")!.textContent).toBe("Yes");
    expect(row.textContent).toContain("Confirmed");
    expect(byTestId("tab-confirmed")!.getAttribute("aria-selected")).toBe("true");
    expect(byTestId("tab-pending_approval")).toBeTruthy();
    expect(byTestId("more-participants")).toBeTruthy();

    const box = byTestId("completed-m2") as HTMLInputElement;
    expect(labelOf(box)).toContain("Eero Mäki completed the training");
    box.click();
    await waitFor(() => callsTo("POST", "/api/trainings/t1/attendance").length === 1, "attendance");
    expect(callsTo("POST", "/api/trainings/t1/attendance")[0]!.body).toEqual({ member_id: "m2", completed: true });

    await click("export-csv-semicolon");
    await waitFor(() => saved.length === 1, "export saved");
    expect(saved[0]!.name).toBe("safety-participants.csv");
    const exportCall = callsTo("GET", "/api/trainings/t1/participants.csv")[0]!;
    expect(exportCall.query).toBe("?delimiter=semicolon");
    expect(exportCall.headers.Accept).toBe("text/csv");

    await click("tab-waiting");
    await waitFor(() => byTestId("participants-empty"), "waiting tab");
    expect(calls.some((c) => c.path === "/api/trainings/t1/participants" && c.query.includes("status=waiting"))).toBe(true);
    expect(byTestId("tab-waiting")!.getAttribute("aria-selected")).toBe("true");
  });

  it("checks people in at the door and undoes a mistake", async () => {
    on("GET", "/api/events/e1", anEvent({ can_manage: true }));
    const person = (id: string, first: string, last: string, checked: string | null) => ({
      member_id: id, first_name: first, last_name: last, email: `${first.toLowerCase()}@x.fi`, status: "confirmed", position: null, answers: {}, registered_at: future(-3), checked_in_at: checked, completed: false,
    });
    on("GET", "/api/events/e1/participants", (_b: unknown, url: URL) =>
      json(200, {
        items: url.searchParams.get("status") === "confirmed" ? [person("m2", "Eero", "Mäki", null), person("m4", "Aino", "Virtanen", null), person("m3", "Sanna", "Öberg", future(-0.01))] : [],
        next: null,
      }),
    );
    on("POST", "/api/events/e1/checkins", (body: unknown) => json(200, { ...person("m2", "Eero", "Mäki", new Date().toISOString()), ...(body as object) }));
    on("DELETE", "/api/events/e1/checkins/m2", () => json(200, person("m2", "Eero", "Mäki", null)));
    navigate("/events/e1/checkin");
    await waitFor(() => byTestId("checkin-counts")?.textContent === "1 of 3 arrived", "counts");
    await fill("q", "maki");
    expect(document.querySelectorAll(".checkin-row")).toHaveLength(1);
    await click("checkin-m2");
    await waitFor(() => byTestId("checkin-counts")?.textContent === "2 of 3 arrived", "checked in");
    expect(callsTo("POST", "/api/events/e1/checkins")[0]!.body).toEqual({ member_id: "m2" });
    expect(named<HTMLInputElement>("q")!.value).toBe("");
    expect($('[role="status"]')!.textContent).toBe("Eero Mäki checked in.");
    await click("undo-checkin-m2");
    await waitFor(() => byTestId("checkin-counts")?.textContent === "1 of 3 arrived", "undone");
    expect(callsTo("DELETE", "/api/events/e1/checkins/m2")).toHaveLength(1);
  });
});

describe("a branch officer", () => {
  it("approves an enrolment waiting for a decision", async () => {
    let waiting = [
      { training_id: "t1", title: { en: "Safety rep basics" }, starts_at: future(5), member_id: "m9", first_name: "Ville", last_name: "Vahti", branch_id: "b1", requested_at: future(-1), answers: { diet: "none" } },
    ];
    on("GET", "/api/enrolments", () => json(200, { items: waiting }));
    on("POST", "/api/trainings/t1/enrolments/m9/decision", () => {
      waiting = [];
      return json(200, { event_id: "t1", status: "confirmed", position: null, answers: {} });
    });
    navigate("/enrolments");
    const card = await waitFor(() => byTestId("enrolment-t1-m9"), "enrolment card");
    expect(card.textContent).toContain("Safety rep basics");
    expect(card.textContent).toContain("Tampere branch");
    await click("approve-t1-m9");
    await waitFor(() => byTestId("enrolments-empty"), "list emptied");
    expect($('[role="status"]')!.textContent).toBe("The enrolment of Ville Vahti has been approved.");
    expect(callsTo("POST", "/api/trainings/t1/enrolments/m9/decision")[0]!.body).toEqual({ decision: "approve" });
  });
});

describe("every new page", () => {
  it("gives every input a label and a name", async () => {
    on("GET", "/api/events/e1", anEvent({ can_manage: true }));
    on("GET", "/api/trainings", { items: [], next: null });
    on("GET", "/api/events/e1/participants", { items: [], next: null });
    for (const path of ["/events/e1", "/events/new", "/trainings/new", "/events/e1/participants", "/events/e1/checkin", "/certificates"]) {
      navigate(path);
      await waitFor(() => $("main h1"), `${path} title`);
      await new Promise((r) => setTimeout(r, 30));
      if (path === "/events/new") await click("add-question");
      for (const input of document.querySelectorAll("main input, main select, main textarea")) {
        expect(input.getAttribute("name"), `${path} ${input.outerHTML}`).toBeTruthy();
        expect(labelOf(input).trim(), `${path} ${input.outerHTML}`).not.toBe("");
      }
    }
  });
});
