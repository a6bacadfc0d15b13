/**
 * The lesson engine end to end: content folders → the catalogue of their courses, each course's
 * lessons written for one platform, with their images under an output folder. This is what
 * `cli render` writes to lessons.json and what the bot sends. Reads the content, draws formulas
 * and writes media; the steps it calls (discovery, parsing, splitting, the renderer core) are pure.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { PLATFORM_FORMATS, type CatalogueCourse, type ChatMessage, type LessonFormat, type Platform, type Problem, type RenderedCatalogue, type RenderedLesson } from "../contract/lessons.js";
import type { Post } from "../course/load.js";
import { readCatalogue, placeProblem, type CatalogueProblem, type CourseSource } from "../course/folder.js";
import { majorityLanguage } from "../course/courseText.js";
import { splitPost, type Lesson } from "../course/split.js";
import type { LessonLayout } from "../course/layout.js";
import { placeQuestions } from "../course/quiz.js";
import { walkBlocks, type Block, type Inline } from "../course/blocks.js";
import { inlinesOf } from "../course/split.js";
import { isRemote } from "../course/parse.js";
import { DEFAULT_READING_MODEL, type ReadingModel } from "../course/reading.js";
import { lessonResources, type DrawRequest, type Drawing, type ImageTarget, type RenderEnv } from "../render/core.js";
import { renderLesson } from "../render/formats.js";
import { MathRenderer } from "../render/math.js";
import { MediaWriter } from "../render/media.js";
import { KatexCheck } from "../render/katexCheck.js";
import { definitionsOnly, normalizeForChat, parseMacros, type Macros } from "../tex/index.js";

export interface RenderCourseOptions {
  /** A content folder, or several (CONTENT_DIR=a,b): each a Jekyll site or a folder of notes. */
  contentDir: string | readonly string[];
  platform: Platform;
  /** Default: classic, which every platform has (`cli render` asks for the platform's preferred format itself). */
  format?: LessonFormat;
  /** Images are written under it; message image paths are relative to it. */
  outDir: string;
  /** Math PNG cache (default `DATA_DIR/cache/math`, i.e. `./data/cache/math`). */
  cacheDir?: string;
  /** Parsed-post cache (default: `posts` beside the math cache). */
  postCacheDir?: string;
  model?: ReadingModel;
  /** Give each lesson its `layout` (why it starts where it does, each block's reading time) for the author preview. */
  explain?: boolean;
}

/** A lesson as the engine returns it: with its layout when asked to explain. */
export type EngineLesson = RenderedLesson & { layout?: LessonLayout };
/** A course as the engine returns it; explained, it names the prefix its files have in problems ("blog/"; "" with one folder). */
export type EngineCourse = Omit<CatalogueCourse, "lessons"> & { lessons: EngineLesson[]; label?: string };

/** Internal result: lessons.json plus what tests and benchmarks look at. */
export interface EngineResult extends RenderedCatalogue {
  courses: EngineCourse[];
  /** Formulas drawn or fetched; how many the math cache had (hits) or had to draw (misses). */
  stats: { formulas: number; mathHits: number; mathMisses: number };
}

