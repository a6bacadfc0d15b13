import type { Logger } from "pino";
import type { Courses } from "./courses.js";
import type { DeliveryService } from "./delivery.js";
import type { Store } from "../store/store.js";
import { computeNextDue, keepsDays } from "./schedulingRules.js";
import { claimDue } from "./claim.js";
import { finished, followedBy } from "./followed.js";
import type { Clock } from "../schedule/clock.js";

export interface TickResult {
  claimed: number;
  /** Deliveries started by this tick (new, resumed after failure, or left pending by a crash). */
  started: number;
}

/**
 * The minute tick: claim every due subscriber (in batches, each batch one transaction), then start
 * every pending delivery that is not already being sent. Sending happens in the background; the tick
 * itself only touches the database, so it is quick and never overlaps with itself.
 */
export class Scheduler {
  private readonly batchSize: number;

  constructor(
    private readonly deps: {
      store: Store;
      courses: Courses;
      delivery: DeliveryService;
      clock: Clock;
      log: Logger;
      /** Subscribers claimed per transaction. Default 5000. */
      batchSize?: number;
      /** REVIEW_PER_DAY: due cards asked with each day's lessons. Default 3. */
      reviewPerDay?: number;
    },
  ) {
    this.batchSize = deps.batchSize ?? 5000;
  }

  /**
   * At startup and after a reload: active chats with nothing scheduled (they had finished their
   * courses, or followed none with lessons) get a due time again when a course they follow now has
   * lessons after their place — an author who publishes more posts reaches the learners who had
   * finished; a withdrawn course offered again resumes.
   */
  rescheduleIdle(): number {
    const { store, courses, clock, log } = this.deps;
    const now = clock.now();
    let rescheduled = 0;
    store.transaction(() => {
      for (const sub of store.subscribers.idleActive()) {
        if (!courses.has(sub.platform)) continue;
        const followed = followedBy(store, sub, courses.for(sub.platform));
        const due = computeNextDue(sub, followed, now, keepsDays(store, sub));
        if (due === null) continue;
        store.subscribers.update(sub.id, { nextDueAt: due }, now);
        // A course that grew past its end will be complete again later: that is told once more.
        for (const f of followed) {
          if (f.follow.completedNotified && !finished(f)) store.follows.update(sub.id, f.view.id, { completedNotified: false }, now);
        }
        rescheduled++;
      }
    });
    if (rescheduled > 0) log.info({ rescheduled }, "new lessons for learners who had finished");
    return rescheduled;
  }

  tick(): TickResult {
    const { store, courses, delivery, clock, log } = this.deps;
    const now = clock.now();
    let claimed = 0;
    for (const platform of courses.platforms) {
      const catalogue = courses.for(platform);
      for (;;) {
        const batch = claimDue(store, catalogue, platform, now, this.batchSize, this.deps.reviewPerDay ?? 3);
        claimed += batch.claimed;
        if (batch.selected < this.batchSize) break;
      }
    }
    const started = delivery.resumePending();
    if (claimed > 0 || started > 0) log.info({ claimed, started }, "tick");
    return { claimed, started };
  }
}
