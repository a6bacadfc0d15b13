/**
 * A display formula whose closing `$$` the author forgot: one error at the line it opens, and the
 * post after it reads as written (kramdown pairs `$$` across a blank line only as block math, whose
 * closing `$$` ends a block), instead of the next formula's `$$` closing it and everything between
 * (headings, code) going out as one LaTeX block with a cascade of TeX errors after.
 */
import { describe, expect, it } from "vitest";
import { allText, post, render } from "./helpers.js";

const P = "_posts/2026-01-01-dao-ham.md";
const COURSE = "title: Khoá thử\nlanguage: vi\n";

const UNCLOSED = [
  "Mở đầu về hàm số.", //                                     line 4 (after three lines of front matter)
  "",
  "$$", //                                                    line 6: never closed
  "f(x) = x^2",
  "",
  "## Đạo hàm",
  "",
  "Đạo hàm của hàm số là:",
  "",
  "```python",
  "def df(x):",
  "    return 2 * x",
  "```",
  "",
  "$$",
  "f'(x) = 2x",
  "$$",
  "",
  "Với $a_1$ và $$b$$ ta có kết quả.",
  "",
  "$$",
  "\\int_0^1 f(x)\\,dx = \\frac{1}{3}",
  "$$",
  "",
].join("\n");

describe("GIVEN a post whose first display formula is never closed", () => {
  it("THEN one error at the line of its $$, and the heading, the code and the later formulas reach the learner as written", async () => {
    const r = await render({ [P]: post("title: Đạo hàm", UNCLOSED), "course.yml": COURSE }, "telegram");
    expect(r.problems.map(({ course: _, ...p }) => p)).toEqual([{ file: P, line: 6, severity: "error", message: expect.stringMatching(/\$\$ is never closed/) }]);
    const text = allText(r);
    expect(text).toContain("<b>Đạo hàm</b>");
    expect(text).toContain('<pre><code class="language-python">def df(x):\n    return 2 * x</code></pre>');
    expect(text).toContain("Với a₁ và b ta có kết quả.");
    expect(text).not.toContain("language-latex");
    const formulas = r.lessons.flatMap((l) => l.messages.flatMap((m) => m.alt ?? []));
    expect(formulas).toEqual(["f'(x) = 2x", "\\int_0^1 f(x)\\,dx = \\frac{1}{3}"]);
  });

  it("THEN a display formula that holds a blank line and ends its block is still one formula, as kramdown reads it", async () => {
    const body = "Ta có:\n\n$$\na = b\n\nc = d\n$$\n\nXong.\n";
    const r = await render({ [P]: post("title: Hai dòng", body), "course.yml": COURSE }, "telegram");
    expect(r.problems).toEqual([]);
    expect(r.lessons.flatMap((l) => l.messages.flatMap((m) => m.alt ?? []))).toEqual(["a = b\n\nc = d"]);
  });
});
