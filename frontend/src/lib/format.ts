/** Dates in the UI language. Date-only values ("2026-05-31") are calendar days, not instants. */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function locale(lang: string): string {
  return lang === "sv" ? "sv-FI" : lang === "fi" ? "fi-FI" : "en-GB";
}

export function formatDate(value: string | null | undefined, lang: string): string {
  if (!value) return "";
  const match = DATE_ONLY.exec(value);
  const date = match
    ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
    : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(lang), { year: "numeric", month: "numeric", day: "numeric" }).format(date);
}

export function formatDateTime(value: string | null | undefined, lang: string): string {
  if (!value) return "";
  if (DATE_ONLY.test(value)) return formatDate(value, lang);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(lang), {
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

/** Today as YYYY-MM-DD in local time. */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

export function fullName(person: { first_name?: string | null; last_name?: string | null }): string {
  return [person.first_name, person.last_name].filter(Boolean).join(" ");
}
