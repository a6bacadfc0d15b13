/**
 * Content reload: when the author edits CONTENT_DIR, the course is read and rendered again in the
 * background and takes the place of the running one. Learners keep their place (lesson ids are
 * stable; a vanished id falls back as CourseView explains). An edit that brings new errors (a broken
 * front matter, a formula that does not parse, …) keeps the previous course and logs the problems.
 */
import type { Logger } from "pino";
import type { Courses } from "../learning/courses.js";
import type { CourseView } from "../learning/courseView.js";
import type { LessonFormat, Platform, Problem } from "../contract/lessons.js";
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

const key = (p: Problem): string => `${p.file}\u0000${p.message.replace(/\d+/g, "#")}`;

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
    const running = (platform: Platform): Problem[] => (courses.has(platform) ? courses.for(platform).course.problems : []);
    // Each platform against its own running course; an error both platforms bring is one error (the outer call).
    const added = editErrors([], fresh.flatMap(([platform, view]) => editErrors(running(platform), view.course.problems)));
    if (added.length) {
      for (const p of added) log.error({ file: p.file, line: p.line }, `content problem: ${p.file}:${p.line}: ${p.severity}: ${p.message}`);
      log.error({ problems: added.length }, "content edit has errors: the previous course stays until they are fixed");
      return "kept";
    }
    for (const [platform, view] of fresh) courses.replace(platform, view);
    this.deps.afterReload();
    log.info({ lessons: fresh.map(([p, v]) => `${p}:${v.size}`).join(" "), ms: Date.now() - started }, "course reloaded");
    return "reloaded";
  }
}
