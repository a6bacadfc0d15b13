/**
 * One lesson, four formats: a reader meets the same headings, the same words of prose, the same code
 * blocks and the same formulas, in the same order, whichever format the platform uses.
 */
import { describe, expect, it } from "vitest";
import { post } from "../engine/helpers.js";
import type { LessonFormat, Platform, RenderedLesson } from "../../src/contract/lessons.js";
import { renderCourse } from "../../src/build/renderCourse.js";
import { contentDir, oneCourse, sharedCache } from "../engine/helpers.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { transcript, type Token } from "./transcript.js";

const FORMATS: [Platform, LessonFormat][] = [
  ["telegram", "rich"],
  ["telegram", "classic"],
  ["discord", "components"],
  ["discord", "classic"],
];

async function lessonsIn(files: Record<string, string>, platform: Platform, format: LessonFormat): Promise<RenderedLesson[]> {
  const dir = contentDir(files);
  const outDir = mkdtempSync(join(tmpdir(), "sau-phut-parity-"));
  return oneCourse(await renderCourse({ contentDir: dir, platform, format, outDir, cacheDir: sharedCache })).lessons;
}

const words = (s: string): string[] => s.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const only = (tokens: Token[], k: Token["k"]): Token[] => tokens.filter((t) => t.k === k);

const LESSON = post(
  "title: Hàm kích hoạt\nlang: vi",
  [
    "Mạng nơ-ron cần một hàm phi tuyến, ví dụ $x^2$ hay $\\frac{1}{1+e^{-z}}$, sau mỗi lớp tuyến tính.",
    "",
    "## Hàm $\\sigma$ và ReLU",
    "",
    "Hai hàm hay gặp nhất:",
    "",
    "- ReLU giữ phần dương, gọi bằng `torch.relu`;",
    "- sigmoid ép giá trị về khoảng $(0, 1)$.",
    "",
    "```python",
    "import torch",
    "x = torch.tensor([-1.0, 2.0])",
    "print(torch.relu(x))",
    "```",
    "",
    "$$\\sigma(z) = \\frac{1}{1 + e^{-z}}$$",
    "",
    "Đạo hàm của nó rất gọn[^1].",
    "",
    "Ghi nhớ: ReLU rẻ hơn sigmoid.",
    "{: .box-note}",
    "",
    "| hàm | miền giá trị |",
    "|---|---|",
    "| ReLU | [0, ∞) |",
    "| sigmoid | (0, 1) |",
    "",
    "### Khi nào dùng hàm nào",
    "",
    "Lớp ẩn thường dùng ReLU; lớp ra của bài toán hai lớp dùng sigmoid.",
    "",
    "[^1]: Vì $\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$.",
    "",
  ].join("\n"),
);

describe("the same lesson in every format", () => {
  it("GIVEN a lesson with headings, a list, code, formulas, a box, a table and a footnote THEN all four formats read the same, in the same order", async () => {
    const P = "_posts/2026-02-01-kich-hoat.md";
    const read = await Promise.all(
      FORMATS.map(async ([platform, format]) => {
        const lessons = await lessonsIn({ [P]: LESSON, "course.yml": "title: K\nlanguage: vi\n" }, platform, format);
        expect(lessons).toHaveLength(1);
        return { name: `${platform} ${format}`, t: transcript(lessons[0]!.messages, platform, format) };
      }),
    );
    const [first, ...rest] = read;
    // The reader's text as the first format gives it, checked against the post, so the comparison means something.
    expect(words(first!.t.header.join(" "))).toEqual(words("Hàm kích hoạt ⏱ 1 phút đọc"));
    expect(only(first!.t.tokens, "heading")).toEqual([
      { k: "heading", text: "hàm σ và relu" },
      { k: "heading", text: "khi nào dùng hàm nào" },
      { k: "heading", text: "chú thích" },
    ]);
    expect(only(first!.t.tokens, "code")).toEqual([{ k: "code", text: "import torch\nx = torch.tensor([-1.0, 2.0])\nprint(torch.relu(x))" }]);
    expect(only(first!.t.tokens, "formula").map((f) => (f as { tex: string }).tex)).toEqual(["\\frac{1}{1+e^{-z}}", "\\sigma(z) = \\frac{1}{1 + e^{-z}}"]);
    const prose = only(first!.t.tokens, "word").map((w) => (w as { w: string }).w);
    for (const w of ["tuyến", "torch", "relu", "sigmoid", "rẻ", "miền", "lớp", "ra", "vì"]) expect(prose).toContain(w);
    for (const other of rest) {
      expect.soft(words(other.t.header.join(" ")), other.name).toEqual(words(first!.t.header.join(" ")));
      expect.soft(other.t.tokens, other.name).toEqual(first!.t.tokens);
    }
  });

  it("GIVEN a later part that starts at a heading with a formula THEN the heading is in the title, and no format repeats it under the title", async () => {
    const long = Array.from({ length: 40 }, (_, i) => `Câu số ${i} nói thêm một chút về hàm kích hoạt để bài đủ dài cho hai phần đọc riêng biệt.`).join(" ");
    const body = `${long}\n\n${long}\n\n## Hàm $\\sigma$ và đạo hàm của nó\n\n${long}\n\n${long}\n`;
    for (const [platform, format] of FORMATS) {
      const lessons = await lessonsIn({ "_posts/2026-02-02-dai.md": post("title: Bài dài\nlang: vi", body) }, platform, format);
      const later = lessons.find((l) => l.part > 1 && l.title.includes("σ"));
      expect(later, `${platform} ${format}`).toBeDefined();
      const t = transcript(later!.messages, platform, format);
      expect(only(t.tokens, "heading"), `${platform} ${format}`).toEqual([]);
      expect(words(t.header.join(" ")).join(" "), `${platform} ${format}`).toContain("hàm σ và đạo hàm của nó");
    }
  });
});

