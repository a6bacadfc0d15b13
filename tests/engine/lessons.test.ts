/**
 * Course loading and six-minute lessons: order, titles, ids that survive edits, cuts at
 * headings, short pieces joined, limits of a message with tags reopened.
 */
import { describe, it, expect } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadCourse } from "../../src/course/load.js";
import { splitPost } from "../../src/course/split.js";
import { cutHtml, cutMarkdown } from "../../src/render/cut.js";
import { contentDir, post, render, sharedCache } from "./helpers.js";
import { DEFAULT_READING_MODEL } from "../../src/course/reading.js";
import { telegramHtmlErrors, telegramVisibleLength } from "./validate.js";

/** About `minutes` of Vietnamese prose (300 syllables a minute), in paragraphs of ~60 syllables. */
/** Vietnamese prose that reads in `minutes` by the reading model. */
function prose(minutes: number, seed: string): string {
  const words = Math.round(minutes * (DEFAULT_READING_MODEL.wordsPerMinute.vi ?? DEFAULT_READING_MODEL.wordsPerMinute.default));
  const paras: string[] = [];
  for (let i = 0; i < words; i += 60) paras.push(Array.from({ length: Math.min(60, words - i) }, (_, k) => `${seed}${(i + k) % 7 === 0 ? "ữ" : "a"}`).join(" ") + ".");
  return paras.join("\n\n");
}

describe("loading a course", () => {
  it("orders by `order` (posts that have one first), then date, then path; skips unpublished posts; titles posts without front matter", () => {
    const dir = contentDir({
      "_posts/2026-01-03-c.md": post("title: C", "Ba."),
      "_posts/2026-01-01-a.md": post("title: A\norder: 9", "Một."),
      "_posts/2026-01-02-b.md": post("title: B\npublished: false", "Hai."),
      "_posts/sub/2026-01-01-d.md": "# Tiêu đề từ heading\n\nBốn.",
      "_config.yml": "title: Blog của tôi\nurl: https://x.example\nbaseurl: /blog\n",
    });
    const c = loadCourse(dir);
    expect(c.posts.map((p) => p.meta.title)).toEqual(["A", "Tiêu đề từ heading", "C"]);
    expect(c.course.title).toBe("Blog của tôi");
    expect(c.course.siteUrl).toBe("https://x.example/blog");
  });

  it("reports broken front matter with file and line, and the rest of the course still loads", () => {
    const dir = contentDir({
      "_posts/2026-01-01-ok.md": post("title: Tốt", "Nội dung."),
      "_posts/2026-01-02-bad.md": "---\ntitle: [không đóng\n---\nNội dung.",
    });
    const c = loadCourse(dir);
    expect(c.posts.map((p) => p.meta.title)).toEqual(["Tốt"]);
    expect(c.problems).toEqual([expect.objectContaining({ file: "_posts/2026-01-02-bad.md", severity: "error", message: expect.stringMatching(/front matter/) })]);
  });

  it("reports an unclosed code fence at its line", () => {
    const dir = contentDir({ "_posts/2026-01-01-x.md": post("title: X", "Đoạn.\n\n```python\nx = 1\n") });
    expect(loadCourse(dir).problems).toEqual([expect.objectContaining({ line: 6, severity: "error", message: expect.stringMatching(/never closed/) })]);
  });
});

describe("six-minute lessons", () => {
  const long = [
    prose(1, "mở"),
    "## Phần một",
    prose(3.5, "một"),
    "## Phần hai",
    prose(3.5, "hai"),
    "## Phần ba",
    prose(0.6, "ba"),
    "## Đọc thêm",
    "- [Tài liệu PyTorch](https://pytorch.org/docs/stable/index.html)",
  ].join("\n\n");

  function lessonsOf(body: string) {
    const dir = contentDir({ "_posts/2026-01-01-dai.md": post("title: Bài dài", body) });
    const c = loadCourse(dir);
    return splitPost(c.posts[0]!, { language: "vi" });
  }

  it("GIVEN a 8.6-minute post THEN lessons ≤ 6 minutes, cut at headings, the short tail joined", () => {
    const ls = lessonsOf(long);
    expect(ls.length).toBe(2);
    for (const l of ls) expect(l.minutes).toBeLessThanOrEqual(6);
    expect(ls[0]!.blocks.at(-1)!.t).not.toBe("heading");
    expect(ls[1]!.blocks[0]).toMatchObject({ t: "heading", anchor: "phan-hai" });
    expect(ls.map((l) => l.title)).toEqual(["Bài dài (1/2)", "Bài dài (2/2) · Phần hai"]);
    expect(ls.map((l) => l.id)).toEqual(["2026-01-01-dai", "2026-01-01-dai#phan-hai"]);
    expect(ls[0]!.resources).toEqual([{ title: "Tài liệu PyTorch", url: "https://pytorch.org/docs/stable/index.html" }]);
  });

  it("GIVEN an edit that adds a paragraph earlier THEN the later lesson keeps its id", () => {
    const edited = long.replace("## Phần một", "Một đoạn mới thêm vào.\n\n## Phần một");
    expect(lessonsOf(edited).map((l) => l.id)).toEqual(lessonsOf(long).map((l) => l.id));
  });

  it("GIVEN one section longer than six minutes THEN it is cut between paragraphs", () => {
    const ls = lessonsOf(`## Một mục\n\n${prose(10, "x")}`);
    expect(ls.length).toBe(2);
    for (const l of ls) expect(l.minutes).toBeLessThanOrEqual(6);
    expect(ls[1]!.id).toBe("2026-01-01-dai#mot-muc");
  });

  it("GIVEN one paragraph that alone reads over six minutes THEN check reports it (a code block that long is cut instead)", async () => {
    const para = Array.from({ length: 1700 }, (_, i) => (i % 7 === 0 ? "ữ" : "a")).join(" ") + ".";
    const r = await render({ "_posts/2026-01-01-dai.md": post("title: Mã", `Đoạn.\n\n${para}`) }, "telegram");
    expect(r.problems).toEqual([expect.objectContaining({ line: 6, severity: "error", message: expect.stringMatching(/cannot be cut under 6 minutes/) })]);
  });
});

