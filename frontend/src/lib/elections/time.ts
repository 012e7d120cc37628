/**
 * Election times: typed as Finnish wall-clock time (datetime-local), sent as UTC instants with "Z"
 * (the elections API wants an offset on every time it is given).
 */
import { EVENT_TIME_ZONE, WALL_TIME_RE } from "../eventTime";

/** The zone's offset from UTC at the instant, in milliseconds (Helsinki: +2 h or +3 h). */
export function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** "2026-03-01T09:00" in the zone → "2026-03-01T07:00:00Z"; null when not a wall time. */
export function wallTimeToUtc(value: string, timeZone = EVENT_TIME_ZONE): string | null {
  if (!WALL_TIME_RE.test(value)) return null;
  const [day, clock] = value.split("T") as [string, string];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const [h, min] = clock.split(":").map(Number) as [number, number];
  const naive = Date.UTC(y, m - 1, d, h, min);
  // The offset at the guess, then again at the corrected instant (they differ only near a DST change).
  let instant = naive - zoneOffset(naive, timeZone);
  instant = naive - zoneOffset(instant, timeZone);
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, "Z");
}
