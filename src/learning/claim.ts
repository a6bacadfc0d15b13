import type { Catalogue } from "./catalogue.js";
import type { CourseView } from "./courseView.js";
import { currentIndex, inCatalogueOrder } from "./followed.js";
import { lessonMessageCount } from "./lessonMessages.js";
import { dayExtras, writeReviews } from "./quiz/reviewClaim.js";
import type { Platform } from "../contract/lessons.js";
import { openKey, type NewDelivery } from "../store/ledger.js";
import type { Store } from "../store/store.js";
import type { Delivery, Follow, Subscriber } from "../store/types.js";
import { nextDueAt, parseSendTime } from "../schedule/dueTime.js";
import { localDay } from "../schedule/zonedTime.js";

/** Chats read and written together: their pages stay in SQLite's cache between the read and the write. */
const CHUNK = 500;

export interface ClaimResult {
  /** Due subscribers read (a full batch means more may be due). */
  selected: number;
  /** Subscribers claimed (their due time moved to the next day). */
  claimed: number;
  /** Ledger rows to send now: new lessons, course-complete notices, and failed ones resumed. */
  deliveries: number[];
}

/** What one followed course gives a chat today. */
type Step = { view: CourseView } & ({ type: "resume"; id: number; failed: boolean } | { type: "lesson"; index: number } | { type: "complete" });

/**
 * Claims up to `limit` chats of `platform` whose due time has passed, in one transaction. Each course a
 * chat follows gets exactly one delivery (however many days were missed), in catalogue order, each its
 * own ledger row: the next lesson (the chat's place there moves to it), or the course's unfinished
 * delivery resumed instead, or — the course finished — its course-complete notice, once. The chat's
 * next due time becomes the first send time after now in its own zone, on a later local day, while
 * any course still has something to send, or the chat has cards to review, or a weekly leaderboard;
 * none otherwise. Before the lessons come the day's review (up to `reviewPerDay` cards due, the first
 * question with the header; a group gets a Review button instead), after them a group's weekly
 * leaderboard on Mondays.
 */
