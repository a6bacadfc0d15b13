/**
 * A character scanner that runs before the Markdown parser and takes out what Jekyll authors
 * write but CommonMark does not know, or reads otherwise than kramdown: math spans, Liquid tags,
 * kramdown attribute lines and header ids, HTML elements (read to their closing tag), link
 * destinations with spaces, HTML comments and TOC blocks. Math becomes placeholders so that
 * Markdown, HTML and table syntax cannot mangle it; boxes and HTML elements become marker
 * paragraphs that the parser turns into call-outs and blocks.
 * Pure: text in, text + tables + problems out. Line numbers of the original file are kept in a
 * map so that later problems still point at the author's line.
 */
import type { Problem } from "../contract/lessons.js";
import { MARK, mathPlaceholder } from "./markers.js";
import { ScanOutput } from "./scanOutput.js";
import { htmlBlockAt, isBlockCloseLine, isSpanTagLine } from "./htmlBlocks.js";
import { liquidAt } from "./liquid.js";
import { closesFence, commonMarkTakesInfo, fenceAt, fenceLabel, infoForCommonMark, kramdownTakesInfo, type Fence } from "./fences.js";
import { resolveLiquidBlocks } from "./liquidBlocks.js";
import { commonMarkDestination, destinationAt } from "./linkDestination.js";
import { attributeLine, headerIdEnd, ialTarget, type IalTarget } from "./kramdownLines.js";
import { displayDollarClose, dollarFormulaAt, findClose, markdownUnescape, singleBackslashFormulaAt } from "../tex/index.js";

export interface MathSpan {
  tex: string;
  display: boolean;
  /** 1-based line in the original file. */
  line: number;
}

export interface PreprocessOptions {
  file: string;
  /** 1-based line of the first character of `text` in the original file. */
  firstLine: number;
  /** Absolute site URL (with baseurl), used for `relative_url`, `absolute_url`, `post_url`. */
  siteUrl?: string;
  /** Math spans already taken out (HTML posts protect their math before turndown). */
  math?: MathSpan[];
}

export interface Preprocessed {
  markdown: string;
  /** lineMap[i] is the original 1-based line of output line i (0-based). */
  lineMap: number[];
  math: MathSpan[];
  /** HTML elements taken out whole (`MARK.html` + index in the Markdown), math already taken out. */
  html: string[];
  problems: Problem[];
}

const MATH_ENVS =
  /^(equation|align|aligned|alignat|eqnarray|gather|gathered|multline|split|flalign|displaymath|math)\*?$/;

export function preprocess(text: string, opts: PreprocessOptions): Preprocessed {
  // Jekyll runs Liquid before kramdown: comments and raw blocks are resolved over the whole text first.
  const liquid = resolveLiquidBlocks(text.replace(/\r\n?/g, "\n"));
  const out = new Scanner(liquid.text, liquid.lineOrigin, opts).run();
  const unmark = (s: string): string => s.replaceAll(MARK.literal, "");
  return {
    ...out,
    markdown: unmark(out.markdown),
    math: out.math.map((m) => ({ ...m, tex: unmark(m.tex) })),
    html: out.html.map(unmark),
    problems: [...liquid.problems.map((p) => ({ file: opts.file, line: p.line + opts.firstLine, severity: p.severity, message: p.message })), ...out.problems],
  };
}

class Scanner extends ScanOutput {
  private math: MathSpan[];
  private html: string[] = [];
  /** Where a span-tag line was last marked as text (the scan resumes there, at a line start). */
  private textMarkedAt = -1;
  /** An HTML element being taken out: where it ends in the source, where it began in the output. */
  private htmlElement: { end: number; outStart: number; prefix: string } | undefined;
  /** The last block attribute line: where it ended and which block it styled. */
  private lastIal: { end: number; target: IalTarget } | undefined;

  constructor(
    text: string,
    lineOrigin: readonly number[],
    private readonly opts: PreprocessOptions,
  ) {
    super(text, opts.file, opts.firstLine, lineOrigin);
    this.math = [...(opts.math ?? [])];
  }

  run(): Preprocessed {
    while (this.pos < this.src.length) {
      if (this.htmlElement) {
        if (this.pos >= this.htmlElement.end) this.endHtmlElement();
        else {
          this.inline();
          continue;
        }
      }
      if (this.atLineStart() && this.lineConstruct()) continue;
      this.inline();
    }
    if (this.htmlElement) this.endHtmlElement();
    return { markdown: this.out, lineMap: this.lineMap, math: this.math, html: this.html, problems: this.problems };
  }

