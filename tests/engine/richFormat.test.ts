/**
 * Golden tests of the Telegram rich-message format: hand-written posts and the one message a reader
 * gets. Every message also passes the rich-message validator (tests/validators/telegramRich.ts).
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { renderCourse } from "../../src/build/renderCourse.js";
import { imageInfo } from "../../src/render/media.js";
import { contentDir, oneCourse, post, sharedCache, type OneCourse } from "./helpers.js";
import { formatErrors, formatLeftovers } from "./formats.js";

const P = "_posts/2026-01-01-bai.md";

async function rich(body: string, extra: Record<string, string | Buffer> = {}, front = "title: Bài thử"): Promise<OneCourse & { outDir: string; html: string }> {
  const dir = contentDir({ [P]: post(front, body), "course.yml": "title: Khoá thử\nlanguage: vi\n", ...extra });
  const outDir = mkdtempSync(join(tmpdir(), "sau-phut-rich-"));
  const r = oneCourse(await renderCourse({ contentDir: dir, platform: "telegram", format: "rich", outDir, cacheDir: sharedCache }));
  for (const l of r.lessons) {
    for (const m of l.messages) {
      expect(formatErrors(m, "telegram", "rich", outDir)).toEqual([]);
      expect(formatLeftovers(m, "telegram", "rich")).toEqual([]);
    }
  }
  return { ...r, outDir, html: r.lessons.flatMap((l) => l.messages.map((m) => m.rich!.html)).join("\n") };
}

const png = (svg: string): Buffer => new Resvg(svg, { fitTo: { mode: "original" } }).render().asPng();

describe("a lesson as one rich message", () => {
  it("GIVEN a post THEN one message: the title and reading time as headings, sections as headings, paragraphs, lists", async () => {
    const r = await rich("Mở đầu **đậm** và *nghiêng*.\n\n## Phần một\n\n- một\n- hai\n\n1. ba\n2. bốn\n\n### Nhỏ hơn\n\nHết.\n");
    expect(r.lessons).toHaveLength(1);
    expect(r.lessons[0]!.messages).toHaveLength(1);
    expect(r.html).toMatch(/^<h1>Bài thử<\/h1><h6>⏱ \d+ phút đọc<\/h6><p>Mở đầu <b>đậm<\/b> và <i>nghiêng<\/i>\.<\/p><h2>Phần một<\/h2>/);
    expect(r.html).toContain("<ul><li>một</li><li>hai</li></ul><ol><li>ba</li><li>bốn</li></ol><h3>Nhỏ hơn</h3><p>Hết.</p>");
  });

  it("GIVEN boxes and alerts THEN block quotes with their icon and label", async () => {
    const r = await rich("Trước.\n\nCẩn thận với gradient.\n{: .box-warning}\n\n> [!TIP] Mẹo hay\n> Thử nhỏ trước.\n");
    expect(r.html).toContain("<blockquote><p><b>⚠️ Cảnh báo</b></p><p>Cẩn thận với gradient.</p></blockquote>");
    expect(r.html).toContain("<blockquote><p><b>💡 Mẹo</b>: Mẹo hay</p><p>Thử nhỏ trước.</p></blockquote>");
  });

  it("GIVEN code THEN <pre><code class=language-…> with the text escaped, line numbers kept", async () => {
    const r = await rich("```python\nif a < b and c > d: print('&')\n```\n\n{% highlight js linenos %}\nx = 1\ny = 2\n{% endhighlight %}\n");
    expect(r.html).toContain(`<pre><code class="language-python">if a &lt; b and c &gt; d: print('&amp;')</code></pre>`);
    expect(r.html).toContain(`<pre><code class="language-js">1 x = 1\n2 y = 2</code></pre>`);
  });

  it("GIVEN math THEN native <tg-math> and <tg-math-block>, the post's macros expanded and environments normalized", async () => {
    const r = await rich(
      "$$\\newcommand{\\R}{\\mathbb{R}}$$\n\nVới $x \\in \\R^n$ và $a<b$ ta có:\n\n$$\\begin{equation}\\label{eq:1} f(x) = \\|x\\|^2 \\end{equation}$$\n\n" +
        "$$\n\\begin{align}\na &= b \\\\\nc &= d\n\\end{align}\n$$\n",
    );
    expect(r.html).toContain("<tg-math>x \\in \\mathbb{R}^n</tg-math>");
    expect(r.html).toContain("<tg-math>a&lt;b</tg-math>");
    expect(r.html).toContain("<tg-math-block>f(x) = \\|x\\|^2</tg-math-block>");
    expect(r.html).toContain("<tg-math-block>\\begin{aligned}\na &amp;= b \\\\\nc &amp;= d\n\\end{aligned}</tg-math-block>");
    expect(r.html).not.toContain("newcommand");
    expect(r.lessons[0]!.messages[0]!.rich!.media).toEqual([]);
  });

  it("GIVEN a formula chat clients cannot draw THEN its PNG is a figure bound by tg://photo; TeX no renderer takes stays code and a problem", async () => {
    const r = await rich("$$\\ce{H2O -> H+ + OH-}$$\n\nVà $\\ce{CO2}$ nữa.\n\n$$\\frac{1}{$$\n");
    const m = r.lessons[0]!.messages[0]!.rich!;
    expect(m.media.length).toBe(2);
    for (const x of m.media) expect(x.image).toMatch(/^media\/math\/[0-9a-f]{64}\.png$/);
    expect(r.html).toContain(`<figure><img src="tg://photo?id=${m.media[0]!.id}"/></figure>`);
    expect(r.html).toContain("Và ⟨1⟩ nữa.");
    expect(r.html).toContain('<pre><code class="language-latex">\\frac{1}{</code></pre>');
    expect(r.problems.some((p) => p.message.startsWith("invalid TeX") && p.line > 0)).toBe(true);
  });

  it("GIVEN tables THEN native tables up to 20 columns, header cells, alignment; wider ones drawn", async () => {
    const narrow = "| a | b |\n|:--|--:|\n| 1 | **2** |\n";
    const wide = `| ${Array.from({ length: 21 }, (_, i) => `c${i}`).join(" | ")} |\n|${"---|".repeat(21)}\n| ${Array.from({ length: 21 }, (_, i) => i).join(" | ")} |\n`;
    const r = await rich(`${narrow}\n${wide}`);
    expect(r.html).toContain('<table bordered striped><tr><th align="left">a</th><th align="right">b</th></tr><tr><td align="left">1</td><td align="right"><b>2</b></td></tr></table>');
    const m = r.lessons[0]!.messages[0]!.rich!;
    expect(m.media).toHaveLength(1);
    expect(m.media[0]!.alt).toContain("c20");
  });

  it("GIVEN local, remote and missing images THEN a figure with its caption, a link, and a reported problem", async () => {
    const figure = png('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><rect x="10" y="10" width="100" height="50" fill="#000"/></svg>');
    const r = await rich("![Hình 1: trục](/assets/fig.png)\n\n![ảnh xa](https://example.org/x.png)\n\n![mất](/assets/none.png)\n", { "assets/fig.png": figure });
    const m = r.lessons[0]!.messages[0]!.rich!;
    expect(r.html).toContain(`<figure><img src="tg://photo?id=${m.media[0]!.id}"/><figcaption>Hình 1: trục</figcaption></figure>`);
    expect(r.html).toContain('<p><a href="https://example.org/x.png">🖼 ảnh xa</a></p>');
    expect(r.problems).toContainEqual(expect.objectContaining({ message: "missing local image /assets/none.png", line: 3 + 5 }));
    // A transparent figure is sent on an opaque background; the author's file is left as it was.
    const sent = readFileSync(join(r.outDir, m.media[0]!.image));
    expect(imageInfo(figure).alpha).toBe(true);
    const decoded = new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="300" height="200"><image width="300" height="200" xlink:href="data:image/png;base64,${sent.toString("base64")}"/></svg>`).render();
    expect([...decoded.pixels.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
  });

  it("GIVEN footnotes THEN references link to tg-reference definitions at the end", async () => {
    const r = await rich("Một câu[^1] và câu khác[^ghi].\n\n[^1]: Chú thích một.\n[^ghi]: Chú thích hai.\n");
    expect(r.html).toContain('Một câu<a href="#fn-1">[1]</a> và câu khác<a href="#fn-ghi">[ghi]</a>.');
    expect(r.html).toContain('<h3>Chú thích</h3><p><tg-reference name="fn-1">[1] Chú thích một.</tg-reference></p>');
  });

  it("GIVEN <details> THEN a collapsible block with its summary", async () => {
    const r = await rich("<details><summary>Lời giải</summary>\n\nĐáp án là **42**.\n\n</details>\n");
    expect(r.html).toContain("<details><summary>Lời giải</summary><p>Đáp án là <b>42</b>.</p></details>");
  });

  it("GIVEN a lesson over a rich message's limits THEN it is cut between blocks, each part bound to its own media", async () => {
    const paras = Array.from({ length: 260 }, (_, i) => `Đoạn ${i}.`).join("\n\n");
    const dir = contentDir({ [P]: post("title: Dài", paras), "course.yml": "title: K\nlanguage: vi\n" });
    const outDir = mkdtempSync(join(tmpdir(), "sau-phut-rich-"));
    const { renderLesson } = await import("../../src/render/formats.js");
    const { splitPost } = await import("../../src/course/split.js");
    const { loadCourse } = await import("../../src/course/load.js");
    const lesson = splitPost(loadCourse(dir).posts[0]!)[0]!;
    const env = { resolveImage: () => ({ missing: true }) as const, resolveLink: (u: string) => u, image: (f: string) => f };
    const whole = renderLesson(lesson, "rich", "telegram", env, { native: (t) => t }).pack([]);
    const cut = renderLesson(lesson, "rich", "telegram", env, { native: (t) => t, richLimits: { characters: 32_000, blocks: 100, media: 50 } }).pack([]);
    expect(whole.length).toBe(1);
    expect(cut.length).toBe(3);
    expect(cut.map((m) => m.rich!.html).join("")).toBe(whole[0]!.rich!.html);
    const messages = cut.map((m) => m.rich!);
    for (const m of messages) expect(formatErrors({ rich: m }, "telegram", "rich", outDir)).toEqual([]);
  });
});

describe("a block too long for one lesson, in rich messages", () => {
  it("GIVEN a long numbered code block THEN each later piece says it continues and keeps its line numbers", async () => {
    const code = Array.from({ length: 150 }, (_, i) => `x${i} = ${i}`).join("\n");
    const r = await rich(`{% highlight python linenos %}\n${code}\n{% endhighlight %}\n`);
    expect(r.lessons.length).toBeGreaterThan(1);
    const later = r.lessons[1]!.messages[0]!.rich!.html;
    expect(later).toContain('<p><i>(tiếp theo)</i></p><pre><code class="language-python">');
    const firstNumber = /<code class="language-python">\s*(\d+) x\d+ = /.exec(later)![1];
    expect(Number(firstNumber)).toBeGreaterThan(1);
    expect(r.lessons[0]!.messages[0]!.rich!.html).not.toContain("(tiếp theo)");
  });
});

describe("elements that would show nothing, in rich messages", () => {
  it("GIVEN list items that hold only a macro definition THEN they are left out and the next item keeps its number", async () => {
    const r = await rich("1. Tập số thực.\n2. $$\\newcommand{\\R}{\\mathbb{R}}$$\n3. Ta viết $\\R^n$.\n\n- $$\\def\\N{\\mathbb{N}}$$\n\nHết.\n");
    expect(r.html).toContain('<ol><li>Tập số thực.</li><li value="3">Ta viết <tg-math>');
    expect(r.html).not.toMatch(/<li[^>]*>\s*<\/li>|<ul><\/ul>/);
  });

  it("GIVEN a code block of blank lines, an empty heading and an empty quote THEN none of them is written", async () => {
    const r = await rich("Trước.\n\n```python\n\n\n```\n\n## \n\n>\n\nSau.\n");
    expect(r.html).not.toMatch(/<pre|<h2|<blockquote/);
    expect(r.html).toContain("<p>Trước.</p><p>Sau.</p>");
  });
});
