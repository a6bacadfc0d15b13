/**
 * The shared corpus (real posts by other people, read in place) in the two new lesson formats:
 * Telegram rich messages and Discord Components V2. Every message passes the platform's rules, no
 * raw markup leaks, no word of prose is lost, and a lesson is one rich message (two at most) or
 * one to four Components V2 messages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderCourse } from "../../src/build/renderCourse.js";
import { oneCourse, type OneCourse } from "./helpers.js";
import type { LessonFormat, Platform, RenderedLesson } from "../../src/contract/lessons.js";
import { formatErrors, formatLeftovers } from "./formats.js";
import { lessonWords, proseWords } from "./words.js";
import { CORPUS, corpusOrSkip } from "../helpers/outside.js";

const haveCorpus = corpusOrSkip();
const authors = haveCorpus ? readdirSync(CORPUS).filter((d) => statSync(join(CORPUS, d)).isDirectory()).sort() : [];
const FORMATS: [Platform, LessonFormat][] = [
  ["telegram", "rich"],
  ["discord", "components"],
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

describe.skipIf(!haveCorpus)("the shared corpus in rich and components formats", () => {
  const tmp = mkdtempSync(join(tmpdir(), "sau-phut-corpus-v2-"));
  const results = new Map<string, OneCourse>();
  const outDir = (p: Platform, f: LessonFormat, a: string): string => join(tmp, `${p}-${f}`, a);

  beforeAll(async () => {
    for (const [platform, format] of FORMATS) {
      for (const a of authors) {
        const r = oneCourse(await renderCourse({ contentDir: join(CORPUS, a), platform, format, outDir: outDir(platform, format, a), cacheDir: join(tmp, "math") }));
        results.set(`${format}/${a}`, r);
      }
    }
  }, 600_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  for (const [platform, format] of FORMATS) {
    it(`gives ${platform} only ${format} messages it accepts, with no leftover markup`, () => {
      const errors: string[] = [];
      for (const a of authors) {
        for (const l of results.get(`${format}/${a}`)!.lessons) {
          l.messages.forEach((msg, i) => {
            for (const e of formatErrors(msg, platform, format, outDir(platform, format, a))) errors.push(`${a}/${l.id} #${i}: ${e}`);
            for (const e of formatLeftovers(msg, platform, format)) errors.push(`${a}/${l.id} #${i}: leftover ${e}`);
          });
        }
      }
      expect(errors.slice(0, 20)).toEqual([]);
    });

    // Discord caps an image's description at 1024 characters: the words of a big table drawn as an
    // image are in the picture but not all in its description. Hence 99 % there, as the issue allows.
    const share = format === "rich" ? 1 : 0.99;
    it(`delivers ${share * 100} % of each post's prose words in ${format}`, () => {
      const missing: string[] = [];
      for (const a of authors) {
        const byPost = new Map<string, RenderedLesson[]>();
        for (const l of results.get(`${format}/${a}`)!.lessons) byPost.set(l.post, [...(byPost.get(l.post) ?? []), l]);
        for (const [post, lessons] of byPost) {
          const have = lessonWords(lessons, platform, format);
          const all = [...proseWords(readFileSync(join(CORPUS, a, post), "utf8"))];
          const lost = all.filter((w) => !have.has(w));
          if (lost.length > all.length * (1 - share)) missing.push(`${a}/${post}: ${lost.length}/${all.length} lost: ${lost.slice(0, 12).join(", ")}`);
        }
      }
      expect(missing).toEqual([]);
    });
  }

  it("sends a lesson as one rich message (two at most) on Telegram, and one to four Components V2 messages on Discord (median ≤ 3)", () => {
    const counts = (format: LessonFormat): number[] => authors.flatMap((a) => results.get(`${format}/${a}`)!.lessons.map((l) => l.messages.length));
    const rich = counts("rich");
    const components = counts("components");
    expect(median(rich)).toBe(1);
    expect(Math.max(...rich)).toBeLessThanOrEqual(2);
    expect(median(components)).toBeLessThanOrEqual(3);
    expect(Math.max(...components)).toBeLessThanOrEqual(4);
    expect(Math.min(...components)).toBeGreaterThanOrEqual(1);
  });

  it("writes most formulas natively in rich messages, drawing only what chat clients cannot", () => {
    let native = 0;
    let drawn = 0;
    for (const a of authors) {
      for (const l of results.get(`rich/${a}`)!.lessons) {
        for (const m of l.messages) {
          native += (m.rich!.html.match(/<tg-math(?:-block)?>/g) ?? []).length;
          drawn += m.rich!.media.filter((x) => x.image.startsWith("media/math/")).length;
        }
      }
    }
    expect(native).toBeGreaterThan(1000);
    expect(drawn).toBeLessThan(native / 10);
  });
});
