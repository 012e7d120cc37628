// @vitest-environment happy-dom
/**
 * Renders the whole app in a DOM with a fake API, and drives it the way the end-to-end tests
 * will: by labels, `name`s, data-testids and roles.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { navigate } from "../src/lib/router";
import { session } from "../src/services";
import { calls, forgetCalls, json, mountApp, on, stopApp } from "./support/app";

// --- what the fake back end answers ---------------------------------------------------------

const branches = {
  items: [
    {
      id: "b1",
      name: "Tampere branch",
      workplaces: [{ id: "w1", name: "Hervanta plant", employer_id: "e1", employer_name: "Acme Oy" }],
    },
    { id: "b2", name: "Turku branch", workplaces: [{ id: "w2", name: "Shipyard", employer_id: "e2", employer_name: "Meyer" }] },
  ],
};

const me = {
  id: "m1",
  email: "aino@example.fi",
  first_name: "Aino",
  last_name: "Virtanen",
  phone: "+358401234567",
  street_address: "Hämeenkatu 1",
  postal_code: "33100",
  city: "Tampere",
  country: "FI",
  iban: null,
  language: "en",
  branch_id: "b1",
  workplace_id: "w1",
  category: "working",
  status: "active",
  roles: ["member", "branch_officer", "admin", "shop_steward"],
  grants: [{ role: "branch_officer", branch_ids: ["b1"], workplace_ids: [] }],
  member_since: "2020-02-01",
  status_history: [{ status: "active", category: "working", at: "2020-02-01T10:00:00Z", reason: null }],
  pending_requests: [],
};

beforeAll(async () => {
  await mountApp();
  await session.init();
});

afterAll(stopApp);

beforeEach(() => {
  forgetCalls();
  on("GET", "/api/branches", branches);
  on("GET", "/api/me", me);
});

// --- helpers ------------------------------------------------------------------------------

async function waitFor<T>(probe: () => T | null | undefined | false, what = "condition"): Promise<T> {
  const until = Date.now() + 2000;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n${document.body.innerHTML.slice(0, 3000)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const $ = <E extends Element = HTMLElement>(selector: string) => document.querySelector<E & HTMLElement>(selector);
const byTestId = (id: string) => $(`[data-testid="${id}"]`);
const named = <E extends Element = HTMLInputElement>(name: string) => $<E>(`main [name="${name}"]`);

/** Lets Preact re-render between user actions, as a browser does between events. */
const settle = () => new Promise((r) => setTimeout(r, 10));

async function fill(name: string, value: string): Promise<void> {
  const input = named<HTMLInputElement | HTMLTextAreaElement>(name);
  if (!input) throw new Error(`no input named ${name}`);
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await settle();
}

async function choose(select: HTMLSelectElement, value: string): Promise<void> {
  select.value = value;
  select.dispatchEvent(new Event("change", { bubbles: true }));
  await settle();
}

function labelOf(input: Element): string {
  return document.querySelector(`label[for="${input.id}"]`)?.textContent ?? "";
}

async function signIn(): Promise<void> {
  on("POST", "/api/auth/code", () => new Response(null, { status: 202 }));
  on("POST", "/api/auth/token", { access_token: "a1", token_type: "Bearer", expires_in: 900, refresh_token: "r1" });
  navigate("/sign-in");
  await waitFor(() => named("email"), "email input");
  await fill("email", "aino@example.fi");
  byTestId("request-code")!.click();
  await waitFor(() => named("code"), "code input");
  await fill("code", "123456");
  byTestId("submit-code")!.click();
  await waitFor(() => session.state.phase === "signedIn", "sign-in");
}

// --- the pages ----------------------------------------------------------------------------

