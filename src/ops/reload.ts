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

export class CourseReloader {
  private running: Promise<ReloadOutcome> | null = null;
  private again = false;

  constructor(private readonly deps: ReloadDeps) {}

  /** Reloads now; a call while one runs makes one more run after it (edits come in bursts). */
  reload(): Promise<ReloadOutcome> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.reload();
      }
    });
    return this.running;
  }

  private async run(): Promise<ReloadOutcome> {
    const { targets, courses, log } = this.deps;
    const started = Date.now();
    const fresh: [Platform, CourseView][] = [];
    for (const t of targets) fresh.push([t.platform, await this.deps.load(t.platform, t.formats)]);
    const added: Problem[] = [];
    for (const [platform, view] of fresh) {
      const before = new Set(courses.has(platform) ? courses.for(platform).course.problems.filter((p) => p.severity === "error").map(key) : []);
      for (const p of view.course.problems) if (p.severity === "error" && !before.has(key(p))) added.push(p);
    }
    if (added.length) {
      const seen = new Set<string>();
      for (const p of added) {
        if (seen.has(key(p))) continue;
        seen.add(key(p));
        log.error({ file: p.file, line: p.line }, `content problem: ${p.file}:${p.line}: ${p.severity}: ${p.message}`);
      }
      log.error({ problems: seen.size }, "content edit has errors: the previous course stays until they are fixed");
      return "kept";
    }
    for (const [platform, view] of fresh) courses.replace(platform, view);
    this.deps.afterReload();
    log.info({ lessons: fresh.map(([p, v]) => `${p}:${v.size}`).join(" "), ms: Date.now() - started }, "course reloaded");
    return "reloaded";
  }
}
