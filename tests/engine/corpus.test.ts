/**
 * The whole shared corpus (real Jekyll posts by other people, read in place, never copied):
 * every post renders for both platforms; every message passes the platform validator; no raw
 * markup leaks; every lesson reads in six minutes by the model and in 7.5 by an independent
 * simple estimate; every word of each post's prose is in its lessons.
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderCourse, type EngineResult } from "../../src/build/renderCourse.js";
import type { Platform } from "../../src/contract/lessons.js";
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

describe.skipIf(!haveCorpus)("the shared corpus", () => {
  const tmp = mkdtempSync(join(tmpdir(), "sau-phut-corpus-"));
  const cacheDir = join(tmp, "math-cache");
  const results = new Map<string, EngineResult>();

  beforeAll(async () => {
    for (const platform of ["telegram", "discord"] as Platform[]) {
      for (const a of authors) {
        results.set(`${platform}/${a}`, await renderCourse({ contentDir: join(CORPUS, a), platform, outDir: join(tmp, platform, a), cacheDir }));
      }
    }
  }, 600_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

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
            for (const e of messageErrors(msg, platform, join(tmp, platform, a))) errors.push(`${a}/${l.id} #${i}: ${e}`);
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
