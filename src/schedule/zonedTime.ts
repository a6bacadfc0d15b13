/**
 * Wall-clock arithmetic in IANA time zones with nothing but Intl. A wall time is what a clock on the
 * wall in that zone shows; an instant is milliseconds since the epoch (UTC).
 */

export interface WallTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

let knownZones: Map<string, string> | undefined;

/**
 * The IANA name as the user meant it, in its usual spelling ("asia/ho_chi_minh" → "Asia/Ho_Chi_Minh"),
 * or undefined when the zone is unknown. Only region names ("Area/City") and "UTC" are accepted, not
 * offsets or abbreviations. Names ICU calls aliases (Asia/Ho_Chi_Minh, Europe/Kyiv) are kept as typed.
 */
export function canonicalTimeZone(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed.length > 64) return undefined;
  if (!/^(?:[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){1,2}|UTC)$/i.test(trimmed)) return undefined;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: trimmed });
  } catch {
    return undefined;
  }
  knownZones ??= new Map(
    [...Intl.supportedValuesOf("timeZone"), "UTC", "Asia/Ho_Chi_Minh", "Asia/Kolkata", "Europe/Kyiv"].map((z) => [
      z.toLowerCase(),
      z,
    ]),
  );
  return knownZones.get(trimmed.toLowerCase()) ?? trimmed;
}

/** The wall time in `timeZone` at instant `ms` (seconds dropped). */
export function wallTimeAt(ms: number, timeZone: string): WallTime {
  const d = new Date(ms + offsetAt(ms, timeZone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

const QUARTER = 15 * 60_000;
/** Offsets at the first and the last second of one quarter hour. */
interface Quarter {
  start: number;
  end: number;
}
const offsetCache = new Map<string, Map<number, Quarter>>();

/**
 * UTC offset of `timeZone` at instant `ms`, in milliseconds (east positive). Cached per quarter hour,
 * since the scheduler asks for thousands of these per tick. Nearly every offset change falls on a
 * quarter hour, but not all (Africa/Monrovia moved from −0:44:30 to GMT at 00:44:30 UTC on
 * 1972-01-07): a quarter whose two ends differ holds a change, and is asked to the second.
 */
export function offsetAt(ms: number, timeZone: string): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const key = Math.floor(ms / QUARTER);
  let quarter = zone.get(key);
  if (quarter === undefined) {
    quarter = { start: intlOffsetAt(key * QUARTER, timeZone), end: intlOffsetAt((key + 1) * QUARTER - 1000, timeZone) };
    if (zone.size > 50_000) zone.clear();
    zone.set(key, quarter);
  }
  return quarter.start === quarter.end ? quarter.start : intlOffsetAt(ms, timeZone);
}

function intlOffsetAt(ms: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The local calendar day of an instant, as "YYYY-MM-DD". */
export function localDay(ms: number, timeZone: string): string {
  const w = wallTimeAt(ms, timeZone);
  return formatDay(w.year, w.month, w.day);
}

export function formatDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** "YYYY-MM-DD" plus `n` days. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return formatDay(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from `a` to `b` ("YYYY-MM-DD"); positive when b is later. */
export function daysBetween(a: string, b: string): number {
  const toUtc = (s: string): number => {
    const [y, m, d] = s.split("-").map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

function sameWall(a: WallTime, b: WallTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

/**
 * The instant at which `timeZone` shows `wall`. In a fall-back overlap (the wall time happens twice)
 * it is the first occurrence; in a spring-forward gap (it never happens) it is the first valid minute
 * after the gap, i.e. the instant of the transition.
 */
export function instantOf(wall: WallTime, timeZone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // The offsets in force a day either side cover any single transition near this wall time.
  const before = offsetAt(asUtc - 86_400_000, timeZone);
  const after = offsetAt(asUtc + 86_400_000, timeZone);
  // No transition within a day (nearly always): the wall time exists exactly once.
  if (before === after && offsetAt(asUtc - before, timeZone) === before) return asUtc - before;
  const candidates = [...new Set([before, after, offsetAt(asUtc, timeZone)])]
    .map((offset) => asUtc - offset)
    .filter((ms) => sameWall(wallTimeAt(ms, timeZone), wall))
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return candidates[0];

  // A gap: search the transition between the two candidate instants, to the minute.
  let lo = asUtc - Math.max(before, after);
  let hi = asUtc - Math.min(before, after);
  if (lo > hi) [lo, hi] = [hi, lo];
  const offsetLo = offsetAt(lo, timeZone);
  lo = Math.floor(lo / 60_000);
  hi = Math.ceil(hi / 60_000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid * 60_000, timeZone) === offsetLo) lo = mid;
    else hi = mid;
  }
  return hi * 60_000;
}
