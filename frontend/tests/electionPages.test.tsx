// @vitest-environment happy-dom
/**
 * The election pages in a DOM with a fake API: a member ranks candidates with the keyboard and
 * casts, gets the tracking code and a receipt; other kinds of ballot; the public board's look-up
 * (proof checked with the backend's vectors); results; the officer's form and desk.
 */
import { readFileSync } from "node:fs";
import { URL as NodeURL } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { navigate } from "../src/lib/router";
import { client } from "../src/services";
import { IRV, SCOTTISH } from "./data/electionFixtures";
import {
  $,
  $$,
  blobs,
  byTestId,
  calls,
  callsTo,
  choose,
  click,
  fill,
  json,
  named,
  on,
  resetApi,
  saved,
  settle,
  startApp,
  stopApp,
  text,
  waitFor,
} from "./support/app";

const vectors = JSON.parse(readFileSync(new NodeURL("./data/board-vectors.json", import.meta.url), "utf-8")) as {
  election_id: string;
  blocks: { codes: string[]; index: number; merkle_root: string; hash: string; election_id: string }[];
  proofs: Record<string, { side: string; hash: string }[]>;
};

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
  roles: ["member", "election_officer"],
  grants: [{ role: "election_officer", branch_ids: [], workplace_ids: [] }],
  member_since: "2020-02-01",
  status_history: [],
  pending_requests: [],
};

const CANDIDATES = [
  { id: "anna", name: "Anna Aalto", list: null, alliance: null },
  { id: "bert", name: "Bertil Berg", list: null, alliance: null },
  { id: "cecilia", name: "Cecilia Cedar", list: null, alliance: null },
];

const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

function aBallot(overrides: Record<string, unknown> = {}) {
  return {
    election_id: "e1",
    kind: "stv-scottish",
    title: { fi: "Hallitusvaali", en: "Board election" },
    description: { en: "Two seats." },
    options: CANDIDATES,
    seats: 2,
    max_choices: 3,
    min_choices: 1,
    blank_allowed: true,
    ranked: true,
    closes_at: future(3),
    status: "open",
    preview: false,
    voted: false,
    ...overrides,
  };
}

function anElection(overrides: Record<string, unknown> = {}) {
  return {
    id: "e1",
    title: { fi: "Hallitusvaali", sv: "Styrelseval", en: "Board election" },
    description: { fi: "", sv: "", en: "" },
    kind: "stv-scottish",
    options: CANDIDATES,
    seats: 2,
    max_choices: null,
    opens_at: future(-1),
    closes_at: future(3),
    eligibility: null,
    ballot_order: "as_entered",
    turnout_by_branch: true,
    qualified_majority: null,
    quorum: null,
    status: "open",
    roll_count: 120,
    board_head: null,
    revision: 2,
    can_manage: true,
    my: { on_roll: true, voted: false },
    ...overrides,
  };
}

const CODE = vectors.blocks[0]!.codes[2]!;

beforeAll(() => startApp(me));
afterAll(stopApp);

beforeEach(async () => {
  await resetApi(me);
  on("GET", "/api/branches", { items: [{ id: "b1", name: "Tampere branch", workplaces: [] }] });
  on("GET", "/api/segments", { items: [{ id: "s1", name: "Shop stewards", description: "" }] });
  expect(client.hasAccessToken).toBe(true);
});

/** Longer than the manage page's refresh interval (2 s), with room for a busy machine. */
const REFRESH_WAIT_MS = 8000;

async function pick(selector: string): Promise<void> {
  const input = (await waitFor(() => $<HTMLInputElement>(selector), selector)) as HTMLInputElement;
  input.click();
  await settle();
}

const ranked = () => $$("[data-testid='ranking'] > li").map((li) => li.getAttribute("data-testid")!.replace("ranked-", ""));