describe("signed out", () => {
  it("shows the header, a labelled language switcher and public navigation", async () => {
    navigate("/");
    await waitFor(() => byTestId("nav-sign-in"), "nav");
    const switcher = $<HTMLSelectElement>("#language-switcher")!;
    expect(labelOf(switcher)).toBe("Language");
    expect(switcher.name).toBe("language");
    expect([...switcher.options].map((o) => [o.value, o.textContent])).toEqual([
      ["fi", "Suomi"],
      ["sv", "Svenska"],
      ["en", "English"],
    ]);
    expect($(".brand")!.textContent).toBe("Union Portal");
    expect(byTestId("nav-join")).toBeTruthy();
    expect(byTestId("nav-members")).toBeNull();
  });

  it("sends a guest from a protected page to sign in, remembering where to go", async () => {
    navigate("/members");
    await waitFor(() => window.location.pathname === "/sign-in", "redirect");
    expect(new URLSearchParams(window.location.search).get("next")).toBe("/members");
  });

  it("checks the e-mail before asking for a code", async () => {
    navigate("/sign-in");
    await waitFor(() => named("email"));
    await fill("email", "not-an-address");
    byTestId("request-code")!.click();
    const error = await waitFor(() => byTestId("error-email"), "field error");
    expect(error.textContent).toContain("e-mail address");
    const input = named("email")!;
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toContain(error.id);
    expect($('[role="alert"]')).toBeTruthy();
    expect(calls.some((c) => c.path === "/api/auth/code")).toBe(false);
  });

  it("takes an application on the join page and thanks the applicant", async () => {
    let sent: unknown = null;
    on("POST", "/api/applications", (body: unknown) => {
      sent = body;
      return json(202, { id: "a1", status: "pending" });
    });
    navigate("/join");
    await waitFor(() => $<HTMLSelectElement>('main select[name="branch_id"]')?.options.length === 3, "branches");
    await fill("email", "new@example.fi");
    await fill("first_name", "Eero");
    await fill("last_name", "Mäki");
    await choose(named<HTMLSelectElement>("branch_id")!, "b2");
    await waitFor(() => [...named<HTMLSelectElement>("workplace_id")!.options].some((o) => o.value === "w2"), "workplaces");
    await choose(named<HTMLSelectElement>("workplace_id")!, "w2");
    await choose(named<HTMLSelectElement>("category")!, "student");
    byTestId("submit-application")!.click();
    const thanks = await waitFor(() => $('[role="status"]'), "thanks");
    expect(thanks.textContent).toContain("Thank you");
    expect(sent).toEqual({
      email: "new@example.fi",
      first_name: "Eero",
      last_name: "Mäki",
      branch_id: "b2",
      workplace_id: "w2",
      category: "student",
      language: "en",
    });
  });

  it("shows the server's field errors next to the join form's fields", async () => {
    on("POST", "/api/applications", () =>
      json(400, { error: { code: "invalid_input", message: "Invalid input", fields: [{ path: "email", message: "already a member" }] } }),
    );
    navigate("/");
    await settle();
    navigate("/join");
    await waitFor(() => $<HTMLSelectElement>('main select[name="branch_id"]')?.options.length === 3, "branches");
    await fill("email", "old@example.fi");
    await fill("first_name", "Old");
    await fill("last_name", "Member");
    await choose(named<HTMLSelectElement>("branch_id")!, "b1");
    byTestId("submit-application")!.click();
    const error = await waitFor(() => byTestId("error-email"), "server field error");
    expect(error.textContent).toBe("already a member");
    expect($('[role="alert"]')!.textContent).toBe("Invalid input");
  });
});

