import type { Catalogue } from "./catalogue.js";
import type { CourseView } from "./courseView.js";
import { currentIndex, inCatalogueOrder } from "./followed.js";
import { lessonMessageCount } from "./lessonMessages.js";
import type { Platform } from "../contract/lessons.js";
import { openKey } from "../store/ledger.js";
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
 * Claims up to `limit` chats of `platform` whose due time has passed, in one transaction. Each course a
 * chat follows gets exactly one delivery (however many days were missed), in catalogue order, each its
 * own ledger row: the next lesson (the chat's place there moves to it), or the course's unfinished
 * delivery resumed instead, or — the course finished — its course-complete notice, once. The chat's
 * next due time becomes the first send time after now in its own zone, on a later local day, while
 * any course still has something to send; none otherwise.
 */
export function claimDue(store: Store, catalogue: Catalogue, platform: Platform, now: number, limit: number): ClaimResult {
  const { subscribers, follows, ledger } = store;
  const result: ClaimResult = { selected: 0, claimed: 0, deliveries: [] };
  // Chats sharing a zone and a send time share their next due time: computed once per tick.
  const nextDue = new Map<string, number>();
  store.transaction(() => {
    const due = subscribers.dueAt(platform, now, limit);
    result.selected = due.length;
    const open = due.length > 0 ? ledger.allOpen() : new Map();
    const followsOf = follows.followingOf(due.map((s) => s.id));
    for (const sub of due) {
      const key = `${sub.timeZone}|${sub.sendTime}`;
      let next = nextDue.get(key);
      if (next === undefined) {
        const time = parseSendTime(sub.sendTime) ?? { hour: 7, minute: 0 };
        next = nextDueAt(time, sub.timeZone, now, localDay(now, sub.timeZone));
        nextDue.set(key, next);
      }

      // What each followed course gives today, decided before anything is written.
      const plan: ({ view: CourseView } & ({ type: "resume"; id: number; failed: boolean } | { type: "lesson"; index: number } | { type: "complete" }))[] = [];
      for (const f of inCatalogueOrder(followsOf.get(sub.id) ?? [], catalogue)) {
        const { view } = f;
        const unfinished = open.get(openKey(sub.id, view.id));
        if (unfinished) plan.push({ view, type: "resume", id: unfinished.id, failed: unfinished.status === "failed" });
        else if (view.lesson(currentIndex(f) + 1)) plan.push({ view, type: "lesson", index: currentIndex(f) + 1 });
        else if (!f.follow.completedNotified && view.size > 0) plan.push({ view, type: "complete" });
      }
      // A lesson given today means tomorrow brings the next one, or the course-complete notice.
      const more = plan.some((p) => p.type !== "complete");
      if (!subscribers.claim(sub, { nextDueAt: more ? next : null, lastDailyAt: more ? now : null }, now)) continue;
      result.claimed++;

      for (const p of plan) {
        const { view } = p;
        if (p.type === "resume") {
          if (p.failed) ledger.reopen(p.id, now);
          result.deliveries.push(p.id);
          continue;
        }
        if (p.type === "complete") {
          follows.update(sub.id, view.id, { completedNotified: true }, now);
          result.deliveries.push(
            ledger.create({ subscriberId: sub.id, kind: "course_complete", courseId: view.id, lessonId: "", trigger: "daily", dueAt: sub.nextDueAt, messageCount: 1 }, now),
          );
          continue;
        }
        const lesson = view.lesson(p.index)!;
        follows.move(sub.id, view.id, lesson.id, p.index, now);
        result.deliveries.push(
          ledger.create(
            {
              subscriberId: sub.id,
              kind: "lesson",
              courseId: view.id,
              lessonId: lesson.id,
              trigger: "daily",
              dueAt: sub.nextDueAt,
              messageCount: lessonMessageCount(lesson, view.format),
            },
            now,
          ),
        );
      }
    }
  });
  return result;
}