describe("a member's ranked ballot", () => {
  it("is ranked with buttons and keys, announced, reviewed, cast, and gives the code once", async () => {
    on("GET", "/api/elections/e1/ballot", aBallot());
    on("POST", "/api/elections/e1/ballots", () => json(201, { tracking_code: CODE }));
    navigate("/elections/e1/vote");
    await waitFor(() => byTestId("rank-anna"), "the ranking");
    expect(byTestId("ranking-empty")).not.toBeNull();

    await click("rank-bert");
    expect(ranked()).toEqual(["bert"]);
    expect(text("ranking-status")).toBe("Bertil Berg added as preference 1.");
    // The focus moves on to the next candidate still to rank.
    await waitFor(() => document.activeElement?.id === "ballot-rank-cecilia", "focus on the next add button");
    await click("rank-cecilia");
    await click("rank-anna");
    expect(ranked()).toEqual(["bert", "cecilia", "anna"]);
    expect(byTestId("unranked")).toBeNull();

    // Move Anna up with the button: the focus stays on her button, the change is announced.
    await click("move-up-anna");
    expect(ranked()).toEqual(["bert", "anna", "cecilia"]);
    expect(text("ranking-status")).toBe("Anna Aalto is now preference 2.");
    await waitFor(() => document.activeElement?.id === "ballot-up-anna", "focus kept on the moved candidate");
    expect(byTestId("move-up-anna")!.getAttribute("aria-label")).toBe("Move Anna Aalto up (now preference 2)");

    // Alt+Arrow Up on her row moves her to the top; at the top, nothing moves but it is said.
    byTestId("move-up-anna")!.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowUp", altKey: true, bubbles: true }));
    await settle();
    expect(ranked()).toEqual(["anna", "bert", "cecilia"]);
    expect(byTestId("move-up-anna")!.getAttribute("aria-disabled")).toBe("true");
    await click("move-up-anna");
    expect(ranked()).toEqual(["anna", "bert", "cecilia"]);
    expect(text("ranking-status")).toBe("Anna Aalto is already your first preference.");
    byTestId("ranked-cecilia")!.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    await settle();
    expect(ranked()).toEqual(["anna", "bert", "cecilia"]); // without Alt the arrows are the browser's

    await click("unrank-bert");
    expect(ranked()).toEqual(["anna", "cecilia"]);
    expect(text("ranking-status")).toBe("Bertil Berg removed from your ranking.");
    await click("rank-bert");
    expect(ranked()).toEqual(["anna", "cecilia", "bert"]);
    expect($$("[data-testid='ranking'] > li").map((li) => li.getAttribute("data-rank"))).toEqual(["1", "2", "3"]);

    await click("review-ballot");
    const review = await waitFor(() => byTestId("ballot-review"), "the review");
    expect(review.textContent).toContain("Once cast, your ballot cannot be changed");
    expect($$("[data-testid='review-choices'] li").map((li) => li.textContent)).toEqual(["Anna Aalto", "Cecilia Cedar", "Bertil Berg"]);
    expect(callsTo("POST", "/api/elections/e1/ballots")).toHaveLength(0);

    await click("cast-ballot");
    await waitFor(() => byTestId("ballot-cast"), "the confirmation");
    expect(callsTo("POST", "/api/elections/e1/ballots")[0]!.body).toEqual({ choices: ["anna", "cecilia", "bert"] });
    expect(text("tracking-code")).toBe(CODE);
    expect(byTestId("find-on-board")!.getAttribute("href")).toBe(`/elections/e1/board#code=${CODE}`);

    // The receipt is made here and saved; nothing more is sent.
    const before = calls.length;
    await click("download-receipt");
    expect(saved).toEqual([{ name: "ballot-receipt-e1.txt", href: "blob:test" }]);
    const receipt = await blobs[0]!.text();
    expect(receipt).toContain(`Tracking code: ${CODE}`);
    expect(receipt).toContain("Election: Board election");
    expect(receipt).toContain(`/elections/e1/board#code=${CODE}`);
    expect(calls.length).toBe(before);
    expect(text("notice-receipt")).toBe("The receipt has been saved on this device.");
  });

  it("respects a limit on preferences and may be blank", async () => {
    on("GET", "/api/elections/e1/ballot", aBallot({ kind: "irv", seats: 1, max_choices: 2 }));
    on("POST", "/api/elections/e1/ballots", () => json(201, { tracking_code: CODE }));
    navigate("/elections/e1/vote");
    await click("rank-anna");
    await click("rank-bert");
    expect(byTestId("rank-cecilia")!.getAttribute("aria-disabled")).toBe("true");
    await click("rank-cecilia");
    expect(ranked()).toEqual(["anna", "bert"]);
    expect(text("ranking-status")).toBe("You have ranked as many as you may (2).");
    await click("unrank-anna");
    await click("unrank-bert");
    await click("review-ballot");
    expect(text("review-blank")).toContain("blank ballot");
    await click("cast-ballot");
    await waitFor(() => byTestId("tracking-code"), "the code");
    expect(callsTo("POST", "/api/elections/e1/ballots")[0]!.body).toEqual({ choices: [] });
  });

  it("says so when the member has voted already, also when a second device casts", async () => {
    on("GET", "/api/elections/e1/ballot", aBallot({ kind: "plurality", ranked: false, max_choices: 1 }));
    on("POST", "/api/elections/e1/ballots", () => json(409, { error: { code: "already_voted", message: "You have already voted in this election.", fields: [] } }));
    navigate("/elections/e1/vote");
    await pick("input[name=choice][value=bert]");
    await click("review-ballot");
    await click("cast-ballot");
    await waitFor(() => byTestId("already-voted"), "already voted");
    expect(text("notice-ballot")).toBe("You have already voted in this election.");
    expect(byTestId("tracking-code")).toBeNull();
  });
});

