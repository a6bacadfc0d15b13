/** Courses with quiz questions, and reading what the quiz tables hold, for the learning tests of issue 16. */
import type { QuizQuestion, RenderedCourse } from "../../src/contract/lessons.js";
import type { Platform } from "../../src/contract/lessons.js";
import { makeCourse, type World } from "./helpers.js";

/** Question `k` of lesson `i`: options A, B, C; the right one is B unless `answers` says otherwise. */
export function question(i: number, k: number, over: Partial<QuizQuestion> = {}): QuizQuestion {
  return { id: `q${i}-${k}`, question: `Question ${k} of lesson ${i}?`, options: ["A", "B", "C"], answers: [2], explain: `Because B (${i}.${k}).`, ...over };
}

/** A course of `n` lessons, each with `perLesson` questions. */
export function quizCourse(n: number, perLesson = 2, opts: { platform?: Platform } = {}): RenderedCourse {
  const course = makeCourse(n, opts);
  course.lessons.forEach((l, i) => (l.quiz = Array.from({ length: perLesson }, (_, k) => question(i + 1, k + 1))));
  return course;
}

/** The ledger's rows, in order. */
export function deliveries(w: World): { kind: string; lesson: string; trigger: string; status: string }[] {
  return w.store.db.prepare("SELECT kind, lesson_id AS lesson, trigger, status FROM deliveries ORDER BY id").all() as { kind: string; lesson: string; trigger: string; status: string }[];
}

export function cards(w: World): { member: string; question: string; status: string; due: string; reps: number; lapses: number }[] {
  return (
    w.store.db.prepare("SELECT member_id AS member, question_id AS question, status, due_at AS due, reps, lapses FROM cards ORDER BY id").all() as {
      member: string;
      question: string;
      status: string;
      due: number;
      reps: number;
      lapses: number;
    }[]
  ).map((c) => ({ ...c, due: new Date(c.due).toISOString() }));
}

/** The quiz prompts the sender got, as "question → options". */
export function asked(w: World): string[] {
  return w.sender.sent.filter((s) => s.message.quiz).map((s) => s.message.quiz!.question);
}

/** The button data under the last message carrying one. */
export function lastButton(w: World, prefix: string): string {
  for (let i = w.sender.sent.length - 1; i >= 0; i--) {
    const hit = w.sender.sent[i]!.message.buttons?.find((b) => b.data.startsWith(prefix));
    if (hit) return hit.data;
  }
  throw new Error(`no button ${prefix}…`);
}
