/**
 * lessons.json version 3, the catalogue: what `render` writes for several folders, what the bot reads
 * back (COURSE_JSON), and the one-course catalogue older files (versions 1 and 2) are read as.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { loadRenderings, readLessonsJson } from "../../src/build/courseSource.js";
import { logContentProblems } from "../../src/ops/contentProblems.js";
import { contentDir, post, sharedCache } from "./helpers.js";

const root = resolve(__dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");
const fixture = (name: string): string => join(root, "tests/fixtures/courses", name);

describe("lessons.json version 3", () => {
  it("GIVEN render with --content twice THEN { version 3, platform, format, courses: [{ id, title, language, description, …, lessons }], problems }, read back as written", () => {
    const out = mkdtempSync(join(tmpdir(), "sau-phut-v3-"));
    const stdout = execFileSync(tsx, ["src/cli.ts", "render", "--content", fixture("blog"), "--content", fixture("notes-pytorch"), "--platform", "discord", "--format", "classic", "--out", out, "--cache", sharedCache], { cwd: root, encoding: "utf8" });
    expect(stdout).toMatch(/^4 course\(s\), 11 lessons, \d+ messages → .*lessons\.json$/m);
    const doc = JSON.parse(readFileSync(join(out, "lessons.json"), "utf8"));
    expect(Object.keys(doc)).toEqual(["version", "platform", "format", "courses", "problems"]);
    expect(doc).toMatchObject({ version: 3, platform: "discord", format: "classic", problems: [] });
    expect(doc.courses.map((c: { id: string }) => c.id)).toEqual(["dl-pytorch", "r4ds", "blog", "notes-pytorch"]);
    expect(Object.keys(doc.courses[2])).toEqual(["id", "title", "language", "description", "siteUrl", "resources", "lessons"]);
    expect(doc.courses[3]).toMatchObject({
      id: "notes-pytorch",
      title: "Notes pytorch",
      language: "vi",
      description: "Những ghi chép ngắn khi tự học PyTorch: mỗi trang một khái niệm, có mã chạy được.",
      resources: [],
      lessons: [{ id: "readme", post: "README.md", title: "Ghi chép PyTorch", part: 1, parts: 1 }, {}, {}, {}],
    });
    const read = readLessonsJson(join(out, "lessons.json"));
    expect(read).toEqual({ catalogue: doc, mediaDir: out });
  });

  it("GIVEN a version 2 file (one course) THEN a catalogue of that one course, its id from its title, its lessons and ids unchanged", () => {
    const dir = mkdtempSync(join(tmpdir(), "sau-phut-v2-"));
    const lessons = [{ id: "2025-01-01-a", post: "_posts/2025-01-01-a.md", title: "A", part: 1, parts: 1, minutes: 2, resources: [], messages: [{ rich: { html: "<p>A</p>", media: [] } }] }];
    const v2 = { version: 2, platform: "telegram", format: "rich", course: { title: "Học sâu với PyTorch, từng bước", language: "vi", author: "Sáu Phút", resources: [] }, lessons, problems: [] };
    writeFileSync(join(dir, "lessons.json"), JSON.stringify(v2));
    expect(readLessonsJson(join(dir, "lessons.json"))).toEqual({
      catalogue: {
        version: 3,
        platform: "telegram",
        format: "rich",
        courses: [{ id: "hoc-sau-voi-pytorch-tung-buoc", title: "Học sâu với PyTorch, từng bước", language: "vi", author: "Sáu Phút", description: "", resources: [], lessons }],
        problems: [],
      },
      mediaDir: dir,
    });
  });

  it("GIVEN a version 1 file (classic, no format, no problems) THEN a classic one-course catalogue; GIVEN another JSON THEN an error naming the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "sau-phut-v1-"));
    const v1 = { version: 1, platform: "console", course: { title: "Notes", language: "en", resources: [] }, lessons: [] };
    writeFileSync(join(dir, "lessons.json"), JSON.stringify(v1));
    expect(readLessonsJson(join(dir, "lessons.json")).catalogue).toMatchObject({ version: 3, format: "classic", courses: [{ id: "notes", title: "Notes", lessons: [] }], problems: [] });
    writeFileSync(join(dir, "other.json"), JSON.stringify({ version: 4, courses: [] }));
    expect(() => readLessonsJson(join(dir, "other.json"))).toThrow(`${join(dir, "other.json")} is not a lessons.json (version 1, 2 or 3)`);
  });

  it("GIVEN several content folders THEN the bot's renderings are catalogues, and each content problem is logged with its file, line and course", async () => {
    const broken = contentDir({ "_posts/2026-01-01-a.md": post("title: A", "Một.\n\n![x](/khong-co.png)\n") });
    let logged = "";
    const log = pino({ level: "warn" }, new Writable({ write: (chunk, _e, done) => ((logged += String(chunk)), done()) }));
    const dataDir = mkdtempSync(join(tmpdir(), "sau-phut-data-"));
    const [rendering, ...rest] = await loadRenderings({ platform: "console", formats: ["classic"], contentDir: [fixture("academy"), broken], dataDir, courseJson: undefined, log });
    expect(rest).toEqual([]);
    expect(rendering!.mediaDir).toBe(join(dataDir, "render", "console-classic"));
    expect(rendering!.catalogue.courses.map((c) => c.id)).toEqual(["bai-tap", "tutorials", "academy", broken.split("/").at(-1)!.toLowerCase()]);
    logContentProblems(log, rendering!.catalogue.problems);
    const lines = logged.trim().split("\n").map((l) => JSON.parse(l) as { file: string; line: number; course?: string; msg: string });
    const folder = broken.split("/").at(-1)!;
    expect(lines.map((l) => l.msg)).toEqual([
      expect.stringMatching(/^content problem: academy\/_config\.yml:12: warning: collection "authors" is not a course/),
      `content problem: ${folder}/_posts/2026-01-01-a.md:6: error: missing local image /khong-co.png`,
    ]);
    expect(lines[1]).toMatchObject({ file: `${folder}/_posts/2026-01-01-a.md`, line: 6, course: folder.toLowerCase() });
  });
});
