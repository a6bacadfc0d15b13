import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Logger } from "pino";
import { renderCourse, type EngineResult } from "./renderCourse.js";
import type { LessonFormat, Platform, RenderedCatalogue, RenderedCourse } from "../contract/lessons.js";
import { slugify } from "../course/slug.js";

/** A catalogue rendered in one format, and the folder its image paths are relative to. */
export interface CatalogueRendering {
  catalogue: RenderedCatalogue;
  mediaDir: string;
}

/**
 * A lessons.json written by `cli render`. Version 3 is a catalogue; versions 1 (classic messages
 * only) and 2 held one course, read as a catalogue of that one course so old renders keep working.
 */
export function readLessonsJson(file: string): CatalogueRendering {
  const doc = JSON.parse(readFileSync(file, "utf8")) as { version?: unknown };
  if (doc.version === 3 && Array.isArray((doc as RenderedCatalogue).courses)) {
    const catalogue = doc as RenderedCatalogue;
    return { catalogue: { ...catalogue, problems: catalogue.problems ?? [] }, mediaDir: dirname(file) };
  }
  const course = doc as Omit<RenderedCourse, "version" | "format"> & { version: number; format?: LessonFormat };
  if ((course.version !== 1 && course.version !== 2) || !Array.isArray(course.lessons)) {
    throw new Error(`${file} is not a lessons.json (version 1, 2 or 3)`);
  }
  const info = course.course;
  return {
    catalogue: {
      version: 3,
      platform: course.platform,
      format: course.format ?? "classic",
      // Nothing in the file names the course: its id comes from its title, the same on every read.
      courses: [{ id: slugify(info.title) || "course", description: "", ...info, resources: info.resources ?? [], lessons: course.lessons }],
      problems: course.problems ?? [],
    },
    mediaDir: dirname(file),
  };
}

/**
 * The renderings the bot serves on `platform`, one per format of `formats` (preferred first): a pre-rendered
 * lessons.json when given, else the content folders rendered by the lesson engine into
 * DATA_DIR/render/<platform>-<format> (math images cached in DATA_DIR/cache). Content problems are
 * returned in the catalogue, not logged: at start the caller logs them once for every platform
 * (`logContentProblems`), and a reload logs only the new ones.
 */
export async function loadRenderings(opts: {
  platform: Platform;
  formats: readonly LessonFormat[];
  /** CONTENT_DIR: one folder or several. */
  contentDir: string | readonly string[];
  dataDir: string;
  courseJson: string | undefined;
  log: Logger;
  /** Told of each render (the math cache's hits and misses go to the metrics). */
  onRendered?: (stats: EngineResult["stats"]) => void;
}): Promise<CatalogueRendering[]> {
  const { log } = opts;
  const renderings: CatalogueRendering[] = [];
  if (opts.courseJson) renderings.push(readLessonsJson(opts.courseJson));
  else {
    for (const format of opts.formats) {
      const outDir = join(opts.dataDir, "render", `${opts.platform}-${format}`);
      const started = Date.now();
      const catalogue = await renderCourse({ contentDir: opts.contentDir, platform: opts.platform, format, outDir, cacheDir: join(opts.dataDir, "cache", "math") });
      const lessons = catalogue.courses.map((c) => `${c.id}:${c.lessons.length}`).join(" ");
      log.info({ platform: opts.platform, format, courses: catalogue.courses.length, lessons, ms: Date.now() - started }, "course rendered");
      opts.onRendered?.(catalogue.stats);
      renderings.push({ catalogue, mediaDir: outDir });
    }
  }
  const [primary, ...fallbacks] = renderings;
  for (const c of primary!.catalogue.courses) if (c.lessons.length === 0) log.warn({ platform: opts.platform, course: c.id }, "the course has no lessons");
  if (primary!.catalogue.courses.length === 0) log.warn({ platform: opts.platform }, "the content has no courses");
  return [primary!, ...fallbacks];
}
