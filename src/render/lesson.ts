/**
 * A lesson → a sequence of segments in one platform's markup: text blocks, formulas to draw,
 * photos to send. Pure: the math images are drawn afterwards, and packing into messages
 * (limits, albums, captions) is `pack.ts`.
 */
import type { Block, CalloutKind, Inline } from "../course/blocks.js";
import { inlineText } from "../course/blocks.js";
import { headingTitle, type Lesson } from "../course/split.js";
import type { Dialect } from "../text/dialect.js";
import { labelsFor, type RenderLabels } from "./labels.js";
import { texToUnicode } from "../tex/index.js";

export type Segment =
  /** `pre` marks a code block: containers (quotes) break around it. */
  | { k: "text"; s: string; pre?: boolean }
  /** Layout (`layout: "components"` only): a call-out or details box opens or closes; a section starts. */
  | { k: "open"; kind?: CalloutKind }
  | { k: "close" }
  | { k: "section" }
  /** A formula (or a table drawn as one) to render as an image; `alt` is what it says, in words. */
  | { k: "math"; tex: string; display: boolean; alt: string; line: number }
  | { k: "photo"; file: string; alt: string };

export type ImageTarget = { file: string } | { url: string } | { missing: true };

export interface RenderOptions {
  /** Where a post's image source points: a local file to send, a URL to link, or nothing. */
  resolveImage: (src: string, post: string) => ImageTarget;
  /** Resolve a relative link against the site; null when it cannot be made absolute. */
  resolveLink: (url: string) => string | null;
  /** Tables wider than this many characters are drawn as an image. */
  maxTableWidth?: number;
  /**
   * `messages` (default): call-outs are quoted text, headings bold — for text messages.
   * `components`: call-outs and details are boxes (open/close segments), headings are Markdown
   * headings with a section segment before each top-level one, the title a heading over subtext —
   * for Discord Components V2, whose Text Displays read Markdown headings and `-#` subtext.
   */
  layout?: "messages" | "components";
}

export function renderLesson(lesson: Lesson, m: Dialect, opts: RenderOptions): Segment[] {
  return new LessonRenderer(lesson, m, opts, labelsFor(lesson.language)).render();
}

class LessonRenderer {
  /** Inline formulas Unicode cannot write, numbered within the current block. */
  private legend: string[] = [];
  /** Local images named inside the current block's text: sent right after it. */
  private figures: Segment[] = [];

  constructor(
    private readonly lesson: Lesson,
    private readonly m: Dialect,
    private readonly opts: RenderOptions,
    private readonly labels: RenderLabels,
  ) {}

  private get boxed(): boolean {
    return this.opts.layout === "components";
  }

  render(): Segment[] {
    const { lesson, m } = this;
    const minutes = m.escape(this.labels.minutes(lesson.minutes));
    const header = this.boxed
      ? `# ${m.escape(lesson.title)}\n-# ${minutes}`
      : `${m.bold(m.escape(lesson.title))}\n${m.italic(minutes)}`;
    let blocks = lesson.blocks;
    const first = blocks[0];
    if (first?.t === "heading" && lesson.section && headingTitle(first.c) === lesson.section && lesson.parts > 1) {
      blocks = blocks.slice(1);
    }
    const out: Segment[] = [{ k: "text", s: header }, ...this.blocks(blocks)];
    if (lesson.footnotes.length) {
      if (this.boxed) out.push({ k: "section" });
      out.push({ k: "text", s: this.boxed ? `### ${m.escape(this.labels.footnotes)}` : m.bold(m.escape(this.labels.footnotes)) });
      out.push(...this.blocks(lesson.footnotes));
    }
    return out;
  }

  private blocks(bs: Block[]): Segment[] {
    return bs.flatMap((b) => this.block(b));
  }

