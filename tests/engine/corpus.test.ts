/**
 * The whole shared corpus (real Jekyll posts by other people, read in place, never copied), its six
 * folders given as one CONTENT_DIR: six courses; every post renders for both platforms; every message passes the platform validator; no raw
 * markup leaks; every lesson reads in six minutes by the model and in 7.5 by an independent
 * simple estimate; every word of each post's prose is in its lessons.
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderCourse, type EngineResult } from "../../src/build/renderCourse.js";
import type { CatalogueCourse, Platform } from "../../src/contract/lessons.js";
import { slugify } from "../../src/course/slug.js";
import { leftoverMarkup, messageErrors } from "./validate.js";
import { proseWords, lessonWords } from "./words.js";
import { simpleMinutes } from "./simpleEstimate.js";
import { loadCourse } from "../../src/course/load.js";
import { splitPost } from "../../src/course/split.js";
import { CORPUS, corpusOrSkip } from "../helpers/outside.js";

const haveCorpus = corpusOrSkip();

const authors = haveCorpus ? readdirSync(CORPUS).filter((d) => statSync(join(CORPUS, d)).isDirectory()).sort() : [];
/** Every post file of the corpus, counted by file name, not by the engine. */
const postCount = authors.reduce((n, a) => n + readdirSync(join(CORPUS, a)).filter((f) => /\.(md|markdown|html?)$/i.test(f)).length, 0);

/**
 * Each folder's lesson ids as the engine gave them before catalogues (lessons.json version 2, main
 * at 0baa0f6): how many, and the first 16 hex digits of the sha256 of the ids one per line. A folder
 * that is one course must keep every id, so learners keep their place.
 */
const IDS_BEFORE_CATALOGUES: Record<string, [number, string]> = {
  "daattali-beautiful-jekyll": [2, "3e33b7ec23b7e06d"],
  "franklinvp-franklinvp-github-io": [15, "cba999e51bbd3e37"],
  "lilianweng-lil-log": [57, "6a769a2fb62d874f"],
  "tiepvupsu-tiepvupsu-github-io": [227, "77cde55790855ba8"],
  "trunghachi-trunghachi-github-io": [2, "5e53821d0aa95458"],
  "vndmtrx-vndmtrx-github-io": [18, "52551065f1b11d1a"],
};

