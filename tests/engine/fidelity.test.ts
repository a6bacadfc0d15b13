/**
 * Fidelity to what Jekyll (kramdown) shows, one class of fault at a time, on small posts
 * written for these tests. Each case reads the lesson tree (parsePost / splitPost), which every
 * format renders from.
 */
import { describe, it, expect } from "vitest";
import { loadCourse, parsePost } from "../../src/course/load.js";
import { splitPost, type Lesson } from "../../src/course/split.js";
import { blockSeconds } from "../../src/course/reading.js";
import type { Block, Inline } from "../../src/course/blocks.js";
import { inlineText, walkBlocks } from "../../src/course/blocks.js";
import { inlinesOf } from "../../src/course/split.js";
import type { Problem } from "../../src/contract/lessons.js";
import { contentDir, render } from "./helpers.js";
import { messageErrors } from "./validate.js";
import { simpleMinutes } from "./simpleEstimate.js";

function tree(body: string, problems: Problem[] = []): Block[] {
  return parsePost("2026-02-01-test.md", `---\ntitle: Thử\n---\n${body}`, undefined, problems)!.blocks;
}

/** A compact picture of a lesson tree: `callout(note)[para «Hai»]`, one top-level block per entry. */
function shape(bs: Block[]): string[] {
  return bs.map(shapeOf);
}

function shapeOf(b: Block): string {
  switch (b.t) {
    case "para":
    case "heading":
      return `${b.t} «${inlineText(b.c)}»`;
    case "code":
      return `code «${b.code}»`;
    case "math":
      return `math «${b.tex}»`;
    case "image":
      return `image ${b.src} «${b.alt}»`;
    case "list":
      return `${b.ordered ? `ol${b.start}` : "ul"}[${b.items.map((i) => i.map(shapeOf).join(", ")).join(" | ")}]`;
    case "quote":
      return `quote[${b.c.map(shapeOf).join(", ")}]`;
    case "callout":
      return `callout(${b.kind})[${b.c.map(shapeOf).join(", ")}]`;
    case "table":
      return `table[${b.rows.map((r) => r.map((c) => inlineText(c)).join("|")).join(" / ")}]`;
    default:
      return b.t;
  }
}

