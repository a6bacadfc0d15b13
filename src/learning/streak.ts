import { addDays, daysBetween } from "../schedule/zonedTime.js";
import type { StreakState } from "../store/types.js";

/** Days the bot itself failed to give a lesson: they never break a streak. */
export type ExcusedDay = (day: string) => boolean;

/**
 * Whether every day strictly between `from` and `to` is excused. Gaps are short in practice (a few
 * days of downtime); after a year of absence the streak is certainly broken.
 */
function gapExcused(from: string, to: string, excused: ExcusedDay): boolean {
  const gap = daysBetween(from, to) - 1;
  if (gap > 366) return false;
  for (let i = 1; i <= gap; i++) if (!excused(addDays(from, i))) return false;
  return true;
}

/** The streak after a learning activity on local day `today`. */
export function recordActivity(s: StreakState, today: string, excused: ExcusedDay): StreakState {
  if (s.lastDay === today) return s;
  if (s.lastDay !== null && s.lastDay > today) return s; // clock or zone moved backwards: keep it
  const continues = s.lastDay !== null && gapExcused(s.lastDay, today, excused);
  const current = continues ? s.current + 1 : 1;
  return { current, best: Math.max(s.best, current), lastDay: today };
}

/**
 * The streak as shown on `today`: still alive when the last activity was today, yesterday, or before
 * a run of excused days; 0 once a day passed without learning.
 */
export function currentStreak(s: StreakState, today: string, excused: ExcusedDay): number {
  if (s.lastDay === null || s.current === 0) return 0;
  if (s.lastDay >= today) return s.current;
  // Today is not over yet: only the days strictly between must be covered.
  return gapExcused(s.lastDay, today, excused) ? s.current : 0;
}

/** A member's streak from the distinct days they learned (ascending "YYYY-MM-DD"). */
export function streakFromDays(days: readonly string[], today: string, excused: ExcusedDay): number {
  let state: StreakState = { current: 0, best: 0, lastDay: null };
  for (const day of days) state = recordActivity(state, day, excused);
  return currentStreak(state, today, excused);
}
