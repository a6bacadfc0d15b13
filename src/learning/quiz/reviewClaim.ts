/**
 * What the minute tick adds to a chat's day besides its lessons: the review of the cards due (a private
 * learner's first question comes with the header, before the lessons; a group gets a Review button), and
 * on Mondays a group's weekly leaderboard when it asked for one. Read for a chunk of due chats at once.
 */
import { addDays, localDay } from "../../schedule/zonedTime.js";
import { isMonday, isoWeek } from "../../schedule/isoWeek.js";
import type { Store } from "../../store/store.js";
import type { Subscriber } from "../../store/types.js";
import type { NewDelivery } from "../../store/ledger.js";
import type { DueCard, NewAsk } from "../../store/quiz/index.js";
import type { Catalogue } from "../catalogue.js";
import { findQuestion } from "./questionBook.js";

export interface DayExtras {
  /** A private chat's review: its asks (the first open, the rest queued), most overdue first. */
  asks: NewAsk[];
  /** A group's cards due, each member's up to the day's number. */
  groupDue: number;
  /** A group's weekly summary to post (the ISO week that just ended). */
  leaderboardWeek?: string;
}

/** The review and leaderboard of each due chat of a chunk (chats with nothing get no entry). */
export function dayExtras(store: Store, subs: readonly Subscriber[], catalogue: Catalogue, now: number, perDay: number): Map<number, DayExtras> {
  const out = new Map<number, DayExtras>();
  if (perDay <= 0 && subs.every((s) => s.kind === "private")) return out;
  const learners = subs.filter((s) => s.kind !== "channel");
  const cards = perDay > 0 ? store.quiz.cards.dueInChats(learners.map((s) => s.id), now, perDay) : [];
  const byChat = new Map<number, DueCard[]>();
  for (const c of cards) {
    const list = byChat.get(c.subscriberId);
    if (list) list.push(c);
    else byChat.set(c.subscriberId, [c]);
  }
  const weekly = store.quiz.scores.weeklyOf(subs.filter((s) => s.kind !== "private").map((s) => s.id));
  for (const sub of subs) {
    const due = byChat.get(sub.id) ?? [];
    const extras: DayExtras = { asks: [], groupDue: 0 };
    if (sub.kind === "private") {
      const askable = due
        .map((c) => ({ c, found: findQuestion(catalogue, c.courseId, c.questionId) }))
        .filter((x) => x.found !== undefined)
        .sort((a, b) => a.c.dueAt - b.c.dueAt || a.c.id - b.c.id)
        .slice(0, perDay);
      extras.asks = askable.map(({ c, found }, i) => ({
        subscriberId: sub.id,
        memberId: c.memberId,
        chatId: "",
        courseId: c.courseId,
        lessonId: found!.lesson.id,
        questionId: c.questionId,
        correct: found!.question.answers,
        purpose: "review",
        via: "ledger",
        status: i === 0 ? "open" : "queued",
      }));
    } else extras.groupDue = due.length;
    const last = weekly.get(sub.id);
    if (last !== undefined) {
      const today = localDay(now, sub.timeZone);
      const week = isoWeek(addDays(today, -7));
      if (isMonday(today) && last !== week) extras.leaderboardWeek = week;
    }
    if (extras.asks.length || extras.groupDue || extras.leaderboardWeek) out.set(sub.id, extras);
  }
  return out;
}

/**
 * The day's review of each claimed chat that has one: a private learner's questions written in one
 * statement (a new day closes yesterday's unanswered ones; late answers still count), the header and
 * first question as one delivery; a group's notice with its Review button.
 */
export function writeReviews(store: Store, claimed: readonly { sub: Subscriber; extra: DayExtras | undefined }[], now: number): Map<number, NewDelivery> {
  const out = new Map<number, NewDelivery>();
  const learners = claimed.filter((c) => c.extra?.asks.length);
  if (learners.length) {
    store.quiz.asks.closeChats(learners.map((c) => c.sub.id), now);
    const ids = store.quiz.asks.createMany(learners.flatMap((c) => c.extra!.asks), now);
    let k = 0;
    for (const { sub, extra } of learners) {
      out.set(sub.id, { subscriberId: sub.id, kind: "review", courseId: null, lessonId: String(ids[k]), trigger: "daily", dueAt: sub.nextDueAt, messageCount: 2 });
      k += extra!.asks.length;
    }
  }
  for (const { sub, extra } of claimed) {
    if (extra?.groupDue) out.set(sub.id, { subscriberId: sub.id, kind: "review", courseId: null, lessonId: "", trigger: "daily", dueAt: sub.nextDueAt, messageCount: 1 });
  }
  return out;
}