describe("1. a block attribute line styles the block kramdown gives it", () => {
  it("GIVEN {: .box-note} after a blank line THEN it boxes the FOLLOWING paragraph, not the heading before", () => {
    expect(shape(tree("### Chú ý\n\n{: .box-note}\n**Ghi nhớ:** thông tin bổ ích.\n\nĐoạn sau.\n"))).toEqual([
      "heading «Chú ý»",
      "callout(note)[para «Ghi nhớ: thông tin bổ ích.»]",
      "para «Đoạn sau.»",
    ]);
  });

  it("GIVEN {: .box-warning} right under a paragraph THEN it boxes that paragraph", () => {
    expect(shape(tree("Đoạn một.\n\nĐoạn hai.\n{: .box-warning}\n\nĐoạn ba.\n"))).toEqual([
      "para «Đoạn một.»",
      "callout(warning)[para «Đoạn hai.»]",
      "para «Đoạn ba.»",
    ]);
  });

  it("GIVEN box lines between paragraphs with blank lines on both sides THEN each boxes the paragraph after it", () => {
    expect(shape(tree("Mở đầu.\n\n{: .box-error}\n\nLỗi hay gặp.\n\n{: .box-note}\nGhi chú cuối.\n"))).toEqual([
      "para «Mở đầu.»",
      "callout(error)[para «Lỗi hay gặp.»]",
      "callout(note)[para «Ghi chú cuối.»]",
    ]);
  });

  it("GIVEN a box line on a list, a code block and a quote THEN the whole block is boxed", () => {
    expect(shape(tree("- một\n- hai\n{: .box-note}\n\n```\nx = 1\n```\n{: .box-warning}\n\n{: .box-success}\n> trích dẫn\n"))).toEqual([
      "callout(note)[ul[para «một» | para «hai»]]",
      "callout(warning)[code «x = 1»]",
      "callout(success)[quote[para «trích dẫn»]]",
    ]);
  });

  it("GIVEN several attribute lines in a row THEN they style one block together", () => {
    expect(shape(tree("Trước.\n\n{: #neo}\n{: .box-tip}\nSau.\n\nCuối.\n{: .box-error}\n{: #id2}\n\nHết.\n"))).toEqual([
      "para «Trước.»",
      "callout(tip)[para «Sau.»]",
      "callout(error)[para «Cuối.»]",
      "para «Hết.»",
    ]);
  });

  it("GIVEN an attribute line that is not a box THEN it still ends the paragraph, as in kramdown", () => {
    expect(shape(tree("![hình](/a.png)\n{: style=\"width: 50%\"}\n*Hình 1. Chú thích.*\n"))).toEqual([
      "image /a.png «hình»",
      "para «Hình 1. Chú thích.»",
    ]);
  });

  it("GIVEN a box line inside a block quote THEN it boxes a paragraph of that quote", () => {
    expect(shape(tree("> Một.\n> {: .box-note}\n> Hai.\n\n> Ba.\n>\n> {: .box-tip}\n> Bốn.\n"))).toEqual([
      "quote[callout(note)[para «Một.»], para «Hai.»]",
      "quote[para «Ba.», callout(tip)[para «Bốn.»]]",
    ]);
  });

  it("GIVEN a paragraph holding an image THEN a box before it boxes the whole paragraph", () => {
    expect(shape(tree("{: .box-note}\nXem ![sơ đồ](/s.png) bên dưới.\n"))).toEqual([
      "callout(note)[para «Xem», image /s.png «sơ đồ», para «bên dưới.»]",
    ]);
  });

  it("GIVEN a box line with nothing after it THEN nothing is boxed and nothing is lost", () => {
    expect(shape(tree("Chỉ một đoạn.\n\n{: .box-note}\n"))).toEqual(["para «Chỉ một đoạn.»"]);
  });
});

describe("2. HTML in a post is read as kramdown reads it: an element ends at its closing tag", () => {
  it("GIVEN an <img> line with a quote on the next line THEN an image and a quote with its bold caption, no raw > or **", () => {
    expect(shape(tree('Xem hình.\n\n<img src="/h1.png" alt="Mạng nơ-ron"/>\n> **Hình 1: Một mạng nhỏ.**\n'))).toEqual([
      "para «Xem hình.»",
      "image /h1.png «Mạng nơ-ron»",
      "quote[para «Hình 1: Một mạng nhỏ.»]",
    ]);
  });

  it("GIVEN a <table> with blank lines inside and a code fence right after it THEN a table, then the code alone in its block", () => {
    const body = "<table>\n  <tr>\n\n    <td>Tên</td>\n\n    <td>Giá trị</td>\n  </tr>\n  <tr><td>lr</td><td>0.1</td></tr>\n</table>\n```python\nprint(lr)\n```\n";
    const blocks = tree(body);
    expect(shape(blocks)).toEqual(["table[Tên|Giá trị / lr|0.1]", "code «print(lr)»"]);
  });

  it("GIVEN Markdown on the line after <hr> or after a closing </div> THEN it is Markdown", () => {
    expect(shape(tree("<hr>\nDòng *nhấn mạnh* ngay sau.\n\n<div class=\"chu-thich\">\n<p>Chú thích.</p>\n</div>\nVăn bản **đậm** sau div.\n"))).toEqual([
      "hr",
      "para «Dòng nhấn mạnh ngay sau.»",
      "para «Chú thích.»",
      "para «Văn bản đậm sau div.»",
    ]);
  });

  it("GIVEN <div markdown=\"1\"> THEN what it holds is Markdown", () => {
    expect(shape(tree('<div class="box-warning" markdown="1">\n**Cẩn thận** với `x`.\n</div>\nSau hộp.\n'))).toEqual([
      "callout(warning)[para «Cẩn thận với x.»]",
      "para «Sau hộp.»",
    ]);
  });

  it("GIVEN a <details> element with a blank line before </details> THEN one details block holding its content", () => {
    const blocks = tree("<details>\n  <summary>Lời giải</summary>\n  <p>Đặt $x = 2$.</p>\n\n</details>\n\nTiếp theo.\n");
    expect(blocks.map((b) => b.t)).toEqual(["details", "para"]);
    const d = blocks[0]!;
    expect(d.t === "details" && inlineText(d.summary)).toBe("Lời giải");
    expect(d.t === "details" && shape(d.c)).toEqual(["para «Đặt x = 2.»"]);
  });

  it("GIVEN a heading with a kramdown id {#neo} THEN the id is not part of its title", () => {
    expect(shape(tree("## Tối ưu {#toi-uu}\n\nBước đầu {#khong-phai-id} trong câu.\n"))).toEqual([
      "heading «Tối ưu»",
      "para «Bước đầu {#khong-phai-id} trong câu.»",
    ]);
  });
});

