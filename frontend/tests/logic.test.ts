import { describe, expect, it } from "vitest";
import type { Me } from "../src/api/types";
import { buildDirectory, visibleBranches } from "../src/lib/branches";
import { bytesToBase64, hasImportExtension } from "../src/lib/files";
import { diffPatch, valuesOf } from "../src/lib/mePatch";
import { filtersFromQuery, filtersToQuery, toApiFilters } from "../src/lib/memberFilters";
import { safeInternalPath } from "../src/lib/router";
import { isCode, isE164, isEmail } from "../src/lib/validate";

const me: Me = {
  id: "m1",
  email: "aino@example.fi",
  first_name: "Aino",
  last_name: "Virtanen",
  phone: "+358401234567",
  street_address: null,
  postal_code: "33100",
  city: "Tampere",
  country: "FI",
  iban: null,
  language: "fi",
  branch_id: "b1",
  workplace_id: null,
  category: "working",
  status: "active",
  roles: ["member"],
  grants: [],
  member_since: "2020-01-01",
  status_history: [],
  pending_requests: [],
};

describe("PATCH /api/me body", () => {
  it("sends only what changed, normalised", () => {
    const values = { ...valuesOf(me), city: " Turku ", phone: "+358 40 123 4567", country: "se", iban: "fi21 1234 5600 0007 85" };
    expect(diffPatch(me, values)).toEqual({ city: "Turku", country: "SE", iban: "FI2112345600000785" });
  });

  it("clears an optional field with null", () => {
    expect(diffPatch(me, { ...valuesOf(me), postal_code: "" })).toEqual({ postal_code: null });
  });

  it("is empty when nothing changed", () => {
    expect(diffPatch(me, valuesOf(me))).toEqual({});
  });
});

describe("client-side checks", () => {
  it("accepts what the server expects", () => {
    expect(isEmail("a@b.fi")).toBe(true);
    expect(isEmail("a@b")).toBe(false);
    expect(isCode("123 456")).toBe(true);
    expect(isCode("12345")).toBe(false);
    expect(isE164("+358401234567")).toBe(true);
    expect(isE164("0401234567")).toBe(false);
  });
});

describe("members filters", () => {
  it("round-trip through the URL and drop empty values for the API", () => {
    const filters = filtersFromQuery(new URLSearchParams("q=virtanen&status=active&junk=1"));
    expect(filters).toEqual({ q: "virtanen", branch_id: "", workplace_id: "", category: "", status: "active" });
    expect(filtersToQuery(filters).toString()).toBe("q=virtanen&status=active");
    expect(toApiFilters(filters)).toEqual({ q: "virtanen", status: "active" });
  });
});

describe("branch directory", () => {
  const dir = buildDirectory(
    [
      { id: "b1", name: "Tampere", workplaces: [{ id: "w1", name: "Plant", employer_id: "e1", employer_name: "Acme Oy" }] },
      { id: "b2", name: "Turku", workplaces: [] },
    ],
    (id) => `?${id}`,
  );
  it("names ids and says when it doesn't know one", () => {
    expect(dir.branchName("b2")).toBe("Turku");
    expect(dir.workplaceName("w1")).toBe("Plant (Acme Oy)");
    expect(dir.workplaceName("w9")).toBe("?w9");
    expect(dir.branchName(null)).toBe("");
    expect(dir.branchOfWorkplace("w1")).toBe("b1");
    expect(dir.workplacesOf("b2")).toEqual([]);
    expect(dir.workplacesOf("")).toHaveLength(1);
  });
});

describe("files and paths", () => {
  it("base64-encodes bytes in chunks", () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
    const decoded = Uint8Array.from(atob(bytesToBase64(bytes)), (c) => c.charCodeAt(0));
    expect(decoded).toEqual(bytes);
    expect(bytesToBase64(new TextEncoder().encode("email,first_name\n"))).toBe("ZW1haWwsZmlyc3RfbmFtZQo=");
  });

  it("accepts .csv and .xlsx only", () => {
    expect(hasImportExtension("members.CSV")).toBe(true);
    expect(hasImportExtension("members.xlsx")).toBe(true);
    expect(hasImportExtension("members.xls")).toBe(false);
  });

  it("follows only in-app paths after sign-in", () => {
    expect(safeInternalPath("/members?q=a")).toBe("/members?q=a");
    expect(safeInternalPath("//evil.example")).toBe("/");
    expect(safeInternalPath("https://evil.example", "/me")).toBe("/me");
    expect(safeInternalPath(null, "/me")).toBe("/me");
  });
});

describe("visibleBranches", () => {
  const branches = [
    { id: "b1", name: "One", workplaces: [{ id: "w1", name: "W1", employer_id: "e", employer_name: "E" }, { id: "w2", name: "W2", employer_id: "e", employer_name: "E" }] },
    { id: "b2", name: "Two", workplaces: [{ id: "w3", name: "W3", employer_id: "e", employer_name: "E" }] },
  ];
  it("offers an officer only the own branch, with all its workplaces", () => {
    const seen = visibleBranches(branches, [{ role: "branch_officer", branch_ids: ["b1"], workplace_ids: [] }]);
    expect(seen.map((b) => b.id)).toEqual(["b1"]);
    expect(seen[0]?.workplaces?.map((w) => w.id)).toEqual(["w1", "w2"]);
  });
  it("offers a steward only the own workplaces", () => {
    const seen = visibleBranches(branches, [{ role: "shop_steward", branch_ids: [], workplace_ids: ["w3"] }]);
    expect(seen.map((b) => b.id)).toEqual(["b2"]);
    expect(seen[0]?.workplaces?.map((w) => w.id)).toEqual(["w3"]);
  });
  it("offers union-wide staff everything", () => {
    expect(visibleBranches(branches, [{ role: "treasurer", branch_ids: [], workplace_ids: [] }])).toEqual(branches);
  });
});