export function claimDue(store: Store, catalogue: Catalogue, platform: Platform, now: number, limit: number, reviewPerDay = 3): ClaimResult {
  const { subscribers, follows, ledger } = store;
  const result: ClaimResult = { selected: 0, claimed: 0, deliveries: [] };
  // Chats sharing a zone and a send time share their next due time: computed once per tick.
  const nextDue = new Map<string, number>();
  const nextFor = (sub: Subscriber): number => {
    const key = `${sub.timeZone}|${sub.sendTime}`;
    let next = nextDue.get(key);
    if (next === undefined) {
      const time = parseSendTime(sub.sendTime) ?? { hour: 7, minute: 0 };
      next = nextDueAt(time, sub.timeZone, now, localDay(now, sub.timeZone));
      nextDue.set(key, next);
    }
    return next;
  };
  // New rows are written together at the end (one statement); resumed ones are listed first.
  const fresh: NewDelivery[] = [];
  // The ids come from the index alone; the rows are then read and written in id order, a chunk at
  // a time (10,000 chats in due order touch far more pages than the cache holds, twice). Read before
  // the transaction: a minute with nothing due costs one statement (on PostgreSQL one round trip, not
  // three); each claim is a compare-and-set on the due time it was selected with all the same.
  const due = subscribers.dueIds(platform, now, limit);
  result.selected = due.length;
  if (due.length === 0) return result;
  store.transaction(() => {
    const open = ledger.allOpen();
    const ordered = [...due].sort((a, b) => a - b);
    for (let start = 0; start < ordered.length; start += CHUNK) {
      const chunk = ordered.slice(start, start + CHUNK);
      const followsOf = follows.followingOf(chunk);
      const subs = subscribers.byIds(chunk);
      const extras = dayExtras(store, subs, catalogue, now, reviewPerDay);
      const planned = subs.map((sub) => ({ sub, steps: stepsOf(sub, followsOf.get(sub.id) ?? [], catalogue, open), extra: extras.get(sub.id) }));
      // Chats whose courses are all finished keep a daily time while they have cards to review.
      const idle = planned.filter((p) => !p.steps.some((s) => s.type !== "complete") && !p.extra?.leaderboardWeek).map((p) => p.sub.id);
      const reviewing = store.quiz.cards.chatsWithCards(idle);
      const claims = planned.map(({ sub, steps, extra }) => {
        // A lesson given today means tomorrow brings the next one, or the course-complete notice.
        const more = steps.some((s) => s.type !== "complete") || extra?.leaderboardWeek !== undefined || reviewing.has(sub.id);
        return { sub, nextDueAt: more ? nextFor(sub) : null, lastDailyAt: more ? now : null };
      });
      // One compare-and-set statement for the chunk, not one per chat (on PostgreSQL each is a round trip).
      const won = subscribers.claimMany(claims, now);
      const claimedNow = planned.filter((p) => won.has(p.sub.id));
      result.claimed += claimedNow.length;
      const reviews = writeReviews(store, claimedNow, now);
      const moves: Move[] = [];
      for (const { sub, steps, extra } of claimedNow) {
        const review = reviews.get(sub.id);
        if (review) fresh.push(review);
        for (const step of steps) {
          if (step.type === "resume") {
            if (step.failed) ledger.reopen(step.id, now);
            result.deliveries.push(step.id);
          } else fresh.push(write(store, sub, step, now, moves));
        }
        if (extra?.leaderboardWeek) {
          store.quiz.scores.markPosted(sub.id, extra.leaderboardWeek);
          fresh.push({ subscriberId: sub.id, kind: "leaderboard", courseId: null, lessonId: extra.leaderboardWeek, trigger: "daily", dueAt: sub.nextDueAt, messageCount: 1 });
        }
      }
      store.follows.moveMany(moves, now);
    }
    result.deliveries.push(...ledger.createMany(fresh, now));
  });
  return result;
}

/** What each course the chat follows gives today, in catalogue order; decided before anything is written. */
function stepsOf(sub: Subscriber, follows: readonly Follow[], catalogue: Catalogue, open: ReadonlyMap<string, Delivery>): Step[] {
  const steps: Step[] = [];
  for (const f of inCatalogueOrder(follows, catalogue)) {
    const { view } = f;
    const unfinished = open.get(openKey(sub.id, view.id));
    if (unfinished) steps.push({ view, type: "resume", id: unfinished.id, failed: unfinished.status === "failed" });
    else if (view.lesson(currentIndex(f) + 1)) steps.push({ view, type: "lesson", index: currentIndex(f) + 1 });
    else if (!f.follow.completedNotified && view.size > 0) steps.push({ view, type: "complete" });
  }
  return steps;
}

/** A chat's new place in a course, written with the chunk's others. */
type Move = Parameters<Store["follows"]["moveMany"]>[0][number];

/** Notes the chat's move to the lesson in `moves` (or marks the course told complete) and returns the delivery to write. */
function write(store: Store, sub: Subscriber, step: Step & { type: "lesson" | "complete" }, now: number, moves: Move[]): NewDelivery {
  const { view } = step;
  if (step.type === "complete") {
    store.follows.update(sub.id, view.id, { completedNotified: true }, now);
    return { subscriberId: sub.id, kind: "course_complete", courseId: view.id, lessonId: "", trigger: "daily", dueAt: sub.nextDueAt, messageCount: 1 };
  }
  const lesson = view.lesson(step.index)!;
  moves.push({ subscriberId: sub.id, courseId: view.id, position: lesson.id, ordinal: step.index });
  return { subscriberId: sub.id, kind: "lesson", courseId: view.id, lessonId: lesson.id, trigger: "daily", dueAt: sub.nextDueAt, messageCount: lessonMessageCount(lesson, view.format) };
}