describe("7. a block quote goes on lazily past a <br/> line, to the blank line", () => {
  it("GIVEN > title, a <br/> line and a text line THEN one quote holding all of it", () => {
    const blocks = tree("> ⭐ **Bộ nhớ**\n<br/>\nMạng hồi quy giữ một trạng thái ẩn.\n\nĐoạn thường.\n");
    expect(blocks.map((b) => b.t)).toEqual(["quote", "para"]);
    const q = blocks[0]!;
    expect(q.t === "quote" && q.c.length).toBe(1);
    expect(q.t === "quote" && inlineText((q.c[0] as Extract<Block, { t: "para" }>).c).replace(/\s+/g, " ")).toBe("⭐ Bộ nhớ Mạng hồi quy giữ một trạng thái ẩn.");
  });
});

describe("8. a table that only lays out figures becomes its figures", () => {
  it("GIVEN a one-row HTML table of two images THEN the two images, in order, with their alt text", () => {
    expect(shape(tree('<table><tr>\n<td><img src="/trai.png" alt="Trước khi học"></td>\n<td><img src="/phai.png" alt="Sau khi học"></td>\n</tr></table>\n'))).toEqual([
      "image /trai.png «Trước khi học»",
      "image /phai.png «Sau khi học»",
    ]);
  });

  it("GIVEN images with captions a) b) and a caption cell THEN each caption follows its image", () => {
    const body = '<table>\n<tr>\n<td><img src="/a.png"><br>a)</td>\n<td><img src="/b.png"><br>b)</td>\n</tr>\n<tr><td>Hình 3: hai cách chia.</td></tr>\n</table>\n';
    expect(shape(tree(body))).toEqual(["image /a.png «»", "para «a)»", "image /b.png «»", "para «b)»", "para «Hình 3: hai cách chia.»"]);
  });

  it("GIVEN a Markdown table of images THEN images; GIVEN a table of data with an image column THEN still a table", () => {
    expect(shape(tree("| | |\n|---|---|\n| ![một](/1.png) | ![hai](/2.png) |\n"))).toEqual(["image /1.png «một»", "image /2.png «hai»"]);
    const data = tree("| Mô hình | Độ chính xác | Minh hoạ |\n|---|---|---|\n| MLP | 91% | ![mlp](/m.png) |\n| CNN | 98% | ![cnn](/c.png) |\n");
    expect(data.map((b) => b.t)).toEqual(["table"]);
  });
});

