import { describe, expect, it, vi } from "vitest";
import { ApiClient, REFRESH_TOKEN_KEY, buildQuery, type KeyValueStorage } from "../src/api/client";
import { ApiError } from "../src/api/errors";

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => (k in data ? data[k]! : null),
    setItem: (k, v) => {
      data[k] = v;
    },
    removeItem: (k) => {
      delete data[k];
    },
  };
}

function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

const tokens = (n: number) => ({ access_token: `access-${n}`, token_type: "Bearer", expires_in: 900, refresh_token: `refresh-${n}` });
const unauthorized = { error: { code: "not_authenticated", message: "sign in first", fields: [] } };

type Call = { url: string; init: RequestInit };

function fakeFetch(handler: (call: Call, index: number) => Response) {
  const calls: Call[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(input), init: init ?? {} };
    calls.push(call);
    return handler(call, calls.length - 1);
  });
  return { fn: fn as unknown as typeof fetch, calls };
}

const header = (call: Call, name: string) => (call.init.headers as Record<string, string>)[name];

describe("ApiClient", () => {
  it("sends JSON, Accept-Language and the bearer token", async () => {
    const { fn, calls } = fakeFetch(() => json(200, { ok: true }));
    const client = new ApiClient({ fetch: fn, storage: memoryStorage(), language: () => "fi" });
    client.setTokens(tokens(1));
    await expect(client.patch("/api/me", { city: "Tampere" })).resolves.toEqual({ ok: true });
    expect(calls[0]!.init.method).toBe("PATCH");
    expect(calls[0]!.init.body).toBe(JSON.stringify({ city: "Tampere" }));
    expect(header(calls[0]!, "Authorization")).toBe("Bearer access-1");
    expect(header(calls[0]!, "Accept-Language")).toBe("fi");
    expect(header(calls[0]!, "Content-Type")).toBe("application/json");
  });

  it("keeps the refresh token in storage and the access token in memory only", () => {
    const storage = memoryStorage();
    const client = new ApiClient({ fetch: fakeFetch(() => json(200, {})).fn, storage });
    client.setTokens(tokens(1));
    expect(storage.data).toEqual({ [REFRESH_TOKEN_KEY]: "refresh-1" });
    client.clearTokens();
    expect(storage.data).toEqual({});
    expect(client.hasAccessToken).toBe(false);
  });

  it("on 401 refreshes once and repeats the request", async () => {
    const storage = memoryStorage();
    const { fn, calls } = fakeFetch((call) => {
      if (call.url === "/api/auth/refresh") return json(200, tokens(2));
      return header(call, "Authorization") === "Bearer access-2" ? json(200, { id: "m1" }) : json(401, unauthorized);
    });
    const expired = vi.fn();
    const client = new ApiClient({ fetch: fn, storage, onSessionExpired: expired });
    client.setTokens(tokens(1));
    await expect(client.get("/api/me")).resolves.toEqual({ id: "m1" });
    expect(calls.map((c) => c.url)).toEqual(["/api/me", "/api/auth/refresh", "/api/me"]);
    expect(JSON.parse(String(calls[1]!.init.body))).toEqual({ refresh_token: "refresh-1" });
    expect(storage.data[REFRESH_TOKEN_KEY]).toBe("refresh-2");
    expect(expired).not.toHaveBeenCalled();
  });

  it("ends the session when the refresh is refused", async () => {
    const storage = memoryStorage();
    const { fn, calls } = fakeFetch((call) => (call.url === "/api/auth/refresh" ? json(401, unauthorized) : json(401, unauthorized)));
    const expired = vi.fn();
    const client = new ApiClient({ fetch: fn, storage, onSessionExpired: expired });
    client.setTokens(tokens(1));
    const error = await client.get("/api/me").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(calls.map((c) => c.url)).toEqual(["/api/me", "/api/auth/refresh"]);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(storage.data).toEqual({});
  });

  it("does not loop when the repeated request is refused again", async () => {
    const { fn, calls } = fakeFetch((call) => (call.url === "/api/auth/refresh" ? json(200, tokens(2)) : json(401, unauthorized)));
    const expired = vi.fn();
    const client = new ApiClient({ fetch: fn, storage: memoryStorage(), onSessionExpired: expired });
    client.setTokens(tokens(1));
    await expect(client.get("/api/me")).rejects.toBeInstanceOf(ApiError);
    expect(calls.map((c) => c.url)).toEqual(["/api/me", "/api/auth/refresh", "/api/me"]);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it("shares one refresh between concurrent requests", async () => {
    const { fn, calls } = fakeFetch((call) => {
      if (call.url === "/api/auth/refresh") return json(200, tokens(2));
      return header(call, "Authorization") === "Bearer access-2" ? json(200, { url: call.url }) : json(401, unauthorized);
    });
    const client = new ApiClient({ fetch: fn, storage: memoryStorage() });
    client.setTokens(tokens(1));
    await Promise.all([client.get("/api/me"), client.get("/api/branches")]);
    expect(calls.filter((c) => c.url === "/api/auth/refresh")).toHaveLength(1);
  });

  it("never refreshes for /api/auth/* (a wrong code is the user's error, not an expired session)", async () => {
    const { fn, calls } = fakeFetch(() => json(401, { error: { code: "invalid_code", message: "Wrong code", fields: [] } }));
    const expired = vi.fn();
    const client = new ApiClient({ fetch: fn, storage: memoryStorage({ [REFRESH_TOKEN_KEY]: "r" }), onSessionExpired: expired });
    const error = (await client.post("/api/auth/token", { email: "a@b.fi", code: "123456" }, { auth: false }).catch((e: unknown) => e)) as ApiError;
    expect(error.message).toBe("Wrong code");
    expect(calls).toHaveLength(1);
    expect(expired).not.toHaveBeenCalled();
  });

  it("restores the access token from the tab's refresh token after a reload", async () => {
    const { fn, calls } = fakeFetch((call) => (call.url === "/api/auth/refresh" ? json(200, tokens(5)) : json(200, { id: "m" })));
    const client = new ApiClient({ fetch: fn, storage: memoryStorage({ [REFRESH_TOKEN_KEY]: "refresh-4" }) });
    await client.get("/api/me");
    expect(calls.map((c) => c.url)).toEqual(["/api/auth/refresh", "/api/me"]);
    expect(header(calls[1]!, "Authorization")).toBe("Bearer access-5");
  });

  it("turns error bodies into ApiError with field problems", async () => {
    const body = { error: { code: "invalid_input", message: "Invalid", fields: [{ path: "phone", message: "bad" }] } };
    const { fn } = fakeFetch(() => json(400, body));
    const client = new ApiClient({ fetch: fn, storage: memoryStorage() });
    const error = (await client.patch("/api/me", { phone: "1" }).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(400);
    expect(error.fields).toEqual([{ path: "phone", message: "bad" }]);
  });

  it("reports network failures as status 0", async () => {
    const fn = (async () => {
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof fetch;
    const client = new ApiClient({ fetch: fn, storage: memoryStorage() });
    const error = (await client.get("/api/branches").catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.code).toBe("network");
  });

  it("returns undefined for an empty 202", async () => {
    const { fn } = fakeFetch(() => new Response(null, { status: 202 }));
    const client = new ApiClient({ fetch: fn, storage: memoryStorage() });
    await expect(client.post("/api/auth/code", { email: "a@b.fi" }, { auth: false })).resolves.toBeUndefined();
  });
});

describe("buildQuery", () => {
  it("skips empty values and encodes the rest", () => {
    expect(buildQuery({ q: "Väinö Ö", branch_id: "", cursor: undefined, limit: 50, status: null })).toBe("?q=V%C3%A4in%C3%B6+%C3%96&limit=50");
    expect(buildQuery({})).toBe("");
    expect(buildQuery(undefined)).toBe("");
  });
});
