/**
 * Reading a course from a folder: the posts (Markdown or HTML, front matter by gray-matter),
 * their order, and the course metadata (course.yml, else Jekyll's _config.yml).
 * Reads files; everything after reading is pure.
 */
import { readdirSync, readFileSync, existsSync, mkdirSync, writeFileSync, renameSync } from "node:fs";
import { join, relative, basename, extname, sep, dirname } from "node:path";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import matter from "gray-matter";
import { load as loadYaml } from "js-yaml";
import type { CourseInfo, Problem, Resource } from "../contract/lessons.js";
import type { Block } from "./blocks.js";
import { inlineText } from "./blocks.js";
import { preprocess } from "./preprocess.js";
import { resolveLiquidBlocks } from "./liquidBlocks.js";
import { parseMarkdown } from "./parse.js";
import { htmlPostToMarkdown } from "./html.js";
import { slugify } from "./slug.js";
import { decodeText } from "./readText.js";
import { findPostFiles, unreadableReason } from "./postFiles.js";
import { frontMatterQuiz, sidecarQuiz, type QuizSource } from "./quiz.js";

export interface PostMeta {
  /** Path relative to the content folder, with forward slashes. */
  path: string;
  slug: string;
  title: string;
  subtitle?: string;
  date?: string;
  order?: number;
  tags: string[];
  categories: string[];
  author?: string;
  /** The series the post belongs to, from front matter `course:` (or `series:`). */
  course?: string;
  /** The post's language from its front matter (`lang:` or `language:`), as a primary subtag: "en", "vi". */
  language?: string;
}

export interface Post {
  meta: PostMeta;
  blocks: Block[];
  /** Quiz questions from the front matter and a sidecar `<name>.quiz.yml`, as written. */
  quiz?: QuizSource;
}

export interface LoadedCourse {
  course: CourseInfo;
  posts: Post[];
  problems: Problem[];
}

/**
 * Parsed posts are kept on disk by a hash of (parser source, site URL, file path, file text), so a
 * restart re-reads only the posts that changed. The parser's own source is in the key: changing
 * the code invalidates every entry without a version number to remember.
 */
class PostCache {
  private static codeHash: string | undefined;
  constructor(private readonly dir: string) {}

  private static parserHash(): string {
    if (!PostCache.codeHash) {
      const h = createHash("sha256");
      const here = dirname(fileURLToPath(import.meta.url));
      for (const f of readdirSync(here).sort()) if (/\.(ts|js)$/.test(f)) h.update(readFileSync(join(here, f)));
      PostCache.codeHash = h.digest("hex");
    }
    return PostCache.codeHash;
  }

  key(rel: string, raw: string, siteUrl: string | undefined): string {
    return createHash("sha256").update(PostCache.parserHash()).update("\0" + rel + "\0" + (siteUrl ?? "") + "\0").update(raw).digest("hex");
  }

  get(key: string): { post: Post | null; problems: Problem[] } | undefined {
    try {
      return JSON.parse(readFileSync(join(this.dir, key + ".json"), "utf8")) as { post: Post | null; problems: Problem[] };
    } catch {
      return undefined;
    }
  }

  set(key: string, value: { post: Post | null; problems: Problem[] }): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      const tmp = join(this.dir, `${key}.${process.pid}.tmp`);
      writeFileSync(tmp, JSON.stringify(value));
      renameSync(tmp, join(this.dir, key + ".json"));
    } catch {
      // A cache that cannot be written only costs time.
    }
  }
}

/**
 * The posts of one content folder, ordered, with the folder's course metadata. `collections`
 * names Jekyll collection folders (`_tutorials`) whose documents are read as well.
 */
export function loadCourse(contentDir: string, opts: { cacheDir?: string; collections?: readonly string[] } = {}): LoadedCourse {
  const problems: Problem[] = [];
  const course = readCourseInfo(contentDir, problems);
  const read: { post: Post; problems: Problem[] }[] = [];
  for (const file of findPostFiles(contentDir, problems, opts.collections)) {
    const rel = relative(contentDir, file).split(sep).join("/");
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      problems.push({ file: rel, line: 0, severity: "warning", message: `skipped: ${unreadableReason(err)}` });
      continue;
    }
    const decoded = decodeText(bytes);
    if (decoded.problem) problems.push({ file: rel, ...decoded.problem });
    if (decoded.text === undefined) continue;
    const raw = decoded.text;
    const cache = opts.cacheDir ? new PostCache(opts.cacheDir) : undefined;
    const key = cache?.key(rel, raw, course.siteUrl);
    let parsed = key ? cache!.get(key) : undefined;
    if (!parsed) {
      const found: Problem[] = [];
      parsed = { post: parsePost(rel, raw, course.siteUrl, found), problems: found };
      if (key) cache!.set(key, parsed);
    }
    if (parsed.post) {
      const sidecar = readSidecarQuiz(file, contentDir, problems);
      if (sidecar) parsed.post.quiz = parsed.post.quiz ? { file: parsed.post.quiz.file, items: [...parsed.post.quiz.items, ...sidecar.items] } : sidecar;
      read.push({ post: parsed.post, problems: parsed.problems });
    } else problems.push(...parsed.problems);
  }
  const intro = placeReadmes(read, existsSync(join(contentDir, "_posts")), problems);
  const posts = read.map((r) => r.post).sort(comparePosts);
  // The introduction comes first, unless its own front matter places it.
  if (intro && intro.meta.order === undefined) posts.unshift(...posts.splice(posts.indexOf(intro), 1));
  for (const r of read) problems.push(...r.problems);
  return { course, posts, problems };
}

