/** A one-time message carried to the next page (e.g. "You have signed out" on the home page). */
import type { ParseKeys } from "i18next";

export interface Flash {
  kind: "status" | "alert";
  key: ParseKeys;
}

let pending: Flash | null = null;

export function setFlash(flash: Flash): void {
  pending = flash;
}

export function takeFlash(): Flash | null {
  const flash = pending;
  pending = null;
  return flash;
}
