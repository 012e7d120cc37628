/**
 * What the page tests share: the app mounted in happy-dom and signed in, a fake API (routes by
 * method and path, every call kept), downloads caught, and helpers that act as a user does.
 */
import { render } from "preact";
import { vi } from "vitest";
import { App } from "../../src/app";
import { initI18n } from "../../src/i18n";
import { I18nProvider } from "../../src/i18n/context";
import { navigate } from "../../src/lib/router";
import { session } from "../../src/services";

export type Handler = (body: unknown, url: URL, headers: Record<string, string>) => Response | Promise<Response>;
export type Call = { method: string; path: string; query: string; body: unknown; headers: Record<string, string> };

const routes = new Map<string, Handler>();
export const calls: Call[] = [];
export const saved: { name: string; href: string }[] = [];
export const blobs: Blob[] = [];
const realFetch = globalThis.fetch;

export function json(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

export function on(method: string, path: string, handler: Handler | unknown): void {
  routes.set(`${method} ${path}`, typeof handler === "function" ? (handler as Handler) : () => json(200, handler));
}

export const callsTo = (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path);

async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), "http://localhost");
  const method = init?.method ?? "GET";
  const body = init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined;
  const headers = (init?.headers ?? {}) as Record<string, string>;
  const path = decodeURIComponent(url.pathname);
  calls.push({ method, path, query: url.search, body, headers });
  const handler = routes.get(`${method} ${path}`);
  return handler ? handler(body, url, headers) : json(404, { error: { code: "not_found", message: "", fields: [] } });
}

/** beforeAll: the fake API in place, the app rendered in English and signed in as `me`. */
export async function startApp(me: unknown): Promise<void> {
  await mountApp();
  on("GET", "/api/me", me);
  await session.completeSignIn({ access_token: "a1", token_type: "Bearer", expires_in: 900, refresh_token: "r1" });
  // Preact runs effects (the router's listeners among them) after the next frame.
  await new Promise((r) => setTimeout(r, 50));
}

/** The fake API in place and the app rendered in English, nobody signed in yet. */
export async function mountApp(): Promise<void> {
  globalThis.fetch = fakeFetch as typeof fetch;
  URL.createObjectURL = (blob: Blob) => {
    blobs.push(blob);
    return "blob:test";
  };
  URL.revokeObjectURL = () => undefined;
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, href: this.href });
  });
  await initI18n("en");
  const root = document.createElement("div");
  root.id = "app";
  document.body.appendChild(root);
  render(
    <I18nProvider initial="en">
      <App />
    </I18nProvider>,
    root,
  );
}

export function stopApp(): void {
  globalThis.fetch = realFetch;
  vi.restoreAllMocks();
}

/** beforeEach: from another page (a page is kept while its path stays), no calls, no routes but `me`. */
export async function resetApi(me: unknown): Promise<void> {
  navigate("/");
  await new Promise((r) => setTimeout(r, 10));
  forgetCalls();
  on("GET", "/api/me", me);
}

/** No calls, downloads or routes kept from before. */
export function forgetCalls(): void {
  calls.length = 0;
  saved.length = 0;
  blobs.length = 0;
  routes.clear();
}

export async function waitFor<T>(probe: () => T | null | undefined | false, what = "condition", ms = 2000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n${document.querySelector("main")?.innerHTML.slice(0, 3000)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const $ = <E extends Element = HTMLElement>(selector: string) => document.querySelector<E & HTMLElement>(selector);
export const $$ = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)];
export const byTestId = (id: string) => $(`[data-testid="${id}"]`);
export const named = <E extends Element = HTMLInputElement>(name: string) => $<E>(`main [name="${name}"]`);
export const settle = () => new Promise((r) => setTimeout(r, 20));
export const text = (id: string) => byTestId(id)?.textContent ?? "";
export const labelOf = (input: Element) => document.querySelector(`label[for="${input.id}"]`)?.textContent ?? "";

export async function fill(name: string, value: string): Promise<void> {
  const input = named<HTMLInputElement | HTMLTextAreaElement>(name);
  if (!input) throw new Error(`no input named ${name}`);
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await settle();
}

export async function choose(name: string, value: string): Promise<void> {
  const select = named<HTMLSelectElement>(name)!;
  select.value = value;
  select.dispatchEvent(new Event("change", { bubbles: true }));
  await settle();
}

export async function click(testId: string): Promise<void> {
  (await waitFor(() => byTestId(testId), testId)).click();
  await settle();
}