describe("other ballots", () => {
  it("yes/no needs an answer, offers the blank vote and sends []", async () => {
    on("GET", "/api/elections/e2/ballot", aBallot({ election_id: "e2", kind: "yesno", options: [{ id: "yes", name: "yes" }, { id: "no", name: "no" }], ranked: false, seats: 1, max_choices: 1 }));
    on("POST", "/api/elections/e2/ballots", () => json(201, { tracking_code: CODE }));
    navigate("/elections/e2/vote");
    await waitFor(() => named("choice"), "the radio buttons");
    expect($$("main input[name=choice]").map((i) => (i as HTMLInputElement).value)).toEqual(["yes", "no", "_blank"]);
    expect($$("main input[name=choice]").map((i) => $(`label[for="${i.id}"]`)?.textContent)).toEqual(["Yes", "No", "Blank vote (counted as a vote cast for no one)"]);
    await click("review-ballot");
    expect(text("error-choices")).toBe("Choose an option, or the blank vote.");
    expect(byTestId("ballot-marks")!.getAttribute("aria-describedby")).toBe("ballot-choice-error");
    await pick("input[name=choice][value=_blank]");
    await click("review-ballot");
    await click("cast-ballot");
    await waitFor(() => byTestId("tracking-code"), "the code");
    expect(callsTo("POST", "/api/elections/e2/ballots")[0]!.body).toEqual({ choices: [] });
  });

  it("approval counts the boxes and stops at the limit", async () => {
    on("GET", "/api/elections/e3/ballot", aBallot({ election_id: "e3", kind: "approval", ranked: false, max_choices: 2 }));
    on("POST", "/api/elections/e3/ballots", () => json(201, { tracking_code: CODE }));
    navigate("/elections/e3/vote");
    await pick("input[name=approve][value=cecilia]");
    expect(text("approval-counter")).toBe("1 of 2 chosen.");
    await pick("input[name=approve][value=anna]");
    expect(text("approval-counter")).toContain("2 of 2 chosen. You have chosen as many as you may.");
    expect($<HTMLInputElement>("input[name=approve][value=bert]")!.disabled).toBe(true);
    await click("review-ballot");
    await click("cast-ballot");
    await waitFor(() => byTestId("tracking-code"), "the code");
    expect(callsTo("POST", "/api/elections/e3/ballots")[0]!.body).toEqual({ choices: ["anna", "cecilia"] });
  });

  it("d'Hondt groups the candidates by list and shows the alliance", async () => {
    const options = [
      { id: "a", name: "Anna", list: "Left List", alliance: "Red-Green" },
      { id: "b", name: "Bertil", list: "Left List", alliance: "Red-Green" },
      { id: "d", name: "Daniel", list: "Blue List", alliance: null },
    ];
    on("GET", "/api/elections/e4/ballot", aBallot({ election_id: "e4", kind: "dhondt", ranked: false, options, max_choices: 1, seats: 3 }));
    on("POST", "/api/elections/e4/ballots", () => json(201, { tracking_code: CODE }));
    navigate("/elections/e4/vote");
    const left = await waitFor(() => byTestId("list-0"), "the lists");
    expect(left.textContent).toContain("Left List");
    expect(left.textContent).toContain("Alliance: Red-Green");
    expect([...left.querySelectorAll("input")].map((i) => i.value)).toEqual(["a", "b"]);
    expect(byTestId("list-1")!.textContent).not.toContain("Alliance");
    await pick("input[name=choice][value=d]");
    await click("review-ballot");
    await click("cast-ballot");
    await waitFor(() => byTestId("tracking-code"), "the code");
    expect(callsTo("POST", "/api/elections/e4/ballots")[0]!.body).toEqual({ choices: ["d"] });
  });

  it("is a preview that cannot be cast for an officer", async () => {
    on("GET", "/api/elections/e1/ballot", aBallot({ preview: true }));
    navigate("/elections/e1/vote");
    await waitFor(() => byTestId("ballot-preview"), "the preview notice");
    expect(byTestId("review-ballot")).toBeNull();
    expect(byTestId("rank-anna")).not.toBeNull();
  });
});