export async function renderCourse(opts: RenderCourseOptions): Promise<EngineResult> {
  const contentDirs = [...new Set((typeof opts.contentDir === "string" ? [opts.contentDir] : opts.contentDir).map((d) => resolve(d)))];
  const outDir = resolve(opts.outDir);
  const cacheDir = resolve(opts.cacheDir ?? join("data", "cache", "math"));
  const model = opts.model ?? DEFAULT_READING_MODEL;
  const format = opts.format ?? "classic";
  if (!PLATFORM_FORMATS[opts.platform].includes(format)) {
    throw new Error(`format "${format}" is not one of ${opts.platform}'s: ${PLATFORM_FORMATS[opts.platform].join(", ")}`);
  }
  const catalogue = readCatalogue(contentDirs, { cacheDir: opts.postCacheDir ?? join(dirname(cacheDir), "posts") });
  const problems: CatalogueProblem[] = [...catalogue.problems];
  const math = new MathRenderer({ cacheDir });
  const media = new MediaWriter(outDir);
  const reported = new Set<string>();
  const stats = { formulas: 0, mathHits: 0, mathMisses: 0 };
  const courses: EngineCourse[] = [];

  const katex = format === "rich" ? new KatexCheck(join(dirname(cacheDir), "katex.json")) : undefined;
  for (const source of catalogue.courses) {
    const report = (p: Problem): void => {
      const placed = placeProblem(p, source.label, source.id);
      const key = `${placed.file}:${placed.line}:${placed.message}`;
      if (!reported.has(key)) {
        reported.add(key);
        problems.push(placed);
      }
    };
    const lessons: EngineLesson[] = [];
    const languages: string[] = [];
    for (const post of source.posts) {
      const preamble = takeDefinitions(post);
      const found: Problem[] = [];
      const postLessons = splitPost(post, { language: source.defaultLanguage, model, problems: found });
      languages.push(postLessons[0]!.language);
      const ctx: PostContext = {
        post,
        platform: opts.platform,
        format,
        preamble,
        macros: parseMacros(preamble),
        math,
        media,
        katex,
        report,
        stats,
        env: {
          resolveImage: imageResolver(source.dir, source.info.siteUrl, post, report),
          resolveLink: (url: string): string | null => absoluteUrl(url, source.info.siteUrl),
          image: (file: string): string => media.add(file, "img"),
        },
      };
      const quiz = placeQuestions(post.quiz, post.meta.slug, postLessons.map((l) => l.blocks), found);
      found.forEach(report);
      for (const [i, lesson] of postLessons.entries()) {
        const messages = await lessonMessages(lesson, ctx);
        lessons.push({
          id: lesson.id,
          post: lesson.post,
          title: lesson.title,
          part: lesson.part,
          parts: lesson.parts,
          minutes: lesson.minutes,
          resources: lessonResources(lesson, ctx.env),
          messages,
          ...(quiz[i]!.length ? { quiz: quiz[i] } : {}),
          ...(opts.explain ? { layout: lesson.layout } : {}),
        });
      }
    }
    courses.push({ ...catalogueCourse(source, languages, lessons), ...(opts.explain ? { label: source.label } : {}) });
  }
  katex?.save();
  problems.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  stats.mathHits = math.stats.hits;
  stats.mathMisses = math.stats.misses;
  return { version: 3, platform: opts.platform, format, courses, problems, stats };
}

/** A found course with its lessons; its language is the author's, else most of its posts'. */
function catalogueCourse(source: CourseSource, languages: string[], lessons: EngineLesson[]): EngineCourse {
  const { info } = source;
  return {
    id: source.id,
    title: source.title,
    language: source.language ?? majorityLanguage(languages, source.defaultLanguage),
    description: source.description,
    ...(info.author ? { author: info.author } : {}),
    ...(info.siteUrl ? { siteUrl: info.siteUrl } : {}),
    resources: info.resources,
    lessons,
  };
}

const MATH_CONCURRENCY = 4;

/** What rendering one post's lessons needs. */
interface PostContext {
  post: Post;
  platform: Platform;
  format: LessonFormat;
  /** The post's macro definitions, applied to its formulas. */
  preamble: string;
  macros: Macros;
  math: MathRenderer;
  media: MediaWriter;
  katex: KatexCheck | undefined;
  report: (p: Problem) => void;
  stats: EngineResult["stats"];
  env: RenderEnv;
}

/** One lesson's messages: written by the renderer core, its formulas drawn, then packed. */
async function lessonMessages(lesson: Lesson, ctx: PostContext): Promise<ChatMessage[]> {
  const { katex } = ctx;
  // A formula goes native in a rich message when KaTeX (the common subset chat clients draw) takes it.
  const native = katex
    ? (tex: string, display: boolean): string | null => {
        const t = normalizeForChat(tex, ctx.macros);
        return t && katex.accepts(t, display) ? t : null;
      }
    : undefined;
  const r = renderLesson(lesson, ctx.format, ctx.platform, ctx.env, native ? { native } : {});
  // Formulas are drawn a few at a time: MathJax lays out one while resvg rasterizes others.
  const drawings = await mapLimit(r.draws, MATH_CONCURRENCY, (req) => drawFormula(req, ctx));
  return r.pack(drawings);
}

