/**
 * `check` catches what a course folder can get wrong beside its Markdown: an empty post, a file
 * that is not UTF-8, a path that cannot be read, a post in another language than the course,
 * broken YAML. Each problem is one line `file:line: severity: message`, and the rest of the
 * course still renders.
 */
import { describe, it, expect } from "vitest";
import { chmodSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderCourse } from "../../src/build/renderCourse.js";
import { formatProblem } from "../../src/build/check.js";
import { allText, contentDir, post, sharedCache } from "./helpers.js";

const GOOD = "_posts/2026-01-01-tot.md";
const good = post("title: Bài tốt", "Một đoạn văn bình thường.\n");

async function renderDir(dir: string) {
  const outDir = mkdtempSync(join(tmpdir(), "sau-phut-out-"));
  const r = await renderCourse({ contentDir: dir, platform: "telegram", outDir, cacheDir: sharedCache });
  // A folder under _posts/ is a series of its own: every course's lessons count.
  const lessons = r.courses.flatMap((c) => c.lessons);
  return { ...r, course: r.courses[0]!, lessons, lines: r.problems.map(formatProblem), posts: [...new Set(lessons.map((l) => l.post))] };
}

describe("an empty post", () => {
  it("GIVEN a post with front matter and no body, and one whose body is only a Liquid comment THEN a warning each and no lesson from them", async () => {
    const r = await renderDir(
      contentDir({ [GOOD]: good, "_posts/2026-01-02-trong.md": post("title: Trống", ""), "_posts/2026-01-03-nhap.md": post("title: Nháp", "\n{% comment %}sau{% endcomment %}\n") }),
    );
    expect(r.lines).toEqual([
      "_posts/2026-01-02-trong.md:4: warning: the post has no body: no lesson is made from it",
      "_posts/2026-01-03-nhap.md:4: warning: the post has no body: no lesson is made from it",
    ]);
    expect(r.posts).toEqual([GOOD]);
  });
});

describe("a file that is not UTF-8", () => {
  it("GIVEN a post saved as Latin-1 THEN it is read as Windows-1252 with a warning at the byte, and its letters are right", async () => {
    const text = post("title: Crème", "Un café crème, s'il vous plaît.\n");
    const bytes = Buffer.from(text, "latin1");
    const r = await renderDir(contentDir({ [GOOD]: good, "_posts/2026-01-02-latin.md": bytes }));
    expect(r.lines).toEqual([
      `_posts/2026-01-02-latin.md:2: warning: not UTF-8: byte 0xE8 at byte offset ${bytes.indexOf(0xe8)} is not UTF-8; read as Windows-1252 (Latin-1) — save it as UTF-8`,
    ]);
    expect(allText(r)).toContain("Un café crème, s'il vous plaît.");
    expect(allText(r)).not.toContain("\uFFFD");
  });

  it("GIVEN a post saved as UTF-16 THEN one error naming the file and the byte offset, no lesson from it, the rest renders", async () => {
    const r = await renderDir(contentDir({ [GOOD]: good, "_posts/2026-01-02-utf16.md": Buffer.from("\uFEFF" + post("title: Hai", "Bài hai.\n"), "utf16le") }));
    expect(r.lines).toEqual(["_posts/2026-01-02-utf16.md:1: error: not UTF-8: byte 0xFF at byte offset 0 is not UTF-8 (the file is UTF-16); the file is left out — save it as UTF-8"]);
    expect(r.posts).toEqual([GOOD]);
  });
});

describe("a path that cannot be read", () => {
  it("GIVEN a symlink loop, a broken link and a folder linking back to its parent THEN each is skipped with a warning and the course renders", async () => {
    const dir = contentDir({ [GOOD]: good, "_posts/more/2026-01-05-nam.md": post("title: Năm", "Bài năm.\n") });
    symlinkSync("2026-01-02-vong.md", join(dir, "_posts/2026-01-02-vong.md"));
    symlinkSync("khong-co.md", join(dir, "_posts/2026-01-03-gay.md"));
    symlinkSync("..", join(dir, "_posts/more/back"));
    const r = await renderDir(dir);
    expect(r.lines).toEqual([
      "_posts/2026-01-02-vong.md:0: warning: skipped: a symbolic link loop",
      "_posts/2026-01-03-gay.md:0: warning: skipped: a broken symbolic link",
      "_posts/more/back:0: warning: skipped: a symbolic link to a folder already read",
    ]);
    expect(r.posts.sort()).toEqual([GOOD, "_posts/more/2026-01-05-nam.md"]);
  });

  it.skipIf(process.getuid?.() === 0)("GIVEN a post and a folder without read permission THEN both are skipped with a warning (not as root, who reads everything)", async () => {
    const dir = contentDir({ [GOOD]: good, "_posts/2026-01-02-kin.md": post("title: Kín", "Bí mật.\n"), "_posts/kin/2026-01-03-ba.md": post("title: Ba", "Ba.\n") });
    chmodSync(join(dir, "_posts/2026-01-02-kin.md"), 0o000);
    chmodSync(join(dir, "_posts/kin"), 0o000);
    const r = await renderDir(dir);
    expect(r.lines).toEqual(["_posts/2026-01-02-kin.md:0: warning: skipped: permission denied", "_posts/kin:0: warning: skipped: permission denied"]);
    expect(r.posts).toEqual([GOOD]);
  });
});

describe("a post's own language", () => {
  const english = Array.from({ length: 500 }, (_, i) => (i % 10 === 9 ? "study." : "word")).join(" ") + "\n";

  it("GIVEN an English post with lang: en (or language: en-US) in a Vietnamese course THEN it is timed at the English rate and labelled in English", async () => {
    const r = await renderDir(
      contentDir({
        "course.yml": "title: Khoá học\nlanguage: vi\n",
        "_posts/2026-01-01-en.md": post("title: English\nlang: en", english),
        "_posts/2026-01-02-en-us.md": post("title: English too\nlanguage: en-US", english),
        "_posts/2026-01-03-vi.md": post("title: Tiếng Việt", english),
      }),
    );
    const [en, enUs, vi] = r.lessons;
    for (const l of [en!, enUs!]) {
      expect(l.minutes, l.id).toBe(2.5);
      expect(l.messages[0]!.text, l.id).toContain("min read");
    }
    // Without a word from its author, the post keeps the course's language.
    expect(vi!.minutes).toBe(2);
    expect(vi!.messages[0]!.text).toContain("phút đọc");
  });
});

describe("broken YAML", () => {
  it("GIVEN bad front matter and a bad course.yml THEN each is one error at the line in the file, with no second position", async () => {
    const r = await renderDir(
      contentDir({
        "course.yml": "title: Khoá\nresources:\n  - { title: A, url: x\nlanguage: vi\n",
        [GOOD]: good,
        "_posts/2026-01-02-hong.md": "---\ntitle: Hỏng\ntags: [a, b\ndate: 2026-01-02\n---\nBài.\n",
      }),
    );
    expect(r.lines).toEqual([
      "_posts/2026-01-02-hong.md:4: error: front matter is not valid YAML: missed comma between flow collection entries",
      "course.yml:4: error: not valid YAML: missed comma between flow collection entries",
    ]);
    expect(r.posts).toEqual([GOOD]);
  });
});