/** Formulas of a tree, in order, as `inline:tex` or `display:tex`. */
function formulas(bs: Block[]): string[] {
  const out: string[] = [];
  const visit = (c: Inline[]): void => {
    for (const i of c) {
      if (i.t === "math") out.push(`${i.display ? "display" : "inline"}:${i.tex}`);
      if ("c" in i) visit(i.c);
    }
  };
  for (const b of walkBlocks(bs)) {
    if (b.t === "math") out.push(`display:${b.tex}`);
    visit(inlinesOf(b));
  }
  return out;
}

describe("3. $ … $ with spaces inside is a formula when it holds TeX, never a price", () => {
  it("GIVEN $ \\alpha + \\beta $, $ x^2 $ and $ x = 2 $ THEN three inline formulas", () => {
    expect(formulas(tree("Ta có $ \\alpha + \\beta $, rồi $ x^2 $ và $ x = 2 $ nữa.\n"))).toEqual(["inline:\\alpha + \\beta", "inline:x^2", "inline:x = 2"]);
  });

  it("GIVEN prices ($5 and $10, $ 5 và $ 10) and a word between dollars THEN no formula, the text kept", () => {
    const blocks = tree("Giá từ $5 and $10, hoặc $ 5 và $ 10. Một $ tổng $ kỳ lạ.\n");
    expect(formulas(blocks)).toEqual([]);
    expect(shape(blocks)).toEqual(["para «Giá từ $5 and $10, hoặc $ 5 và $ 10. Một $ tổng $ kỳ lạ.»"]);
  });

  it("GIVEN the usual $x_1$ THEN it stays a formula", () => {
    expect(formulas(tree("Biến $x_1$ và $y$.\n"))).toEqual(["inline:x_1", "inline:y"]);
  });
});

describe("4. \\( … \\) and \\[ … \\] with single backslashes are formulas when they hold TeX", () => {
  it("GIVEN \\( \\lambda \\) in a sentence and \\[ \\sum_i x_i \\] on its own line THEN an inline and a display formula", () => {
    const blocks = tree("Hệ số \\( \\lambda \\) điều chỉnh:\n\n\\[ \\sum_i x_i^2 \\]\n");
    expect(formulas(blocks)).toEqual(["inline:\\lambda", "display:\\sum_i x_i^2"]);
    expect(shape(blocks)).toEqual(["para «Hệ số \\lambda điều chỉnh:»", "math «\\sum_i x_i^2»"]);
  });

  it("GIVEN escaped brackets without TeX, \\(1\\) and \\[x\\] THEN plain text", () => {
    const blocks = tree("Xem \\(1\\) và \\[x\\].\n");
    expect(formulas(blocks)).toEqual([]);
    expect(shape(blocks)).toEqual(["para «Xem (1) và [x].»"]);
  });
});

describe("6. the further-reading section: its links and list items are resources, its prose stays in the lesson", () => {
  it("GIVEN an intro sentence, a list, a citation paragraph and an exercise THEN only the list and the citation are resources", () => {
    const body = [
      "## Phần chính",
      "",
      "Nội dung bài học.",
      "",
      "## Đọc thêm",
      "",
      "Và cuối cùng, đây là những tài liệu mà tôi đã sử dụng khi viết bài này:",
      "",
      "- [Sách PyTorch](https://example.org/pytorch)",
      "- Giáo trình Đại số tuyến tính, NXB Giáo dục",
      "",
      "[5] Duda, Hart. Pattern classification. Wiley, 2012.",
      "",
      "---",
      "",
      "**Bài tập:** tạo một mảng có `n` phần tử.",
      "",
    ].join("\n");
    const problems: Problem[] = [];
    const post = parsePost("2026-02-01-test.md", `---\ntitle: Thử\n---\n${body}`, undefined, problems)!;
    const lessons = splitPost(post, { language: "vi" });
    expect(lessons[0]!.resources).toEqual([
      { title: "Sách PyTorch", url: "https://example.org/pytorch" },
      { title: "Giáo trình Đại số tuyến tính, NXB Giáo dục", url: "" },
      { title: "[5] Duda, Hart. Pattern classification. Wiley, 2012.", url: "" },
    ]);
    const last = lessons.at(-1)!;
    expect(shape(last.blocks).slice(-3)).toEqual([
      "para «Và cuối cùng, đây là những tài liệu mà tôi đã sử dụng khi viết bài này:»",
      "hr",
      "para «Bài tập: tạo một mảng có n phần tử.»",
    ]);
  });
});

