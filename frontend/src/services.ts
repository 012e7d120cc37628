/** The app's singletons: the API client and the session (who is signed in). */
import { useEffect, useState } from "preact/hooks";
import { ApiClient } from "./api/client";
import { makeApi } from "./api/endpoints";
import { ApiError } from "./api/errors";
import type { Me, Role, TokenResponse } from "./api/types";
import { i18n } from "./i18n";

export const client = new ApiClient({ language: () => i18n.language || "en" });
export const api = makeApi(client);

export type Phase = "loading" | "signedOut" | "signedIn";

export interface SessionState {
  phase: Phase;
  me: Me | null;
  /** True when the session ended on its own (refresh failed), not by signing out. */
  expired: boolean;
}

type Listener = (state: SessionState) => void;

class SessionStore {
  state: SessionState = { phase: "loading", me: null, expired: false };
  private listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(next: Partial<SessionState>): void {
    this.state = { ...this.state, ...next };
    for (const listener of this.listeners) listener(this.state);
  }

  /** At start: a refresh token in this tab means we may still be signed in. */
  async init(): Promise<void> {
    if (!client.refreshToken) {
      this.set({ phase: "signedOut", me: null });
      return;
    }
    try {
      const me = await api.me();
      this.set({ phase: "signedIn", me, expired: false });
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) {
        // Network trouble at start: keep the refresh token, show the signed-out view.
        console.warn("could not restore the session", error);
      }
      this.set({ phase: "signedOut", me: null });
    }
  }

  async completeSignIn(tokens: TokenResponse): Promise<Me> {
    client.setTokens(tokens);
    const me = await api.me();
    this.set({ phase: "signedIn", me, expired: false });
    return me;
  }

  setMe(me: Me): void {
    this.set({ me });
  }

  async signOut(): Promise<void> {
    try {
      if (client.hasAccessToken || client.refreshToken) await api.signOut();
    } catch {
      /* signed out locally whatever the server says */
    }
    client.clearTokens();
    this.set({ phase: "signedOut", me: null, expired: false });
  }

  expire(): void {
    const wasSignedIn = this.state.phase === "signedIn";
    this.set({ phase: "signedOut", me: null, expired: wasSignedIn || this.state.expired });
  }

  clearExpired(): void {
    if (this.state.expired) this.set({ expired: false });
  }
}

export const session = new SessionStore();
client.onSessionExpired = () => session.expire();

export function useSession(): SessionState {
  const [state, setState] = useState<SessionState>(session.state);
  useEffect(() => {
    setState(session.state);
    return session.subscribe(setState);
  }, []);
  return state;
}

// --- roles --------------------------------------------------------------------------------

export const STAFF_ROLES: readonly Role[] = [
  "shop_steward",
  "branch_officer",
  "treasurer",
  "election_officer",
  "admin",
];
export const APPROVER_ROLES: readonly Role[] = ["branch_officer", "admin"];
export const ADMIN_ROLES: readonly Role[] = ["admin"];
export const ORGANIZER_ROLES: readonly Role[] = ["organizer", "admin"];
export const ELECTION_ROLES: readonly Role[] = ["election_officer", "admin"];

export function hasAnyRole(me: Me | null, roles: readonly Role[]): boolean {
  if (!me) return false;
  const mine = new Set<string>([...(me.roles ?? []), ...(me.grants ?? []).map((g) => g.role)]);
  return roles.some((role) => mine.has(role));
}
