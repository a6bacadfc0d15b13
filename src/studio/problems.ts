/**
 * Which lesson a problem belongs to: a problem of a post falls in the lesson whose lines hold it (a
 * problem at line 0, or in the front matter, in the post's first lesson). Problems of no post (the
 * course's configuration, a file that is no post) belong to no lesson.
 */
import { checkProblems, coursesOf, postFile, type Snapshot, type StudioProblem } from "./model.js";

export interface PlacedProblems {
  /** Per course id, per lesson index: the problems inside that lesson. */
  byLesson: Map<string, StudioProblem[][]>;
  /** Per post file: all of its problems. */
  byFile: Map<string, StudioProblem[]>;
  /** Problems in no lesson's post. */
  elsewhere: StudioProblem[];
}

const placed = new WeakMap<Snapshot, PlacedProblems>();

export function placeProblems(s: Snapshot): PlacedProblems {
  const known = placed.get(s);
  if (known) return known;
  const byLesson = new Map<string, StudioProblem[][]>();
  /** Per post file: its lessons as [course id, lesson index, first line]. */
  const lessonsOfFile = new Map<string, { course: string; index: number; from: number }[]>();
  for (const course of coursesOf(s)) {
    byLesson.set(course.id, course.lessons.map(() => []));
    course.lessons.forEach((lesson, index) => {
      const file = postFile(course, lesson);
      const list = lessonsOfFile.get(file) ?? [];
      // The post's first lesson also holds its front matter and whole-file problems.
      list.push({ course: course.id, index, from: list.length === 0 ? 0 : (lesson.layout?.blocks[0]?.line ?? Number.MAX_SAFE_INTEGER) });
      lessonsOfFile.set(file, list);
    });
  }
  const byFile = new Map<string, StudioProblem[]>();
  const elsewhere: StudioProblem[] = [];
  for (const p of checkProblems(s)) {
    const lessons = lessonsOfFile.get(p.file);
    if (!lessons) {
      elsewhere.push(p);
      continue;
    }
    byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
    let home = lessons[0]!;
    for (const l of lessons) if (l.from <= p.line) home = l;
    byLesson.get(home.course)![home.index]!.push(p);
  }
  const result = { byLesson, byFile, elsewhere };
  placed.set(s, result);
  return result;
}

export function counts(problems: readonly StudioProblem[]): { errors: number; warnings: number } {
  const errors = problems.filter((p) => p.severity === "error").length;
  return { errors, warnings: problems.length - errors };
}
