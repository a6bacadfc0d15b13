/**
 * `check`: every problem the courses have, as the author needs to see it. It runs the same
 * pipeline the bot uses (so what it reports is exactly what would go wrong in chat), into a
 * throw-away folder.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderCourse } from "./renderCourse.js";
import { formatProblem } from "../text/problemLine.js";
import type { CatalogueCourse, Problem, RenderedCatalogue } from "../contract/lessons.js";

/** What `check` tells of one course. */
export interface CourseSummary {
  id: string;
  title: string;
  language: string;
  posts: number;
  lessons: number;
  /** Total reading time in minutes, one decimal. */
  minutes: number;
}

export interface CatalogueCheck {
  courses: CourseSummary[];
  problems: RenderedCatalogue["problems"];
}

export async function checkCatalogue(opts: { contentDir: string | readonly string[]; cacheDir?: string }): Promise<CatalogueCheck> {
  const out = mkdtempSync(join(tmpdir(), "sau-phut-check-"));
  try {
    const result = await renderCourse({ contentDir: opts.contentDir, platform: "telegram", outDir: out, ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}) });
    return { courses: result.courses.map(summarize), problems: result.problems };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Every problem of every course. */
export async function checkCourse(opts: { contentDir: string | readonly string[]; cacheDir?: string }): Promise<Problem[]> {
  return (await checkCatalogue(opts)).problems;
}

export function summarize(course: CatalogueCourse): CourseSummary {
  return {
    id: course.id,
    title: course.title,
    language: course.language,
    posts: new Set(course.lessons.map((l) => l.post)).size,
    lessons: course.lessons.length,
    minutes: Math.round(course.lessons.reduce((s, l) => s + l.minutes, 0) * 10) / 10,
  };
}


/**
 * What `check` prints: problems of no course first (configuration, files that are no post), then
 * each course's summary line followed by its own problems, then the totals.
 */
export function checkReport(check: CatalogueCheck): string[] {
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? "" : "s"}`;
  const lines = check.problems.filter((p) => !p.course).map(formatProblem);
  for (const c of check.courses) {
    lines.push(`course ${c.id} "${c.title}" (${c.language}): ${count(c.posts, "post")}, ${count(c.lessons, "lesson")}, ${c.minutes} min`);
    lines.push(...check.problems.filter((p) => p.course === c.id).map(formatProblem));
  }
  const errors = check.problems.filter((p) => p.severity === "error").length;
  lines.push(`${count(check.courses.length, "course")}; ${errors} error(s), ${check.problems.length - errors} warning(s)`);
  return lines;
}

export { formatProblem };
