/**
 * Content reload: when the author edits CONTENT_DIR, the catalogue is read and rendered again in the
 * background and takes the place of the running one, course by course. Learners keep their place
 * (lesson ids are stable; a vanished id falls back as CourseView explains). An edit that brings new
 * errors (a broken front matter, a formula that does not parse, …) to one course keeps that course's
 * previous version; the other courses take their edits. A course gone from the content stops being
 * offered (its followers are told once, by `afterReload`). Only the problems the edit brought are
 * logged, each once, at the level of its severity: the others were logged before.
 */
import type { Logger } from "pino";
import type { Catalogue } from "../learning/catalogue.js";
import type { Courses } from "../learning/courses.js";
import type { LessonFormat, Platform } from "../contract/lessons.js";
import { logContentProblems } from "./contentProblems.js";
import { CoalescedRuns } from "./coalescedRuns.js";
import { mergeCatalogue, problemKey, type MergeResult } from "./mergeCatalogue.js";

/** `partly`: some courses took the edit, others kept their previous version. */
export type ReloadOutcome = "reloaded" | "partly" | "kept";

export interface ReloadDeps {
  targets: readonly { platform: Platform; formats: readonly LessonFormat[] }[];
  courses: Courses;
  /** Reads and renders the catalogue for one platform (the composition root's loadCatalogue). */
  load: (platform: Platform, formats: readonly LessonFormat[]) => Promise<Catalogue>;
  /** After a reload: followers of a course gone are told, learners who had finished get lessons again if a course grew. */
  afterReload: () => void;
  log: Logger;
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
    const fresh: Catalogue[] = [];
    for (const t of targets) fresh.push(await this.deps.load(t.platform, t.formats));
    const problems = fresh.flatMap((c) => c.problems);
    // Logged once: what the last reading did not already have (the running catalogue's at first).
    const seen = this.seen ?? new Set(targets.flatMap((t) => (courses.has(t.platform) ? courses.for(t.platform).problems.map(problemKey) : [])));
    logContentProblems(log, problems.filter((p) => !seen.has(problemKey(p))));
    this.seen = new Set(problems.map(problemKey));

    // Decided course by course against the running catalogue, however often its errors were logged.
    const merged: MergeResult[] = fresh.map((c) =>
      courses.has(c.platform) ? mergeCatalogue(courses.for(c.platform), c) : { catalogue: c, newErrors: [], kept: [], held: [], gone: [], keptAll: false },
    );
    if (merged.some((m) => m.keptAll)) {
      log.error({ problems: new Set(merged.flatMap((m) => m.newErrors).map(problemKey)).size }, "content edit has errors: the previous course stays until they are fixed");
      return "kept";
    }
    const kept = [...new Set(merged.flatMap((m) => [...m.kept, ...m.held]))];
    if (kept.length) log.error({ courses: kept }, "content edit has errors in some courses: they stay as they were until fixed");
    // Every course of the edit was broken: nothing changes.
    const unchanged = (m: MergeResult): boolean => m.gone.length === 0 && m.catalogue.courses.every((c) => courses.has(m.catalogue.platform) && courses.for(m.catalogue.platform).byId(c.id) === c);
    if (kept.length && merged.every(unchanged)) return "kept";
    const gone = [...new Set(merged.flatMap((m) => m.gone))];
    if (gone.length) log.warn({ courses: gone }, "courses no longer in the content: no longer offered");
    for (const m of merged) courses.replace(m.catalogue);
    this.deps.afterReload();
    const lessons = merged.map((m) => `${m.catalogue.platform}:${m.catalogue.courses.map((c) => `${c.id}=${c.size}`).join(",")}`).join(" ");
    log.info({ lessons, ms: Date.now() - started }, "course reloaded");
    return kept.length === 0 ? "reloaded" : "partly";
  }
}
