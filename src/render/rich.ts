/**
 * A lesson → Telegram rich-message HTML (Bot API 10.1 `sendRichMessage`; the dialect is specified in
 * @grammyjs/types rich.d.ts): headings, paragraphs, lists, tables, code, call-outs as block quotes,
 * `<details>`, footnotes as `tg-reference`, native math (`<tg-math>`, `<tg-math-block>`), figures bound
 * to uploads by `tg://photo?id=…`. Pure: formulas a chat client cannot draw are asked of `drawing`
 * (the engine draws them between two passes), and packing into messages is `packRich`.
 */
import type { Block, CalloutKind, Inline } from "../course/blocks.js";
import { inlineText } from "../course/blocks.js";
import type { Lesson } from "../course/split.js";
import { slugify } from "../course/slug.js";
import { labelsFor, type RenderLabels } from "./labels.js";
import { cellPictures, codeText, tableAsTex, type ImageTarget } from "./lesson.js";
import { richStats } from "./richStats.js";

/** A formula drawn as images (paths relative to the output folder), or why it could not be. */
export type Drawing = { files: string[] } | { error: string };

export interface RichOptions {
  resolveImage: (src: string, post: string) => ImageTarget;
  resolveLink: (url: string) => string | null;
  /** The formula as a chat client gets it, or null when it is outside the subset clients draw. */
  native: (tex: string, display: boolean) => string | null;
  /** The drawn formula; undefined while it has not been drawn (the first pass asks, the engine draws). */
  drawing: (tex: string, display: boolean) => Drawing | undefined;
  /** Output path (relative to the output folder) of a local image file. */
  image: (file: string) => string;
  /** Wider tables are drawn as an image (Telegram: 20 columns). */
  maxColumns?: number;
}

/** One top-level block of the message, with the images it shows (indexes into `RichLesson.media`). */
export interface RichPart {
  html: string;
  media: number[];
}

export interface RichLesson {
  parts: RichPart[];
  /** Every image the lesson shows: output path and what it shows in words. */
  media: { image: string; alt: string }[];
  /** Formulas to draw before the second pass. */
  requests: { tex: string; display: boolean; alt: string; line: number }[];
}

/** Marks an image in HTML until the packer gives it the id of the message it travels in. */
const MEDIA_OPEN = "\uE100";
const MEDIA_CLOSE = "\uE101";
export const MEDIA_REF = /\uE100(\d+)\uE101/g;

