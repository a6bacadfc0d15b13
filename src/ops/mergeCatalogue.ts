/**
 * A re-read catalogue against the running one, course by course: what a content reload serves next.
 */
import type { Catalogue, CatalogueProblem } from "../learning/catalogue.js";
import type { CourseView } from "../learning/courseView.js";

export interface MergeResult {
  /** What to serve: the fresh catalogue, with broken courses at their previous version. */
  catalogue: Catalogue;
  /** Errors the edit brought, not seen before. */
  newErrors: CatalogueProblem[];
  /** Courses kept at their previous version (the edit broke them). */
  kept: string[];
  /** New courses held back until their errors are fixed. */
  held: string[];
  /** Courses the content no longer has. */
  gone: string[];
  /** An error outside any course (a site's config): the whole previous catalogue stays. */
  keptAll: boolean;
}

/** A problem by file, severity and message, numbers left out: an edit that only moves it (new line numbers) brings nothing new. */
export const problemKey = (p: CatalogueProblem): string => `${p.course ?? ""}\u0000${p.file}\u0000${p.severity}\u0000${p.message.replace(/\d+/g, "#")}`;

/**
 * The course-by-course merge. An edit whose new errors belong to a course keeps that course's previous
 * version (with its previous problems, so the broken version stays new next time) and leaves the
 * others alone; a new course with errors waits; a new error outside every course keeps everything.
 */
export function mergeCatalogue(previous: Catalogue, fresh: Catalogue): MergeResult {
  const known = new Set(previous.problems.filter((p) => p.severity === "error").map(problemKey));
  const newErrors = fresh.problems.filter((p) => p.severity === "error" && !known.has(problemKey(p)));
  const broken = new Set(newErrors.map((p) => p.course ?? ""));
  const result: MergeResult = { catalogue: fresh, newErrors, kept: [], held: [], gone: [], keptAll: false };
  if (broken.has("")) return { ...result, catalogue: previous, keptAll: true };

  const views: CourseView[] = [];
  for (const course of fresh.courses) {
    if (!broken.has(course.id)) views.push(course);
    else if (previous.byId(course.id)) {
      views.push(previous.byId(course.id)!);
      result.kept.push(course.id);
    } else result.held.push(course.id);
  }
  for (const course of previous.courses) {
    if (fresh.byId(course.id)) continue;
    // Its edit broke it so badly that it is gone from the content: the previous version stays.
    if (broken.has(course.id)) {
      views.push(course);
      result.kept.push(course.id);
    } else result.gone.push(course.id);
  }
  const keptOrHeld = new Set([...result.kept, ...result.held]);
  const problems = [
    ...fresh.problems.filter((p) => !keptOrHeld.has(p.course ?? "")),
    ...previous.problems.filter((p) => result.kept.includes(p.course ?? "")),
  ];
  return { ...result, catalogue: fresh.with(views, problems) };
}
