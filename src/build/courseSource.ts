import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Logger } from "pino";
import { ConfigError } from "../configError.js";
import { renderCourse, type EngineResult } from "./renderCourse.js";
import type { LessonFormat, Platform, RenderedCourse, Rendering } from "../contract/lessons.js";

/** What a lessons.json must be to be served: rendered for this platform, in one of these formats. */
export interface CourseFileTarget {
  platform: Platform;
  formats: readonly LessonFormat[];
}

/**
 * A lessons.json written by `cli render` (version 1 had classic messages only), checked before it is
 * served: a file that is missing, not JSON or not a course for `target` is a ConfigError naming
 * COURSE_JSON, the file and what to fix.
 */
export function readLessonsJson(file: string, target: CourseFileTarget): Rendering {
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
  const course = doc as Omit<RenderedCourse, "version" | "format"> & { version: number; format?: LessonFormat };
  return { course: { ...course, version: 2, format: course.format ?? "classic", problems: course.problems ?? [] }, mediaDir: dirname(file) };
}

/**
 * Why `doc` cannot be served as a course for `target`, in words that say what to do; undefined when
 * it can. The one place a course file is judged: a new lessons.json version adds its case here.
 */
export function lessonsJsonProblem(doc: unknown, target: CourseFileTarget): string | undefined {
  const render = `render it with: npm run cli -- render --platform ${target.platform} --format ${target.formats[0]} --out DIR`;
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return "is not a lessons.json (a JSON object with version, format and lessons)";
  const d = doc as Record<string, unknown>;
  if (d.version !== 1 && d.version !== 2) return `has version ${JSON.stringify(d.version)}; this program reads versions 1 and 2 (${render})`;
  const platform = d.platform ?? target.platform;
  if (platform !== target.platform) return `is rendered for ${String(platform)}, not ${target.platform} (${render})`;
  const format = d.format ?? "classic";
  if (!target.formats.includes(format as LessonFormat)) return `holds ${String(format)} lessons; ${target.platform} shows ${target.formats.join(" or ")} (${render})`;
  if (!Array.isArray(d.lessons) || d.lessons.length === 0) return "has no lessons";
  const bad = d.lessons.findIndex((l: unknown) => {
    const lesson = l as Record<string, unknown> | null;
    return typeof lesson?.id !== "string" || typeof lesson.title !== "string" || !Array.isArray(lesson.messages);
  });
  if (bad >= 0) return `lesson ${bad + 1} lacks an id, a title or its messages`;
  const info = d.course as Record<string, unknown> | undefined;
  if (typeof info?.title !== "string" || typeof info.language !== "string") return "lacks the course's title or language";
  return undefined;
}

/**
 * The renderings the bot serves on `platform`, one per format of `formats` (preferred first): a pre-rendered
 * lessons.json when given, else CONTENT_DIR rendered by the lesson engine into
 * DATA_DIR/render/<platform>-<format> (math images cached in DATA_DIR/cache). Content problems are
 * logged as warnings with file:line, once; the course still runs.
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
  if (opts.courseJson) renderings.push(readLessonsJson(opts.courseJson, { platform: opts.platform, formats: opts.formats }));
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
  for (const p of primary!.course.problems) {
    log.warn({ file: p.file, line: p.line, severity: p.severity }, `content problem: ${p.file}:${p.line}: ${p.message}`);
  }
  if (primary!.course.lessons.length === 0) log.warn({ platform: opts.platform }, "the course has no lessons");
  return [primary!, ...fallbacks];
}
