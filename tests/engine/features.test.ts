/**
 * Golden tests: hand-written posts, one per feature the blog uses, and what a reader sees on
 * Telegram (HTML parse mode) and Discord (Markdown). Every message also passes the validator.
 */
import { describe, it, expect } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { allText, post, render, type OneCourse } from "./helpers.js";
import { leftoverMarkup, messageErrors } from "./validate.js";
import type { Platform } from "../../src/contract/lessons.js";

const P = "_posts/2026-01-01-bai.md";
const VI = "title: Bài thử";

async function both(body: string, extra: Record<string, string | Buffer> = {}): Promise<Record<Platform, OneCourse & { outDir: string }>> {
  const out = {} as Record<Platform, OneCourse & { outDir: string }>;
  for (const p of ["telegram", "discord"] as const) {
    const r = await render({ [P]: post(VI, body), "course.yml": "title: Khoá thử\nlanguage: vi\n", ...extra }, p);
    for (const l of r.lessons)
      for (const m of l.messages) {
        expect(messageErrors(m, p, r.outDir)).toEqual([]);
        expect(leftoverMarkup(m, p)).toEqual([]);
      }
    out[p] = r;
  }
  return out as Record<Platform, OneCourse & { outDir: string }>;
}

describe("kramdown boxes and GitHub alerts become call-outs", () => {
  it("GIVEN a {: .box-warning} paragraph THEN it is a labelled quote", async () => {
    const r = await both("Gradient cộng dồn.\n{: .box-warning}\n");
    expect(allText(r.telegram)).toContain("<blockquote>⚠️ <b>Cảnh báo</b>\nGradient cộng dồn.</blockquote>");
    expect(allText(r.discord)).toContain("> ⚠️ **Cảnh báo**\n> Gradient cộng dồn.");
  });

  it("GIVEN box-note, box-error, box-success THEN each has its icon and label", async () => {
    const r = await both("A.\n{: .box-note}\n\nB.\n{: .box-error}\n\nC.\n{: .box-success}\n");
    const t = allText(r.telegram);
    expect(t).toContain("📝 <b>Ghi chú</b>\nA.");
    expect(t).toContain("⛔ <b>Lỗi</b>\nB.");
    expect(t).toContain("✅ <b>Thành công</b>\nC.");
  });

  it("GIVEN > [!TIP] and a titled > [!NOTE] THEN call-outs without the marker", async () => {
    const r = await both("> [!TIP]\n> Thử nhỏ trước.\n\n> [!NOTE] Tiêu đề\n> Nội dung.\n\n> [!WARNING]\n> Cẩn thận.\n");
    const t = allText(r.telegram);
    expect(t).toContain("<blockquote>💡 <b>Mẹo</b>\nThử nhỏ trước.</blockquote>");
    expect(t).toContain("<blockquote>📝 <b>Ghi chú</b>: Tiêu đề\nNội dung.</blockquote>");
    expect(t).toContain("⚠️ <b>Cảnh báo</b>\nCẩn thận.");
    expect(allText(r.discord)).toContain("> 📝 **Ghi chú**: Tiêu đề\n> Nội dung.");
  });

  it("GIVEN a call-out title with a formula Unicode cannot write THEN its mark is followed by the formula's image, as in any paragraph", async () => {
    const r = await both("> [!NOTE] Tỉ số $\\frac{a}{b}$\n> Nội dung.\n");
    for (const p of ["telegram", "discord"] as const) {
      const messages = r[p].lessons.flatMap((l) => l.messages);
      expect(allText(r[p])).toContain("⟨1⟩");
      expect(messages.flatMap((m) => m.alt ?? []), p).toContain("\\frac{a}{b}");
    }
  });

  it("GIVEN an English course THEN labels are English", async () => {
    const r = await render({ [P]: post("title: T", "> [!CAUTION]\n> Hot.\n"), "course.yml": "title: C\nlanguage: en\n" }, "telegram");
    expect(allText(r)).toContain("🛑 <b>Caution</b>\nHot.");
  });

  it("GIVEN other attribute lists THEN they disappear", async () => {
    const r = await both("![x](https://example.org/a.png)\n{: style=\"width: 50%\" class=\"center\"}\n\nChữ.\n{: .mx-auto.d-block :}\n");
    expect(allText(r.telegram)).not.toContain("{:");
    expect(allText(r.telegram)).toContain("Chữ.");
  });
});

