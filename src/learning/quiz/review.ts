/**
 * A review session for one learner: `/review` (the cards due), `/review all` (practice: any cards, the
 * schedule untouched), a group member's Review button. The header and the first question go out
 * together; the others follow one at a time as they are answered.
 */
import { catalogFor, markupFor } from "../../i18n/index.js";
import type { Store } from "../../store/store.js";
import type { Subscriber } from "../../store/types.js";
import type { Card } from "../../store/quiz/index.js";
import type { Catalogue } from "../catalogue.js";
import type { OutgoingMessage } from "../sender.js";
import { retrievability } from "./fsrs.js";
import { findQuestion } from "./questionBook.js";
import { askMessage } from "./session.js";

/** At most this many questions in one /review or /review all. */
export const SESSION_MAX = 20;
export const PRACTICE_MAX = 10;

export type ReviewStart =
  | { kind: "no_cards" }
  | { kind: "nothing_due"; nextDueAt: number | null }
  /** `deliveryId`: the header and first question, through the ledger; `replies`: the same as replies. */
  | { kind: "started"; n: number; deliveryId?: number; replies: OutgoingMessage[] };

export interface ReviewWhere {
  /** "" the chat's own; else a group member's private chat. */
  chatId: string;
  via: "ledger" | "reply";
}

/** The review's header: how many cards, review or practice. */
export function reviewHeader(sub: Pick<Subscriber, "language" | "platform">, n: number, practice: boolean): OutgoingMessage {
  return { text: catalogFor(sub.language).reviewHeader(markupFor(sub.platform), { n, practice }) };
}

export function startReview(store: Store, sub: Subscriber, memberId: string, catalogue: Catalogue, where: ReviewWhere, practice: boolean, now: number): ReviewStart {
  // Only cards whose question the content still offers can be asked.
  const askable = (c: Card): boolean => findQuestion(catalogue, c.courseId, c.questionId) !== undefined;
  let cards: Card[];
  if (practice) {
    // The weakest first: what the learner is likeliest to have forgotten.
    const all = store.quiz.cards.active(sub.id, memberId).filter(askable);
    if (all.length === 0) return { kind: "no_cards" };
    cards = all
      .map((c) => ({ c, r: retrievability(c, now) }))
      .sort((a, b) => a.r - b.r || a.c.id - b.c.id)
      .slice(0, PRACTICE_MAX)
      .map((x) => x.c);
  } else {
    cards = store.quiz.cards.due(sub.id, now, SESSION_MAX, memberId).filter(askable);
    if (cards.length === 0) {
      const all = store.quiz.cards.active(sub.id, memberId);
      if (all.length === 0) return { kind: "no_cards" };
      return { kind: "nothing_due", nextDueAt: Math.min(...all.map((c) => c.dueAt)) };
    }
  }
  return store.transaction(() => {
    store.quiz.asks.closeLearner(sub.id, memberId, now);
    const ids = store.quiz.asks.createMany(
      cards.map((c, i) => ({
        subscriberId: sub.id,
        memberId,
        chatId: where.chatId,
        courseId: c.courseId,
        lessonId: findQuestion(catalogue, c.courseId, c.questionId)!.lesson.id,
        questionId: c.questionId,
        correct: findQuestion(catalogue, c.courseId, c.questionId)!.question.answers,
        purpose: practice ? ("practice" as const) : ("review" as const),
        via: where.via,
        status: i === 0 ? ("open" as const) : ("queued" as const),
      })),
      now,
    );
    if (where.via === "reply") {
      const first = askMessage(store.quiz.asks.get(ids[0]!)!, sub, catalogue)!;
      return { kind: "started" as const, n: cards.length, replies: [reviewHeader(sub, cards.length, practice), first] };
    }
    const deliveryId = store.ledger.create(
      { subscriberId: sub.id, kind: "review", courseId: null, lessonId: String(ids[0]), trigger: "on_demand", dueAt: null, messageCount: 2 },
      now,
    );
    return { kind: "started" as const, n: cards.length, deliveryId, replies: [] };
  });
}
