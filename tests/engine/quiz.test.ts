/**
 * Quiz questions as authors write them (front matter or a sidecar file), as the engine places them
 * with lessons, and as `check` reports what cannot be asked — each problem at its file and line.
 */
import { describe, expect, it } from "vitest";
import { render, post, type OneCourse } from "./helpers.js";

const P = "_posts/2026-03-01-tensor.md";
const COURSE = { "course.yml": "title: Khoá thử\nlanguage: vi\n" };
const filler = (n: number, topic: string): string => Array.from({ length: n }, (_, i) => `Câu ${i} nói thêm về ${topic} để phần này đủ dài cho một bài đọc riêng.`).join(" ");

/** A post long enough for three lessons: an intro, then two sections. */
const BODY = `${filler(60, "mở đầu")}\n\n## Tensor là gì\n\n${filler(70, "tensor")}\n\n${filler(70, "tensor")}\n\n## Phép toán\n\n${filler(60, "phép toán")}\n`;

const quizOf = (r: OneCourse): { lesson: string; part: number; questions: string[] }[] =>
  r.lessons.map((l) => ({ lesson: l.id, part: l.part, questions: (l.quiz ?? []).map((q) => q.question) }));

describe("quiz questions in a post's front matter", () => {
  const front = [
    "title: Tensor",
    "quiz:",
    '  - q: "Tensor giống nhất với gì trong NumPy?"',
    '    options: ["ndarray", "list", "dict"]',
    "    answer: 1",
    '    explain: "Mảng nhiều chiều, thêm GPU và autograd."',
    "    after: tensor-la-gi",
    '  - q: "Phép cộng hai tensor cùng hình dạng cho gì?"',
    '    options: ["Một số", "Một tensor cùng hình dạng", "Lỗi"]',
    "    answer: [2]",
    '  - q: "Câu nào đúng? (chọn tất cả đáp án đúng)"',
    '    options: ["A", "B", "C"]',
    "    answer: [3, 1]",
    "    after: phep-toan",
  ].join("\n");

  it("GIVEN questions with and without after: THEN each goes with the lesson that finishes its section, the others with the last lesson", async () => {
    const r = await render({ [P]: post(front, BODY), ...COURSE }, "telegram");
    expect(r.lessons.length).toBeGreaterThanOrEqual(3);
    const placed = quizOf(r);
    const tensorEnds = [...r.lessons].reverse().find((l) => l.title.includes("Tensor là gì"))!;
    expect(placed.find((p) => p.lesson === tensorEnds.id)!.questions).toEqual(["Tensor giống nhất với gì trong NumPy?"]);
    expect(placed.at(-1)!.questions).toEqual(["Phép cộng hai tensor cùng hình dạng cho gì?", "Câu nào đúng? (chọn tất cả đáp án đúng)"]);
    expect(placed[0]!.questions).toEqual([]);
    const q = r.lessons.flatMap((l) => l.quiz ?? []);
    expect(q.map((x) => x.answers)).toEqual([[1], [2], [1, 3]]);
    expect(q[0]).toMatchObject({ options: ["ndarray", "list", "dict"], explain: "Mảng nhiều chiều, thêm GPU và autograd." });
    expect(q[1]!.explain).toBe("");
    expect(r.problems).toEqual([]);
  });

  it("GIVEN an edit elsewhere in the post THEN the question keeps its id; an edited question gets a new one", async () => {
    const before = await render({ [P]: post(front, BODY), ...COURSE }, "telegram");
    const edited = await render({ [P]: post(front, BODY.replace("## Phép toán", "Một đoạn mới ở giữa.\n\n## Phép toán")), ...COURSE }, "telegram");
    const reworded = await render({ [P]: post(front.replace("giống nhất với gì", "giống cái gì nhất"), BODY), ...COURSE }, "telegram");
    const ids = (r: OneCourse): string[] => r.lessons.flatMap((l) => (l.quiz ?? []).map((x) => x.id));
    expect(ids(edited)).toEqual(ids(before));
    expect(ids(reworded)[0]).not.toBe(ids(before)[0]);
    expect(ids(reworded).slice(1)).toEqual(ids(before).slice(1));
  });

  it("GIVEN formulas in quiz text THEN they are written in Unicode where Unicode can; otherwise a warning at the line", async () => {
    const f = ['title: T', 'quiz:', '  - q: "Đạo hàm của $x^2$ là gì?"', '    options: ["$2x$", "$x$", "$\\\\frac{a}{b}$"]', "    answer: 1"].join("\n");
    const r = await render({ [P]: post(f, "Nội dung.\n"), ...COURSE }, "telegram");
    const q = r.lessons[0]!.quiz![0]!;
    expect(q.question).toBe("Đạo hàm của x² là gì?");
    expect(q.options.slice(0, 2)).toEqual(["2x", "x"]);
    expect(r.problems).toEqual([expect.objectContaining({ file: P, line: 5, severity: "warning", message: expect.stringContaining("cannot be written in Unicode") })]);
  });
});