describe("signed in", () => {
  it("signs in with e-mail and code, then lands on My details", async () => {
    await signIn();
    await waitFor(() => window.location.pathname === "/me", "landing on /me");
    const first = await waitFor(() => named("first_name"), "details form");
    expect((first as HTMLInputElement).value).toBe("Aino");
    expect(sessionStorage.getItem("union-portal.refresh_token")).toBe("r1");
    expect(calls.find((c) => c.path === "/api/auth/token")!.body).toEqual({ email: "aino@example.fi", code: "123456" });
    await waitFor(() => byTestId("me-branch")!.textContent === "Tampere branch", "branch name");
    expect(byTestId("me-workplace")!.textContent).toBe("Hervanta plant (Acme Oy)");
    for (const id of ["nav-me", "nav-applications", "nav-members", "nav-import", "sign-out"]) expect(byTestId(id), id).toBeTruthy();
    for (const [name, label] of [
      ["email", "E-mail"],
      ["phone", "Phone"],
      ["iban", "Bank account (IBAN)"],
    ]) {
      expect(labelOf(named(name!)!)).toContain(label!);
    }
  });

  it("saves only changed details and maps server field errors", async () => {
    navigate("/me");
    await waitFor(() => named("city"));
    on("PATCH", "/api/me", () =>
      json(400, { error: { code: "invalid_input", message: "", fields: [{ path: "postal_code", message: "not a postal code" }] } }),
    );
    await fill("postal_code", "ABC");
    byTestId("save-details")!.click();
    const error = await waitFor(() => byTestId("error-postal_code"), "postal code error");
    expect(error.textContent).toBe("not a postal code");
    expect($('[role="alert"]')!.textContent).toBe("Please check the marked fields.");
    expect(calls.find((c) => c.method === "PATCH")!.body).toEqual({ postal_code: "ABC" });

    on("PATCH", "/api/me", (body: unknown) => json(200, { ...me, ...(body as object) }));
    await fill("postal_code", "33200");
    byTestId("save-details")!.click();
    const status = await waitFor(() => $('[role="status"]'), "saved");
    expect(status.textContent).toBe("Your details have been saved.");
    expect(byTestId("error-postal_code")).toBeNull();
  });

  it("rejects a phone number that is not E.164 before sending", async () => {
    navigate("/me");
    await waitFor(() => named("phone"));
    await fill("phone", "040 123");
    byTestId("save-details")!.click();
    await waitFor(() => byTestId("error-phone"));
    expect(calls.some((c) => c.method === "PATCH")).toBe(false);
    await fill("phone", "+358401234567");
  });

  it("sends a transfer request and a retirement notice", async () => {
    on("POST", "/api/me/transfer-requests", json(202, { id: "t1", kind: "transfer", status: "pending" }));
    navigate("/me");
    await waitFor(() => byTestId("submit-transfer"));
    const branch = $<HTMLSelectElement>("#transfer-branch_id")!;
    await choose(branch, "b2");
    byTestId("submit-transfer")!.click();
    await waitFor(() => $('[role="status"]')?.textContent?.includes("transfer request"), "transfer sent");
    expect(calls.find((c) => c.path === "/api/me/transfer-requests")!.body).toEqual({ branch_id: "b2" });

    on("POST", "/api/me/retirement", () => json(200, { ...me, category: "retired" }));
    await fill("retirement_date", "2027-01-31");
    byTestId("submit-retirement")!.click();
    await waitFor(() => $('[role="status"]')?.textContent?.includes("retirement"), "retirement saved");
    expect(document.querySelectorAll('[role="status"]').length).toBe(1);
    expect(calls.find((c) => c.path === "/api/me/retirement")!.body).toEqual({ retirement_date: "2027-01-31" });
  });

  it("switches the language and saves it to the profile", async () => {
    on("PATCH", "/api/me", (body: unknown) => json(200, { ...me, ...(body as object) }));
    navigate("/me");
    await waitFor(() => named("city"));
    await choose($<HTMLSelectElement>("#language-switcher")!, "sv");
    await waitFor(() => $("h1")?.textContent === "Mina uppgifter", "Swedish title");
    expect(labelOf($("#language-switcher")!)).toBe("Språk");
    expect(document.documentElement.lang).toBe("sv");
    expect(calls.find((c) => c.method === "PATCH")!.body).toEqual({ language: "sv" });
    await choose($<HTMLSelectElement>("#language-switcher")!, "fi");
    await waitFor(() => $("h1")?.textContent === "Omat tiedot", "Finnish title");
    expect(labelOf($("#language-switcher")!)).toBe("Kieli");
    await choose($<HTMLSelectElement>("#language-switcher")!, "en");
    await waitFor(() => $("h1")?.textContent === "My details", "English title");
  });

  it("shows what resigning means and asks to confirm", async () => {
    on("GET", "/api/me/resignation", {
      effective_date: "2026-12-31",
      consequences: [{ code: "strike_allowance" }, { code: "legal_aid" }, { code: "new_thing" }],
    });
    on("POST", "/api/me/resignation", () => json(200, { ...me, status: "resigned" }));
    navigate("/me/resignation");
    await waitFor(() => byTestId("consequences"));
    expect(byTestId("consequence-strike_allowance")!.textContent).toBe("You would lose your right to strike allowance.");
    expect(byTestId("consequence-new_thing")!.textContent).toContain("new_thing");
    byTestId("confirm-resignation")!.click();
    await waitFor(() => byTestId("error-confirm"), "confirm error");
    expect(calls.some((c) => c.method === "POST" && c.path === "/api/me/resignation")).toBe(false);
    const box = named("confirm")!;
    expect(labelOf(box)).toBe("I understand");
    box.click();
    await settle();
    byTestId("confirm-resignation")!.click();
    await waitFor(() => $('[role="status"]'), "resigned");
    expect(calls.find((c) => c.method === "POST" && c.path === "/api/me/resignation")!.body).toEqual({ confirm: true });
    session.setMe(me as never);
  });

  it("lists pending applications; approve, reject with a reason, and 409 refreshes", async () => {
    const apps = [
      { id: "p1", email: "a@x.fi", first_name: "Anna", last_name: "A", branch_id: "b1", workplace_id: "w1", category: "working", status: "pending", submitted_at: "2026-11-01T08:00:00Z" },
      { id: "p2", email: "b@x.fi", first_name: "Bert", last_name: "B", branch_id: "b2", workplace_id: null, category: null, status: "pending", submitted_at: "2026-11-02T08:00:00Z" },
    ];
    let list = [...apps];
    on("GET", "/api/applications", () => json(200, { items: list }));
    on("POST", "/api/applications/p1/decision", () => {
      list = list.filter((a) => a.id !== "p1");
      return json(200, { id: "p1", status: "approved" });
    });
    navigate("/applications");
    await waitFor(() => byTestId("approve-p1"));
    expect(byTestId("application-p2")!.textContent).toContain("Turku branch");
    byTestId("approve-p1")!.click();
    await waitFor(() => !byTestId("approve-p1") && $('[role="status"]'), "approved");

    on("POST", "/api/applications/p2/decision", (body: unknown) => {
      list = [];
      return json(409, { error: { code: "already_decided", message: "Already decided by someone else", fields: [], body } });
    });
    byTestId("reject-p2")!.click();
    await waitFor(() => byTestId("confirm-reject-p2"));
    byTestId("confirm-reject-p2")!.click();
    await waitFor(() => byTestId("error-reason"), "reason required");
    await fill("reason", "Not eligible");
    byTestId("confirm-reject-p2")!.click();
    await waitFor(() => $('[role="alert"]')?.textContent === "Already decided by someone else", "conflict alert");
    await waitFor(() => byTestId("applications-empty"), "refreshed list");
    expect(calls.find((c) => c.path === "/api/applications/p2/decision")!.body).toEqual({ decision: "reject", reason: "Not eligible" });
  });

  it("searches members with filters and loads more with the cursor", async () => {
    on("GET", "/api/members", (_b: unknown, url: URL) => {
      const cursor = url.searchParams.get("cursor");
      const rows = cursor
        ? [{ id: "x2", first_name: "Bo", last_name: "B", email: "bo@x.fi", branch_id: "b2", workplace_id: "w2", category: "student", status: "active" }]
        : [{ id: "x1", first_name: "Al", last_name: "A", email: "al@x.fi", branch_id: "b1", workplace_id: "w1", category: "working", status: "active" }];
      return json(200, { items: rows, next: cursor ? null : "c2" });
    });
    navigate("/members");
    await waitFor(() => byTestId("member-x1"));
    expect(byTestId("member-x1")!.textContent).toContain("Tampere branch");
    await fill("q", "al");
    await choose(named<HTMLSelectElement>("status")!, "active");
    byTestId("search-members")!.click();
    await waitFor(() => calls.filter((c) => c.path === "/api/members").length === 2);
    expect(window.location.search).toBe("?q=al&status=active");
    byTestId("more-members")!.click();
    await waitFor(() => byTestId("member-x2"), "second page");
    expect(byTestId("more-members")).toBeNull();
    expect(byTestId("members-count")!.textContent).toBe("2 members shown");
  });

  it("imports a file and shows counts and rejected rows", async () => {
    let sent: { filename: string; content_base64: string; dry_run: boolean } | null = null;
    on("POST", "/api/admin/imports", (body: unknown) => {
      sent = body as typeof sent;
      return json(200, { created: 2, updated: 1, unchanged: 0, rejected: [{ row: 4, fields: [{ path: "email", message: "is required" }] }] });
    });
    navigate("/admin/import");
    await waitFor(() => byTestId("run-import"));
    byTestId("run-import")!.click();
    await waitFor(() => byTestId("error-file"), "file required");
    const input = byTestId("import-file") as HTMLInputElement;
    const file = new File(["email,first_name\n"], "members.csv", { type: "text/csv" });
    Object.defineProperty(input, "files", { value: [file], configurable: true });
    input.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    byTestId("run-import")!.click();
    await waitFor(() => byTestId("import-report"), "report");
    expect(byTestId("import-created")!.textContent).toBe("2");
    expect(byTestId("import-rejected")!.textContent).toBe("1");
    expect(byTestId("rejected-row-4")!.textContent).toContain("is required");
    expect(sent).toEqual({ filename: "members.csv", content_base64: "ZW1haWwsZmlyc3RfbmFtZQo=", dry_run: true });
  });

  it("gives every visible input a label and a name", async () => {
    for (const path of ["/me", "/join", "/members", "/admin/import", "/applications"]) {
      navigate(path);
      await waitFor(() => $("main h1"));
      await new Promise((r) => setTimeout(r, 20));
      for (const input of document.querySelectorAll("input, select, textarea")) {
        expect(input.getAttribute("name"), `${path} ${input.outerHTML}`).toBeTruthy();
        expect(labelOf(input).trim(), `${path} ${input.outerHTML}`).not.toBe("");
      }
    }
  });

  it("refreshes an expired access token once, then sends the user to sign in", async () => {
    on("GET", "/api/me", () => json(401, { error: { code: "not_authenticated", message: "expired", fields: [] } }));
    on("POST", "/api/auth/refresh", () => json(401, { error: { code: "invalid_token", message: "expired", fields: [] } }));
    navigate("/me");
    await waitFor(() => window.location.pathname === "/sign-in", "sent to sign in");
    expect(calls.filter((c) => c.path === "/api/auth/refresh")).toHaveLength(1);
    await waitFor(() => $('[role="status"]')?.textContent?.includes("session has ended"), "session ended notice");
    expect(sessionStorage.getItem("union-portal.refresh_token")).toBeNull();
  });

  it("signs out", async () => {
    await signIn();
    on("POST", "/api/auth/signout", json(200, {}));
    await waitFor(() => byTestId("sign-out"));
    byTestId("sign-out")!.click();
    await waitFor(() => session.state.phase === "signedOut" && window.location.pathname === "/", "signed out");
    await waitFor(() => $('[role="status"]')?.textContent === "You have signed out.", "flash");
    const signout = calls.find((c) => c.path === "/api/auth/signout")!;
    expect(signout.headers.Authorization).toBe("Bearer a1");
  });
});
