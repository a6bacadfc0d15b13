import { addDays, instantOf, localDay, wallTimeAt } from "./zonedTime.js";

/** A daily send time "HH:MM" (24-hour). */
export interface SendTime {
  hour: number;
  minute: number;
}

/** Parses "7:05", "07:05" → {7, 5}; undefined for anything else ("25:99", "7h", "").*/
export function parseSendTime(text: string): SendTime | undefined {
  const m = /^\s*(\d{1,2})[:h.](\d{2})\s*$/.exec(text);
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

export function formatSendTime(t: SendTime): string {
  return `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;
}

/**
 * The next daily due instant strictly after `afterMs`, at `time` on the wall clock of `timeZone`.
 *
 * - A time inside a spring-forward gap is due at the first valid minute after the gap that day.
 * - In a fall-back overlap it is due once, at the first occurrence.
 * - `notOnOrBeforeDay` ("YYYY-MM-DD", local) skips days up to and including that day: the day a daily
 *   lesson was already delivered, so a later send time set the same day waits until tomorrow.
 */
export function nextDueAt(time: SendTime, timeZone: string, afterMs: number, notOnOrBeforeDay?: string): number {
  let day = localDay(afterMs, timeZone);
  if (notOnOrBeforeDay !== undefined && notOnOrBeforeDay >= day) day = addDays(notOnOrBeforeDay, 1);
  // Two days ahead always suffice: today's time may have passed, tomorrow's cannot have.
  for (let i = 0; i < 3; i++) {
    const [year, month, dayOfMonth] = addDays(day, i).split("-").map(Number) as [number, number, number];
    const at = instantOf({ year, month, day: dayOfMonth, hour: time.hour, minute: time.minute }, timeZone);
    if (at > afterMs) return at;
  }
  throw new Error(`no due time found after ${new Date(afterMs).toISOString()} in ${timeZone}`);
}

/** "07:00" on the wall clock of `timeZone` at `ms`, for messages. */
export function localClockText(ms: number, timeZone: string): string {
  const w = wallTimeAt(ms, timeZone);
  return `${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
}