describe("code", () => {
  it("GIVEN {% highlight python linenos %} THEN a python block with line numbers", async () => {
    const r = await both("{% highlight python linenos %}\nx = 1\ny = x < 2\n{% endhighlight %}\n");
    expect(allText(r.telegram)).toContain('<pre><code class="language-python">1 x = 1\n2 y = x &lt; 2</code></pre>');
    expect(allText(r.discord)).toContain("```python\n1 x = 1\n2 y = x < 2\n```");
  });

  it("GIVEN ``` and ~~~ fences THEN code blocks with their language, content untouched", async () => {
    const r = await both("```js\nconst a = `$x$` // {: .box-note}\n```\n\n~~~bash\necho $$HOME\n~~~\n");
    expect(allText(r.telegram)).toContain('<pre><code class="language-js">const a = `$x$` // {: .box-note}</code></pre>');
    expect(allText(r.discord)).toContain("```bash\necho $$HOME\n```");
  });

  it("GIVEN a code block longer than a message THEN it continues as a code block in the next", async () => {
    const lines = Array.from({ length: 130 }, (_, i) => `print("dòng số ${i} của một đoạn mã rất dài")`).join("\n");
    const r = await both("```python\n" + lines + "\n```\n");
    for (const p of ["telegram", "discord"] as const) {
      const msgs = r[p].lessons.flatMap((l) => l.messages).filter((m) => m.text?.includes("dòng số"));
      expect(msgs.length).toBeGreaterThan(1);
      for (const m of msgs) {
        if (p === "telegram") expect(m.text).toMatch(/<pre><code class="language-python">[\s\S]*<\/code><\/pre>$/);
        else expect(m.text).toMatch(/```python\n[\s\S]*\n```$/);
      }
      const joined = msgs.map((m) => m.text).join("\n");
      for (let i = 0; i < 130; i++) expect(joined).toContain(`dòng số ${i} của`);
    }
  });
});

