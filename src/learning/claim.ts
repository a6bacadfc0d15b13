import type { CourseView } from "./courseView.js";
import { lessonMessageCount } from "./lessonMessages.js";
import type { Platform } from "../contract/lessons.js";
import type { Store } from "../store/store.js";
import { nextDueAt, parseSendTime } from "../schedule/dueTime.js";
import { localDay } from "../schedule/zonedTime.js";

export interface ClaimResult {
  /** Due subscribers read (a full batch means more may be due). */
  selected: number;
  /** Subscribers claimed (their due time moved to the next day). */
  claimed: number;
  /** Ledger rows to send now: new lessons, course-complete notices, and failed ones resumed. */
  deliveries: number[];
}

/**
 * Claims up to `limit` subscribers of `platform` whose due time has passed, in one transaction: each gets
 * exactly one delivery (however many days were missed), its position moves to that lesson, and its next
 * due time becomes the first send time after now in its own zone, on a later local day. A subscriber
 * whose previous delivery is unfinished gets that one resumed instead of a new lesson; one who finished
 * the course gets the course-complete notice once and is not scheduled again.
 */
export function claimDue(store: Store, course: CourseView, platform: Platform, now: number, limit: number): ClaimResult {
  const { subscribers, ledger } = store;
  const result: ClaimResult = { selected: 0, claimed: 0, deliveries: [] };
  // Subscribers sharing a zone and a send time share their next due time: computed once per tick.
  const nextDue = new Map<string, number>();
  store.transaction(() => {
    const due = subscribers.dueAt(platform, now, limit);
    result.selected = due.length;
    const open = due.length > 0 ? ledger.allOpen() : new Map();
    for (const sub of due) {
      const key = `${sub.timeZone}|${sub.sendTime}`;
      let next = nextDue.get(key);
      if (next === undefined) {
        const time = parseSendTime(sub.sendTime) ?? { hour: 7, minute: 0 };
        next = nextDueAt(time, sub.timeZone, now, localDay(now, sub.timeZone));
        nextDue.set(key, next);
      }

      const unfinished = open.get(sub.id);
      if (unfinished) {
        const claim = { nextDueAt: next, lastDailyAt: now, position: sub.position, positionOrdinal: sub.positionOrdinal };
        if (!subscribers.claim(sub, claim, now)) continue;
        if (unfinished.status === "failed") ledger.reopen(unfinished.id, now);
        result.deliveries.push(unfinished.id);
        result.claimed++;
        continue;
      }

      const current = course.indexOfPosition(sub.position, sub.positionOrdinal);
      const lesson = course.lesson(current + 1);
      if (!lesson) {
        if (!subscribers.update(sub.id, { nextDueAt: null, completedNotified: true }, now, sub.nextDueAt!)) continue;
        result.claimed++;
        if (!sub.completedNotified && course.size > 0) {
          result.deliveries.push(
            ledger.create(
              { subscriberId: sub.id, kind: "course_complete", lessonId: "", trigger: "daily", dueAt: sub.nextDueAt, messageCount: 1 },
              now,
            ),
          );
        }
        continue;
      }
      const claim = { nextDueAt: next, lastDailyAt: now, position: lesson.id, positionOrdinal: current + 1 };
      if (!subscribers.claim(sub, claim, now)) continue;
      result.claimed++;
      result.deliveries.push(
        ledger.create(
          {
            subscriberId: sub.id,
            kind: "lesson",
            lessonId: lesson.id,
            trigger: "daily",
            dueAt: sub.nextDueAt,
            messageCount: lessonMessageCount(lesson, course.course.format),
          },
          now,
        ),
      );
    }
  });
  return result;
}