  /** Render inline content of one block, then append its formula legend if it needed one. */
  private withLegend(render: () => string, line: number): Segment[] {
    const saved = this.legend;
    const savedFigures = this.figures;
    this.legend = [];
    this.figures = [];
    const s = render();
    const legend = this.legend;
    const figures = this.figures;
    this.legend = saved;
    this.figures = savedFigures;
    const out: Segment[] = s.trim() ? [{ k: "text", s }] : [];
    out.push(...figures);
    if (legend.length) {
      const tex = legend.length === 1
        ? `\\langle 1\\rangle\\quad ${legend[0]}`
        : `\\begin{array}{ll}${legend.map((t, i) => `\\langle ${i + 1}\\rangle & ${t}`).join(" \\\\[4pt] ")}\\end{array}`;
      out.push({ k: "math", tex, display: false, alt: legend.join(" ; "), line });
    }
    return out;
  }

  private block(b: Block): Segment[] {
    const segs = this.blockItself(b);
    // A later piece of a block too long for one lesson says so first.
    if ((b.t === "code" || b.t === "list" || b.t === "table") && b.continued) {
      return [{ k: "text", s: this.m.italic(this.m.escape(this.labels.continued)) }, ...segs];
    }
    return segs;
  }

  private blockItself(b: Block): Segment[] {
    const m = this.m;
    switch (b.t) {
      case "heading": {
        if (!this.boxed) return this.withLegend(() => m.bold(this.inlines(b.c)), b.line);
        const level = Math.min(3, Math.max(2, b.depth));
        const segs = this.withLegend(() => `${"#".repeat(level)} ${this.inlines(b.c)}`, b.line);
        return b.depth <= 2 ? [{ k: "section" }, ...segs] : segs;
      }
      case "para":
        return this.withLegend(() => this.inlines(b.c), b.line);
      case "code":
        return [{ k: "text", s: m.pre(codeText(b), b.lang), pre: true }];
      case "math":
        return [{ k: "math", tex: b.tex, display: true, alt: b.tex, line: b.line }];
      case "image":
        return this.image(b.src, b.alt);
      case "list":
        return this.list(b, 0);
      case "quote":
        return this.container(this.blocks(b.c), (s) => m.quote(s));
      case "callout":
        return this.callout(b.kind, b.title, b.c);
      case "details": {
        const summary = this.withLegend(() => m.bold(this.inlines(b.summary) || "…"), b.line);
        if (this.boxed) return [{ k: "open" }, ...summary, ...this.blocks(b.c), { k: "close" }];
        return this.container([...summary, ...this.blocks(b.c)], (s) => m.quote(s, { expandable: true }));
      }
      case "table":
        return this.table(b);
      case "footnote": {
        const body = this.blocks(b.c);
        const first = body[0];
        if (first?.k === "text" && !first.pre) first.s = `[${m.escape(b.label)}] ${first.s}`;
        else body.unshift({ k: "text", s: `[${m.escape(b.label)}]` });
        return body;
      }
      case "hr":
        return [];
      default:
        return b satisfies never;
    }
  }

  private image(src: string, alt: string): Segment[] {
    const m = this.m;
    const target = this.opts.resolveImage(src, this.lesson.post);
    const label = alt.trim() || this.labels.image;
    if ("file" in target) return [{ k: "photo", file: target.file, alt }];
    if ("url" in target) return [{ k: "text", s: `🖼 ${m.link(m.escape(label), target.url)}` }];
    return [{ k: "text", s: `🖼 ${m.italic(m.escape(label))}` }];
  }

  private callout(kind: CalloutKind, title: Inline[], body: Block[]): Segment[] {
    const m = this.m;
    const { icon, label } = this.labels.callout[kind];
    const titleText = title.length ? this.inlines(title) : "";
    const head = `${icon} ${m.bold(m.escape(label))}${titleText ? `: ${titleText}` : ""}`;
    if (this.boxed) return [{ k: "open", kind }, { k: "text", s: head }, ...this.blocks(body), { k: "close" }];
    return this.container([{ k: "text", s: head }, ...this.blocks(body)], (s) => m.quote(s));
  }

  /**
   * Wrap runs of text segments in a container (quote, call-out). Code blocks, formulas and
   * photos cannot live inside a Telegram quote, so they stand between two parts of it.
   */
  private container(segs: Segment[], wrap: (s: string) => string): Segment[] {
    const out: Segment[] = [];
    let run: string[] = [];
    const flush = (): void => {
      if (run.length) out.push({ k: "text", s: wrap(run.join("\n")) });
      run = [];
    };
    for (const s of segs) {
      if (s.k === "text" && !s.pre) run.push(stripQuotes(s.s, this.m));
      else {
        flush();
        out.push(s);
      }
    }
    flush();
    return out;
  }