describe("the public board", () => {
  const block = vectors.blocks[0]!;
  const board = {
    election_id: vectors.election_id,
    status: "open",
    head: block.hash,
    final: false,
    blocks: [block],
    pending: ["ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZG"],
    codes_total: block.codes.length + 1,
    next_block: null,
  };

  it("finds a code typed loosely, checks its proof here, and never sends the token", async () => {
    on("GET", "/api/elections/e1/board", board);
    on("GET", "/api/elections/e1", anElection());
    on("GET", `/api/elections/e1/board/${CODE}`, { tracking_code: CODE, sealed: true, block: { ...block, codes: undefined }, proof: vectors.proofs[CODE], head: block.hash });
    navigate("/elections/e1/board");
    await waitFor(() => byTestId("board-head"), "the board");
    expect(text("board-head")).toBe(block.hash);
    expect(text("board-count")).toBe(String(block.codes.length + 1));
    await waitFor(() => $("h1")?.textContent === "Bulletin board: Board election", "the title");

    await fill("tracking_code", "1234");
    await click("find-code");
    expect(text("error-tracking_code")).toBe("This is not a tracking code: it has 20 letters and digits.");
    expect(calls.some((c) => c.path.startsWith("/api/elections/e1/board/"))).toBe(false);

    await fill("tracking_code", CODE.toLowerCase().replace(/-/g, " "));
    await click("find-code");
    await waitFor(() => byTestId("proof-verified"), "the proof checked");
    const lookup = calls.find((c) => c.path === `/api/elections/e1/board/${CODE}`)!;
    expect(lookup.headers.Authorization).toBeUndefined();
    expect(callsTo("GET", "/api/elections/e1/board")[0]!.headers.Authorization).toBeUndefined();
    expect(byTestId("lookup-result")!.getAttribute("data-sealed")).toBe("true");
    expect(text("lookup-result")).toContain("sealed in block 0");
    expect(text("code-found")).toContain(CODE);
    expect(named<HTMLInputElement>("tracking_code")!.value).toBe(CODE);
    await waitFor(() => byTestId("block-verified-0"), "the whole block checked");
    await waitFor(() => byTestId("chain-verified"), "the chain checked");
    expect(text("chain-verified")).toContain("the 1 block forms an unbroken chain");
  });

  it("names a board whose head is not its last block", async () => {
    on("GET", "/api/elections/e1/board", { ...board, head: vectors.blocks[1]!.hash });
    navigate("/elections/e1/board");
    await waitFor(() => byTestId("chain-failed"), "the broken chain");
    expect(text("chain-failed")).toBe("The head is not the hash of the last block. Please tell the election officer.");
  });

  it("names a proof that does not lead to the root", async () => {
    on("GET", "/api/elections/e1/board", board);
    const wrong = vectors.proofs[block.codes[0]!];
    on("GET", `/api/elections/e1/board/${CODE}`, { tracking_code: CODE, sealed: true, block, proof: wrong, head: block.hash });
    navigate("/elections/e1/board");
    await waitFor(() => named("tracking_code"), "the look-up");
    await fill("tracking_code", CODE);
    await click("find-code");
    await waitFor(() => byTestId("proof-failed"), "the failed proof");
  });

  it("reads the code from the address's fragment, tells received-not-sealed, and an unknown code", async () => {
    const pending = "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZG";
    on("GET", "/api/elections/e1/board", board);
    on("GET", `/api/elections/e1/board/${pending}`, { tracking_code: pending, sealed: false, block: null, proof: [], head: block.hash });
    navigate(`/elections/e1/board#code=${pending}`);
    const result = await waitFor(() => byTestId("lookup-result"), "the look-up from the fragment");
    expect(result.getAttribute("data-sealed")).toBe("false");
    expect(result.textContent).toContain("received but not yet sealed");
    expect(window.location.hash).toBe(""); // read, then taken out of the address bar
    await fill("tracking_code", CODE);
    await click("find-code");
    await waitFor(() => byTestId("error-tracking_code"), "not found");
    expect(text("error-tracking_code")).toBe("This code is not on the board.");
  });
});