describe("9. site config and front matter are read as Jekyll reads YAML: a key written twice, the last wins", () => {
  it("GIVEN _config.yml with title twice THEN the course has the last title and no problem", () => {
    const dir = contentDir({ "_config.yml": "title: Nháp\nurl: https://blog.example\ntitle: Học sâu từng bước\n", "_posts/2026-01-01-a.md": "---\ntitle: A\n---\nMột.\n" });
    const { course, problems } = loadCourse(dir);
    expect(course.title).toBe("Học sâu từng bước");
    expect(course.siteUrl).toBe("https://blog.example");
    expect(problems).toEqual([]);
  });

  it("GIVEN course.yml and a post's front matter with a key twice THEN the last ones win", () => {
    const dir = contentDir({ "course.yml": "title: Cũ\nlanguage: vi\ntitle: Mới\n", "2026-01-01-a.md": "---\ntitle: Tạm\ntags: [x]\ntitle: Bài một\n---\nMột.\n" });
    const { course, posts, problems } = loadCourse(dir);
    expect(course.title).toBe("Mới");
    expect(posts.map((p) => p.meta.title)).toEqual(["Bài một"]);
    expect(problems).toEqual([]);
  });

  it("GIVEN YAML that is truly broken THEN it is still reported, at its line", () => {
    const dir = contentDir({ "_config.yml": "title: Khoá học\nauthor: [không đóng\n", "2026-01-01-a.md": "Một.\n" });
    const { course, problems } = loadCourse(dir);
    expect(course.title).not.toBe("Khoá học");
    expect(problems.map((p) => `${p.file}:${p.line}:${p.severity}`)).toEqual(["_config.yml:3:error"]);
  });
});