/** A formula as PNGs in OUT/media (rows split to fit photo limits), or the reason MathJax refused it. */
async function drawFormula({ tex, display, line }: DrawRequest, ctx: PostContext): Promise<Drawing> {
  const res = await ctx.math
    .render(tex, display, ctx.preamble ? { preamble: ctx.preamble } : {})
    .catch((err: unknown) => ({ ok: false as const, error: `cannot draw: ${(err as Error).message}` }));
  ctx.stats.formulas++;
  if (!res.ok) {
    ctx.report({ file: ctx.post.meta.path, line, severity: "error", message: `invalid TeX: ${res.error}` });
    return { error: res.error };
  }
  return { files: res.images.map((img) => ctx.media.add(img.file, "math")) };
}

/** `Promise.all(items.map(fn))` with at most `limit` calls in flight; results in order. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Write lessons.json (version 3: the catalogue) for a render. */
export function writeLessonsJson(outDir: string, result: RenderedCatalogue): string {
  const file = join(outDir, "lessons.json");
  mkdirSync(outDir, { recursive: true });
  const doc: RenderedCatalogue = {
    version: 3,
    platform: result.platform,
    format: result.format,
    courses: result.courses,
    problems: result.problems,
  };
  writeFileSync(file, JSON.stringify(doc, null, 2) + "\n");
  return file;
}

/**
 * Formulas that only define macros (`\newcommand…`) draw nothing: they are taken out of the
 * post and applied to its other formulas instead.
 */
function takeDefinitions(post: Post): string {
  const defs: string[] = [];
  const prune = (blocks: Block[]): Block[] =>
    blocks.filter((b) => {
      if (b.t === "math" && definitionsOnly(b.tex)) {
        defs.push(b.tex);
        return false;
      }
      return true;
    });
  post.blocks = prune(post.blocks);
  for (const b of walkBlocks(post.blocks)) {
    if (b.t === "list") b.items = b.items.map(prune);
    if (b.t === "quote" || b.t === "callout" || b.t === "details" || b.t === "footnote") b.c = prune(b.c);
    const inl = inlinesOf(b);
    stripInlineDefinitions(inl, definitionsOnly, defs);
  }
  return defs.join("\n");
}

function stripInlineDefinitions(c: Inline[], isDef: (tex: string) => boolean, defs: string[]): void {
  for (let i = c.length - 1; i >= 0; i--) {
    const n = c[i]!;
    if (n.t === "math" && isDef(n.tex)) {
      defs.push(n.tex);
      c.splice(i, 1);
    } else if ("c" in n) stripInlineDefinitions(n.c, isDef, defs);
  }
}

export function absoluteUrl(url: string, siteUrl: string | undefined): string | null {
  if (/^(https?:|mailto:|tg:)/i.test(url)) return url;
  if (url.startsWith("//")) return "https:" + url;
  if (url.startsWith("#") || !siteUrl) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return null;
  return siteUrl.replace(/\/$/, "") + (url.startsWith("/") ? url : "/" + url);
}

function imageResolver(
  contentDir: string,
  siteUrl: string | undefined,
  post: Post,
  report: (p: Problem) => void,
): (src: string) => ImageTarget {
  const lines = new Map<string, number>();
  for (const b of walkBlocks(post.blocks)) if (b.t === "image") lines.set(b.src, b.line);
  return (src: string): ImageTarget => {
    if (isRemote(src)) {
      const url = absoluteUrl(src, siteUrl);
      return url ? { url } : { missing: true };
    }
    const clean = decodeURIComponent(src.replace(/[?#].*$/, ""));
    const candidates = clean.startsWith("/")
      ? [join(contentDir, clean)]
      : [join(contentDir, dirname(post.meta.path), clean), join(contentDir, clean)];
    const found = candidates.find((f) => existsSync(f) && statSync(f).isFile() && resolve(f).startsWith(contentDir + sep));
    if (found) return { file: found };
    const url = siteUrl ? absoluteUrl(clean, siteUrl) : null;
    if (url) return { url };
    report({ file: post.meta.path, line: lines.get(src) ?? 0, severity: "error", message: `missing local image ${src}` });
    return { missing: true };
  };
}