describe("results", () => {
  it("shows the winners, the stage-by-stage table, the chart with values and the bundle", async () => {
    on("GET", "/api/elections/e1/results", { ...SCOTTISH, board_head: "9c1e".padEnd(64, "0"), tie_breaks: [{ stage: 2, candidates: ["b", "c"], rule: "lot", chosen: ["c"], for: "order of election" }] });
    on("GET", "/api/elections/e1", anElection({ status: "published" }));
    navigate("/elections/e1/results");
    await waitFor(() => byTestId("results-elected"), "the winners");
    expect($$("[data-testid='results-elected'] li").map((li) => li.textContent)).toEqual(["Anna", "Cecilia"]);
    const headers = $$("[data-testid='rounds-table'] thead th").map((th) => th.textContent);
    expect(headers).toEqual(["Candidate", "Stage 1: first preferences", "Stage 2: exclusion of Daniel"]);
    const row = (id: string) => $$(`[data-testid='round-row-${id}'] td`).map((td) => td.textContent);
    expect(row("a")).toEqual(["3.00000 ✓ elected", "3.00000"]);
    expect(row("d")).toEqual(["1.00000 ✗ out", "0.00000"]);
    expect($$("[data-testid='rounds-table'] tfoot th").map((th) => th.textContent)).toEqual(["Non-transferable", "Quota"]);
    expect(text("bar-a")).toContain("Anna");
    expect(text("bar-a")).toContain("3.00000");
    expect(byTestId("bar-a")!.querySelector("svg rect")).not.toBeNull();
    expect(text("tie-0")).toBe("Stage 2: Bertil, Cecilia were tied for the order of election. Decided by lot: Cecilia.");
    expect(byTestId("download-bundle")!.getAttribute("href")).toBe("/api/elections/e1/bundle");
    expect(text("verification")).toContain(`portal-verify election-e1-bundle.json --head ${"9c1e".padEnd(64, "0")}`);
    expect(text("results-ballots")).toBe("9");
  });

  it("shows an instant runoff round by round, and a yes/no outcome", async () => {
    on("GET", "/api/elections/e1/results", IRV);
    navigate("/elections/e1/results");
    await waitFor(() => byTestId("rounds-table"), "the rounds");
    expect($$("[data-testid='rounds-table'] thead th").map((th) => th.textContent)).toEqual([
      "Candidate",
      "Round 1: first preferences",
      "Round 2: elimination of Daniel",
      "Round 3: elimination of Bertil",
    ]);
    expect($$("[data-testid='round-row-d'] td").map((td) => td.textContent)).toEqual(["1 ✗ out", "—", "—"]);

    on("GET", "/api/elections/e5/results", {
      ...IRV,
      election_id: "e5",
      kind: "yesno",
      options: [{ id: "yes", name: "yes" }, { id: "no", name: "no" }],
      counts: { yes: 5, no: 2, blank: 1 },
      elected: ["yes"],
      rounds: [{ round: 1, votes: { yes: 5, no: 2 }, blank: 1, carried: true, quorum_met: true, ballots_cast: 8, yes_share: "5/7", required_share: "2/3" }],
    });
    navigate("/elections/e5/results");
    await waitFor(() => byTestId("yesno-outcome"), "the outcome");
    expect(byTestId("yesno-outcome")!.getAttribute("data-outcome")).toBe("carried");
    expect($$("[data-testid='counts-table'] tbody th").map((th) => th.textContent)).toEqual(["Yes", "No", "Blank"]);
  });

  it("says when they are not published", async () => {
    navigate("/elections/e9/results");
    await waitFor(() => byTestId("results-missing"), "not published");
  });
});

