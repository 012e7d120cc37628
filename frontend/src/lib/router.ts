/**
 * History routing: real paths (/me, /members …), so every page is linkable. The server
 * answers unknown non-API paths with index.html.
 */
import { useEffect, useState } from "preact/hooks";

const NAVIGATE_EVENT = "union-portal:navigate";

export interface Location {
  path: string;
  query: URLSearchParams;
}

export function normalisePath(path: string): string {
  const clean = path.replace(/\/{2,}/g, "/");
  return clean.length > 1 && clean.endsWith("/") ? clean.slice(0, -1) : clean || "/";
}

export function currentLocation(): Location {
  return {
    path: normalisePath(window.location.pathname),
    query: new URLSearchParams(window.location.search),
  };
}

/** Only same-origin, absolute in-app paths are followed ("next" comes from the URL). */
export function safeInternalPath(target: string | null | undefined, fallback = "/"): string {
  if (!target || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
    return fallback;
  }
  return target;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const current = window.location.pathname + window.location.search;
  if (to === current) {
    window.dispatchEvent(new Event(NAVIGATE_EVENT));
    return;
  }
  if (options.replace) {
    window.history.replaceState(null, "", to);
  } else {
    window.history.pushState(null, "", to);
  }
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** Changes the query string without a new history entry or a page change. */
export function replaceQuery(params: URLSearchParams): void {
  const text = params.toString();
  window.history.replaceState(null, "", window.location.pathname + (text ? `?${text}` : ""));
}

export function useLocation(): Location {
  const [location, setLocation] = useState<Location>(currentLocation);
  useEffect(() => {
    const update = () => setLocation(currentLocation());
    window.addEventListener("popstate", update);
    window.addEventListener(NAVIGATE_EVENT, update);
    return () => {
      window.removeEventListener("popstate", update);
      window.removeEventListener(NAVIGATE_EVENT, update);
    };
  }, []);
  return location;
}

/** Matches "/events/:id/edit" against a path: the named segments, or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const have = path.split("/");
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(":")) {
      if (!h) return null;
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) {
      return null;
    }
  }
  return params;
}