describe.skipIf(!haveCorpus)("the shared corpus", () => {
  const tmp = mkdtempSync(join(tmpdir(), "sau-phut-corpus-"));
  const cacheDir = join(tmp, "math-cache");
  /** Each author's course, by `${platform}/${author}`. */
  const results = new Map<string, CatalogueCourse>();
  const catalogues = new Map<Platform, EngineResult>();

  beforeAll(async () => {
    for (const platform of ["telegram", "discord"] as Platform[]) {
      const r = await renderCourse({ contentDir: authors.map((a) => join(CORPUS, a)), platform, outDir: join(tmp, platform), cacheDir });
      catalogues.set(platform, r);
      for (const a of authors) results.set(`${platform}/${a}`, r.courses.find((c) => c.id === slugify(a))!);
    }
  }, 600_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("GIVEN the six folders as one CONTENT_DIR THEN six courses in the order given, named after their folders, each in its posts' language, described in plain words", () => {
    const r = catalogues.get("telegram")!;
    expect(r.courses.map((c) => c.id)).toEqual(authors.map(slugify));
    expect(r.courses.find((c) => c.id === "daattali-beautiful-jekyll")!.title).toBe("Daattali beautiful jekyll");
    const language = Object.fromEntries(r.courses.map((c) => [c.id, c.language]));
    expect(language).toMatchObject({ "tiepvupsu-tiepvupsu-github-io": "vi", "trunghachi-trunghachi-github-io": "vi", "lilianweng-lil-log": "en" });
    expect(r.courses.find((c) => c.id === "tiepvupsu-tiepvupsu-github-io")!.description).toMatch(/^Những năm gần đây, AI - Artificial Intelligence/);
    for (const c of r.courses) {
      expect(c.description.length, c.id).toBeGreaterThan(40);
      expect(c.description.length, c.id).toBeLessThanOrEqual(300);
      expect(c.description, c.id).not.toMatch(/\*\*|\]\(|^#|\$\$|<\/?[a-z]/);
    }
    // Each problem names its file under the folder it is in.
    for (const p of r.problems) expect(authors.some((a) => p.file.startsWith(`${a}/`)), p.file).toBe(true);
    expect(r.problems.filter((p) => p.course === "lilianweng-lil-log").every((p) => p.file.startsWith("lilianweng__lil-log/"))).toBe(true);
  });

  it("GIVEN each folder, one course THEN every lesson id is the one it had before catalogues", () => {
    const ids = (c: CatalogueCourse): [number, string] => [c.lessons.length, createHash("sha256").update(c.lessons.map((l) => l.id).join("\n")).digest("hex").slice(0, 16)];
    expect(Object.fromEntries(catalogues.get("telegram")!.courses.map((c) => [c.id, ids(c)]))).toEqual(IDS_BEFORE_CATALOGUES);
  });

  it("renders every post of the corpus for both platforms", () => {
    for (const platform of ["telegram", "discord"]) {
      const posts = new Set<string>();
      for (const a of authors) for (const l of results.get(`${platform}/${a}`)!.lessons) posts.add(`${a}/${l.post}`);
      expect(posts.size).toBe(postCount);
      expect(postCount).toBeGreaterThanOrEqual(79);
    }
  });

  it("keeps every lesson within 7.5 minutes by an independent, deliberately simple estimate", () => {
    const over: string[] = [];
    let lessons = 0;
    for (const a of authors) {
      const { course, posts } = loadCourse(join(CORPUS, a));
      for (const p of posts) {
        for (const l of splitPost(p, { language: course.language })) {
          lessons++;
          const minutes = simpleMinutes(l);
          if (minutes > 7.5) over.push(`${a}/${l.id}: ${minutes.toFixed(1)} min`);
        }
      }
    }
    expect(lessons).toBe(new Set(authors.flatMap((a) => results.get(`telegram/${a}`)!.lessons.map((l) => `${a}/${l.id}`))).size);
    expect(over).toEqual([]);
  });

  for (const platform of ["telegram", "discord"] as Platform[]) {
    it(`gives ${platform} only messages it accepts, with no leftover markup`, () => {
      const errors: string[] = [];
      for (const a of authors) {
        const r = results.get(`${platform}/${a}`)!;
        for (const l of r.lessons) {
          l.messages.forEach((msg, i) => {
            for (const e of messageErrors(msg, platform, join(tmp, platform))) errors.push(`${a}/${l.id} #${i}: ${e}`);
            for (const e of leftoverMarkup(msg, platform)) errors.push(`${a}/${l.id} #${i}: leftover ${e}`);
          });
        }
      }
      expect(errors.slice(0, 20)).toEqual([]);
    });

    it(`keeps every ${platform} lesson within six minutes`, () => {
      const long: string[] = [];
      for (const a of authors) for (const l of results.get(`${platform}/${a}`)!.lessons) if (l.minutes > 6) long.push(`${a}/${l.id}: ${l.minutes}`);
      expect(long).toEqual([]);
    });

    it(`loses no word of the authors' prose on ${platform}`, () => {
      const missing: string[] = [];
      for (const a of authors) {
        const r = results.get(`${platform}/${a}`)!;
        const byPost = new Map<string, typeof r.lessons>();
        for (const l of r.lessons) byPost.set(l.post, [...(byPost.get(l.post) ?? []), l]);
        for (const [post, lessons] of byPost) {
          const have = lessonWords(lessons, platform);
          const lost = [...proseWords(readFileSync(join(CORPUS, a, post), "utf8"))].filter((w) => !have.has(w));
          if (lost.length) missing.push(`${a}/${post}: ${lost.slice(0, 12).join(", ")}`);
        }
      }
      expect(missing).toEqual([]);
    });
  }
});