describe("cutting a message at the limit", () => {
  it("GIVEN Telegram HTML longer than the limit THEN pieces fit, and tags close and reopen at each cut", () => {
    const para = Array.from({ length: 300 }, (_, i) => `câu <b>số ${i}</b> &amp; tiếp.`).join(" ");
    const html = `<blockquote>💡 <b>Mẹo</b>\n${para}</blockquote>`;
    const pieces = cutHtml(html, 1000);
    expect(pieces.length).toBeGreaterThan(3);
    for (const p of pieces) {
      expect(telegramHtmlErrors(p)).toEqual([]);
      expect(telegramVisibleLength(p)).toBeLessThanOrEqual(1000);
      expect(p.startsWith("<blockquote>")).toBe(true);
    }
    const text = (s: string): string => s.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();
    expect(text(pieces.join(" "))).toBe(text(html));
  });

  it("GIVEN Discord Markdown with a long code block THEN each piece ≤ 2000 with its fence reopened", () => {
    const md = "Trước.\n\n```python\n" + Array.from({ length: 200 }, (_, i) => `print(${i})  # dòng ${i}`).join("\n") + "\n```\n\nSau.";
    const pieces = cutMarkdown(md, 2000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(2000);
      expect((p.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(pieces.join("\n")).toContain("# dòng 199");
  });
});

describe("the CLI", () => {
  const root = resolve(__dirname, "../..");
  const tsx = join(root, "node_modules/.bin/tsx");

  it("`render --format classic` writes lessons.json version 3 (one course for one folder) and the media it names", () => {
    const dir = contentDir({ "_posts/2026-01-01-x.md": post("title: X", "Ta có:\n\n$$a^2 + b^2 = c^2$$\n") });
    const out = mkdtempSync(join(tmpdir(), "sau-phut-cli-"));
    execFileSync(tsx, ["src/cli.ts", "render", "--content", dir, "--platform", "discord", "--format", "classic", "--out", out, "--cache", sharedCache], { cwd: root });
    const doc = JSON.parse(readFileSync(join(out, "lessons.json"), "utf8"));
    expect(doc).toMatchObject({ version: 3, format: "classic", platform: "discord", courses: [{ lessons: [{ id: "2026-01-01-x", post: "_posts/2026-01-01-x.md", part: 1, parts: 1 }] }], problems: [] });
    const images = doc.courses[0].lessons[0].messages.flatMap((m: { images?: string[] }) => m.images ?? []);
    expect(images).toHaveLength(1);
    expect(existsSync(join(out, images[0]))).toBe(true);
  });

  it("`render` writes each platform's new format by default: rich for Telegram, components for Discord", () => {
    const dir = contentDir({ "_posts/2026-01-01-x.md": post("title: X", "Ta có:\n\n$$a^2 + b^2 = c^2$$\n") });
    for (const [platform, format, field] of [["telegram", "rich", "rich"], ["discord", "components", "components"]] as const) {
      const out = mkdtempSync(join(tmpdir(), "sau-phut-cli-"));
      execFileSync(tsx, ["src/cli.ts", "render", "--content", dir, "--platform", platform, "--out", out, "--cache", sharedCache], { cwd: root });
      const doc = JSON.parse(readFileSync(join(out, "lessons.json"), "utf8"));
      expect(doc).toMatchObject({ version: 3, format, platform });
      expect(doc.courses[0].lessons[0].messages[0][field]).toBeDefined();
    }
    const bad = spawnSync(tsx, ["src/cli.ts", "render", "--content", dir, "--platform", "telegram", "--format", "components", "--out", tmpdir()], { cwd: root, encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('telegram has no format "components": rich or classic');
  });

  it("`check` prints file:line: severity: message and exits 1 on errors", () => {
    const dir = contentDir({
      "_posts/2026-01-01-ok.md": post("title: Ổn", "Tốt."),
      "_posts/2026-01-02-x.md": post("title: X", "$$\\frac{1$$\n\n![thiếu](/assets/khong.png)\n\n{% include x.html %}\n"),
    });
    const r = spawnSync(tsx, ["src/cli.ts", "check", "--content", dir, "--cache", sharedCache], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("_posts/2026-01-02-x.md:4: error: invalid TeX: Missing close brace");
    expect(r.stdout).toContain("_posts/2026-01-02-x.md:6: error: missing local image /assets/khong.png");
    expect(r.stdout).toContain("_posts/2026-01-02-x.md:8: warning: Liquid tag {% include %} is not supported; removed");
    expect(r.stdout).toContain("2 error(s), 1 warning(s)");
  });

  it("`check` exits 0 on a clean course", () => {
    const dir = contentDir({ "_posts/2026-01-01-ok.md": post("title: Ổn", "Tốt.") });
    const r = spawnSync(tsx, ["src/cli.ts", "check", "--content", dir, "--cache", sharedCache], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("0 error(s), 0 warning(s)");
  });
});
