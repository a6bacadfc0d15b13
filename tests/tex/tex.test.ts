/** The TeX module's pieces on literal input → expected output pairs. */
import { describe, expect, it } from "vitest";
import {
  definitionsOnly,
  displayDollarClose,
  expandMacros,
  normalizeForChat,
  parseMacros,
  splitTopLevelRows,
  stripDirectives,
  takeTags,
} from "../../src/tex/index.js";
import { groupEnd, texTokens } from "../../src/tex/lexer.js";

describe("the lexer", () => {
  it("GIVEN control words, symbols, groups, spaces and a comment THEN one token each, by TeX's rules", () => {
    const tex = "\\alpha_{1}\\,x % note\n\\\\";
    expect([...texTokens(tex)].map((t) => [t.kind, tex.slice(t.start, t.end)])).toEqual([
      ["word", "\\alpha"],
      ["char", "_"],
      ["open", "{"],
      ["char", "1"],
      ["close", "}"],
      ["symbol", "\\,"],
      ["char", "x"],
      ["space", " "],
      ["comment", "% note\n"],
      ["symbol", "\\\\"],
    ]);
  });

  it("GIVEN braces escaped or in a comment THEN a group ends at its own closing brace", () => {
    expect(groupEnd("{a\\}b}c", 0)).toBe(6);
    expect(groupEnd("{a % }\n b}c", 0)).toBe(10);
    expect(groupEnd("{never", 0)).toBe(-1);
  });
});

describe("macros", () => {
  it("GIVEN each way of defining one THEN its name, arguments, optional default and body", () => {
    const macros = parseMacros(
      "\\newcommand{\\norm}[1]{\\lVert #1 \\rVert} \\renewcommand\\R{\\mathbb{R}} \\providecommand{\\e}[2][x]{e^{#1 #2}} " +
        "\\def\\pair#1#2{(#1, #2)} \\DeclareMathOperator*{\\argmax}{arg\\,max}",
    );
    expect(Object.fromEntries(macros)).toEqual({
      "\\norm": { args: 1, body: "\\lVert #1 \\rVert" },
      "\\R": { args: 0, body: "\\mathbb{R}" },
      "\\e": { args: 2, optional: "x", body: "e^{#1 #2}" },
      "\\pair": { args: 2, body: "(#1, #2)" },
      "\\argmax": { args: 0, body: "\\operatorname*{arg\\,max}" },
    });
  });

  it("GIVEN uses of them THEN expanded, one argument after ^, and never glued to the letters after", () => {
    const macros = parseMacros("\\newcommand{\\R}{\\mathbb{R}} \\newcommand{\\vx}{\\mathbf{x}} \\newcommand{\\norm}[1]{\\lVert #1 \\rVert} \\def\\eps{\\epsilon}");
    expect(expandMacros("x \\in \\R^n, \\norm{\\vx}_2, a^\\R, \\eps x", macros)).toBe("x \\in \\mathbb{R}^n, \\lVert \\mathbf{x} \\rVert_2, a^{\\mathbb{R}}, \\epsilon x");
    expect(expandMacros("\\eps\\eps", parseMacros("\\def\\eps{\\epsilon}"))).toBe("\\epsilon\\epsilon");
  });

  it("GIVEN formulas THEN only those that define and draw nothing else are definitions only", () => {
    expect(definitionsOnly("\\newcommand{\\R}{\\mathbb{R}}\n\\DeclareMathOperator{\\tr}{\\mathrm{tr}}")).toBe(true);
    expect(definitionsOnly("\\def\\pair#1#2{(#1, #2)}")).toBe(true);
    expect(definitionsOnly("\\providecommand{\\e}[2][x]{e^{#1 #2}}")).toBe(true);
    expect(definitionsOnly("\\newcommand{\\R}{\\mathbb{R}} x \\in \\R")).toBe(false);
    expect(definitionsOnly("x^2")).toBe(false);
    expect(definitionsOnly("\\newcommand{\\R}")).toBe(false);
  });
});