describe("10. a README at the root of a folder of notes is the course's introduction; any other is left out, and why is said", () => {
  it("GIVEN a README.md beside dated notes THEN it is the first post, with lessons, and no problem", () => {
    const dir = contentDir({
      "README.md": "# Giới thiệu khoá học\n\nKhoá học này gồm các ghi chép về PyTorch.\n",
      "2026-01-02-tensor.md": "# Tensor\n\nTensor là mảng nhiều chiều.\n",
      "2026-01-03-autograd.md": "# Autograd\n\nĐạo hàm tự động.\n",
    });
    const { posts, problems } = loadCourse(dir);
    expect(posts.map((p) => p.meta.path)).toEqual(["README.md", "2026-01-02-tensor.md", "2026-01-03-autograd.md"]);
    expect(posts[0]!.meta.title).toBe("Giới thiệu khoá học");
    expect(splitPost(posts[0]!, {}).length).toBe(1);
    expect(problems).toEqual([]);
  });

  it("GIVEN a README.md among undated notes THEN it still comes first; one in a subfolder, or one in _posts, is left out with a warning at file:0 saying why", () => {
    const notes = loadCourse(contentDir({ "README.md": "# Đọc tôi\n\nGhi chú.\n", "tensor.md": "# Tensor\n\nMột.\n", "docs/README.md": "Tài liệu.\n" }));
    expect(notes.posts.map((p) => p.meta.path)).toEqual(["README.md", "tensor.md"]);
    expect(notes.problems).toEqual([
      { file: "docs/README.md", line: 0, severity: "warning", message: "README.md is not read as a lesson: only a README at the root of the folder is read, as the course's introduction" },
    ]);
    const site = loadCourse(contentDir({ "_posts/README.md": "Ghi chú.\n", "_posts/2026-01-01-a.md": "Một.\n" }));
    expect(site.posts.map((p) => p.meta.path)).toEqual(["_posts/2026-01-01-a.md"]);
    expect(site.problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual(["_posts/README.md:0: README.md is not read as a lesson: Jekyll does not publish a file without a date in _posts"]);
  });
});

describe("11. reading time at a study pace, checked by an independent simple estimate", () => {
  const lessonOf = (body: string): Lesson => splitPost(parsePost("2026-02-01-test.md", `---\ntitle: Thử\n---\n${body}`, undefined, [])!, { language: "vi" })[0]!;

  it("GIVEN 250 syllables, 12 lines of code and an image THEN the simple estimate is 1 + 1 + 1/6 minutes, and the title", () => {
    const syllables = Array.from({ length: 250 }, (_, i) => (i % 5 === 0 ? "học" : "máy")).join(" ");
    const code = Array.from({ length: 12 }, (_, i) => `x${i} = ${i}`).join("\n");
    const l = lessonOf(`${syllables}\n\n\`\`\`python\n${code}\n\`\`\`\n\n![sơ đồ](/a.png)\n`);
    expect(simpleMinutes(l)).toBeCloseTo(1 + 1 + 10 / 60 + 1 / 250, 5);
  });

  it("GIVEN the model THEN 250 Vietnamese syllables, 200 English words and 12 code lines each take one minute", () => {
    const vi = Array.from({ length: 250 }, () => "học").join(" ");
    const en = Array.from({ length: 200 }, () => "learn").join(" ");
    const seconds = (b: Block, language: string): number => blockSeconds(b, language);
    expect(seconds({ t: "para", c: [{ t: "text", v: vi }], line: 1 }, "vi")).toBeCloseTo(60, 5);
    expect(seconds({ t: "para", c: [{ t: "text", v: en }], line: 1 }, "en")).toBeCloseTo(60, 5);
    expect(seconds({ t: "code", lang: "", code: "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl", linenos: false, line: 1 }, "vi")).toBeCloseTo(60, 5);
  });
});

describe("5. a block longer than a lesson is cut into pieces, each marked as continued", () => {
  const lessonsOf = (body: string, language = "vi"): Lesson[] => splitPost(parsePost("2026-02-01-dai.md", `---\ntitle: Dài\n---\n${body}`, undefined, [])!, { language });
  const within = (ls: Lesson[]): void => {
    for (const l of ls) {
      expect(l.minutes, l.id).toBeLessThanOrEqual(6);
      expect(simpleMinutes(l), l.id).toBeLessThanOrEqual(7.5);
    }
  };

  it("GIVEN a 200-line help page THEN pieces cut at blank lines, every line kept in order, later pieces continued", () => {
    const sections = Array.from({ length: 20 }, (_, s) => Array.from({ length: 9 }, (_, i) => `  --opt-${s}-${i}   mô tả tuỳ chọn ${i}`).join("\n"));
    const help = sections.join("\n\n");
    const problems: Problem[] = [];
    const ls = splitPost(parsePost("2026-02-01-dai.md", `---\ntitle: Dài\n---\nTrợ giúp của lệnh:\n\n\`\`\`text\n${help}\n\`\`\`\n`, undefined, problems)!, { language: "vi", problems });
    expect(problems).toEqual([]);
    within(ls);
    const pieces = ls.flatMap((l) => l.blocks).filter((b): b is Extract<Block, { t: "code" }> => b.t === "code");
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((p) => !!p.continued)).toEqual(pieces.map((_, k) => k > 0));
    for (const p of pieces) {
      expect(p.lang).toBe("text");
      expect(p.code.split("\n")[0]).toMatch(/^ {2}--opt-\d+-0 /);
    }
    expect(pieces.map((p) => p.code).join("\n\n")).toBe(help);
  });

  it("GIVEN a code block with linenos THEN a later piece goes on numbering where the last stopped", () => {
    const code = Array.from({ length: 120 }, (_, i) => `buoc_${i} = ${i}`).join("\n");
    const ls = lessonsOf(`{% highlight python linenos %}\n${code}\n{% endhighlight %}\n`);
    const pieces = ls.flatMap((l) => l.blocks).filter((b): b is Extract<Block, { t: "code" }> => b.t === "code");
    expect(pieces.length).toBe(3);
    let next = 1;
    for (const p of pieces) {
      expect(p.firstLineNumber).toBe(next);
      expect(p.code.split("\n")[0]).toBe(`buoc_${next - 1} = ${next - 1}`);
      next += p.code.split("\n").length;
    }
    expect(next).toBe(121);
  });

  it("GIVEN an ordered list longer than a lesson THEN it is cut between items and keeps its numbering", () => {
    const items = Array.from({ length: 60 }, (_, i) => `${i + 1}. ${Array.from({ length: 30 }, () => "bước").join(" ")} ${i + 1}.`).join("\n");
    const ls = lessonsOf(items);
    within(ls);
    const lists = ls.flatMap((l) => l.blocks).filter((b): b is Extract<Block, { t: "list" }> => b.t === "list");
    expect(lists.length).toBeGreaterThan(1);
    let next = 1;
    for (const [k, list] of lists.entries()) {
      expect(list.start).toBe(next);
      expect(!!list.continued).toBe(k > 0);
      next += list.items.length;
    }
    expect(next).toBe(61);
  });

  it("GIVEN a data-frame printout of 150 rows THEN tables cut between rows, each with the header row", () => {
    const rows = Array.from({ length: 150 }, (_, i) => `| ${i} | ${(i * 0.37).toFixed(2)} | ${i % 3 === 0 ? "yes" : "no"} |`).join("\n");
    const ls = lessonsOf(`| id | value | flag |\n|---|---|---|\n${rows}\n`, "en");
    within(ls);
    const tables = ls.flatMap((l) => l.blocks).filter((b): b is Extract<Block, { t: "table" }> => b.t === "table");
    expect(tables.length).toBeGreaterThan(1);
    for (const [k, t] of tables.entries()) {
      expect(t.rows[0]!.map((c) => inlineText(c))).toEqual(["id", "value", "flag"]);
      expect(!!t.continued).toBe(k > 0);
    }
    expect(tables.flatMap((t) => t.rows.slice(1).map((r) => inlineText(r[0]!)))).toEqual(Array.from({ length: 150 }, (_, i) => String(i)));
  });

  it("GIVEN a long code block with linenos THEN each platform shows (tiếp theo) in italics before a later piece, numbering on", async () => {
    const code = Array.from({ length: 100 }, (_, i) => `buoc_${i} = ${i}`).join("\n");
    const files = { "_posts/2026-02-01-dai.md": `---\ntitle: Dài\n---\n{% highlight python linenos %}\n${code}\n{% endhighlight %}\n`, "course.yml": "title: Khoá\nlanguage: vi\n" };
    const telegram = await render(files, "telegram");
    const discord = await render(files, "discord");
    expect(telegram.lessons.length).toBe(2);
    const second = (r: typeof telegram): string => r.lessons[1]!.messages.map((m) => m.text ?? "").join("\n");
    expect(second(telegram)).toMatch(/<i>\(tiếp theo\)<\/i>\n+<pre><code class="language-python"> 51 buoc_50 = 50\n 52 /);
    expect(second(discord)).toMatch(/\*\(tiếp theo\)\*\n+```python\n 51 buoc_50 = 50\n 52 /);
    expect(telegram.lessons[0]!.messages.map((m) => m.text ?? "").join("")).not.toContain("tiếp theo");
    for (const r of [telegram, discord]) for (const l of r.lessons) for (const m of l.messages) expect(messageErrors(m, r.platform, r.outDir)).toEqual([]);
    expect(telegram.problems).toEqual([]);
  });

  it("GIVEN a pandas data frame printed as HTML (style sheet, 150 rows) THEN a table cut between rows, header repeated", () => {
    const rows = Array.from({ length: 150 }, (_, i) => `    <tr>\n      <th>${i}</th>\n      <td>${(i * 0.37).toFixed(2)}</td>\n    </tr>`).join("\n");
    const body = `Kết quả:\n\n<div>\n<style scoped>\n    .dataframe th {\n        vertical-align: middle;\n    }\n\n    .dataframe thead th {\n        text-align: right;\n    }\n</style>\n<table border="1" class="dataframe">\n  <thead>\n    <tr>\n      <th></th>\n      <th>value</th>\n    </tr>\n  </thead>\n  <tbody>\n${rows}\n  </tbody>\n</table>\n<p>150 rows × 1 columns</p>\n</div>\nSau bảng.\n`;
    const ls = lessonsOf(body);
    within(ls);
    const tables = ls.flatMap((l) => l.blocks).filter((b): b is Extract<Block, { t: "table" }> => b.t === "table");
    expect(tables.length).toBeGreaterThan(1);
    for (const t of tables) expect(t.rows[0]!.map((c) => inlineText(c))).toEqual(["", "value"]);
    expect(tables.reduce((n, t) => n + t.rows.length - 1, 0)).toBe(150);
    expect(shape(ls.at(-1)!.blocks).slice(-2)).toEqual(["para «150 rows × 1 columns»", "para «Sau bảng.»"]);
  });

  it("GIVEN a block that fits in a lesson THEN it is never cut", () => {
    const code = Array.from({ length: 60 }, (_, i) => `x${i} = ${i}`).join("\n");
    const ls = lessonsOf(`\`\`\`python\n${code}\n\`\`\`\n`);
    expect(ls.flatMap((l) => l.blocks).map((b) => b.t)).toEqual(["code"]);
  });
});

