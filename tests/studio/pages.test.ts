/**
 * The pages as HTML, from real renders of small folders: problems go to the lesson whose lines hold
 * them, each listed as `check` prints it with a link to its line; several folders keep their files
 * apart; the splitter's reasons are shown; every page of a snapshot has a path that leads back to it.
 */
import { describe, it, expect, beforeAll } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { formatProblem } from "../../src/build/check.js";
import { coursesOf, checkProblems, type Snapshot } from "../../src/studio/model.js";
import { cataloguePage } from "../../src/studio/pages/catalogue.js";
import { lessonPage } from "../../src/studio/pages/lesson.js";
import { sourcePage } from "../../src/studio/pages/source.js";
import { fileName, paths } from "../../src/studio/paths.js";
import { placeProblems } from "../../src/studio/problems.js";
import { allPages, pageAt } from "../../src/studio/site.js";
import { renderViews } from "../../adapters/studio/render.js";
import { contentFile } from "../../adapters/studio/files.js";
import { sendExtras } from "../../adapters/studio/extras.js";
import { contentDir } from "../engine/helpers.js";
import { testCache } from "./preview.js";

const FIXTURES = resolve(import.meta.dirname, "../fixtures/courses");
const LIVE = { live: true };
const words = (n: number): string => Array.from({ length: n }, () => "học").join(" ");

async function snapshotOf(dirs: string[], cacheDir: string): Promise<{ s: Snapshot; folders: { dir: string; label: string }[] }> {
  const views = await renderViews({ contentDirs: dirs, outRoot: mkdtempSync(join(tmpdir(), "sau-phut-pages-")), cacheDir });
  return { s: { generation: 1, version: "t.1", catalogues: views.catalogues }, folders: views.folders };
}

