/**
 * Content reload: when the author edits CONTENT_DIR, the course is read and rendered again in the
 * background and takes the place of the running one. Learners keep their place (lesson ids are
 * stable; a vanished id falls back as CourseView explains). An edit that brings new errors (a broken
 * front matter, a formula that does not parse, …) keeps the previous course. Only the problems the
 * edit brought are logged, each once, at the level of its severity: the others were logged before.
 */
import type { Logger } from "pino";
import type { Courses } from "../learning/courses.js";
import type { CourseView } from "../learning/courseView.js";
import type { LessonFormat, Platform, Problem } from "../contract/lessons.js";
import { logContentProblems } from "./contentProblems.js";
import { CoalescedRuns } from "./coalescedRuns.js";

export type ReloadOutcome = "reloaded" | "kept";

export interface ReloadDeps {
  targets: readonly { platform: Platform; formats: readonly LessonFormat[] }[];
  courses: Courses;
  /** Reads and renders the course for one platform (the composition root's loadCourseView). */
  load: (platform: Platform, formats: readonly LessonFormat[]) => Promise<CourseView>;
  /** After a reload: learners who had finished get lessons again if the course grew. */
  afterReload: () => void;
  log: Logger;
}

/** A problem by file and message, numbers left out: an edit that only moves it (new line numbers) brings nothing new. */
const key = (p: Problem): string => `${p.file}\u0000${p.severity}\u0000${p.message.replace(/\d+/g, "#")}`;

/**
 * The errors an edit brings: those of the fresh reading that the running course does not have (by
 * file and message, line numbers left out, so an edit that only moves an error brings nothing new).
 * While there are any, the bot keeps the running course.
 */
export function editErrors(running: readonly Problem[], fresh: readonly Problem[]): Problem[] {
  const before = new Set(running.filter((p) => p.severity === "error").map(key));
  const seen = new Set<string>();
  return fresh.filter((p) => p.severity === "error" && !before.has(key(p)) && !seen.has(key(p)) && seen.add(key(p)));
}

export class CourseReloader {
  private readonly runs = new CoalescedRuns(() => this.run());
  /** The problems of the last reading, by key: they have been logged. */
  private seen: Set<string> | undefined;

  constructor(private readonly deps: ReloadDeps) {}

  /** Reloads now; a call while one runs makes one more run after it (edits come in bursts). */
  reload(): Promise<ReloadOutcome> {
    return this.runs.request();
  }

  private async run(): Promise<ReloadOutcome> {
    const { targets, courses, log } = this.deps;
    const started = Date.now();
    const fresh: [Platform, CourseView][] = [];
    for (const t of targets) fresh.push([t.platform, await this.deps.load(t.platform, t.formats)]);
    const problems = fresh.flatMap(([, view]) => view.course.problems);
    // Logged once: what the last reading did not already have (the running course's at first).
    const seen = this.seen ?? new Set(targets.flatMap((t) => (courses.has(t.platform) ? courses.for(t.platform).course.problems.map(key) : [])));
    logContentProblems(log, problems.filter((p) => !seen.has(key(p))));
    this.seen = new Set(problems.map(key));
    // Kept while the edit has errors the running course does not have, however often they were logged:
    // each platform against its own running course, an error both bring counted once (the outer call).
    const running = (platform: Platform): Problem[] => (courses.has(platform) ? courses.for(platform).course.problems : []);
    const errors = editErrors([], fresh.flatMap(([platform, view]) => editErrors(running(platform), view.course.problems)));
    if (errors.length) {
      log.error({ problems: errors.length }, "content edit has errors: the previous course stays until they are fixed");
      return "kept";
    }
    for (const [platform, view] of fresh) courses.replace(platform, view);
    this.deps.afterReload();
    log.info({ lessons: fresh.map(([p, v]) => `${p}:${v.size}`).join(" "), ms: Date.now() - started }, "course reloaded");
    return "reloaded";
  }
}
