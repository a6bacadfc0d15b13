import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Logger } from "pino";
import { renderCourse, type EngineResult } from "./renderCourse.js";
import type { LessonFormat, Platform, Problem, RenderedCourse, Rendering } from "../contract/lessons.js";
import { formatProblem } from "./check.js";

/** A lessons.json written by `cli render` (version 1 had classic messages only). */
export function readLessonsJson(file: string): Rendering {
  const course = JSON.parse(readFileSync(file, "utf8")) as Omit<RenderedCourse, "version" | "format"> & { version: number; format?: LessonFormat };
  if ((course.version !== 1 && course.version !== 2) || !Array.isArray(course.lessons)) {
    throw new Error(`${file} is not a lessons.json (version 1 or 2)`);
  }
  return { course: { ...course, version: 2, format: course.format ?? "classic", problems: course.problems ?? [] }, mediaDir: dirname(file) };
}

/**
 * The renderings the bot serves on `platform`, one per format of `formats` (preferred first): a pre-rendered
 * lessons.json when given, else CONTENT_DIR rendered by the lesson engine into
 * DATA_DIR/render/<platform>-<format> (math images cached in DATA_DIR/cache). Content problems are
 * returned in the course, not logged: at start the caller logs them once for every platform
 * (`logContentProblems`), and a reload logs only the new ones.
 */
export async function loadRenderings(opts: {
  platform: Platform;
  formats: readonly LessonFormat[];
  contentDir: string;
  dataDir: string;
  courseJson: string | undefined;
  log: Logger;
  /** Told of each render (the math cache's hits and misses go to the metrics). */
  onRendered?: (stats: EngineResult["stats"]) => void;
}): Promise<Rendering[]> {
  const { log } = opts;
  const renderings: Rendering[] = [];
  if (opts.courseJson) renderings.push(readLessonsJson(opts.courseJson));
  else {
    for (const format of opts.formats) {
      const outDir = join(opts.dataDir, "render", `${opts.platform}-${format}`);
      const started = Date.now();
      const course = await renderCourse({ contentDir: opts.contentDir, platform: opts.platform, format, outDir, cacheDir: join(opts.dataDir, "cache", "math") });
      log.info({ platform: opts.platform, format, lessons: course.lessons.length, ms: Date.now() - started }, "course rendered");
      opts.onRendered?.(course.stats);
      renderings.push({ course, mediaDir: outDir });
    }
  }
  const [primary, ...fallbacks] = renderings;
  if (primary!.course.lessons.length === 0) log.warn({ platform: opts.platform }, "the course has no lessons");
  return [primary!, ...fallbacks];
}

/** Each problem once (the platforms' renders report the same ones), at the level of its severity. */
export function logContentProblems(log: Logger, problems: readonly Problem[]): void {
  const seen = new Set<string>();
  for (const p of problems) {
    const line = formatProblem(p);
    if (seen.has(line)) continue;
    seen.add(line);
    log[p.severity === "error" ? "error" : "warn"]({ file: p.file, line: p.line }, `content problem: ${line}`);
  }
}
