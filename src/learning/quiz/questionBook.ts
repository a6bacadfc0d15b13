import type { QuizQuestion, RenderedLesson } from "../../contract/lessons.js";
import type { Catalogue } from "../catalogue.js";
import type { CourseView } from "../courseView.js";

/** A question of a course, and the lesson it goes with now. */
export interface FoundQuestion {
  question: QuizQuestion;
  lesson: RenderedLesson;
}

/** Built once per course view (a reload makes new views): questions by id. */
const books = new WeakMap<CourseView, Map<string, FoundQuestion>>();

function bookOf(course: CourseView): Map<string, FoundQuestion> {
  let book = books.get(course);
  if (!book) {
    book = new Map();
    for (let i = 0; i < course.size; i++) {
      const lesson = course.lesson(i)!;
      for (const question of lesson.quiz ?? []) book.set(question.id, { question, lesson });
    }
    books.set(course, book);
  }
  return book;
}

/** The question as the content offers it now; undefined when it was edited or removed (its cards are retired). */
export function findQuestion(catalogue: Catalogue, courseId: string, questionId: string): FoundQuestion | undefined {
  const course = catalogue.byId(courseId);
  return course && bookOf(course).get(questionId);
}

/** Every question of every course offered, with its course and lesson. */
export function* questionsOf(catalogue: Catalogue): Generator<{ courseId: string; lessonId: string; question: QuizQuestion }> {
  for (const course of catalogue.courses) {
    for (const [, found] of bookOf(course)) yield { courseId: course.id, lessonId: found.lesson.id, question: found.question };
  }
}

/** Whether `chosen` (1-based) is exactly the set of right options. */
export function isRight(chosen: readonly number[], answers: readonly number[]): boolean {
  const a = new Set(answers);
  const c = new Set(chosen);
  return a.size === c.size && [...a].every((x) => c.has(x));
}
