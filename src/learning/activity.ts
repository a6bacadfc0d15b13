import { addDays, localDay } from "../schedule/zonedTime.js";
import type { Store } from "../store/store.js";
import { currentStreak, recordActivity, type ExcusedDay } from "./streak.js";
import type { Subscriber } from "../store/types.js";

/**
 * Days the bot owes the learner: from a daily lesson's due day up to (not including) the day it was
 * fully delivered — downtime, retries — and, for one that finally failed, through the day it failed.
 * Such days never break a streak.
 */
export function excusedDays(store: Store, sub: Subscriber, now: number): ExcusedDay {
  const since = sub.streak.lastDay ? Date.parse(`${sub.streak.lastDay}T00:00:00Z`) - 2 * 86_400_000 : now - 400 * 86_400_000;
  const days = new Set<string>();
  for (const d of store.ledger.dailySince(sub.id, since, now)) {
    if (d.dueAt === null) continue;
    let day = localDay(d.dueAt, sub.timeZone);
    const end =
      d.status === "done" && d.finishedAt !== null
        ? localDay(d.finishedAt, sub.timeZone)
        : d.status === "failed" || d.status === "superseded"
          ? addDays(localDay(d.finishedAt ?? d.updatedAt, sub.timeZone), 1)
          : localDay(now, sub.timeZone);
    for (let i = 0; day < end && i < 400; i++, day = addDays(day, 1)) days.add(day);
  }
  return (day) => days.has(day);
}

export interface Learner {
  id: string;
  name: string;
}

/**
 * Records that a lesson was learned: a completion for the member (when one is given) and a day of
 * activity for the chat's streak — a lesson of any course counts. Returns whether the completion is
 * new, and the streak now.
 */
export function recordLearning(
  store: Store,
  sub: Subscriber,
  lesson: { courseId: string; lessonId: string },
  via: "done" | "next",
  member: Learner | undefined,
  now: number,
): { isNew: boolean; streak: number } {
  const today = localDay(now, sub.timeZone);
  let isNew = true;
  if (member) {
    isNew = store.completions.record(sub.id, { memberId: member.id, memberName: member.name, ...lesson, day: today, via, at: now });
  }
  const excused = excusedDays(store, sub, now);
  const streak = recordActivity(sub.streak, today, excused);
  if (streak !== sub.streak) {
    store.subscribers.update(sub.id, { streak }, now);
    sub.streak = streak;
  }
  return { isNew, streak: currentStreak(streak, today, excused) };
}