describe("math", () => {
  it("GIVEN inline math Unicode can write THEN it is text", async () => {
    const r = await both("Với $x_1 \\leq \\alpha^2$ và \\\\(w^T x\\\\) ta có $$\\eta$$ nhỏ.\n");
    expect(allText(r.telegram)).toContain("Với x₁ ≤ α² và wᵀx ta có η nhỏ.");
  });

  it("GIVEN $…$ with TeX braces or kramdown escapes THEN both read right", async () => {
    const r = await both("Nhãn $y_i \\in \\{0, 1\\}$, tập $\\\\{a\\_1\\\\}$.\n");
    expect(allText(r.telegram)).toContain("Nhãn yᵢ ∈ {0, 1}, tập {a₁}.");
  });

  it("GIVEN inline math Unicode cannot write THEN numbered marks and one image for the paragraph", async () => {
    const r = await both("Ta có $\\frac{a}{b}$ và $\\sqrt{x}$ trong cùng câu.\n");
    const t = r.telegram.lessons[0]!.messages;
    expect(allText(r.telegram)).toContain("Ta có ⟨1⟩ và ⟨2⟩ trong cùng câu.");
    const withImages = t.filter((m) => m.images?.length);
    expect(withImages).toHaveLength(1);
    expect(withImages[0]!.images).toHaveLength(1);
    expect(withImages[0]!.alt![0]).toBe("\\frac{a}{b} ; \\sqrt{x}");
  });

  it("GIVEN display math in $$, \\\\[ \\\\], and a bare \\begin{align*} THEN PNG images grouped in one album", async () => {
    const r = await both("Ta có:\n\n$$\na = b\n$$\n\n\\\\[ c = d \\\\]\n\n\\begin{align*}\ne &= f \\\\\\\\\ng &= h\n\\end{align*}\n\nXong.\n");
    const tg = r.telegram.lessons[0]!.messages;
    const album = tg.find((m) => m.images)!;
    expect(album.images).toHaveLength(3);
    expect(album.alt).toEqual(["a = b", "c = d", "\\begin{align*}\ne &= f \\\\\ng &= h\n\\end{align*}"]);
    // Telegram shows captions under the photos: the text after the formulas rides along.
    expect(album.text).toBe("Xong.");
    for (const img of album.images!) expect(existsSync(join(r.telegram.outDir, img))).toBe(true);
    // Discord shows content above attachments: the text before them.
    const dc = r.discord.lessons[0]!.messages.find((m) => m.images)!;
    expect(dc.text).toContain("Ta có:");
  });

  it("GIVEN invalid TeX THEN check reports file and line, and the TeX is shown as code", async () => {
    const r = await both("Dòng một.\n\n$$\n\\frac{a\n$$\n");
    expect(r.telegram.problems).toEqual([
      expect.objectContaining({ file: P, line: 6, severity: "error", message: expect.stringMatching(/invalid TeX/) }),
    ]);
    expect(allText(r.telegram)).toContain('<pre><code class="language-latex">\\frac{a</code></pre>');
  });

  it("GIVEN \\newcommand in a formula of its own THEN it applies to the others and draws nothing", async () => {
    const r = await both("$$\\newcommand{\\bx}{\\mathbf{x}}$$\n\nVector:\n\n$$\\bx + 1$$\n");
    expect(r.telegram.problems).toEqual([]);
    expect(r.telegram.lessons[0]!.messages.flatMap((m) => m.images ?? [])).toHaveLength(1);
  });
});

describe("HTML, Liquid and comments", () => {
  it("GIVEN comments and a MarkdownTOC block THEN they are gone, the text stays", async () => {
    const r = await both("<!-- MarkdownTOC -->\n- [Một](#mot)\n<!-- /MarkdownTOC -->\n\nTrước <!-- ẩn --> sau.\n\n## Một\n\nNội dung.\n");
    const t = allText(r.telegram);
    expect(t).not.toContain("[Một]");
    expect(t).toContain("Trước  sau.");
    expect(t).toContain("<b>Một</b>");
  });

  it("GIVEN relative_url and site.baseurl THEN links resolve against the site URL", async () => {
    const r = await render({
      [P]: post(VI, "Xem [bài]({{ '/2017/01/bai/' | relative_url }}) và [trang]({{ site.baseurl }}/gioi-thieu).\n\n{% include footer.html %}\n"),
      "course.yml": "title: K\nlanguage: vi\nurl: https://blog.example.org\n",
    }, "telegram");
    const t = allText(r);
    expect(t).toContain('<a href="https://blog.example.org/2017/01/bai/">bài</a>');
    expect(t).toContain('<a href="https://blog.example.org/gioi-thieu">trang</a>');
    expect(r.problems).toEqual([expect.objectContaining({ line: 6, severity: "warning", message: expect.stringMatching(/include/) })]);
  });

  it("GIVEN an HTML table, <img>, <details> and a div box THEN they keep their meaning", async () => {
    const body = [
      "<table><tr><th>Tên</th><th>Giá trị</th></tr><tr><td>lr</td><td>0.1</td></tr></table>",
      "",
      '<div class="imgcap"><img src="https://example.org/h.png" alt="Hình một"></div>',
      "",
      "<details><summary>Bấm để xem</summary><p>Lời giải ẩn.</p></details>",
      "",
      '<div class="box-note"><p>Ghi nhớ điều này.</p></div>',
      "",
    ].join("\n");
    const r = await both(body);
    const t = allText(r.telegram);
    expect(t).toContain("<pre>Tên │ Giá trị\n────┼────────\nlr  │ 0.1</pre>");
    expect(t).toContain('🖼 <a href="https://example.org/h.png">Hình một</a>');
    expect(t).toContain("<blockquote expandable><b>Bấm để xem</b>\nLời giải ẩn.</blockquote>");
    expect(t).toContain("<blockquote>📝 <b>Ghi chú</b>\nGhi nhớ điều này.</blockquote>");
  });

  it("GIVEN an HTML post THEN it is read through turndown with its math kept", async () => {
    const r = await render({ "_posts/2026-01-02-h.html": post("title: H", "<h2>Phần</h2><p>Công thức \\(x_1\\) và <b>đậm</b>.</p>") }, "telegram");
    expect(allText(r)).toContain("Công thức x₁ và <b>đậm</b>.");
  });
});