  private list(b: Extract<Block, { t: "list" }>, depth: number): Segment[] {
    const out: Segment[] = [];
    const indent = "    ".repeat(depth);
    let lines: string[] = [];
    const flush = (): void => {
      if (lines.length) out.push({ k: "text", s: lines.join("\n") });
      lines = [];
    };
    b.items.forEach((item, i) => {
      const bullet = b.ordered ? `${b.start + i}.` : depth % 2 === 0 ? "•" : "◦";
      let first = true;
      for (const child of item) {
        if (child.t === "list") {
          const nested = this.list(child, depth + 1);
          for (const s of nested) {
            if (s.k === "text" && !s.pre) lines.push(s.s);
            else {
              flush();
              out.push(s);
            }
          }
          continue;
        }
        const segs = this.block(child);
        for (const s of segs) {
          if (s.k === "text" && !s.pre) {
            const prefix = first ? `${indent}${bullet} ` : `${indent}   `;
            lines.push(prefix + s.s.split("\n").join(`\n${indent}   `));
            first = false;
          } else {
            if (first) {
              lines.push(`${indent}${bullet}`);
              first = false;
            }
            flush();
            out.push(s);
          }
        }
      }
      if (first) lines.push(`${indent}${bullet}`);
    });
    flush();
    return out;
  }

  private table(b: Extract<Block, { t: "table" }>): Segment[] {
    // Pictures in cells: their alt text stays in the cell, the pictures follow the table.
    const figures = cellPictures(b, (src) => this.opts.resolveImage(src, this.lesson.post));
    return [...this.tableBody(b), ...figures.map((f): Segment => ({ k: "photo", ...f }))];
  }

  private tableBody(b: Extract<Block, { t: "table" }>): Segment[] {
    const m = this.m;
    const plain = b.rows.map((row) => row.map((cell) => plainCell(cell)));
    const cols = Math.max(0, ...plain.map((r) => r.length));
    const widths = Array.from({ length: cols }, (_, c) => Math.max(1, ...plain.map((r) => width(r[c] ?? ""))));
    const total = widths.reduce((a, w) => a + w, 0) + 3 * Math.max(0, cols - 1);
    const hasComplexMath = b.rows.flat(2).some((i) => i.t === "math" && texToUnicode(i.tex) === null);
    if (total <= (this.opts.maxTableWidth ?? 52) && !hasComplexMath) {
      const lines = plain.map((r) =>
        Array.from({ length: cols }, (_, c) => pad(r[c] ?? "", widths[c]!, b.align[c] ?? null)).join(" │ ").trimEnd(),
      );
      if (lines.length > 1) lines.splice(1, 0, widths.map((w) => "─".repeat(w)).join("─┼─"));
      return [{ k: "text", s: m.pre(lines.join("\n"), ""), pre: true }];
    }
    // Too wide for a phone: draw it, with the words kept as the image's description.
    return [{ k: "math", ...tableAsTex(b), display: true, line: b.line }];
  }

  private inlines(c: Inline[]): string {
    const m = this.m;
    let s = "";
    for (const n of c) {
      switch (n.t) {
        case "text":
          s += m.escape(n.v.replace(/\s*\n\s*/g, " "));
          break;
        case "strong":
          s += m.bold(this.inlines(n.c));
          break;
        case "em":
          s += m.italic(this.inlines(n.c));
          break;
        case "del":
          s += m.strike(this.inlines(n.c));
          break;
        case "code":
          s += m.code(n.v);
          break;
        case "link": {
          const text = this.inlines(n.c) || m.escape(n.url);
          const url = this.opts.resolveLink(n.url);
          s += url ? m.link(text, url) : text;
          break;
        }
        case "math": {
          const u = texToUnicode(n.tex);
          if (u !== null) s += m.escape(u);
          else {
            this.legend.push(n.tex);
            s += `⟨${this.legend.length}⟩`;
          }
          break;
        }
        case "image": {
          const label = n.alt.trim() || this.labels.image;
          const target = this.opts.resolveImage(n.src, this.lesson.post);
          s += "url" in target ? `🖼 ${m.link(m.escape(label), target.url)}` : `🖼 ${m.escape(label)}`;
          if ("file" in target) this.figures.push({ k: "photo", file: target.file, alt: n.alt });
          break;
        }
        case "br":
          s += "\n";
          break;
        case "fnref":
          s += `[${m.escape(n.label)}]`;
          break;
        default:
          n satisfies never;
      }
    }
    return s;
  }
}