/** Questions kept beside a post, in `<post-name>.quiz.yml` (or `.quiz.yaml`). */
function readSidecarQuiz(postFile: string, contentDir: string, problems: Problem[]): QuizSource | undefined {
  const stem = join(dirname(postFile), basename(postFile, extname(postFile)));
  const file = [`${stem}.quiz.yml`, `${stem}.quiz.yaml`].find((f) => existsSync(f));
  if (!file) return undefined;
  const rel = relative(contentDir, file).split(sep).join("/");
  try {
    return sidecarQuiz(readFileSync(file, "utf8"), rel, problems);
  } catch (err) {
    problems.push({ file: rel, line: 0, severity: "error", message: `cannot read: ${(err as Error).message}` });
    return undefined;
  }
}

const README = /^(readme\.(md|markdown|html?)|index\.(md|markdown))$/i;

/**
 * A README (or index) at the root of a folder of notes is the course's introduction (its first
 * lesson, and its description), whatever other pages the folder has: it is where a notes folder
 * says what it is. Any other is left out, with a warning saying why.
 * Removes the ones left out from `read`; returns the introduction, if any.
 */
function placeReadmes(read: { post: Post; problems: Problem[] }[], jekyllSite: boolean, problems: Problem[]): Post | undefined {
  let intro: Post | undefined;
  for (const r of [...read]) {
    const path = r.post.meta.path;
    if (!README.test(basename(path))) continue;
    const why = jekyllSite
      ? "Jekyll does not publish a file without a date in _posts"
      : path.includes("/")
        ? "only a README at the root of the folder is read, as the course's introduction"
        : intro
          ? "the course already has an introduction"
          : undefined;
    if (!why) {
      intro = r.post;
      continue;
    }
    read.splice(read.indexOf(r), 1);
    problems.push({ file: path, line: 0, severity: "warning", message: `${basename(path)} is not read as a lesson: ${why}` });
  }
  return intro;
}

/**
 * YAML as Jekyll reads it: a key written twice is accepted and the last one wins (js-yaml's
 * `json` mode), where a strict reader would reject the whole file.
 */
export function readYaml(text: string): Record<string, unknown> {
  const data = loadYaml(text, { json: true });
  return data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

/**
 * The file line of a js-yaml error: its mark counts from 0. Front matter's YAML starts with the
 * newline after the opening `---`, so its lines are the file's lines too.
 */
function yamlErrorLine(err: unknown): number | undefined {
  const line = (err as { mark?: { line?: number } }).mark?.line;
  return line === undefined ? undefined : line + 1;
}

/** What js-yaml found wrong, without its own "(line:column)": the problem's line says where. */
function yamlReason(err: unknown): string {
  return (err as { reason?: string }).reason ?? (err as Error).message.split("\n")[0]!;
}

const JEKYLL_YAML = { engines: { yaml: (text: string): object => readYaml(text) } };

/** A post file → its metadata and lesson tree; null when it is unpublished or unreadable. */
export function parsePost(rel: string, raw: string, siteUrl: string | undefined, problems: Problem[]): Post | null {
  let fm: matter.GrayMatterFile<string>;
  try {
    fm = matter(raw.replace(/^\uFEFF/, ""), JEKYLL_YAML);
  } catch (err) {
    problems.push({ file: rel, line: yamlErrorLine(err) ?? 1, severity: "error", message: `front matter is not valid YAML: ${yamlReason(err)}` });
    return null;
  }
  const data = fm.data as Record<string, unknown>;
  if (data.published === false) return null;
  const bodyStart = raw.slice(0, raw.length - fm.content.length).split("\n").length;
  const isHtml = /\.html?$/i.test(rel);
  let markdown = fm.content;
  let math;
  if (isHtml) {
    // Liquid runs before the HTML is read, as in Jekyll; line numbers after turndown are approximate anyway.
    const liquid = resolveLiquidBlocks(fm.content.replace(/\r\n?/g, "\n"));
    problems.push(...liquid.problems.map((p) => ({ file: rel, line: bodyStart + p.line, severity: p.severity, message: p.message })));
    const converted = htmlPostToMarkdown(liquid.text, bodyStart);
    markdown = converted.markdown;
    math = converted.math;
  }
  const pre = preprocess(markdown, { file: rel, firstLine: bodyStart, siteUrl, ...(math ? { math } : {}) });
  problems.push(...pre.problems);
  const blocks = parseMarkdown(pre.markdown, { file: rel, lineMap: pre.lineMap, math: pre.math, html: pre.html, problems });
  if (!blocks.length) {
    problems.push({ file: rel, line: bodyStart, severity: "warning", message: "the post has no body: no lesson is made from it" });
    return null;
  }
  const language = languageTag(data.lang ?? data.language);

  const name = basename(rel, extname(rel));
  const dateFromName = /^(\d{4}-\d{2}-\d{2})-/.exec(name)?.[1];
  const slug = slugify(name.replace(/^\d{4}-\d{2}-\d{2}-/, "")) || slugify(name) || "post";
  let title = typeof data.title === "string" || typeof data.title === "number" ? String(data.title).trim() : "";
  if (!title) {
    const h = blocks.find((b) => b.t === "heading");
    if (h && h.t === "heading") {
      title = inlineText(h.c).trim();
      // The heading now serves as the title: it need not be read twice.
      blocks.splice(blocks.indexOf(h), 1);
    } else title = name.replace(/^\d{4}-\d{2}-\d{2}-/, "").replace(/[-_]+/g, " ").trim();
  }
  const quiz = frontMatterQuiz(fm.matter, data, rel, problems);
  return {
    ...(quiz ? { quiz } : {}),
    meta: {
      path: rel,
      slug: (dateFromName ? dateFromName + "-" : "") + slug,
      title,
      ...(typeof data.subtitle === "string" ? { subtitle: data.subtitle } : {}),
      ...(dateOf(data.date) ?? dateFromName ? { date: dateOf(data.date) ?? dateFromName } : {}),
      ...(typeof data.order === "number" ? { order: data.order } : {}),
      tags: listOf(data.tags),
      categories: listOf(data.categories ?? data.category),
      ...(typeof data.author === "string" ? { author: data.author } : {}),
      ...(seriesOf(data) ? { course: seriesOf(data) } : {}),
      ...(language ? { language } : {}),
    },
    blocks,
  };
}

function comparePosts(a: Post, b: Post): number {
  const oa = a.meta.order ?? Number.POSITIVE_INFINITY;
  const ob = b.meta.order ?? Number.POSITIVE_INFINITY;
  if (oa !== ob) return oa < ob ? -1 : 1;
  const da = a.meta.date ?? "";
  const db = b.meta.date ?? "";
  if (da !== db) return da < db ? -1 : 1;
  return a.meta.path < b.meta.path ? -1 : a.meta.path > b.meta.path ? 1 : 0;
}

function dateOf(v: unknown): string | undefined {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 19).replace("T00:00:00", "");
  if (typeof v === "string" && v.trim()) return v.trim();
  return undefined;
}

