/**
 * An answer to a question asked: judged against the answer key kept with the ask (so an answer to a
 * question edited meanwhile is still judged), recorded once per member (a second answer changes
 * nothing), and — unless it is practice — the learner's card scheduled by FSRS, the week's score and
 * the chat's streak counted; then the learner's next question is asked.
 */
import { localDay } from "../../schedule/zonedTime.js";
import { isoWeek } from "../../schedule/isoWeek.js";
import type { Store } from "../../store/store.js";
import type { Ask, CardState } from "../../store/quiz/index.js";
import { recordLearning, type Learner } from "../activity.js";
import type { Courses } from "../courses.js";
import type { QuizQuestion } from "../../contract/lessons.js";
import { newCard, rate } from "./fsrs.js";
import { findQuestion, isRight } from "./questionBook.js";
import { askNext, type Next } from "./session.js";

export type AnswerOutcome =
  /** Recorded; `question`: as the content has it now (absent once edited away). */
  | { kind: "recorded"; right: boolean; ask: Ask; question?: QuizQuestion; next: Next }
  /** This member had answered it already: the first answer stands. */
  | { kind: "already"; right: boolean; ask: Ask }
  /** Asked to another member (their own review). */
  | { kind: "not_yours"; ask: Ask }
  /** Not an option of the question. */
  | { kind: "invalid"; ask: Ask; options: number }
  /** No such question asked (forged data, a poll of a crashed send, a chat gone). */
  | { kind: "unknown" };

export function recordAnswer(store: Store, courses: Courses, askId: number, member: Learner, chosen: readonly number[], now: number): AnswerOutcome {
  const ask = store.quiz.asks.get(askId);
  const sub = ask && store.subscribers.get(ask.subscriberId);
  if (!ask || !sub) return { kind: "unknown" };
  if (ask.memberId !== "" && ask.memberId !== member.id) return { kind: "not_yours", ask };
  const catalogue = courses.has(sub.platform) ? courses.for(sub.platform) : undefined;
  const question = catalogue && findQuestion(catalogue, ask.courseId, ask.questionId)?.question;
  const options = question?.options.length ?? Math.max(...ask.correct, 2);
  const picked = [...new Set(chosen)].sort((a, b) => a - b);
  if (picked.length === 0 || picked.some((k) => !Number.isInteger(k) || k < 1 || k > options)) return { kind: "invalid", ask, options };
  const previous = store.quiz.log.answerOf(ask.id, member.id);
  if (previous) return { kind: "already", right: previous.correct, ask };
  const right = isRight(picked, ask.correct);
  return store.transaction((): AnswerOutcome => {
    const key = { subscriberId: sub.id, memberId: member.id, courseId: ask.courseId, questionId: ask.questionId };
    const card = store.quiz.cards.get(key);
    let cardId: number | null = card?.id ?? null;
    let rating: number | null = null;
    let after: CardState | null = null;
    // Practice leaves the schedule alone; a question edited away (its card retired) schedules nothing.
    const schedules = ask.purpose !== "practice" && question !== undefined && card?.status !== "retired";
    if (schedules) {
      const r = rate(card ?? newCard(now), right, now);
      ({ state: after, rating } = r);
      if (card) store.quiz.cards.update(card.id, after, now);
      else cardId = store.quiz.cards.insert({ ...key, lessonId: ask.lessonId }, after, now);
    }
    const day = localDay(now, sub.timeZone);
    const recorded = store.quiz.log.record({
      askId: ask.id,
      subscriberId: sub.id,
      memberId: member.id,
      memberName: member.name,
      courseId: ask.courseId,
      questionId: ask.questionId,
      cardId,
      purpose: ask.purpose,
      chosen: picked,
      correct: right,
      rating,
      after,
      day,
      at: now,
    });
    if (!recorded) return { kind: "already", right, ask };
    if (ask.purpose !== "practice") {
      store.quiz.scores.add(sub.id, isoWeek(day), member, right);
      // A day with a question answered (a lesson's, or a review) counts for the chat's streak.
      recordLearning(store, sub, { courseId: ask.courseId, lessonId: ask.lessonId }, "done", undefined, now);
    }
    let next: Next = { replies: [] };
    if (ask.memberId !== "" && ask.status === "open") {
      store.quiz.asks.setStatus(ask.id, "answered", now);
      if (catalogue) next = askNext(store, sub, member.id, catalogue, now);
    }
    return { kind: "recorded", right, ask, ...(question ? { question } : {}), next };
  });
}
