/**
 * A teacher's blog as a shelf of courses: the fixtures in tests/fixtures/courses laid out the ways
 * authors keep series (folders under _posts/, collections, a notes folder with a README and docs/,
 * front matter `course:`, course.yml `courses:`), and what learners and `check` see of them.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { renderCourse, type EngineResult } from "../../src/build/renderCourse.js";
import type { CatalogueCourse } from "../../src/contract/lessons.js";
import { DEFAULT_READING_MODEL, type ReadingModel } from "../../src/course/reading.js";
import { descriptionOf, DESCRIPTION_MAX, majorityLanguage } from "../../src/course/courseText.js";
import { folderLabels } from "../../src/course/folder.js";
import { contentDir, post, sharedCache } from "./helpers.js";

const root = resolve(__dirname, "../..");
const FIXTURES = join(root, "tests/fixtures/courses");
const fixture = (name: string): string => join(FIXTURES, name);

async function catalogue(dirs: string | string[], model?: ReadingModel): Promise<EngineResult> {
  const outDir = mkdtempSync(join(tmpdir(), "sau-phut-catalogue-"));
  return renderCourse({ contentDir: dirs, platform: "telegram", format: "classic", outDir, cacheDir: sharedCache, ...(model ? { model } : {}) });
}

const course = (r: EngineResult, id: string): CatalogueCourse => {
  const c = r.courses.find((x) => x.id === id);
  if (!c) throw new Error(`no course ${id} among ${r.courses.map((x) => x.id).join(", ")}`);
  return c;
};
const titles = (c: CatalogueCourse): string[] => c.lessons.map((l) => l.title);
const text = (c: CatalogueCourse): string => c.lessons.flatMap((l) => l.messages.map((m) => m.text ?? "")).join("\n");

describe("a Jekyll site with two series in _posts/<Series>/ (rule 4) and posts in none (rule 5)", () => {
  it("GIVEN _posts/DL-Pytorch/ and _posts/R4DS/ THEN one course each, titled from the folder, in the order of their first posts; the loose post is the site's own course, last", async () => {
    const r = await catalogue(fixture("blog"));
    expect(r.courses.map((c) => [c.id, c.title, c.language])).toEqual([
      ["dl-pytorch", "DL Pytorch", "vi"],
      ["r4ds", "R4DS", "vi"],
      ["blog", "Góc học tập của Hà", "vi"],
    ]);
    expect(titles(course(r, "dl-pytorch"))).toEqual(["Lời nói đầu", "Tensor là gì", "Autograd"]);
    expect(course(r, "dl-pytorch").lessons.map((l) => l.id)).toEqual(["2023-01-01-loi-noi-dau", "2023-01-08-tensor", "2023-01-15-autograd"]);
    expect(course(r, "blog").siteUrl).toBe("https://ha.example");
    expect(r.problems).toEqual([]);
  });

  it("GIVEN a series' introduction post THEN its opening is the description, in plain words (no Markdown)", async () => {
    const r = await catalogue(fixture("blog"));
    expect(course(r, "dl-pytorch").description).toBe("Loạt bài này đi từ tensor đến một mạng nơ-ron nhỏ, từng bước một, với PyTorch. Mỗi bài đọc trong vài phút.");
    // The site's own course takes the site's description.
    expect(course(r, "blog").description).toBe("Ghi chép học máy và khoa học dữ liệu.");
  });

  it("GIVEN three posts titled \"R for Data Science\" THEN each lesson's title carries its post's subtitle, before the part and the section", async () => {
    const short: ReadingModel = { ...DEFAULT_READING_MODEL, maxLessonMinutes: 0.25, minLessonMinutes: 0.05, pieceMinutes: 0.2 };
    const r = await catalogue(fixture("blog"), short);
    const r4ds = course(r, "r4ds");
    expect(titles(r4ds).filter((t) => t.includes("Day 2"))).toEqual([
      "R for Data Science — Day 2. Trực quan hóa dữ liệu với ggplot (1/3)",
      "R for Data Science — Day 2. Trực quan hóa dữ liệu với ggplot (2/3) · Biểu đồ điểm",
      "R for Data Science — Day 2. Trực quan hóa dữ liệu với ggplot (3/3) · Biểu đồ cột",
    ]);
    expect(titles(r4ds)[0]).toBe("R for Data Science — Day 1. Làm quen với R và RStudio");
    // What the learner reads at the top of the lesson says which day it is, too.
    expect(text(r4ds)).toContain("R for Data Science — Day 3. Biến đổi dữ liệu với dplyr");
    // Ids do not depend on titles.
    expect(r4ds.lessons.map((l) => l.id).filter((id) => id.startsWith("2023-02-02"))).toEqual(["2023-02-02-day-2", "2023-02-02-day-2#bieu-do-diem", "2023-02-02-day-2#bieu-do-cot"]);
  });

  it("GIVEN two posts of one course with the same title and no subtitle THEN a warning asks for one, at the first of them", async () => {
    const dir = contentDir({ "_posts/S/2026-01-01-a.md": post("title: Ôn tập", "Một."), "_posts/S/2026-01-02-b.md": post("title: Ôn tập", "Hai.") });
    const r = await catalogue(dir);
    expect(r.problems).toEqual([{ file: "_posts/S/2026-01-01-a.md", line: 0, severity: "warning", course: "s", message: '2 posts of course "S" are titled "Ôn tập": give each a subtitle: so learners can tell their lessons apart' }]);
    expect(titles(course(r, "s"))).toEqual(["Ôn tập", "Ôn tập"]);
  });
});

describe("a site whose series are collections (rule 3)", () => {
  it("GIVEN a collection with course: true and one course.yml names THEN each is a course, its documents ordered by order, then path; course.yml's list comes first", async () => {
    const r = await catalogue(fixture("academy"));
    expect(r.courses.map((c) => [c.id, c.title])).toEqual([
      ["bai-tap", "Bài tập về nhà"],
      ["tutorials", "Pandas từng bước"],
      ["academy", "Học viện Dữ liệu"],
    ]);
    expect(titles(course(r, "tutorials"))).toEqual(["Series và DataFrame", "Chọn dữ liệu với loc và iloc", "Gom nhóm với groupby"]);
    expect(course(r, "tutorials").lessons.map((l) => l.post)).toEqual(["_tutorials/series.md", "_tutorials/loc.md", "_tutorials/groupby.md"]);
    expect(course(r, "tutorials").description).toBe("Xử lý bảng dữ liệu với pandas, mỗi ngày một thao tác.");
    expect(titles(course(r, "bai-tap"))).toEqual(["Bài tập tuần 1", "Bài tập tuần 2"]);
    // course.yml holds only `courses:`: the site's URL still comes from _config.yml.
    expect(course(r, "bai-tap").siteUrl).toBe("https://academy.example");
  });

  it("GIVEN a collection that is not a course (authors) THEN its documents are left out, and a warning at its line in _config.yml says how to include it", async () => {
    const r = await catalogue(fixture("academy"));
    expect(r.courses.flatMap((c) => c.lessons.map((l) => l.post)).some((p) => p.startsWith("_authors/"))).toBe(false);
    expect(r.problems).toEqual([
      {
        file: "_config.yml",
        line: 12,
        severity: "warning",
        message: 'collection "authors" is not a course: its 2 document(s) in _authors/ are left out (to make it one, add "course: true" under it, or "- { id: authors, collection: authors }" to courses: in course.yml)',
      },
    ]);
  });
});

describe("a folder of notes with a README and docs/ (rule 5)", () => {
  it("GIVEN README.md beside other undated pages THEN it is the first lesson, with its headings and code, and its opening is the description", async () => {
    const r = await catalogue(fixture("notes-pytorch"));
    expect(r.courses).toHaveLength(1);
    const notes = r.courses[0]!;
    expect([notes.id, notes.title, notes.language]).toEqual(["notes-pytorch", "Notes pytorch", "vi"]);
    expect(notes.description).toBe("Những ghi chép ngắn khi tự học PyTorch: mỗi trang một khái niệm, có mã chạy được.");
    expect(notes.lessons.map((l) => [l.id, l.title])).toEqual([
      ["readme", "Ghi chép PyTorch"],
      ["cheatsheet", "Bảng tra nhanh"],
      ["01-tensor", "Tensor"],
      ["02-autograd", "Autograd"],
    ]);
    const readme = notes.lessons[0]!.messages.map((m) => m.text ?? "").join("\n");
    expect(readme).toContain("<b>Cài đặt</b>");
    expect(readme).toContain("pip install torch");
    expect(r.problems).toEqual([]);
  });
});

describe("front matter course: and course.yml courses: (rules 1 and 2)", () => {
  it("GIVEN courses: with tag, category and folder selectors and order THEN those courses, in that order, with course.yml's titles, descriptions and languages; named series follow; the rest is the folder's own course, last", async () => {
    const r = await catalogue(fixture("shelf"));
    expect(r.courses.map((c) => [c.id, c.title, c.language])).toEqual([
      ["thong-ke", "Thống kê cơ bản", "vi"],
      ["sql", "SQL cho người mới", "vi"],
      ["linux", "The Linux command line", "en"],
      ["meo-git", "Mẹo Git", "vi"],
      ["nhat-ky", "Nhật ký", "vi"],
      ["shelf", "Kệ sách của Minh", "vi"],
    ]);
    expect(titles(course(r, "sql"))).toEqual(["SELECT", "JOIN"]);
    expect(course(r, "sql").description).toBe("Truy vấn dữ liệu từ con số không.");
    expect(titles(course(r, "thong-ke"))).toEqual(["Trung bình", "Phương sai"]);
    // `course:` in front matter wins over the folder selector.
    expect(titles(course(r, "linux"))).toEqual(["Listing files"]);
    expect(course(r, "meo-git").lessons.map((l) => l.post)).toEqual(["_posts/2024-02-01-git-stash.md", "_posts/linux/2024-02-02-git-bisect.md"]);
    expect(titles(course(r, "shelf"))).toEqual(["Ghi chú"]);
    expect(r.problems).toEqual([]);
  });

  it("GIVEN a broken courses: list THEN each fault is reported at its line in course.yml, and every post still reaches a course", async () => {
    const dir = contentDir({
      "course.yml": ["courses:", "  - title: Không có id", "    tag: x", "  - id: Đại Số", "    category: algebra", "    tag: x", "  - id: rong", "    folder: khong-co", "  - id: dai-so", "    tag: y"].join("\n") + "\n",
      "_posts/2026-01-01-a.md": post("title: A\ncategories: [algebra]", "Một."),
      "_posts/2026-01-02-b.md": post("title: B\ntags: [x]", "Hai."),
    });
    const r = await catalogue(dir);
    expect(r.problems.map((p) => `${p.file}:${p.line}: ${p.severity}: ${p.message}`)).toEqual([
      "course.yml:2: error: a course in courses: has no id (a slug such as r4ds; it names the course for learners and must not change)",
      'course.yml:4: warning: course id "Đại Số" is not a slug (a-z, 0-9, -): it is served as "dai-so"',
      'course.yml:4: warning: course "dai-so" has category and tag: only category selects its posts',
      'course.yml:7: warning: course "rong" has no posts (folder: khong-co selects none)',
      'course.yml:9: error: course id "dai-so" is listed twice in courses: (this one is ignored)',
    ]);
    expect(r.courses.map((c) => [c.id, c.lessons.map((l) => l.id)])).toEqual([
      ["dai-so", ["2026-01-01-a"]],
      [expect.any(String), ["2026-01-02-b"]],
    ]);
  });
});

describe("several content folders (CONTENT_DIR=a,b)", () => {
  it("GIVEN a site and a notes folder THEN their courses in the order of the folders, and every problem names its file under its folder", async () => {
    const broken = contentDir({ "_posts/2026-01-01-a.md": post("title: A", "$$\\frac{1$$\n") });
    const r = await catalogue([fixture("blog"), fixture("notes-pytorch"), broken]);
    expect(r.courses.map((c) => c.id).slice(0, 4)).toEqual(["dl-pytorch", "r4ds", "blog", "notes-pytorch"]);
    expect(r.courses).toHaveLength(5);
    const last = r.courses[4]!;
    expect(r.problems).toEqual([expect.objectContaining({ course: last.id, line: 4, severity: "error", file: expect.stringMatching(/^[^/]+\/_posts\/2026-01-01-a\.md$/) })]);
  });

  it("GIVEN two folders that both have _posts/R4DS/ THEN each course gets its folder's name before the id, with a warning; one whose course.yml pins the id keeps it", async () => {
    const a = contentDir({ "_posts/R4DS/2026-01-01-a.md": post("title: A", "Một.") });
    const b = contentDir({ "_posts/R4DS/2026-01-01-b.md": post("title: B", "Hai.") });
    const folders = [a, b].map((d) => d.split("/").at(-1)!);
    const names = folders.map((f) => f.toLowerCase());
    const r = await catalogue([a, b]);
    expect(r.courses.map((c) => c.id)).toEqual(names.map((n) => `${n}-r4ds`));
    expect(r.problems.map((p) => `${p.file}: ${p.message}`).sort()).toEqual(folders.map((f) => `${f}/course.yml: course id "r4ds" is given by 2 content folders: "R4DS" here is served as "${f.toLowerCase()}-r4ds" (set its own id in course.yml to choose)`).sort());

    const pinned = contentDir({ "course.yml": "courses:\n  - id: r4ds\n    title: R cho khoa học dữ liệu\n", "_posts/R4DS/2026-01-01-c.md": post("title: C", "Ba.") });
    const again = await catalogue([a, pinned]);
    expect(again.courses.map((c) => [c.id, c.title])).toEqual([
      [`${names[0]}-r4ds`, "R4DS"],
      ["r4ds", "R cho khoa học dữ liệu"],
    ]);
  });
});

describe("a content folder that cannot be read", () => {
  it("GIVEN a folder that does not exist among others THEN one error names it, and the other folders' courses still render", async () => {
    const gone = join(tmpdir(), "sau-phut-no-such-folder");
    const r = await catalogue([fixture("notes-pytorch"), gone]);
    expect(r.courses.map((c) => c.id)).toEqual(["notes-pytorch"]);
    expect(r.problems).toEqual([{ file: "sau-phut-no-such-folder", line: 0, severity: "error", message: expect.stringMatching(new RegExp(`^cannot read the content folder ${gone}: ENOENT`)) }]);
  });
});

describe("`check` over a catalogue", () => {
  const tsx = join(root, "node_modules/.bin/tsx");

  it("GIVEN --content twice THEN a summary line per course (posts, lessons, minutes), each followed by its problems; problems of no course first", () => {
    const broken = contentDir({ "_posts/Đại-số/2026-01-01-a.md": post("title: A", "Đoạn.\n\n$$\\frac{1$$\n") });
    const r = spawnSync(tsx, ["src/cli.ts", "check", "--content", fixture("academy"), "--content", broken, "--cache", sharedCache], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split("\n");
    const folder = broken.split("/").at(-1)!;
    expect(lines[0]).toMatch(/^academy\/_config\.yml:12: warning: collection "authors" is not a course/);
    expect(lines.slice(1, 4)).toEqual([
      'course bai-tap "Bài tập về nhà" (vi): 2 posts, 2 lessons, 0.2 min',
      'course tutorials "Pandas từng bước" (vi): 3 posts, 3 lessons, 0.3 min',
      'course academy "Học viện Dữ liệu" (vi): 1 post, 1 lesson, 0.1 min',
    ]);
    expect(lines[4]).toMatch(/^course dai-so "Đại số" \(\w+\): 1 post, 1 lesson, [\d.]+ min$/);
    expect(lines[5]).toBe(`${folder}/_posts/Đại-số/2026-01-01-a.md:6: error: invalid TeX: Missing close brace`);
    expect(lines.at(-1)).toBe("4 courses; 1 error(s), 1 warning(s)");
  });
});

describe("the pieces, alone", () => {
  it("GIVEN collections as a list under collections_dir and a courses: entry whose id is a collection's name THEN that collection is a course", async () => {
    const dir = contentDir({
      "_config.yml": "title: Site\ncollections_dir: my\ncollections:\n  - tutorials\n  - people\n",
      "course.yml": "courses:\n  - id: tutorials\n    title: Hướng dẫn\n",
      "my/_tutorials/b.md": post("title: Hai", "Hai."),
      "my/_tutorials/a.md": post("title: Một", "Một."),
      "my/_people/x.md": post("title: X", "X."),
      "_posts/2026-01-01-p.md": post("title: P", "P."),
    });
    const r = await catalogue(dir);
    expect(r.courses.map((c) => [c.id, c.title, titles(c)])).toEqual([
      ["tutorials", "Hướng dẫn", ["Một", "Hai"]],
      [expect.any(String), "Site", ["P"]],
    ]);
    expect(r.problems.map((p) => `${p.file}:${p.line}`)).toEqual(["_config.yml:5"]);
    expect(r.problems[0]!.message).toContain("its 1 document(s) in my/_people/ are left out");
  });

  it("GIVEN an introduction longer than a catalogue line THEN the description stops at a sentence within 300 characters, or at a word with …", () => {
    const sentence = "Mỗi bài học đọc trong sáu phút và kết thúc bằng một câu hỏi nhỏ. ";
    const long = { meta: { path: "a.md", slug: "a", title: "A", tags: [], categories: [] }, blocks: [{ t: "para" as const, c: [{ t: "text" as const, v: sentence.repeat(8) }], line: 1 }] };
    const d = descriptionOf(long);
    expect(d.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
    expect(d.endsWith("một câu hỏi nhỏ.")).toBe(true);
    const words = { ...long, blocks: [{ t: "para" as const, c: [{ t: "text" as const, v: "từ ".repeat(200) }], line: 1 }] };
    expect(descriptionOf(words)).toMatch(/^(từ )+từ…$/);
    expect(descriptionOf(words).length).toBeLessThanOrEqual(DESCRIPTION_MAX);
  });

  it("GIVEN posts in several languages THEN the course's is the most frequent; a tie goes to the folder's", () => {
    expect(majorityLanguage(["vi", "en", "en"], "vi")).toBe("en");
    expect(majorityLanguage(["vi", "en"], "en")).toBe("en");
    expect(majorityLanguage(["pt", "en"], "vi")).toBe("pt");
    expect(majorityLanguage([], "vi")).toBe("vi");
  });

  it("GIVEN several folders THEN each is labelled by its name, with parents only where two names meet", () => {
    expect(folderLabels(["/srv/x"])).toEqual([""]);
    expect(folderLabels(["/srv/a/content", "/srv/b/content", "/srv/blog"])).toEqual(["a/content/", "b/content/", "blog/"]);
  });
});