function seriesOf(data: Record<string, unknown>): string | undefined {
  const v = data.course ?? data.series;
  return typeof v === "string" || typeof v === "number" ? String(v).trim() || undefined : undefined;
}

/** "en-US", "EN", "vi_VN" → "en", "vi"; undefined unless it looks like a language tag. */
function languageTag(v: unknown): string | undefined {
  return typeof v === "string" ? /^([a-z]{2,3})(?:[-_][a-z0-9]+)*$/i.exec(v.trim())?.[1]?.toLowerCase() : undefined;
}

function listOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === "string") return v.split(/[\s,]+/).filter(Boolean);
  return [];
}

function readCourseInfo(contentDir: string, problems: Problem[]): CourseInfo {
  const read = (name: string): Record<string, unknown> | undefined => {
    const file = join(contentDir, name);
    if (!existsSync(file)) return undefined;
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      problems.push({ file: name, line: 0, severity: "warning", message: `skipped: ${unreadableReason(err)}` });
      return undefined;
    }
    const decoded = decodeText(bytes);
    if (decoded.problem) problems.push({ file: name, ...decoded.problem });
    if (decoded.text === undefined) return undefined;
    try {
      return readYaml(decoded.text.replace(/^\uFEFF/, ""));
    } catch (err) {
      problems.push({ file: name, line: yamlErrorLine(err) ?? 0, severity: "error", message: `not valid YAML: ${yamlReason(err)}` });
      return undefined;
    }
  };
  const course = read("course.yml") ?? read("course.yaml");
  const config = read("_config.yml");
  // course.yml says what it gives (an author may write one just for `courses:`); the site's own
  // settings (url, title, author) stand for the rest.
  const src = { ...config, ...course };
  const url = typeof src.url === "string" ? src.url.replace(/\/$/, "") : "";
  const baseurl = typeof src.baseurl === "string" ? src.baseurl.replace(/\/$/, "") : "";
  const siteUrl = url ? url + baseurl : undefined;
  const resources: Resource[] = [];
  if (Array.isArray(src.resources)) {
    for (const r of src.resources as unknown[]) {
      if (r && typeof r === "object" && typeof (r as Resource).url === "string") {
        const item = r as Resource & { group?: string };
        resources.push({ title: String(item.title ?? item.url), url: item.url, ...(item.group ? { group: String(item.group) } : {}) });
      }
    }
  }
  return {
    title: typeof src.title === "string" ? src.title : basename(contentDir),
    language: typeof src.language === "string" ? src.language : typeof src.lang === "string" ? src.lang : "en",
    ...(typeof src.author === "string" ? { author: src.author } : {}),
    ...(siteUrl ? { siteUrl } : {}),
    resources,
  };
}