describe("quiz questions in a sidecar file", () => {
  it("GIVEN <post>.quiz.yml beside the post THEN its questions are read as the front matter's would be, problems at its own lines", async () => {
    const sidecar = ['- q: "Một câu hỏi?"', '  options: ["có", "không"]', "  answer: 2", '- q: "Câu thiếu đáp án"', '  options: ["a", "b"]', ""].join("\n");
    const r = await render({ [P]: post("title: T", "Nội dung.\n"), "_posts/2026-03-01-tensor.quiz.yml": sidecar, ...COURSE }, "discord");
    expect(r.lessons[0]!.quiz!.map((q) => q.question)).toEqual(["Một câu hỏi?"]);
    expect(r.problems).toEqual([
      { file: "_posts/2026-03-01-tensor.quiz.yml", line: 4, severity: "error", message: "quiz: the answer (answer: N, 1-based) is missing", course: r.course.id },
    ]);
  });
});

describe("check reports what cannot be asked, at file:line", () => {
  it("GIVEN questions over the platforms' limits or pointing nowhere THEN one problem each at its field's line, and the good questions still go out", async () => {
    const long = "x".repeat(301);
    const f = [
      "title: T", // 2
      "quiz:", // 3
      `  - q: "${long}"`, // 4
      '    options: ["a", "b"]',
      "    answer: 1",
      '  - q: "Một lựa chọn"', // 7
      '    options: ["a"]', // 8
      "    answer: 1",
      '  - q: "Lựa chọn dài"', // 10
      `    options: ["${"y".repeat(81)}", "b"]`, // 11
      "    answer: 4", // 12
      '  - q: "Giải thích dài"', // 13
      '    options: ["a", "b"]',
      "    answer: 2",
      '    explain: "một\\nhai\\nba\\nbốn"', // 16
      '  - q: "Mục không có"', // 17
      '    options: ["a", "b"]',
      "    answer: 1",
      "    after: khong-co", // 20
    ].join("\n");
    const r = await render({ [P]: post(f, "## Có\n\nNội dung.\n"), ...COURSE }, "telegram");
    const lines = r.problems.map((p) => `${p.line}: ${p.severity}: ${p.message}`);
    expect(lines).toEqual([
      "4: error: quiz: the question has 301 characters; at most 300 fit a Telegram quiz",
      "8: error: quiz: 1 options; a question has 2–10",
      "11: error: quiz: option 1 has 81 characters; at most 80 fit a Discord button",
      "12: error: quiz: answer 4 is not an option number from 1 to 2",
      "16: error: quiz: the explanation has more than 2 line breaks",
      "20: warning: quiz: after: khong-co is not a section of this post; the question goes with the post's last lesson (sections: co)",
    ]);
    expect(r.lessons.flatMap((l) => (l.quiz ?? []).map((q) => q.question))).toEqual(["Mục không có"]);
  });
});
