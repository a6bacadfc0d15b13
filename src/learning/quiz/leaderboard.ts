/** A group's leaderboard: its members' right answers in an ISO week, then their streaks; the top 10. */
import { catalogFor, markupFor } from "../../i18n/index.js";
import { localDay } from "../../schedule/zonedTime.js";
import type { Store } from "../../store/store.js";
import type { Subscriber } from "../../store/types.js";
import { excusedDays } from "../activity.js";
import { streakFromDays } from "../streak.js";

export const LEADERBOARD_SIZE = 10;

/** Each member's streak: days with a lesson learned or a question answered. */
export function memberStreaks(store: Store, sub: Subscriber, now: number): Map<string, number> {
  const days = new Map<string, Set<string>>();
  const add = (member: string, day: string): void => {
    const set = days.get(member) ?? new Set<string>();
    set.add(day);
    days.set(member, set);
  };
  for (const m of store.completions.members(sub.id)) for (const d of m.days) add(m.memberId, d);
  for (const [member, list] of store.quiz.log.daysByMember(sub.id)) for (const d of list) add(member, d);
  const today = localDay(now, sub.timeZone);
  const excused = excusedDays(store, sub, now);
  return new Map([...days].map(([member, set]) => [member, streakFromDays([...set].sort(), today, excused)]));
}

/** The leaderboard of `week` as a message text, in the group's language. `last`: a finished week (Monday's summary). */
export function leaderboardText(store: Store, sub: Subscriber, week: string, last: boolean, now: number): string {
  const t = catalogFor(sub.language);
  const m = markupFor(sub.platform);
  const streaks = memberStreaks(store, sub, now);
  const rows = store.quiz.scores
    .week(sub.id, week)
    .map((r) => ({ ...r, streak: streaks.get(r.memberId) ?? 0 }))
    .sort((a, b) => b.right - a.right || b.streak - a.streak || a.memberName.localeCompare(b.memberName))
    .slice(0, LEADERBOARD_SIZE);
  const lines = [t.leaderboardHeader(m, { week, last })];
  if (rows.length === 0) lines.push(t.leaderboardEmpty(m));
  rows.forEach((r, i) => lines.push(t.leaderboardLine(m, { rank: i + 1, name: r.memberName, right: r.right, answered: r.answered, streak: r.streak })));
  return lines.join("\n");
}
