import { formatLocalDateTime, type Schedule } from "../i18n/index.js";
import { nextDueAt, parseSendTime } from "../schedule/dueTime.js";
import { localDay } from "../schedule/zonedTime.js";
import type { CourseView } from "./courseView.js";
import type { Subscriber } from "../store/types.js";

/** Whether the learner has received the last lesson. */
export function finishedCourse(sub: Subscriber, course: CourseView): boolean {
  return course.indexOfPosition(sub.position, sub.positionOrdinal) >= course.size - 1;
}

/**
 * When the next daily lesson is due for `sub` (null when none should come: not active, or the course
 * is finished). Never on the local day a daily lesson was already given, even after a change of time
 * or zone.
 */
export function computeNextDue(sub: Subscriber, course: CourseView, now: number): number | null {
  if (sub.status !== "active" || finishedCourse(sub, course)) return null;
  const time = parseSendTime(sub.sendTime) ?? { hour: 7, minute: 0 };
  const skip = sub.lastDailyAt !== null ? localDay(sub.lastDailyAt, sub.timeZone) : undefined;
  return nextDueAt(time, sub.timeZone, now, skip);
}

export function scheduleOf(sub: Pick<Subscriber, "sendTime" | "timeZone" | "nextDueAt" | "language">): Schedule {
  const s: Schedule = { time: sub.sendTime, zone: sub.timeZone };
  if (sub.nextDueAt !== null) s.next = formatLocalDateTime(sub.nextDueAt, sub.timeZone, sub.language);
  return s;
}
