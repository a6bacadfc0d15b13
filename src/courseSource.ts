import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Logger } from "pino";
import { renderCourse } from "./engine.js";
import type { Platform, RenderedCourse } from "./model.js";

export interface LoadedCourse {
  course: RenderedCourse;
  /** Folder the message image paths are relative to. */
  mediaDir: string;
}

/**
 * The course the bot serves on `platform`: a pre-rendered lessons.json when given, else CONTENT_DIR
 * rendered by the lesson engine into DATA_DIR/render/<platform> (math images cached in DATA_DIR/cache/math).
 * Content problems are logged as warnings with file:line; the course still runs.
 */
export async function loadCourseFor(opts: {
  platform: Platform;
  contentDir: string;
  dataDir: string;
  courseJson: string | undefined;
  log: Logger;
}): Promise<LoadedCourse> {
  const { log } = opts;
  let loaded: LoadedCourse;
  if (opts.courseJson) {
    const course = JSON.parse(readFileSync(opts.courseJson, "utf8")) as Omit<RenderedCourse, "version" | "format"> & { version: number; format?: RenderedCourse["format"] };
    if ((course.version !== 1 && course.version !== 2) || !Array.isArray(course.lessons)) {
      throw new Error(`${opts.courseJson} is not a lessons.json (version 1 or 2)`);
    }
    // Version 1 had only classic messages.
    const doc: RenderedCourse = { ...course, version: 2, format: course.format ?? "classic" };
    loaded = { course: { ...doc, problems: doc.problems ?? [] }, mediaDir: dirname(opts.courseJson) };
  } else {
    const outDir = join(opts.dataDir, "render", opts.platform);
    const started = Date.now();
    const course = await renderCourse({
      contentDir: opts.contentDir,
      platform: opts.platform,
      outDir,
      cacheDir: join(opts.dataDir, "cache", "math"),
    });
    log.info({ platform: opts.platform, lessons: course.lessons.length, ms: Date.now() - started }, "course rendered");
    loaded = { course, mediaDir: outDir };
  }
  for (const p of loaded.course.problems) {
    log.warn({ file: p.file, line: p.line, severity: p.severity }, `content problem: ${p.file}:${p.line}: ${p.message}`);
  }
  if (loaded.course.lessons.length === 0) log.warn("the course has no lessons");
  return loaded;
}
