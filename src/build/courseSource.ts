import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Logger } from "pino";
import { ConfigError } from "../contract/configError.js";
import { renderCourse, type EngineResult } from "./renderCourse.js";
import type { LessonFormat, Platform, RenderedCatalogue, RenderedCourse } from "../contract/lessons.js";
import { slugify } from "../course/slug.js";

/** A catalogue rendered in one format, and the folder its image paths are relative to. */
export interface CatalogueRendering {
  catalogue: RenderedCatalogue;
  mediaDir: string;
}

/** What a lessons.json must be to be served: rendered for this platform, in one of these formats. */
export interface CourseFileTarget {
  platform: Platform;
  formats: readonly LessonFormat[];
}

/**
 * A lessons.json written by `cli render`, checked before it is read: a file that is missing, not
 * JSON, not a lessons.json, or (given a `target`) not a course that platform can show, is a
 * ConfigError naming COURSE_JSON, the file and what to fix. Version 3 is a catalogue; versions 1
 * (classic messages only) and 2 held one course, read as a catalogue of that one course so old
 * renders keep working.
 */
export function readLessonsJson(file: string, target?: CourseFileTarget): CatalogueRendering {
  const fail = (why: string): never => {
    throw new ConfigError([`COURSE_JSON: ${file} ${why}`]);
  };
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    fail(code === "ENOENT" ? "does not exist (a lessons.json written by npm run cli -- render)" : `cannot be read (${code ?? (err as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    fail(`is not valid JSON (${(err as Error).message})`);
  }
  const problem = lessonsJsonProblem(doc, target);
  if (problem) fail(problem);
  if ((doc as { version: number }).version === 3) {
    const catalogue = doc as RenderedCatalogue;
    return { catalogue: { ...catalogue, problems: catalogue.problems ?? [] }, mediaDir: dirname(file) };
  }
  const course = doc as Omit<RenderedCourse, "version" | "format"> & { version: number; format?: LessonFormat };
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
 * Why `doc` is not a lessons.json — or, given a `target`, not courses that platform can show — in
 * words that say what to do; undefined when it is. The one place a course file is judged: a new
 * lessons.json version adds its case here.
 */
export function lessonsJsonProblem(doc: unknown, target?: CourseFileTarget): string | undefined {
  const notOne = "is not a lessons.json (version 1, 2 or 3)";
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return `${notOne}: not a JSON object`;
  const d = doc as Record<string, unknown>;
  const render = target ? ` (render it with: npm run cli -- render --platform ${target.platform} --format ${target.formats[0]} --out DIR)` : "";
  if (d.version !== 1 && d.version !== 2 && d.version !== 3) return `${notOne}: it has version ${JSON.stringify(d.version)}${render}`;
  // Version 3 holds courses, each with its lessons; versions 1 and 2 one course beside its lessons.
  const courses = d.version === 3 ? d.courses : [{ ...(d.course as object), lessons: d.lessons }];
  if (!Array.isArray(courses)) return `${notOne}: it has no list of courses`;
  for (const [i, c] of courses.entries()) {
    const course = c as Record<string, unknown> | null;
    const which = d.version === 3 ? `course ${i + 1}` : "the course";
    if (typeof course?.title !== "string" || typeof course.language !== "string") return `${notOne}: ${which} lacks its title or language`;
    if (d.version === 3 && typeof course.id !== "string") return `${notOne}: ${which} lacks its id`;
    if (!Array.isArray(course.lessons)) return `${notOne}: ${which} lacks its lessons`;
    const bad = course.lessons.findIndex((l: unknown) => {
      const lesson = l as Record<string, unknown> | null;
      return typeof lesson?.id !== "string" || typeof lesson.title !== "string" || !Array.isArray(lesson.messages);
    });
    if (bad >= 0) return `${notOne}: lesson ${bad + 1} of ${which} lacks an id, a title or its messages`;
  }
  if (!target) return undefined;
  const platform = d.platform ?? target.platform;
  if (platform !== target.platform) return `is rendered for ${String(platform)}, not ${target.platform}${render}`;
  const format = d.format ?? "classic";
  if (!target.formats.includes(format as LessonFormat)) return `holds ${String(format)} lessons; ${target.platform} shows ${target.formats.join(" or ")}${render}`;
  if (!courses.some((c) => (c as { lessons: unknown[] }).lessons.length > 0)) return "has no lessons";
  return undefined;
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
  if (opts.courseJson) renderings.push(readLessonsJson(opts.courseJson, { platform: opts.platform, formats: opts.formats }));
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
