import type { Store } from "../../store/store.js";
import type { Subscriber } from "../../store/types.js";
import type { Catalogue } from "../catalogue.js";
import type { CourseView } from "../courseView.js";
import { askNext } from "./session.js";

/**
 * After ✅ (or /done) on a lesson, its questions follow. In a private chat they are the learner's,
 * one at a time, each not asked before (a card already holds it); in a group or channel they are
 * posted once, after the lesson's first ✅, and every member answers for themselves. Returns the
 * deliveries to start (after the ✅ answer is sent).
 */
export function askLessonQuestions(store: Store, sub: Subscriber, memberId: string, course: CourseView, lessonId: string, catalogue: Catalogue, now: number): number[] {
  const questions = course.byId(lessonId)?.quiz ?? [];
  if (questions.length === 0) return [];
  const base = { subscriberId: sub.id, chatId: "", courseId: course.id, lessonId, purpose: "lesson" as const, via: "ledger" as const };
  return store.transaction(() => {
    if (sub.kind !== "private") {
      if (store.quiz.asks.postedToGroup(sub.id, course.id, lessonId)) return [];
      const ids = store.quiz.asks.createMany(
        questions.map((q) => ({ ...base, memberId: "", questionId: q.id, correct: q.answers, status: "open" as const })),
        now,
      );
      return ids.map((askId) =>
        store.ledger.create({ subscriberId: sub.id, kind: "quiz", courseId: course.id, lessonId: String(askId), trigger: "on_demand", dueAt: null, messageCount: 1 }, now),
      );
    }
    const queued = new Set(store.quiz.asks.pending(sub.id, memberId).map((a) => `${a.courseId}\u0000${a.questionId}`));
    const fresh = questions.filter(
      (q) => !queued.has(`${course.id}\u0000${q.id}`) && !store.quiz.cards.get({ subscriberId: sub.id, memberId, courseId: course.id, questionId: q.id }),
    );
    if (fresh.length === 0) return [];
    store.quiz.asks.createMany(fresh.map((q) => ({ ...base, memberId, questionId: q.id, correct: q.answers, status: "queued" as const })), now);
    const next = askNext(store, sub, memberId, catalogue, now);
    return next.deliveryId === undefined ? [] : [next.deliveryId];
  });
}