describe("lists, tables, quotes, footnotes, images", () => {
  it("GIVEN nested lists THEN bullets and numbers with indentation", async () => {
    const r = await both("- một\n  - hai\n- ba\n\n3. c\n4. d\n");
    expect(allText(r.telegram)).toContain("• một\n    ◦ hai\n• ba");
    expect(allText(r.telegram)).toContain("3. c\n4. d");
  });

  it("GIVEN a narrow table THEN an aligned monospace block; a wide one THEN an image with its words as alt", async () => {
    const wide = "| " + Array.from({ length: 8 }, (_, i) => `cột thứ ${i}`).join(" | ") + " |\n|" + "---|".repeat(8) + "\n| " + Array.from({ length: 8 }, (_, i) => `giá trị ${i}`).join(" | ") + " |\n";
    const r = await both("| a | bb |\n|--:|---|\n| 10 | x |\n\n" + wide);
    expect(allText(r.telegram)).toContain("<pre> a │ bb\n───┼───\n10 │ x</pre>");
    const img = r.telegram.lessons[0]!.messages.find((m) => m.images)!;
    expect(img.alt![0]).toContain("cột thứ 7");
    expect(img.alt![0]).toContain("giá trị 0");
  });

  it("GIVEN footnotes THEN the reference stays and the note follows the lesson", async () => {
    const r = await both("Câu có chú thích[^a].\n\n[^a]: Đây là chú thích.\n");
    expect(allText(r.telegram)).toContain("Câu có chú thích[a].");
    expect(allText(r.telegram)).toMatch(/<b>Chú thích<\/b>\n\n\[a\] Đây là chú thích\./);
  });

  it("GIVEN a local image THEN it is sent as a photo with the files under OUT; a missing one is reported", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a3f3b2c90000000049454e44ae426082", "hex");
    const r = await render({ [P]: post(VI, "![Sơ đồ](/assets/so-do.png)\n\n![Thiếu](/assets/khong-co.png)\n"), "assets/so-do.png": png }, "telegram");
    const photo = r.lessons[0]!.messages.find((m) => m.images)!;
    expect(photo.alt).toEqual(["Sơ đồ"]);
    expect(existsSync(join(r.outDir, photo.images![0]!))).toBe(true);
    expect(r.problems).toEqual([expect.objectContaining({ line: 6, message: "missing local image /assets/khong-co.png" })]);
    expect(allText(r)).toContain("🖼 <i>Thiếu</i>");
  });

  it("GIVEN non-breaking spaces and escapes THEN text is kept and escaped", async () => {
    const r = await both("Giá\u00a0trị a < b & c > d, dấu \\* sao, tỉ lệ $0.8/0.2$.\n");
    expect(allText(r.telegram)).toContain("Giá\u00a0trị a &lt; b &amp; c &gt; d, dấu * sao, tỉ lệ 0.8/0.2.");
    expect(allText(r.discord)).toContain("Giá\u00a0trị a \\< b & c \\> d, dấu \\* sao, tỉ lệ 0.8/0.2.");
  });
});