/** A quote inside a quote cannot nest on Telegram: the inner one gives up its markup. */
function stripQuotes(s: string, m: Dialect): string {
  if (m.platform === "telegram") return s.replace(/<\/?blockquote[^>]*>/g, "");
  return s;
}

/** The local pictures named inside a table's cells, in order (they are sent after the table). */
export function cellPictures(b: Extract<Block, { t: "table" }>, resolveImage: (src: string) => ImageTarget): { file: string; alt: string }[] {
  const out: { file: string; alt: string }[] = [];
  for (const i of b.rows.flat(2)) {
    if (i.t !== "image") continue;
    const target = resolveImage(i.src);
    if ("file" in target) out.push({ file: target.file, alt: i.alt });
  }
  return out;
}

/** A code block's text as shown: trailing blank lines dropped, lines numbered when the author asked. */
export function codeText(b: Extract<Block, { t: "code" }>): string {
  const code = b.code.replace(/\n+$/, "");
  if (!b.linenos) return code;
  const lines = code.split("\n");
  const first = b.firstLineNumber ?? 1;
  const w = String(first + lines.length - 1).length;
  return lines.map((l, i) => `${String(first + i).padStart(w)} ${l}`).join("\n");
}

/** A table as a TeX array to draw, and its words (row by row) to describe the image. */
export function tableAsTex(b: Extract<Block, { t: "table" }>): { tex: string; alt: string } {
  const cols = Math.max(0, ...b.rows.map((r) => r.length));
  const texRows = b.rows.map((row, r) => Array.from({ length: cols }, (_, c) => cellTex(row[c] ?? [], r === 0)).join(" & "));
  const align = Array.from({ length: cols }, (_, c) => (b.align[c] === "right" ? "r" : b.align[c] === "center" ? "c" : "l")).join("|");
  const tex = `\\begin{array}{|${align}|}\\hline ${texRows.join(" \\\\ \\hline ")} \\\\ \\hline\\end{array}`;
  const alt = b.rows.map((row) => row.map((cell) => plainCell(cell)).join(" | ")).join("\n");
  return { tex, alt };
}

export function plainCell(c: Inline[]): string {
  return c
    .map((i) => {
      if (i.t === "math") return texToUnicode(i.tex) ?? i.tex;
      if (i.t === "br") return " ";
      return inlineText([i]);
    })
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

/** Characters `\\text{}` cannot hold: they are written in math mode between text runs. */
const TEX_SPECIALS: Record<string, string> = {
  "\\": "\\backslash ",
  "{": "\\{",
  "}": "\\}",
  "#": "\\#",
  $: "\\$",
  "%": "\\%",
  "&": "\\&",
  _: "\\_",
  "^": "\\hat{}",
  "~": "\\sim ",
};

function cellTex(c: Inline[], bold: boolean): string {
  let out = "";
  let text = "";
  const flushText = (): void => {
    for (const part of text.split(/([\\{}#$%&_^~])/)) {
      if (!part) continue;
      out += TEX_SPECIALS[part] ?? `\\${bold ? "textbf" : "text"}{${part}}`;
    }
    text = "";
  };
  for (const i of c) {
    if (i.t === "math") {
      flushText();
      out += `{${i.tex}}`;
    } else text += i.t === "br" ? " " : inlineText([i]).replace(/\s+/g, " ");
  }
  flushText();
  return out || "\\text{}";
}

function width(s: string): number {
  return [...s.normalize("NFC")].length;
}

function pad(s: string, w: number, align: "left" | "right" | "center" | null): string {
  const gap = w - width(s);
  if (gap <= 0) return s;
  if (align === "right") return " ".repeat(gap) + s;
  if (align === "center") return " ".repeat(gap >> 1) + s + " ".repeat(gap - (gap >> 1));
  return s + " ".repeat(gap);
}