describe("what steers a page's MathJax", () => {
  it("GIVEN labels, \\require, \\nonumber and \\tag THEN each taken out once, the tags kept in order", () => {
    expect(stripDirectives("a \\label{eq:1} \\require{cancel} b \\nonumber c \\notag")).toBe("a   b  c ");
    expect(takeTags("a \\tag{1} \\\\ b \\tag*{B}")).toEqual({ tex: "a  \\\\ b ", tags: ["\\tag{1}", "\\tag*{B}"] });
  });

  it("GIVEN environments a chat client does not draw THEN their inner forms, the number moved to the end", () => {
    expect(normalizeForChat("\\begin{align}a &= b \\label{x}\\tag{1}\\\\ c &= d\\end{align}")).toBe("\\begin{aligned}a &= b \\\\ c &= d\\end{aligned} \\tag{1}");
    expect(normalizeForChat("\\begin{equation}x\\end{equation}")).toBe("x");
    expect(normalizeForChat("\\begin{eqnarray}a &=& b\\end{eqnarray}")).toBe("\\begin{array}{rcl}a &=& b\\end{array}");
    expect(normalizeForChat("\\begin{alignat*}{2} a &= b\\end{alignat*}")).toBe("\\begin{alignedat}{2} a &= b\\end{alignedat}");
  });

  it("GIVEN a display too tall for one image THEN its top-level rows, each group wrapped in the inner form", () => {
    const split = splitTopLevelRows("\\begin{align} a &= \\begin{cases} 1 \\\\ 2 \\end{cases} \\nonumber \\\\ c &= d \\tag{2} \\end{align}")!;
    expect(split.rows).toEqual(["a &= \\begin{cases} 1 \\\\ 2 \\end{cases}", "c &= d \\tag{2}"]);
    expect(split.wrap(split.rows)).toBe("\\begin{aligned}a &= \\begin{cases} 1 \\\\ 2 \\end{cases} \\\\ c &= d \\end{aligned}\\tag{2}");
    expect(splitTopLevelRows("\\begin{eqnarray} a &=& b \\\\ c &=& d \\end{eqnarray}")!.wrap(["a", "b"])).toBe("\\begin{eqnarray*}a \\\\ b\\end{eqnarray*}");
  });
});

describe("where a display formula in $$ ends", () => {
  const open = (src: string): number => src.indexOf("$$");
  /** Where the formula opening at the first `$$` ends, as the offset of the nth `$$` after it (0: none). */
  const closedBy = (src: string): number => {
    const end = displayDollarClose(src, open(src));
    let n = 0;
    for (let i = src.indexOf("$$", open(src) + 2); i >= 0; i = src.indexOf("$$", i + 2)) {
      n++;
      if (i === end) return n;
    }
    return end === -1 ? 0 : Number.NaN;
  };

  it("GIVEN a closing $$ in the same paragraph THEN that one", () => {
    expect(closedBy("Ta có $$x^2$$ ở đây.")).toBe(1);
  });

  it("GIVEN a blank line before the next $$ THEN it closes only when it ends its block, or the blank lines are inside an environment", () => {
    expect(closedBy("$$\na\n\nb\n$$\n\nXong.")).toBe(1);
    expect(closedBy("> $$\n> a\n>\n> b\n> $$\n")).toBe(1);
    expect(closedBy("$$\n\\begin{align}\na\n\nb\n\\end{align}\n$$\nXong.")).toBe(1);
    // The next `$$` opens another formula: "f(x)" is never closed.
    expect(closedBy("$$\nf(x)\n\n## Đạo hàm\n\n$$\ng(x)\n$$\n")).toBe(0);
    expect(closedBy("$$\nf(x)\n\nText\n\nMore $$y$$ text\n")).toBe(0);
  });
});