describe("also: a link destination with spaces or a line break is a link, as kramdown reads it", () => {
  it("GIVEN [x](#a b c), a URL broken across lines and an image path with a space THEN links and an image, no raw brackets", () => {
    const blocks = tree("Xem [mục trên](#sai so du doan) và [AlexNet](https://papers.example/4824-imagene\nt-classification.pdf). ![sơ đồ](/a b.png)\n");
    const links: string[] = [];
    const visit = (c: Inline[]): void => {
      for (const i of c) {
        if (i.t === "link") links.push(`${inlineText(i.c)} → ${i.url}`);
        if ("c" in i) visit(i.c);
      }
    };
    for (const b of walkBlocks(blocks)) visit(inlinesOf(b));
    expect(links).toEqual(["mục trên → #sai so du doan", "AlexNet → https://papers.example/4824-imagenet-classification.pdf"]);
    expect(shape(blocks)).toEqual(["para «Xem mục trên và AlexNet.»", "image /a b.png «sơ đồ»"]);
  });
});

describe("also: a section title with a formula reads as text, not TeX", () => {
  it("GIVEN a heading 'Cố định $\\mathbf{Y}$, tìm $\\alpha$' that starts a later lesson THEN its title writes the formulas in Unicode", () => {
    const para = Array.from({ length: 900 }, (_, i) => (i % 7 === 0 ? "ữ" : "a")).join(" ") + ".";
    const post = parsePost("2026-02-01-k.md", `---\ntitle: K-means\n---\n## Mở đầu\n\n${para}\n\n## Cố định $\\mathbf{Y}$, tìm $\\alpha$\n\n${para}\n`, undefined, [])!;
    const lessons = splitPost(post, { language: "vi" });
    expect(lessons.map((l) => l.title)).toEqual(["K-means (1/2) · Mở đầu", "K-means (2/2) · Cố định 𝐘, tìm α"]);
  });
});
