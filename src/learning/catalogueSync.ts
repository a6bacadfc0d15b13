import type { Logger } from "pino";
import type { Store } from "../store/store.js";
import type { Courses } from "./courses.js";
import { syncQuestions } from "./quiz/questionSync.js";

export interface SyncResult {
  /** Follows of schema 4 given their course. */
  resolved: number;
  /** Notices queued: a followed course is no longer offered. */
  withdrawn: number;
  /** Follows of a withdrawn course offered again. */
  restored: number;
}

/**
 * Brings the store in line with the catalogues the bot serves now; runs at start and after each
 * content reload, in one transaction. It
 * - remembers every course offered (its title outlives the content);
 * - gives each follow migrated from schema 4 its course: the one holding the chat's lesson, else
 *   the first (the only one, for content that is one course);
 * - tells the followers of a course no longer offered, once, through the ledger (send them with
 *   `resumePending`), and stops its lessons; their follows are kept;
 * - lets the followers of a withdrawn course that is offered again follow it on, at their place;
 * - retires the cards of quiz questions edited or removed (`syncQuestions`).
 * A platform whose catalogue is empty (content unreadable for a moment) changes nothing.
 */
export function syncFollows(store: Store, courses: Courses, now: number, log: Logger): SyncResult {
  const result: SyncResult = { resolved: 0, withdrawn: 0, restored: 0 };
  store.transaction(() => {
    for (const platform of courses.platforms) {
      const catalogue = courses.for(platform);
      const [first] = catalogue.courses;
      if (!first) {
        log.warn({ platform }, "the catalogue is empty: followed courses are left as they are");
        continue;
      }
      for (const course of catalogue.courses) store.courses.offered(course.id, course.info.title, now);
      for (const position of store.follows.unresolvedPositions(platform)) {
        const course = (position !== null ? catalogue.holding(position) : undefined) ?? first;
        result.resolved += store.follows.resolve(platform, position, course.id);
      }
      for (const id of store.follows.courseIds()) {
        if (id === "") continue;
        if (catalogue.byId(id)) result.restored += store.follows.restore(platform, id, now);
        else result.withdrawn += store.follows.withdraw(platform, id, now);
      }
    }
  });
  const questions = syncQuestions(store, courses, now);
  if (questions.retired) log.info(questions, "quiz questions edited or removed: their cards are retired");
  if (result.resolved) log.info({ follows: result.resolved }, "follows of the single-course schema given their course");
  if (result.withdrawn) log.info({ notices: result.withdrawn }, "followers told that a course is no longer offered");
  if (result.restored) log.info({ follows: result.restored }, "a course is offered again: its followers follow it on");
  return result;
}
