import type { LessonFormat, Platform } from "../contract/lessons.js";
import type { Learning } from "../learning/assemble.js";
import type { Catalogue } from "../learning/catalogue.js";
import { syncFollows } from "../learning/catalogueSync.js";
import type { Courses } from "../learning/courses.js";
import type { Logger } from "../log.js";
import { CourseReloader } from "../ops/reload.js";
import type { Store } from "../store/store.js";
import { watchContent } from "../ops/watchContent.js";

/**
 * Content reload as the bot and the console chat both run it: an edit under the content folders is
 * read and rendered again, then the follows are synced (followers of a course gone are told), learners
 * who had finished get lessons again if a course grew, and deliveries held back resume. Returns the stop.
 * While `delivering` says no (a standby waiting for the lock, a start still connecting) an edit is
 * rendered only: the follows are synced when the process starts delivering.
 */
export function reloadOnEdits(opts: {
  dirs: readonly string[];
  targets: readonly { platform: Platform; formats: readonly LessonFormat[] }[];
  courses: Courses;
  load: (platform: Platform, formats: readonly LessonFormat[]) => Promise<Catalogue>;
  store: Store;
  learning: Learning;
  log: Logger;
  delivering?: () => boolean;
}): () => void {
  const { store, courses, learning, log } = opts;
  const reloader = new CourseReloader({
    targets: opts.targets,
    courses,
    load: opts.load,
    afterReload: () => {
      if (opts.delivering && !opts.delivering()) return;
      syncFollows(store, courses, Date.now(), log);
      learning.scheduler.rescheduleIdle();
      learning.delivery.resumePending();
    },
    log,
  });
  return watchContent(opts.dirs, () => void reloader.reload(), log);
}
