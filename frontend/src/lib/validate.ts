/** Client-side checks that only spare a round trip; the server validates everything again. */

export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const CODE_RE = /^\d{6}$/;
export const E164_RE = /^\+[1-9]\d{6,14}$/;
export const COUNTRY_RE = /^[A-Z]{2}$/;

export function isEmail(value: string): boolean {
  return EMAIL_RE.test(value.trim());
}

/** Removes spaces and dashes people type in codes and phone numbers. */
export function compact(value: string): string {
  return value.replace(/[\s-]/g, "");
}

export function isCode(value: string): boolean {
  return CODE_RE.test(compact(value));
}

export function isE164(value: string): boolean {
  return E164_RE.test(compact(value));
}