export function renderRichLesson(lesson: Lesson, opts: RichOptions): RichLesson {
  return new RichRenderer(lesson, opts, labelsFor(lesson.language)).render();
}

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const attr = (s: string): string => esc(s).replace(/"/g, "&quot;");

class RichRenderer {
  private readonly media: RichLesson["media"] = [];
  private readonly mediaIndex = new Map<string, number>();
  private readonly requests: RichLesson["requests"] = [];
  /** Figures waiting to follow the block being written (inline images, formulas drawn as images). */
  private pending: string[] = [];
  /** Inline formulas drawn as images, numbered within the current block. */
  private legend: { tex: string; line: number }[] = [];
  private footnoteNames = new Map<string, string>();

  constructor(
    private readonly lesson: Lesson,
    private readonly opts: RichOptions,
    private readonly labels: RenderLabels,
  ) {
    lesson.footnotes.forEach((f, i) => {
      if (f.t === "footnote") this.footnoteNames.set(f.label, `fn-${slugify(f.label) || i + 1}`);
    });
  }

  render(): RichLesson {
    const { lesson } = this;
    const parts: RichPart[] = [
      this.part(`<h1>${esc(lesson.title)}</h1>`),
      this.part(`<h6>${esc(this.labels.minutes(lesson.minutes))}</h6>`),
    ];
    let blocks = lesson.blocks;
    const first = blocks[0];
    if (first?.t === "heading" && lesson.section && inlineText(first.c).trim() === lesson.section && lesson.parts > 1) {
      blocks = blocks.slice(1);
    }
    for (const b of blocks) parts.push(...this.topLevel(b));
    if (lesson.footnotes.length) {
      parts.push(this.part(`<h3>${esc(this.labels.footnotes)}</h3>`));
      for (const f of lesson.footnotes) parts.push(...this.topLevel(f));
    }
    return { parts: parts.filter((p) => p.html), media: this.media, requests: this.requests };
  }

  private part(html: string): RichPart {
    const media = [...new Set([...html.matchAll(MEDIA_REF)].map((m) => Number(m[1])))];
    return { html, media };
  }

  /** A top-level block: the block, then the figures its inline content called for. */
  private topLevel(b: Block): RichPart[] {
    const html = this.block(b);
    return [html, ...this.takePending()].filter(Boolean).map((h) => this.part(h));
  }

  private takePending(): string[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** Blocks inside a container: each followed by its figures, all in the container. */
  private blocks(bs: Block[]): string {
    let out = "";
    for (const b of bs) out += this.block(b) + this.takePending().join("");
    return out;
  }

  private block(b: Block): string {
    const html = this.blockItself(b);
    // A later piece of a block too long for one lesson says so first.
    if ((b.t === "code" || b.t === "list" || b.t === "table") && b.continued) return `<p><i>${esc(this.labels.continued)}</i></p>${html}`;
    return html;
  }

  private blockItself(b: Block): string {
    switch (b.t) {
      case "heading": {
        const level = Math.min(6, Math.max(2, b.depth));
        return this.withLegend(() => `<h${level}>${this.inlines(b.c)}</h${level}>`);
      }
      case "para": {
        const html = this.withLegend(() => this.inlines(b.c));
        return html.trim() ? `<p>${html}</p>` : "";
      }
      case "code": {
        const code = codeText(b);
        const lang = b.lang.replace(/[^\w+#-]/g, "");
        return lang ? `<pre><code class="language-${lang}">${esc(code)}</code></pre>` : `<pre>${esc(code)}</pre>`;
      }
      case "math":
        return this.displayMath(b.tex, b.line);
      case "image":
        return this.image(b.src, b.alt);
      case "list":
        return this.list(b);
      case "quote": {
        const body = this.blocks(b.c);
        return body ? `<blockquote>${body}</blockquote>` : "";
      }
      case "callout":
        return this.callout(b.kind, b.title, b.c);
      case "details": {
        const summary = this.withLegend(() => this.inlines(b.summary)) || "…";
        const figures = this.takePending().join("");
        return `<details><summary>${summary}</summary>${figures}${this.blocks(b.c)}</details>`;
      }
      case "table":
        return this.table(b);
      case "footnote":
        return this.footnote(b);
      case "hr":
        return "<hr/>";
      default:
        return b satisfies never;
    }
  }

  /** Runs `render`, then queues the images of the inline formulas it could not write natively. */
  private withLegend(render: () => string): string {
    const saved = this.legend;
    this.legend = [];
    const html = render();
    const legend = this.legend;
    this.legend = saved;
    if (legend.length) {
      const tex =
        legend.length === 1
          ? `\\langle 1\\rangle\\quad ${legend[0]!.tex}`
          : `\\begin{array}{ll}${legend.map((f, i) => `\\langle ${i + 1}\\rangle & ${f.tex}`).join(" \\\\[4pt] ")}\\end{array}`;
      this.pending.push(this.drawnFigure(tex, false, legend.map((f) => f.tex).join(" ; "), legend[0]!.line));
    }
    return html;
  }

  private displayMath(tex: string, line: number): string {
    const native = this.opts.native(tex, true);
    if (native !== null) return `<tg-math-block>${esc(native)}</tg-math-block>`;
    return this.drawnFigure(tex, true, tex, line);
  }

  /** A formula (or a table) as images; TeX that cannot be drawn at all is shown as its source. */
  private drawnFigure(tex: string, display: boolean, alt: string, line: number): string {
    const d = this.opts.drawing(tex, display);
    if (!d) {
      this.requests.push({ tex, display, alt, line });
      return `<figure><img src="tg://photo?id=${MEDIA_OPEN}0${MEDIA_CLOSE}"/></figure>`;
    }
    if ("error" in d) return `<pre><code class="language-latex">${esc(alt === tex ? tex : alt)}</code></pre>`;
    return d.files.map((f) => this.figure(f, alt, "")).join("");
  }

  /** The author's picture, its alt text as the caption. */
  private picture(file: string, alt: string): string {
    return this.figure(this.opts.image(file), alt, esc(alt.trim()));
  }

  private figure(image: string, alt: string, caption: string): string {
    let k = this.mediaIndex.get(image);
    if (k === undefined) {
      k = this.media.length;
      this.media.push({ image, alt });
      this.mediaIndex.set(image, k);
    }
    const cap = caption ? `<figcaption>${caption}</figcaption>` : "";
    return `<figure><img src="tg://photo?id=${MEDIA_OPEN}${k}${MEDIA_CLOSE}"/>${cap}</figure>`;
  }

  private image(src: string, alt: string): string {
    const target = this.opts.resolveImage(src, this.lesson.post);
    const label = esc(alt.trim() || this.labels.image);
    if ("file" in target) return this.picture(target.file, alt);
    if ("url" in target) return `<p><a href="${attr(target.url)}">🖼 ${label}</a></p>`;
    return `<p><i>🖼 ${label}</i></p>`;
  }

  private callout(kind: CalloutKind, title: Inline[], body: Block[]): string {
    const { icon, label } = this.labels.callout[kind];
    const titleHtml = title.length ? this.withLegend(() => this.inlines(title)) : "";
    const head = `<p><b>${icon} ${esc(label)}</b>${titleHtml ? `: ${titleHtml}` : ""}</p>`;
    return `<blockquote>${head}${this.takePending().join("")}${this.blocks(body)}</blockquote>`;
  }

  private list(b: Extract<Block, { t: "list" }>): string {
    const tag = b.ordered ? "ol" : "ul";
    const start = b.ordered && b.start !== 1 ? ` start="${b.start}"` : "";
    const items = b.items.map((item) => {
      const only = item[0];
      if (item.length === 1 && only?.t === "para") {
        const html = this.withLegend(() => this.inlines(only.c));
        const figures = this.takePending();
        return figures.length ? `<li><p>${html}</p>${figures.join("")}</li>` : `<li>${html}</li>`;
      }
      const body = this.blocks(item);
      return `<li>${body}</li>`;
    });
    return `<${tag}${start}>${items.join("")}</${tag}>`;
  }

  private table(b: Extract<Block, { t: "table" }>): string {
    const cols = Math.max(0, ...b.rows.map((r) => r.length));
    const foreignMath = b.rows.flat(2).some((i) => i.t === "math" && this.opts.native(i.tex, false) === null);
    if (cols > (this.opts.maxColumns ?? 20) || foreignMath) {
      const { tex, alt } = tableAsTex(b);
      // Pictures in the cells of a drawn table follow it.
      for (const p of cellPictures(b, (src) => this.opts.resolveImage(src, this.lesson.post))) {
        this.pending.push(this.picture(p.file, p.alt));
      }
      return this.drawnFigure(tex, true, alt, b.line);
    }
    const rows = b.rows.map((row, r) => {
      const cells = Array.from({ length: cols }, (_, c) => {
        const tag = r === 0 ? "th" : "td";
        const align = b.align[c] ? ` align="${b.align[c]}"` : "";
        return `<${tag}${align}>${this.inlines(row[c] ?? [])}</${tag}>`;
      });
      return `<tr>${cells.join("")}</tr>`;
    });
    return `<table bordered striped>${rows.join("")}</table>`;
  }

  private footnote(b: Extract<Block, { t: "footnote" }>): string {
    const name = this.footnoteNames.get(b.label);
    const [first, ...rest] = b.c;
    const mark = `[${esc(b.label)}] `;
    if (first?.t === "para") {
      const text = this.withLegend(() => this.inlines(first.c));
      const head = name ? `<p><tg-reference name="${attr(name)}">${mark}${text}</tg-reference></p>` : `<p>${mark}${text}</p>`;
      return head + this.takePending().join("") + this.blocks(rest);
    }
    const head = name ? `<p><tg-reference name="${attr(name)}">${mark.trim()}</tg-reference></p>` : `<p>${mark.trim()}</p>`;
    return head + this.blocks(b.c);
  }

  private inlines(c: Inline[]): string {
    let s = "";
    for (const n of c) {
      switch (n.t) {
        case "text":
          s += esc(n.v.replace(/\s*\n\s*/g, " "));
          break;
        case "strong":
          s += wrap("b", this.inlines(n.c));
          break;
        case "em":
          s += wrap("i", this.inlines(n.c));
          break;
        case "del":
          s += wrap("s", this.inlines(n.c));
          break;
        case "code":
          s += `<code>${esc(n.v)}</code>`;
          break;
        case "link": {
          const text = this.inlines(n.c) || esc(n.url);
          const url = this.opts.resolveLink(n.url);
          // Links do not nest: an inner link keeps its text.
          s += url ? `<a href="${attr(url)}">${text.replace(/<\/?a\b[^>]*>/g, "")}</a>` : text;
          break;
        }
        case "math": {
          const native = this.opts.native(n.tex, false);
          if (native !== null) s += `<tg-math>${esc(native)}</tg-math>`;
          else {
            this.legend.push({ tex: n.tex, line: n.line });
            s += `⟨${this.legend.length}⟩`;
          }
          break;
        }
        case "image": {
          const label = esc(n.alt.trim() || this.labels.image);
          const target = this.opts.resolveImage(n.src, this.lesson.post);
          if ("url" in target) s += `<a href="${attr(target.url)}">🖼 ${label}</a>`;
          else if ("file" in target) {
            s += `🖼 ${label}`;
            this.pending.push(this.picture(target.file, n.alt));
          } else s += `🖼 ${label}`;
          break;
        }
        case "br":
          s += "<br/>";
          break;
        case "fnref": {
          const name = this.footnoteNames.get(n.label);
          s += name ? `<a href="#${attr(name)}">[${esc(n.label)}]</a>` : `[${esc(n.label)}]`;
          break;
        }
        default:
          n satisfies never;
      }
    }
    return s;
  }
}

function wrap(tag: string, inner: string): string {
  return inner ? `<${tag}>${inner}</${tag}>` : "";
}

export interface RichLimits {
  characters: number;
  blocks: number;
  media: number;
}

/** Telegram's limits, less a margin for what counting may differ on. */
export const RICH_LIMITS: RichLimits = { characters: 32_000, blocks: 480, media: 50 };

/**
 * The lesson's parts → as few rich messages as the limits allow (one, unless the lesson is huge),
 * cut between top-level blocks; each message binds the images it shows to ids of its own.
 */
export function packRich(r: RichLesson, limits: RichLimits = RICH_LIMITS): { html: string; media: { id: string; image: string; alt: string }[] }[] {
  const out: { html: string; media: { id: string; image: string; alt: string }[] }[] = [];
  let parts: RichPart[] = [];
  let chars = 0;
  let blocks = 0;
  let media = new Set<number>();
  const flush = (): void => {
    if (!parts.length) return;
    const ids = new Map<number, string>();
    for (const p of parts) for (const k of p.media) if (!ids.has(k)) ids.set(k, `p${ids.size + 1}`);
    const html = parts.map((p) => p.html).join("").replace(MEDIA_REF, (_, k: string) => ids.get(Number(k))!);
    out.push({ html, media: [...ids].map(([k, id]) => ({ id, image: r.media[k]!.image, alt: r.media[k]!.alt })) });
    parts = [];
    chars = 0;
    blocks = 0;
    media = new Set();
  };
  for (const p of r.parts) {
    const s = richStats(p.html);
    const newMedia = p.media.filter((k) => !media.has(k)).length;
    if (parts.length && (chars + s.characters > limits.characters || blocks + s.blocks > limits.blocks || media.size + newMedia > limits.media)) flush();
    parts.push(p);
    chars += s.characters;
    blocks += s.blocks;
    for (const k of p.media) media.add(k);
  }
  flush();
  return out;
}
