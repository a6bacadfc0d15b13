/**
 * The bundled course must always check clean, keep the six-minute promise, and exercise every
 * feature of the engine the way the blog's author writes.
 */
import { describe, it, expect, beforeAll } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { checkCatalogue, type CatalogueCheck } from "../../src/build/check.js";
import { loadCourse } from "../../src/course/load.js";
import { splitPost } from "../../src/course/split.js";
import { oneCourse, sharedCache } from "../engine/helpers.js";
import { simpleMinutes } from "../engine/simpleEstimate.js";

const CONTENT = resolve(__dirname, "../../content");
const posts = readdirSync(join(CONTENT, "_posts")).filter((f) => f.endsWith(".md"));
const sources = posts.map((f) => readFileSync(join(CONTENT, "_posts", f), "utf8")).join("\n");

describe("the bundled course", () => {
  let check: CatalogueCheck = { courses: [], problems: [] };
  beforeAll(async () => {
    check = await checkCatalogue({ contentDir: CONTENT, cacheDir: sharedCache });
  }, 120_000);

  it("checks clean: no errors, no warnings", () => {
    expect(check.problems).toEqual([]);
  });

  it("is one course, under the id course.yml pins (learners follow it by that id)", () => {
    expect(check.courses.map((c) => [c.id, c.title, c.language])).toEqual([["hoc-sau-voi-pytorch-tung-buoc", "Học sâu với PyTorch, từng bước", "vi"]]);
  });

  it("has a welcome post and at least 12 posts of Part I, in order", () => {
    const course = loadCourse(CONTENT);
    expect(course.course.language).toBe("vi");
    expect(course.posts.length).toBeGreaterThanOrEqual(13);
    expect(course.posts[0]!.meta.path).toBe("_posts/2026-01-01-chao-mung.md");
  });

  it("keeps every lesson between 1.5 and 6 minutes (a short post may be one short lesson)", () => {
    const course = loadCourse(CONTENT);
    for (const p of course.posts) {
      const lessons = splitPost(p, { language: "vi" });
      expect(lessons.length).toBeLessThanOrEqual(3);
      for (const l of lessons) {
        expect(l.minutes, l.id).toBeLessThanOrEqual(6);
        expect(simpleMinutes(l), `${l.id} by the simple estimate`).toBeLessThanOrEqual(7.5);
        if (lessons.length > 1) expect(l.minutes, l.id).toBeGreaterThanOrEqual(1.5);
      }
      expect(lessons[0]!.resources.length, `${p.meta.path} has a Đọc thêm list`).toBeGreaterThan(0);
    }
  });

  it("uses every feature of the blog's conventions", () => {
    for (const feature of ["```python", "~~~", "{% highlight python linenos %}", "$$", "\\begin{aligned}", "{: .box-note}", "{: .box-warning}", "{: .box-error}", "> [!TIP]", "> [!NOTE]", "> [!WARNING]", "](/assets/img/", "## Đọc thêm"]) {
      expect(sources, feature).toContain(feature);
    }
    expect(sources).toMatch(/^\|.*\|\s*$/m);
    expect(sources.replace(/\s+/g, "")).toContain("b+w_1x_1+w_2x_2=z=\\ln\\frac{p}{1-p}");
  });

  it("lists the course-wide learning sources", () => {
    const { course } = loadCourse(CONTENT);
    const urls = course.resources.map((r) => r.url);
    for (const u of ["https://machinelearningcoban.com/", "https://d2l.aivivn.com/", "https://leanpub.com/pytorch", "https://www.deeplearningbook.org/", "https://www.bishopbook.com/", "https://colab.research.google.com/"]) expect(urls).toContain(u);
  });
});

describe("the bundled course's quiz", () => {
  it("asks 2–3 questions after every lesson, each with an explanation and one right option", async () => {
    const { renderCourse } = await import("../../src/build/renderCourse.js");
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const r = oneCourse(await renderCourse({ contentDir: CONTENT, platform: "console", outDir: mkdtempSync(join(tmpdir(), "sau-phut-bundled-quiz-")), cacheDir: sharedCache }));
    expect(r.problems).toEqual([]);
    for (const l of r.lessons) {
      expect(l.quiz?.length ?? 0, l.id).toBeGreaterThanOrEqual(2);
      expect(l.quiz!.length, l.id).toBeLessThanOrEqual(3);
      for (const q of l.quiz!) {
        expect(q.explain, q.question).not.toBe("");
        expect(q.answers, q.question).toHaveLength(1);
      }
    }
    const all = r.lessons.flatMap((l) => l.quiz!.map((q) => q.id));
    expect(new Set(all).size).toBe(all.length);
  }, 120_000);
});
