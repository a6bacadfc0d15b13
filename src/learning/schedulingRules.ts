import { formatLocalDateTime, type Schedule } from "../i18n/index.js";
import { nextDueAt, parseSendTime } from "../schedule/dueTime.js";
import { localDay } from "../schedule/zonedTime.js";
import { finished, type Followed } from "./followed.js";
import type { Store } from "../store/store.js";
import type { Subscriber } from "../store/types.js";

/**
 * When the chat's next daily lessons are due (null when none should come: not active, or every
 * course it follows is finished, or it follows none, and it has no cards to review). Never on the local day daily lessons were
 * already given, even after a change of time or zone.
 */
export function computeNextDue(sub: Subscriber, followed: readonly Followed[], now: number, reviews = false): number | null {
  // `reviews`: the chat has cards to review (or a weekly leaderboard): its days go on after its courses end.
  if (sub.status !== "active" || (followed.every(finished) && !reviews)) return null;
  const time = parseSendTime(sub.sendTime) ?? { hour: 7, minute: 0 };
  const skip = sub.lastDailyAt !== null ? localDay(sub.lastDailyAt, sub.timeZone) : undefined;
  return nextDueAt(time, sub.timeZone, now, skip);
}

export function scheduleOf(sub: Pick<Subscriber, "sendTime" | "timeZone" | "nextDueAt" | "language">): Schedule {
  const s: Schedule = { time: sub.sendTime, zone: sub.timeZone };
  if (sub.nextDueAt !== null) s.next = formatLocalDateTime(sub.nextDueAt, sub.timeZone, sub.language);
  return s;
}

/** Whether the chat's days go on without lessons: it has cards to review, or a group's weekly leaderboard. */
export function keepsDays(store: Store, sub: Pick<Subscriber, "id">): boolean {
  return store.quiz.cards.chatsWithCards([sub.id]).size > 0 || store.quiz.scores.settings(sub.id).weekly;
}