  // ---- line-level constructs -----------------------------------------------------------------

  /** Returns true when it consumed something at the start of a line. */
  private lineConstruct(): boolean {
    const end = this.lineEnd(this.pos);
    const line = this.src.slice(this.pos, end);
    // Container prefix: blockquote markers and indentation (list continuation).
    const prefixMatch = /^((?:[ \t]*>)*[ \t]*)/.exec(line)!;
    const prefix = prefixMatch[1]!;
    const rest = line.slice(prefix.length);

    const fence = fenceAt(rest);
    if (fence) return this.fencedCode(prefix, fence);

    const hl = /^\{%-?\s*highlight\s+([\w+#.-]+)([^%]*)-?%\}(.*)$/.exec(rest);
    if (hl) return this.highlight(prefix, hl[1]!, /\blinenos\b/.test(hl[2]!), hl[3]!);

    if (rest.startsWith("<") && !rest.startsWith("<!--") && !/ {4}$/.test(prefix.replace(/^.*>/, ""))) {
      if (this.htmlLine(prefix, rest)) return true;
    }

    if (/^<!--\s*MarkdownTOC\b/.test(rest)) {
      const close = this.src.indexOf("<!-- /MarkdownTOC -->", this.pos);
      const stop = close < 0 ? end : this.lineEnd(close);
      this.blankOut(stop);
      return true;
    }

    // `* TOC` followed by `{:toc}`: kramdown's generated table of contents.
    if (/^[*-]\s+(TOC|Table of Contents)\s*$/i.test(rest)) {
      const nextEnd = this.lineEnd(end + 1);
      if (/^\s*\{:\s*toc\s*\}\s*$/.test(this.src.slice(end + 1, nextEnd))) {
        this.pos = Math.min(nextEnd + 1, this.src.length);
        return true;
      }
    }

    const attr = attributeLine(rest);
    if (attr) {
      const previous = this.lastIal?.end === this.pos ? this.lastIal.target : undefined;
      const target = attr.styles ? ialTarget(this.src, this.pos, previous) : "none";
      // kramdown ends a paragraph at an attribute line; the box marker is a paragraph of its own,
      // written before the line is skipped so that it keeps the attribute line's number.
      const blank = `${prefix.trimEnd()}\n`;
      const boxed = attr.box !== undefined && target !== "none";
      if (boxed) this.emit(`${blank}${prefix}${target === "prev" ? MARK.boxAfter : MARK.boxBefore}${attr.box}`);
      this.skipLine();
      this.lastIal = attr.styles ? { end: this.pos, target } : undefined;
      this.emit(boxed ? `\n${blank}` : blank);
      return true;
    }

    // A display math environment standing at the start of a line, outside any $$.
    const env = /^\\begin\{([a-zA-Z]+\*?)\}/.exec(rest);
    if (env && MATH_ENVS.test(env[1]!)) {
      const name = env[1]!;
      const closeTag = `\\end{${name}}`;
      const close = this.src.indexOf(closeTag, this.pos);
      if (close >= 0) {
        const start = this.pos + prefix.length;
        const raw = this.src.slice(start, close + closeTag.length);
        this.emit(prefix);
        this.addMath(markdownUnescape(stripPrefix(raw, prefix)), true, start);
        this.pos = close + closeTag.length;
        return true;
      }
      this.report(this.pos, "error", `\\begin{${name}} is never closed by ${closeTag}`);
    }
    return false;
  }

  /**
   * HTML at the start of a line, read as kramdown reads it (see htmlBlocks.ts): a block-level
   * element is taken out whole, up to its closing tag, and set apart from the Markdown around
   * it; a line that is only a span-level tag is marked as paragraph text.
   */
  private htmlLine(prefix: string, rest: string): boolean {
    const start = this.pos + prefix.length;
    const blank = `${prefix.trimEnd()}\n`;
    if (isSpanTagLine(rest)) {
      if (this.textMarkedAt === start) return false;
      this.emit(prefix + MARK.text);
      this.pos = this.textMarkedAt = start;
      return true;
    }
    if (isBlockCloseLine(rest)) {
      this.emit(prefix + rest);
      this.pos = this.lineEnd(this.pos);
      this.blankAfter(blank);
      return true;
    }
    const block = htmlBlockAt(this.src, start);
    if (!block) return false;
    if (!this.outAtBlankLine()) this.emit(blank);
    if (block.kind === "wrapper") {
      // Only the tag is HTML; what it holds is Markdown for the parser.
      this.emit(prefix + rest);
      this.pos = this.lineEnd(this.pos);
      this.blankAfter(blank);
      return true;
    }
    this.htmlElement = { end: block.end, outStart: this.out.length, prefix };
    return false;
  }

  /** The element's text (after math and Liquid) goes to the side; a marker paragraph stands in for it. */
  private endHtmlElement(): void {
    const { outStart, prefix } = this.htmlElement!;
    this.htmlElement = undefined;
    const text = this.out.slice(outStart);
    const lines = text.split("\n");
    this.html.push(lines.map((l) => l.replace(/^(?:[ \t]*>)*[ \t]?/, "")).join("\n"));
    const filler = `\n${prefix.trimEnd()}`.repeat(lines.length - 1);
    this.out = this.out.slice(0, outStart) + `${prefix}${MARK.html}${this.html.length - 1}` + filler;
    this.blankAfter(`${prefix.trimEnd()}\n`);
  }

  /** Before the newline that ends a line: add a blank line when Markdown follows at once. */
  private blankAfter(blank: string): void {
    const next = this.src.slice(this.lineEnd(this.pos) + 1, this.lineEnd(this.lineEnd(this.pos) + 1));
    if (this.pos < this.src.length && next.replace(/^(?:[ \t]*>)*/, "").trim()) this.emit("\n" + blank.replace(/\n$/, ""));
  }

  private outAtBlankLine(): boolean {
    if (!this.out || this.out === "\n") return true;
    const prevStart = this.out.lastIndexOf("\n", this.out.length - 2) + 1;
    return !this.out.slice(prevStart).replace(/^(?:[ \t]*>)*/, "").trim();
  }

  /**
   * A code fence, read as kramdown reads it where the two readings differ (fences.ts): kramdown is
   * what the blog's readers see. The one exception is a fence with several words after it, which
   * kramdown refuses but the author evidently meant (GitHub shows it): the lesson keeps it. Every
   * difference is reported at the fence's line with both readings.
   */
  private fencedCode(prefix: string, fence: Fence): boolean {
    const start = this.pos;
    const close = this.closingLine(this.lineEnd(start), fence);
    const kramdown = close >= 0 && kramdownTakesInfo(fence);
    const commonMark = commonMarkTakesInfo(fence);
    const label = fenceLabel(fence);
    const at = (offset: number): number => this.lineOf(offset);
    /** Where CommonMark would end a block opened at the line starting at `from`. */
    const commonMarkEnd = (from: number): string => {
      const end = this.closingLine(this.lineEnd(from), fence);
      return end < 0 ? `lines ${at(from)}–${at(this.src.length - 1)} (the rest of the post)` : `lines ${at(from)}–${at(end)}`;
    };
    if (!kramdown && (close < 0 || !commonMark)) {
      // Text for kramdown: marked so that remark does not open a fence either.
      if (this.textMarkedAt === start + prefix.length) return false;
      if (commonMark) {
        this.report(start, "error", `code fence ${label} is never closed: the blog (kramdown) shows this line as text and reads on as Markdown, where CommonMark would make ${commonMarkEnd(start)} code; the lesson follows the blog`);
      }
      this.emit(prefix + MARK.text);
      this.pos = this.textMarkedAt = start + prefix.length;
      return true;
    }
    if (!kramdown) {
      const next = this.closingLine(this.lineEnd(close), fence);
      const then = next < 0 ? `the fence at line ${at(close)} as text too` : `the fence at line ${at(close)} opening a block to line ${at(next)}`;
      this.report(start, "warning", `code fence ${label} has more than one word after it: the blog (kramdown) shows it as text, and ${then}; CommonMark (GitHub) reads lines ${at(start)}–${at(close)} as code, as the author meant, and so does the lesson`);
      this.copyLines(start, close);
      return true;
    }
    if (!commonMark) {
      this.report(start, "warning", `code fence ${label} has a backtick after it: the blog (kramdown) reads lines ${at(start)}–${at(close)} as code, where CommonMark would read this line as text and ${commonMarkEnd(close)} as code; the lesson follows the blog`);
      this.emit(`${prefix}${fence.char.repeat(fence.length)}${infoForCommonMark(fence)}`);
      this.pos = this.lineEnd(start);
      this.copyLines(this.pos + 1, close, true);
      return true;
    }
    this.copyLines(start, close);
    return true;
  }

  /** Start offset of the first line after `from` (a line end) that closes `fence`, or -1. */
  private closingLine(from: number, fence: Fence): number {
    for (let at = from; at < this.src.length; at = this.lineEnd(at + 1)) {
      const lineStart = at + 1;
      if (closesFence(this.src.slice(lineStart, this.lineEnd(lineStart)), fence)) return lineStart;
    }
    return -1;
  }

  /** Copy the lines from the one starting at `from` through the one starting at `last`, as they are. */
  private copyLines(from: number, last: number, afterNewline = false): void {
    this.pos = from;
    if (afterNewline) this.emit("\n");
    for (;;) {
      const e = this.lineEnd(this.pos);
      this.emit(this.src.slice(this.pos, e));
      const done = this.pos >= last;
      this.pos = e;
      if (this.pos < this.src.length) {
        this.pos++;
        this.emit("\n");
      }
      if (done) return;
    }
  }

  private highlight(prefix: string, lang: string, linenos: boolean, afterTag: string): boolean {
    const startOffset = this.pos;
    const endRe = /\{%-?\s*endhighlight\s*-?%\}/g;
    endRe.lastIndex = this.pos;
    const m = endRe.exec(this.src);
    if (!m) {
      this.report(startOffset, "error", `{% highlight ${lang} %} is never closed by {% endhighlight %}`);
      this.skipLine();
      return true;
    }
    const bodyStart = this.lineEnd(this.pos) + 1;
    let body = afterTag.trim() ? afterTag + "\n" : "";
    body += bodyStart <= m.index ? this.src.slice(bodyStart, m.index) : "";
    body = stripPrefix(body, prefix).replace(/\n$/, "");
    let fence = "```";
    while (body.includes(fence)) fence += "`";
    this.pos = this.lineEnd(m.index + m[0].length);
    this.emit(`${prefix}${fence}${lang}${linenos ? " linenos" : ""}\n`);
    for (const l of body.split("\n")) this.emit(`${prefix}${l}\n`);
    this.emit(`${prefix}${fence}`);
    return true;
  }


  // ---- inline constructs ---------------------------------------------------------------------

  private inline(): void {
    const s = this.src;
    const c = s[this.pos]!;
    if (c === "\n") {
      this.pos++;
      this.emit("\n");
      return;
    }
    if (c === "`") return this.codeSpan();
    if (c === "\\") {
      if (s.startsWith("\\\\(", this.pos)) return this.delimited("\\\\(", "\\\\)", false, true);
      if (s.startsWith("\\\\[", this.pos)) return this.delimited("\\\\[", "\\\\]", true, true);
      if (s[this.pos + 1] === "(" || s[this.pos + 1] === "[") {
        const f = singleBackslashFormulaAt(s, this.pos);
        if (f) {
          const start = this.pos;
          this.pos = f.end;
          return this.addMath(stripPrefix(f.tex, this.linePrefix(start)), f.display, start);
        }
      }
      // A Markdown escape: keep both characters so `\$` stays a literal dollar.
      this.emit(s.slice(this.pos, this.pos + 2));
      this.pos += 2;
      return;
    }
    if (c === "$") {
      if (s.startsWith("$$", this.pos)) return this.doubleDollar();
      return this.singleDollar();
    }
    if (c === "<" && s.startsWith("<!--", this.pos)) {
      const close = s.indexOf("-->", this.pos + 4);
      this.blankOut(close < 0 ? s.length : close + 3);
      return;
    }
    if (c === "{" && (s[this.pos + 1] === "%" || s[this.pos + 1] === "{")) return this.liquid();
    if (c === "{" && s[this.pos + 1] === "#") {
      // kramdown's `## Title {#id}`: the id names the anchor; it is not part of the title.
      const end = headerIdEnd(s, this.pos);
      if (end >= 0) {
        this.pos = end;
        return;
      }
    }
    if (c === "{" && s[this.pos + 1] === ":") {
      // An inline attribute list after a span: `**x**{: .class}`.
      const close = s.indexOf("}", this.pos);
      if (close > 0 && !s.slice(this.pos, close).includes("\n")) {
        this.pos = close + 1;
        return;
      }
    }
    if (c === "]" && s[this.pos + 1] === "(" && this.linkDestination()) return;
    // Copy a run of ordinary characters at once.
    let e = this.pos + 1;
    while (e < s.length && !"\n`\\${<]".includes(s[e]!)) e++;
    this.emit(s.slice(this.pos, e));
    this.pos = e;
  }

  /** A link destination kramdown reads and CommonMark would not (spaces, a line break): rewritten. */
  private linkDestination(): boolean {
    const paragraphStart = Math.max(0, this.src.lastIndexOf("\n\n", this.pos));
    if (this.src.lastIndexOf("[", this.pos) < paragraphStart) return false;
    const dest = destinationAt(this.src, this.pos);
    if (!dest || /\{[{%]/.test(dest.inner)) return false;
    const rewritten = commonMarkDestination(dest.inner);
    if (rewritten === null) return false;
    this.emit(`](${rewritten})`);
    this.pos = dest.end;
    return true;
  }

  private codeSpan(): void {
    const s = this.src;
    let n = 0;
    while (s[this.pos + n] === "`") n++;
    const ticks = "`".repeat(n);
    // Find the same run length, not crossing a blank line.
    let i = this.pos + n;
    while (i < s.length) {
      const j = s.indexOf(ticks, i);
      if (j < 0) break;
      const between = s.slice(this.pos + n, j);
      if (/\n[ \t>]*\n/.test(between)) break;
      if (s[j + n] === "`") {
        i = j + n;
        while (s[i] === "`") i++;
        continue;
      }
      this.emit(s.slice(this.pos, j + n));
      this.pos = j + n;
      return;
    }
    this.emit(ticks);
    this.pos += n;
  }

  /** Math between explicit delimiters: `\\(…\\)` and `\\[…\\]` (kramdown-escaped MathJax). */
  private delimited(open: string, close: string, display: boolean, unescape: boolean): void {
    const start = this.pos;
    const end = findClose(this.src, close, start + open.length);
    if (end < 0) {
      this.report(start, "warning", `${open} is never closed by ${close}; kept as text`);
      this.emit(this.src.slice(start, start + open.length));
      this.pos += open.length;
      return;
    }
    const prefix = this.linePrefix(start);
    let tex = stripPrefix(this.src.slice(start + open.length, end), prefix);
    if (unescape) tex = markdownUnescape(tex);
    this.pos = end + close.length;
    this.addMath(tex, display, start);
  }

  private doubleDollar(): void {
    const start = this.pos;
    const end = displayDollarClose(this.src, start);
    if (end < 0) {
      this.report(start, "error", "$$ is never closed; kept as text");
      this.emit("$$");
      this.pos += 2;
      return;
    }
    const prefix = this.linePrefix(start);
    const before = this.src.slice(this.lineStartOf(start), start);
    const afterEnd = this.lineEnd(end + 2);
    const after = this.src.slice(end + 2, afterEnd);
    // kramdown: `$$…$$` alone in its paragraph is display math, inside a sentence it is inline.
    const alone = /^[ \t>]*$/.test(before.replace(/^[ \t>]*(?:[*+-]|\d+[.)])[ \t]+/, ""))
      && /^\s*$/.test(after);
    const tex = stripPrefix(this.src.slice(start + 2, end), prefix);
    this.pos = end + 2;
    this.addMath(tex, alone, start);
  }

  private singleDollar(): void {
    const f = dollarFormulaAt(this.src, this.pos);
    if (!f) {
      this.emit("$");
      this.pos++;
      return;
    }
    if (f.typo) this.report(this.pos, "warning", "formula opened with $ and closed with $$");
    const start = this.pos;
    this.pos = f.end;
    this.addMath(stripPrefix(f.tex, this.linePrefix(start)), false, start);
  }

  private linePrefix(offset: number): string {
    const ls = this.lineStartOf(offset);
    return /^((?:[ \t]*>)*)/.exec(this.src.slice(ls, offset))![1]!;
  }

  private addMath(tex: string, display: boolean, offset: number): void {
    const id = this.math.length;
    this.math.push({ tex: tex.trim(), display, line: this.lineOf(offset) });
    if (!tex.trim()) this.report(offset, "warning", "empty formula");
    // Display math becomes its own paragraph; inline math stays inside the sentence.
    this.emit(mathPlaceholder(id));
  }

  private liquid(): void {
    const r = liquidAt(this.src, this.pos, this.opts.siteUrl);
    if (!r) {
      this.emit(this.src[this.pos]!);
      this.pos++;
      return;
    }
    if (r.warning) this.report(this.pos, "warning", r.warning);
    this.pos = r.end;
    this.emit(r.text);
  }
}

/** Remove a container prefix (`> `, indentation) from the continuation lines of a span. */
function stripPrefix(text: string, prefix: string): string {
  if (!prefix.trim()) return text;
  const re = /^[ \t]*(?:>[ \t]?)*/;
  return text
    .split("\n")
    .map((l, i) => (i === 0 ? l : l.replace(re, "")))
    .join("\n");
}