describe("the election officer", () => {
  it("creates a ranked election with candidates, eligibility and a preview", async () => {
    on("POST", "/api/elections", (body: unknown) => json(201, { ...anElection({ status: "draft", roll_count: null }), ...(body as object), id: "new1" }));
    on("GET", "/api/elections/new1", anElection({ id: "new1", status: "draft", roll_count: null }));
    navigate("/elections/new");
    await waitFor(() => named("title.fi"), "the form");
    // After a navigation the app focuses the new page's heading; only then does the officer act.
    await waitFor(() => document.activeElement?.tagName === "H1", "focus on the heading");
    await click("save-election");
    expect(text("error-title.fi")).toBe("This field is required.");
    await waitFor(() => document.activeElement?.getAttribute("name") === "title.fi", "focus on the first error");

    await fill("title.fi", "Hallitusvaali");
    await fill("title.en", "Board election");
    await choose("kind", "stv-scottish");
    for (const [i, name] of ["Anna Aalto", "Bertil Berg", "Cecilia Cedar"].entries()) {
      await click("add-option");
      await fill(`options.${i}.name`, name);
    }
    expect(named<HTMLInputElement>("options.0.id")!.value).toBe("anna-aalto");
    await click("option-up-2");
    expect(named<HTMLInputElement>("options.1.name")!.value).toBe("Cecilia Cedar");
    await fill("seats", "2");
    await fill("opens_at", "2026-03-01T09:00");
    await fill("closes_at", "2026-03-08T16:00");
    await pick("#eligibility-limited");
    await pick("#eligibility-branches-b1");
    await choose("eligibility.segment_id", "s1");

    // The preview is the ballot a voter gets.
    const preview = byTestId("ballot-preview-form")!;
    expect([...preview.querySelectorAll("[data-testid^='unranked-']")].map((li) => li.getAttribute("data-testid"))).toEqual([
      "unranked-anna-aalto",
      "unranked-cecilia-cedar",
      "unranked-bertil-berg",
    ]);

    await click("save-election");
    await waitFor(() => byTestId("manage-page"), "the desk");
    const body = callsTo("POST", "/api/elections")[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({
      title: { fi: "Hallitusvaali", en: "Board election" },
      kind: "stv-scottish",
      seats: 2,
      opens_at: "2026-03-01T07:00:00Z",
      closes_at: "2026-03-08T14:00:00Z",
      options: [
        { id: "anna-aalto", name: "Anna Aalto" },
        { id: "cecilia-cedar", name: "Cecilia Cedar" },
        { id: "bertil-berg", name: "Bertil Berg" },
      ],
      eligibility: { statuses: ["active"], branch_ids: ["b1"], segment_id: "s1" },
    });
    expect(text("notice-page")).toBe("The election has been created as a draft.");
  });

  it("shows the server's field errors at their inputs", async () => {
    on("POST", "/api/elections", () =>
      json(400, { error: { code: "invalid_input", message: "", fields: [{ path: "options.1.id", message: "is used by another option" }, { path: "eligibility.segment_id", message: "no saved segment has this id" }] } }),
    );
    navigate("/elections/new");
    await waitFor(() => named("title.fi"), "the form");
    await fill("title.fi", "Vaali");
    await choose("kind", "plurality");
    await click("add-option");
    await fill("options.0.name", "A");
    await click("add-option");
    await fill("options.1.name", "B");
    await fill("opens_at", "2026-03-01T09:00");
    await fill("closes_at", "2026-03-08T16:00");
    await pick("#eligibility-limited");
    await click("save-election");
    await waitFor(() => byTestId("error-options.1.id"), "the server's error");
    expect(text("error-options.1.id")).toBe("is used by another option");
    expect(text("error-eligibility.segment_id")).toBe("no saved segment has this id");
    expect(named("options.1.id")!.getAttribute("aria-invalid")).toBe("true");
  });

  it("opens, watches turnout, closes, and approves and publishes", { timeout: 15_000 }, async () => {
    let election = anElection({ status: "draft", roll_count: null });
    on("GET", "/api/elections/e1", () => json(200, election));
    on("POST", "/api/elections/e1/open", () => json(200, (election = anElection({ status: "open" }))));
    on("GET", "/api/elections/e1/turnout", { roll_count: 120, ballots_cast: 30, turnout: 0.25, by_branch: [{ branch_id: "b1", name: "Tampere branch", roll_count: 120, ballots_cast: 30 }] });
    on("POST", "/api/elections/e1/close", () => json(202, (election = anElection({ status: "closing" }))));
    on("POST", "/api/elections/e1/publish", () => {
      election = anElection({ status: "published" });
      return json(200, { ...SCOTTISH });
    });
    navigate("/elections/e1/manage");
    await click("open-election");
    expect(callsTo("POST", "/api/elections/e1/open")).toHaveLength(0);
    await click("confirm-open-election");
    await waitFor(() => byTestId("turnout"), "turnout");
    await waitFor(() => text("ballots-cast") === "30", "the count");
    expect(text("turnout-share")).toBe("25%");
    expect(text("turnout-b1")).toContain("Tampere branch");

    await click("close-election");
    await click("confirm-close-election");
    await waitFor(() => byTestId("counting"), "counting");
    election = anElection({ status: "counted" });
    await waitFor(() => byTestId("publish-results"), "the count ready", REFRESH_WAIT_MS);
    await click("publish-results");
    await click("confirm-publish-results");
    await waitFor(() => byTestId("published"), "published");
    expect(callsTo("POST", "/api/elections/e1/publish")).toHaveLength(1);
  });

  it("follows a large roll being frozen until voting opens", { timeout: 15_000 }, async () => {
    let election = anElection({ status: "draft", roll_count: null });
    on("GET", "/api/elections/e1", () => json(200, election));
    on("POST", "/api/elections/e1/open", () => json(202, (election = anElection({ status: "opening", roll_count: null }))));
    on("GET", "/api/elections/e1/turnout", { roll_count: 100000, ballots_cast: 0, turnout: 0, by_branch: [] });
    navigate("/elections/e1/manage");
    await click("open-election");
    await click("confirm-open-election");
    await waitFor(() => byTestId("opening"), "opening");
    expect(byTestId("manage-page")?.getAttribute("data-status")).toBe("opening");
    election = anElection({ status: "open" });
    await waitFor(() => byTestId("turnout"), "voting open", REFRESH_WAIT_MS);
    expect(byTestId("opening")).toBeNull();
  });
});

describe("my elections", () => {
  it("lists open ones with my standing, and the officer's links", async () => {
    on("GET", "/api/elections", {
      items: [
        anElection({ id: "e1" }),
        anElection({ id: "e2", my: { on_roll: true, voted: true } }),
        anElection({ id: "e3", status: "published" }),
        anElection({ id: "e4", status: "draft" }),
      ],
    });
    navigate("/elections");
    await waitFor(() => byTestId("election-e1"), "the list");
    expect(byTestId("vote-e1")).not.toBeNull();
    expect(byTestId("vote-e2")).toBeNull();
    expect(text("election-e2")).toContain("You have voted");
    expect(byTestId("results-e3")).not.toBeNull();
    expect(byTestId("elections-drafts")!.textContent).toContain("Board election");
    expect(byTestId("new-election")).not.toBeNull();
    expect(byTestId("manage-e1")).not.toBeNull();
    expect(byTestId("nav-elections")!.getAttribute("aria-current")).toBe("page");
  });
});

describe("accessibility", () => {
  it("gives every input of the form and the ballot a label", async () => {
    on("GET", "/api/elections/e1", anElection({ status: "draft", kind: "dhondt", options: [{ id: "a", name: "A", list: "L", alliance: null }, { id: "b", name: "B", list: "L", alliance: null }] }));
    navigate("/elections/e1/edit");
    await waitFor(() => named("options.1.alliance"), "the form");
    await pick("#eligibility-limited");
    for (const input of $$("main input, main select, main textarea")) {
      expect($(`label[for="${input.id}"]`)?.textContent, input.getAttribute("name") ?? input.id).toBeTruthy();
    }
  });
});
