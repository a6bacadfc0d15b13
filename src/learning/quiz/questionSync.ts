import type { Store } from "../../store/store.js";
import type { Courses } from "../courses.js";
import { questionsOf } from "./questionBook.js";

/**
 * Brings the question registry in line with the content (at start and after each reload). A question
 * whose id is gone — its text, section or post edited, or removed — is retired with its cards (they
 * keep their history and are never asked again); one back again (an edit undone) takes its cards back.
 * Courses not offered on any platform right now are left alone: a content folder unreadable for a
 * moment retires nothing. Returns the questions retired.
 */
export function syncQuestions(store: Store, courses: Courses, now: number): { retired: number; cards: number } {
  const offered = new Map<string, { courseId: string; questionId: string; lessonId: string }>();
  const coursesOffered = new Set<string>();
  for (const platform of courses.platforms) {
    const catalogue = courses.for(platform);
    for (const c of catalogue.courses) coursesOffered.add(c.id);
    for (const q of questionsOf(catalogue)) offered.set(`${q.courseId}\u0000${q.question.id}`, { courseId: q.courseId, questionId: q.question.id, lessonId: q.lessonId });
  }
  let retired = 0;
  let cards = 0;
  store.transaction(() => {
    for (const q of offered.values()) {
      if (store.quiz.questions.offer(q, now)) cards += store.quiz.cards.restoreQuestion(q.courseId, q.questionId, now);
    }
    for (const known of store.quiz.questions.all()) {
      if (known.status !== "offered" || !coursesOffered.has(known.courseId) || offered.has(`${known.courseId}\u0000${known.questionId}`)) continue;
      store.quiz.questions.retire(known.courseId, known.questionId, now);
      cards += store.quiz.cards.retireQuestion(known.courseId, known.questionId, now);
      retired++;
    }
  });
  return { retired, cards };
}
