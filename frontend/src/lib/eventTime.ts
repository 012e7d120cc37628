/**
 * Event times. The API speaks UTC instants ("…Z"); people read them in the event's time zone
 * (Europe/Helsinki unless the event says otherwise), whatever zone their device is in. Times
 * typed into the organizer's form are wall-clock times sent without an offset: the server
 * reads them in the event's time zone.
 */
import { locale } from "./format";

export const EVENT_TIME_ZONE = "Europe/Helsinki";

const DATE_TIME: Intl.DateTimeFormatOptions = {
  weekday: "short",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
};

function parse(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatEventTime(value: string | null | undefined, lang: string, timeZone = EVENT_TIME_ZONE): string {
  const date = parse(value);
  return date ? new Intl.DateTimeFormat(locale(lang), { ...DATE_TIME, timeZone }).format(date) : (value ?? "");
}

/** Only the clock time ("17.05"), e.g. arrivals at the door on the day. */
export function formatEventClock(value: string | null | undefined, lang: string, timeZone = EVENT_TIME_ZONE): string {
  const date = parse(value);
  return date ? new Intl.DateTimeFormat(locale(lang), { hour: "2-digit", minute: "2-digit", timeZone }).format(date) : "";
}

/** "ti 1.12.2026 klo 17.00–20.00" (one day) or both ends in full. */
export function formatEventRange(
  start: string | null | undefined,
  end: string | null | undefined,
  lang: string,
  timeZone = EVENT_TIME_ZONE,
): string {
  const from = parse(start);
  const to = parse(end);
  if (!from) return "";
  const format = new Intl.DateTimeFormat(locale(lang), { ...DATE_TIME, timeZone });
  if (!to || to.getTime() <= from.getTime()) return format.format(from);
  return format.formatRange(from, to);
}

/** The calendar day of an instant in the zone, e.g. for "completed on". */
export function formatEventDate(value: string | null | undefined, lang: string, timeZone = EVENT_TIME_ZONE): string {
  if (value && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split("-").map(Number);
    return new Intl.DateTimeFormat(locale(lang), { year: "numeric", month: "numeric", day: "numeric", timeZone: "UTC" }).format(
      new Date(Date.UTC(y!, m! - 1, d!)),
    );
  }
  const date = parse(value);
  return date
    ? new Intl.DateTimeFormat(locale(lang), { year: "numeric", month: "numeric", day: "numeric", timeZone }).format(date)
    : "";
}

/** An instant as the value of an <input type="datetime-local"> in the zone: "2026-12-01T17:00". */
export function toWallTime(value: string | null | undefined, timeZone = EVENT_TIME_ZONE): string {
  const date = parse(value);
  if (!date) return "";
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

export const WALL_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** A datetime-local value as the API takes it: no offset, read in the event's zone. */
export function fromWallTime(value: string): string {
  return WALL_TIME_RE.test(value) ? `${value}:00` : value;
}

export function isPast(value: string | null | undefined, now: number = Date.now()): boolean {
  const date = parse(value);
  return date !== null && date.getTime() <= now;
}