describe("pages of a post with problems in two of its lessons", () => {
  const cacheDir = testCache();
  const post = [
    "---",
    "title: Hai phần",
    "---",
    "## Một",
    "",
    words(1000),
    "",
    "![mất](/assets/khong-co.png)",
    "",
    "## Hai",
    "",
    words(1000),
    "",
    "$$\\frac{1}{$$",
    "",
  ].join("\n");
  let s: Snapshot;

  beforeAll(async () => {
    ({ s } = await snapshotOf([contentDir({ "_posts/2026-03-01-hai-phan.md": post })], cacheDir));
  }, 120_000);

  it("GIVEN a missing image in the first lesson and bad TeX in the second THEN each lesson holds its own problem", () => {
    const course = coursesOf(s)[0]!;
    expect(course.lessons.map((l) => l.id)).toEqual(["2026-03-01-hai-phan", "2026-03-01-hai-phan#hai"]);
    const byLesson = placeProblems(s).byLesson.get(course.id)!.map((ps) => ps.map((p) => `${p.line}: ${p.message.split(":")[0]}`));
    expect(byLesson).toEqual([["8: missing local image /assets/khong-co.png"], ["14: invalid TeX"]]);
  });

  it("GIVEN the second lesson's page THEN its panel lists the post's problems as check prints them, this lesson's marked, each linked to its line", () => {
    const course = coursesOf(s)[0]!;
    const html = lessonPage(s, course.id, "2026-03-01-hai-phan#hai", sendExtras, LIVE)!;
    const items = [...html.matchAll(/<li class="problem (error|warning)( here)?"><a href="([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => ({ here: !!m[2], href: m[3], text: m[4] }));
    expect(items.map((i) => i.text)).toEqual(checkProblems(s).map(formatProblem));
    expect(items.map((i) => i.here)).toEqual([false, true]);
    expect(items[1]!.href).toBe("../../source/_posts/2026-03-01-hai-phan.md.html#L14");
  });

  it("GIVEN the lesson pages THEN the split panel says why each starts where it does and lists each block's reading time", () => {
    const course = coursesOf(s)[0]!;
    const first = lessonPage(s, course.id, "2026-03-01-hai-phan", sendExtras, LIVE)!;
    const second = lessonPage(s, course.id, "2026-03-01-hai-phan#hai", sendExtras, LIVE)!;
    expect(first).toContain("<strong>Starts</strong> at the start of the post.");
    expect(first).toContain("<strong>Ends</strong> where the next lesson starts at a heading.");
    expect(second).toContain("<strong>Starts</strong> at a heading (the splitter cuts at headings first).");
    expect(second).toMatch(/<ol class="post-cuts"><li><a [^>]*>Hai phần \(1\/2\) · Một<\/a> · [\d.]+ min · cut: start<\/li><li class="current"><a [^>]*>Hai phần \(2\/2\) · Hai<\/a> · [\d.]+ min · cut: heading<\/li><\/ol>/);
    expect(second).toMatch(/<td class="line"><a href="[^"]*#L12">12<\/a><\/td><td class="kind">para<\/td><td class="excerpt">học học [^<]*…<\/td><td class="secs">240 s<\/td>/);
  });

  it("GIVEN the catalogue THEN each lesson's row counts its own problems", () => {
    const html = cataloguePage(s, LIVE);
    const rows = [...html.matchAll(/<li class="lesson-row"[^>]*>.*?<span class="counts">(.*?)<\/span><\/li>/g)].map((m) => m[1]);
    expect(rows).toEqual(['<span class="badge error">1 error</span>', '<span class="badge error">1 error</span>']);
  });

  it("GIVEN the post's source page THEN every line is an anchor and the problem is written under its line", () => {
    const html = sourcePage(s, "_posts/2026-03-01-hai-phan.md", post, LIVE);
    expect(html.match(/<tr id="L\d+"/g)).toHaveLength(14);
    expect(html).toMatch(/<tr id="L14" class="has-problem error"><td class="ln"><a href="#L14">14<\/a><\/td><td class="src"><code>\$\$\\frac\{1\}\{\$\$<\/code><div class="source-problem error">error: invalid TeX/);
  });
});

describe("pages of two content folders", () => {
  const cacheDir = testCache();
  let s: Snapshot;
  let folders: { dir: string; label: string }[];

  beforeAll(async () => {
    ({ s, folders } = await snapshotOf([join(FIXTURES, "blog"), join(FIXTURES, "notes-pytorch")], cacheDir));
  }, 120_000);

  it("GIVEN the blog's series and the notes folder THEN every course is on the catalogue and each lesson's post is found under its own folder", () => {
    const courses = coursesOf(s);
    expect(courses.length).toBeGreaterThan(2);
    const html = cataloguePage(s, LIVE);
    for (const c of courses) expect(html).toContain(`data-course="${c.id}"`);
    for (const c of courses) {
      for (const l of c.lessons) {
        const file = contentFile((c.label ?? "") + l.post, folders);
        expect(file, `${c.id}/${l.id}`).toBeDefined();
        expect(readFileSync(file!, "utf8").length).toBeGreaterThan(0);
      }
    }
    expect(folders.map((f) => f.label)).toEqual(["blog/", "notes-pytorch/"]);
  });

  it("GIVEN a path that leaves the content folder, or a file of it no lesson or problem names THEN no source page", () => {
    expect(contentFile("blog/../../../package.json", folders)).toBeUndefined();
    expect(contentFile("elsewhere/x.md", folders)).toBeUndefined();
    expect(pageAt(s, "source/blog/../../../package.json.html")).toBeUndefined();
    expect(pageAt(s, "source/blog/_config.yml.html")).toBeUndefined();
    expect(pageAt(s, "source/blog/_posts/2022-12-30-chao-ban.md.html")).toEqual({ kind: "source", file: "blog/_posts/2022-12-30-chao-ban.md" });
  });

  it("GIVEN every page of the snapshot THEN its path leads back to it, and lesson file names never collide", () => {
    for (const ref of allPages(s)) {
      const path = ref.kind === "catalogue" ? paths.catalogue() : ref.kind === "lesson" ? paths.lesson(ref.courseId, ref.lessonId) : paths.source(ref.file);
      expect(pageAt(s, path)).toEqual(ref);
    }
    expect(fileName("a#b")).not.toBe(fileName("a~b"));
    expect(fileName("a_b")).not.toBe(fileName("a b"));
  });
});
