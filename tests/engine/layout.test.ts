/**
 * The splitter's reasoning, as the author preview shows it: why each lesson starts where it does and
 * what each block costs to read. The timings must add up to the lesson's own reading time.
 */
import { describe, it, expect } from "vitest";
import { parsePost } from "../../src/course/load.js";
import { splitPost, type Lesson } from "../../src/course/split.js";
import { renderCourse } from "../../src/build/renderCourse.js";
import { contentDir, oneCourse, sharedCache } from "./helpers.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const words = (n: number, w = "học"): string => Array.from({ length: n }, () => w).join(" ");
const lessonsOf = (body: string): Lesson[] => splitPost(parsePost("2026-02-01-dai.md", `---\ntitle: Dài\n---\n${body}`, undefined, [])!, { language: "vi" });
const addsUp = (l: Lesson): void => {
  expect(l.layout.blocks.reduce((s, b) => s + b.seconds, 0), l.id).toBeCloseTo(l.seconds, 0);
};

describe("a lesson's layout", () => {
  it("GIVEN a post in sections longer than a lesson together THEN the first starts the post and the others start at headings", () => {
    const ls = lessonsOf(`## Một\n\n${words(1000)}\n\n## Hai\n\n${words(1000)}\n\n## Ba\n\n${words(1000)}\n`);
    expect(ls.map((l) => l.layout.cut)).toEqual(["post", "heading", "heading"]);
    expect(ls[1]!.layout.blocks[0]).toMatchObject({ kind: "heading", line: 8, excerpt: "Hai" });
    expect(ls[1]!.layout.blocks[1]).toMatchObject({ kind: "para", line: 10, seconds: 240, excerpt: expect.stringMatching(/^học học .*…$/) });
    ls.forEach(addsUp);
  });

  it("GIVEN a long section without headings THEN it is cut between paragraphs", () => {
    const ls = lessonsOf(Array.from({ length: 8 }, () => words(250)).join("\n\n"));
    expect(ls.length).toBeGreaterThan(1);
    expect(ls.map((l) => l.layout.cut)).toEqual(["post", ...ls.slice(1).map(() => "paragraph")]);
    ls.forEach(addsUp);
  });

  it("GIVEN a code block longer than a lesson THEN a later lesson starts inside it and its piece is continued", () => {
    const code = Array.from({ length: 150 }, (_, i) => `x_${i} = ${i}`).join("\n");
    const ls = lessonsOf(`Mã:\n\n\`\`\`python\n${code}\n\`\`\`\n`);
    const pieces = ls.slice(1);
    expect(pieces.length).toBeGreaterThan(0);
    for (const l of pieces) {
      expect(l.layout.cut).toBe("piece");
      expect(l.layout.blocks[0]).toMatchObject({ kind: "code", continued: true });
    }
    ls.forEach(addsUp);
  });

  it("GIVEN explain THEN the engine's lessons carry their layout and its courses their files' prefix, and without it they do not", async () => {
    const dir = contentDir({ "_posts/2026-02-01-dai.md": `---\ntitle: Dài\n---\n## Một\n\n${words(900)}\n\n## Hai\n\n${words(900)}\n` });
    const outDir = mkdtempSync(join(tmpdir(), "sau-phut-out-"));
    const explained = await renderCourse({ contentDir: dir, platform: "telegram", outDir, cacheDir: sharedCache, explain: true });
    expect(explained.courses.flatMap((c) => c.lessons.map((l) => l.layout?.cut))).toEqual(["post", "heading"]);
    expect(explained.courses[0]!.label).toBe("");
    const plain = await renderCourse({ contentDir: dir, platform: "telegram", outDir, cacheDir: sharedCache });
    expect(oneCourse(plain).lessons.every((l) => !("layout" in l))).toBe(true);
    expect("label" in plain.courses[0]!).toBe(false);
  });
});
