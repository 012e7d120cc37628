/**
 * A small typed fetch wrapper for the same-origin JSON API.
 *
 * - The access token lives in memory only; the refresh token in sessionStorage (one tab's
 *   session, gone when the tab closes).
 * - Every request carries Accept-Language with the UI language, so server messages come back
 *   in the user's language.
 * - On a 401 from anything but /api/auth/*, the client refreshes once (one refresh shared by
 *   concurrent requests) and repeats the request; if that fails too, the session is over and
 *   `onSessionExpired` sends the user to sign in.
 */
import { ApiError, networkError, toApiError } from "./errors";
import type { TokenResponse } from "./types";

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export interface ClientOptions {
  fetch?: typeof fetch;
  storage?: KeyValueStorage | null;
  language?: () => string;
  now?: () => number;
  onSessionExpired?: () => void;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  /** Default true: send the access token and handle 401 by refreshing. */
  auth?: boolean;
  signal?: AbortSignal;
}

export const REFRESH_TOKEN_KEY = "union-portal.refresh_token";
const AUTH_PREFIX = "/api/auth/";
/** Refresh this long before the access token's announced expiry. */
const EXPIRY_MARGIN_MS = 15_000;

type RefreshOutcome = "ok" | "rejected" | "network";

export function buildQuery(query: RequestOptions["query"]): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export class ApiClient {
  private accessToken: string | null = null;
  private accessExpiresAt = 0;
  private refreshing: Promise<RefreshOutcome> | null = null;
  private readonly fetchImpl: typeof fetch;
  private readonly storage: KeyValueStorage | null;
  private readonly language: () => string;
  private readonly now: () => number;
  onSessionExpired: () => void;

  constructor(options: ClientOptions = {}) {
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.storage = options.storage === undefined ? safeSessionStorage() : options.storage;
    this.language = options.language ?? (() => "en");
    this.now = options.now ?? (() => Date.now());
    this.onSessionExpired = options.onSessionExpired ?? (() => undefined);
  }

  // --- tokens --------------------------------------------------------------------------

  setTokens(tokens: TokenResponse): void {
    this.accessToken = tokens.access_token;
    const seconds = Number(tokens.expires_in);
    this.accessExpiresAt = Number.isFinite(seconds) && seconds > 0 ? this.now() + seconds * 1000 : 0;
    if (tokens.refresh_token) {
      this.writeRefreshToken(tokens.refresh_token);
    }
  }

  clearTokens(): void {
    this.accessToken = null;
    this.accessExpiresAt = 0;
    try {
      this.storage?.removeItem(REFRESH_TOKEN_KEY);
    } catch {
      /* storage unavailable: nothing to clear */
    }
  }

  get hasAccessToken(): boolean {
    return this.accessToken !== null;
  }

  get refreshToken(): string | null {
    try {
      return this.storage?.getItem(REFRESH_TOKEN_KEY) ?? null;
    } catch {
      return null;
    }
  }

  private writeRefreshToken(token: string): void {
    try {
      this.storage?.setItem(REFRESH_TOKEN_KEY, token);
    } catch {
      /* private mode without storage: the session lasts until reload */
    }
  }

  /** Exchanges the refresh token for new tokens; concurrent callers share one request. */
  refresh(): Promise<RefreshOutcome> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async doRefresh(): Promise<RefreshOutcome> {
    const refreshToken = this.refreshToken;
    if (!refreshToken) return "rejected";
    let response: Response;
    try {
      response = await this.fetchImpl("/api/auth/refresh", {
        method: "POST",
        headers: this.headers(true, false),
        body: JSON.stringify({ refresh_token: refreshToken }),
        credentials: "same-origin",
      });
    } catch {
      return "network";
    }
    if (!response.ok) {
      this.clearTokens();
      return "rejected";
    }
    try {
      const tokens = (await response.json()) as TokenResponse;
      if (!tokens || typeof tokens.access_token !== "string") {
        this.clearTokens();
        return "rejected";
      }
      this.setTokens(tokens);
      return "ok";
    } catch {
      this.clearTokens();
      return "rejected";
    }
  }

  // --- requests ------------------------------------------------------------------------

  get<T>(path: string, options: Omit<RequestOptions, "body"> = {}): Promise<T> {
    return this.request<T>("GET", path, options);
  }

  post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>("POST", path, { ...options, body });
  }

  patch<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>("PATCH", path, { ...options, body });
  }

  delete<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>("DELETE", path, options);
  }

  async request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.exchange(method, path, options, "application/json");
    return (await this.parse(response)) as T;
  }

  /**
   * A GET whose answer is a file (CSV, XLSX, PDF, calendar): the successful Response itself,
   * after the same token handling as JSON requests. `accept` names the wanted type (API Gateway
   * returns binary bodies only when the request's Accept header names their type).
   */
  download(path: string, accept: string, options: Omit<RequestOptions, "body"> = {}): Promise<Response> {
    return this.exchange("GET", path, options, accept);
  }

  private async exchange(method: Method, path: string, options: RequestOptions, accept: string): Promise<Response> {
    const auth = options.auth !== false && !path.startsWith(AUTH_PREFIX);
    const url = path + buildQuery(options.query);

    if (auth && this.accessToken && this.accessExpiresAt && this.now() > this.accessExpiresAt - EXPIRY_MARGIN_MS) {
      // Known to be (nearly) expired: refresh first instead of collecting a 401.
      await this.refresh();
    } else if (auth && !this.accessToken && this.refreshToken) {
      // After a reload the access token is gone but the tab's refresh token is not.
      await this.refresh();
    }

    let response = await this.send(method, url, options, accept);
    if (response.status === 401 && auth) {
      const outcome = await this.refresh();
      if (outcome === "network") {
        throw networkError(null);
      }
      if (outcome === "ok") {
        response = await this.send(method, url, options, accept);
      }
      if (response.status === 401) {
        const error = await this.errorFrom(response);
        this.clearTokens();
        this.onSessionExpired();
        throw error;
      }
    }
    if (!response.ok) {
      throw await this.errorFrom(response);
    }
    return response;
  }

  private headers(withBody: boolean, withAuth: boolean, accept = "application/json"): Record<string, string> {
    const headers: Record<string, string> = {
      Accept: accept,
      "Accept-Language": this.language(),
    };
    if (withBody) headers["Content-Type"] = "application/json";
    if (withAuth && this.accessToken) headers.Authorization = `Bearer ${this.accessToken}`;
    return headers;
  }

  private async send(method: Method, url: string, options: RequestOptions, accept: string): Promise<Response> {
    const withBody = options.body !== undefined;
    const auth = options.auth !== false;
    try {
      return await this.fetchImpl(url, {
        method,
        headers: this.headers(withBody, auth, accept),
        body: withBody ? JSON.stringify(options.body) : null,
        credentials: "same-origin",
        signal: options.signal ?? null,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
      throw networkError(cause);
    }
  }

  private async parse(response: Response): Promise<unknown> {
    if (response.status === 204) return undefined;
    const text = await response.text();
    if (!text) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ApiError(response.status, "invalid_json", "");
    }
  }

  private async errorFrom(response: Response): Promise<ApiError> {
    let body: unknown = null;
    try {
      const text = await response.text();
      body = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      body = null;
    }
    return toApiError(response.status, body);
  }
}

function safeSessionStorage(): KeyValueStorage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null;
  }
}
