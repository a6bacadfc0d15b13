/**
 * Telegram rich messages (Bot API `sendRichMessage`; the dialect is specified in @grammyjs/types
 * rich.d.ts): headings, paragraphs, lists, native tables, code with its language, call-outs as block
 * quotes, `<details>`, footnotes as `tg-reference`, native math (`<tg-math>`, `<tg-math-block>`) and
 * figures bound to uploads by `tg://photo?id=…`. Telegram refuses empty elements: none is written.
 */
import type { Block } from "../../course/blocks.js";
import { slugify } from "../../course/slug.js";
import type { Lesson } from "../../course/split.js";
import { escapeAttr as attr, escapeHtml as esc } from "../../text/html.js";
import type { BlockHandlers, DrawRequest, Format, InlineHandlers, RenderState } from "../core.js";
import { codeText, tableAsTex } from "../tables.js";
import { mediaSrc, packRich, RICH_LIMITS, type RichLimits } from "./pack.js";

export interface RichOptions {
  /** The formula as a chat client gets it, or null when it is outside the subset clients draw. */
  native: (tex: string, display: boolean) => string | null;
  /** Wider tables are drawn as an image (Telegram: 20 columns). */
  maxColumns?: number;
  limits?: RichLimits;
}

type S = RenderState<string>;

/** Marks where a drawn formula goes until the packer knows its images. */
const drawMark = (index: number): string => `\uE102${index}\uE103`;
const DRAW_MARK = /\uE102(\d+)\uE103/g;

const wrap = (tag: string, inner: string): string => (inner ? `<${tag}>${inner}</${tag}>` : "");

/** The rich format for one lesson: it numbers the lesson's images and names its footnotes. */
export function richFormat(lesson: Lesson, opts: RichOptions): Format<string> {
  const media: { image: string; alt: string }[] = [];
  const mediaIndex = new Map<string, number>();
  const draws: DrawRequest[] = [];
  const footnoteNames = new Map<string, string>();
  lesson.footnotes.forEach((f, i) => {
    if (f.t === "footnote") footnoteNames.set(f.label, `fn-${slugify(f.label) || i + 1}`);
  });

  const figure = (image: string, alt: string, caption: string): string => {
    let k = mediaIndex.get(image);
    if (k === undefined) {
      k = media.length;
      media.push({ image, alt });
      mediaIndex.set(image, k);
    }
    return `<figure><img src="${mediaSrc(k)}"/>${caption ? `<figcaption>${caption}</figcaption>` : ""}</figure>`;
  };

  const list = (b: Extract<Block, { t: "list" }>, s: S): string[] => {
    const tag = b.ordered ? "ol" : "ul";
    const items: string[] = [];
    // An item with nothing to show is left out; the next one keeps its number.
    let skipped = false;
    b.items.forEach((item, i) => {
      const only = item[0];
      let body: string;
      if (item.length === 1 && only?.t === "para") {
        const html = s.inlines(only.c);
        const after = s.takeAfter().join("");
        body = after ? `${html.trim() ? `<p>${html}</p>` : ""}${after}` : html;
      } else body = s.blocks(item).join("");
      if (!body.trim()) {
        skipped = true;
        return;
      }
      const value = b.ordered && skipped ? ` value="${b.start + i}"` : "";
      skipped = false;
      items.push(`<li${value}>${body}</li>`);
    });
    if (!items.length) return [];
    const start = b.ordered && b.start !== 1 ? ` start="${b.start}"` : "";
    return [`<${tag}${start}>${items.join("")}</${tag}>`];
  };

  const table = (b: Extract<Block, { t: "table" }>, s: S): string[] => {
    const cols = Math.max(0, ...b.rows.map((r) => r.length));
    const foreignMath = b.rows.flat(2).some((i) => i.t === "math" && opts.native(i.tex, false) === null);
    if (cols > (opts.maxColumns ?? 20) || foreignMath) return s.draw({ ...tableAsTex(b), display: true, line: b.line });
    const rows = b.rows.map((row, r) => {
      const cells = Array.from({ length: cols }, (_, c) => {
        const tag = r === 0 ? "th" : "td";
        const align = b.align[c] ? ` align="${b.align[c]}"` : "";
        return `<${tag}${align}>${s.inlines(row[c] ?? [])}</${tag}>`;
      });
      return `<tr>${cells.join("")}</tr>`;
    });
    return [`<table bordered striped>${rows.join("")}</table>`];
  };

  const footnote = (b: Extract<Block, { t: "footnote" }>, s: S): string[] => {
    const name = footnoteNames.get(b.label);
    const [first, ...rest] = b.c;
    const mark = `[${esc(b.label)}]`;
    const reference = (inner: string): string => `<p>${name ? `<tg-reference name="${attr(name)}">${inner}</tg-reference>` : inner}</p>`;
    if (first?.t === "para") {
      const text = s.inlines(first.c);
      return [reference(`${mark} ${text}`) + s.takeAfter().join("") + s.blocks(rest).join("")];
    }
    return [reference(mark) + s.blocks(b.c).join("")];
  };

  const blocks: BlockHandlers<string> = {
    heading: (b, s) => {
      const level = Math.min(6, Math.max(2, b.depth));
      const inner = s.inlines(b.c);
      return inner.trim() ? [`<h${level}>${inner}</h${level}>`] : [];
    },
    para: (b, s) => {
      const html = s.inlines(b.c);
      return html.trim() ? [`<p>${html}</p>`] : [];
    },
    code: (b) => {
      const code = codeText(b);
      if (!code.trim()) return [];
      const lang = b.lang.replace(/[^\w+#-]/g, "");
      return [lang ? `<pre><code class="language-${lang}">${esc(code)}</code></pre>` : `<pre>${esc(code)}</pre>`];
    },
    math: (b, s) => {
      const native = opts.native(b.tex, true);
      return native !== null ? [`<tg-math-block>${esc(native)}</tg-math-block>`] : s.draw({ tex: b.tex, display: true, alt: b.tex, line: b.line });
    },
    image: (b, s) => {
      const target = s.env.resolveImage(b.src);
      const label = esc(s.imageLabel(b.alt));
      if ("file" in target) return s.format.picture(s.env.image(target.file), b.alt, s);
      if ("url" in target) return [`<p><a href="${attr(target.url)}">🖼 ${label}</a></p>`];
      return [`<p><i>🖼 ${label}</i></p>`];
    },
    list,
    quote: (b, s) => {
      const body = s.blocks(b.c).join("");
      return body ? [`<blockquote>${body}</blockquote>`] : [];
    },
    callout: (b, s) => {
      const { icon, label } = s.labels.callout[b.kind];
      const title = b.title.length ? s.inlines(b.title) : "";
      const head = `<p><b>${icon} ${esc(label)}</b>${title ? `: ${title}` : ""}</p>`;
      return [`<blockquote>${head}${s.takeAfter().join("")}${s.blocks(b.c).join("")}</blockquote>`];
    },
    details: (b, s) => {
      const summary = s.inlines(b.summary) || "…";
      return [`<details><summary>${summary}</summary>${s.takeAfter().join("")}${s.blocks(b.c).join("")}</details>`];
    },
    table,
    footnote,
    hr: () => ["<hr/>"],
  };

  const inlines: InlineHandlers = {
    text: (n) => esc(n.v.replace(/\s*\n\s*/g, " ")),
    strong: (n, s) => wrap("b", s.inlines(n.c)),
    em: (n, s) => wrap("i", s.inlines(n.c)),
    del: (n, s) => wrap("s", s.inlines(n.c)),
    code: (n) => `<code>${esc(n.v)}</code>`,
    link: (n, s) => {
      const text = s.inlines(n.c) || esc(n.url);
      const url = s.env.resolveLink(n.url);
      // Links do not nest: an inner link keeps its text.
      return url ? `<a href="${attr(url)}">${text.replace(/<\/?a\b[^>]*>/g, "")}</a>` : text;
    },
    br: () => "<br/>",
    fnref: (n) => {
      const name = footnoteNames.get(n.label);
      return name ? `<a href="#${attr(name)}">[${esc(n.label)}]</a>` : `[${esc(n.label)}]`;
    },
  };

  return {
    blocks,
    inlines,
    header: (title, minutes) => [`<h1>${esc(title)}</h1>`, `<h6>${esc(minutes)}</h6>`],
    continued: (label) => [`<p><i>${esc(label)}</i></p>`],
    footnotesHeading: (label) => [`<h3>${esc(label)}</h3>`],
    inlineMath: (tex) => {
      const native = opts.native(tex, false);
      return native === null ? null : `<tg-math>${esc(native)}</tg-math>`;
    },
    inlineImage: (label, target) => ("url" in target ? `<a href="${attr(target.url)}">🖼 ${esc(label)}</a>` : `🖼 ${esc(label)}`),
    picture: (image, alt) => [figure(image, alt, esc(alt.trim()))],
    drawing: (index, req) => {
      draws[index] = req;
      return [drawMark(index)];
    },
    pack: (pieces, drawings) => {
      // A formula no renderer takes is shown as its source (a table as its words), never dropped.
      const drawn = (index: number): string => {
        const d = drawings[index]!;
        const { tex, alt } = draws[index]!;
        if ("error" in d) return `<pre><code class="language-latex">${esc(alt === tex ? tex : alt)}</code></pre>`;
        return d.files.map((f) => figure(f, alt, "")).join("");
      };
      const parts = pieces.map((p) => p.replace(DRAW_MARK, (_, k: string) => drawn(Number(k))));
      return packRich(parts, media, opts.limits ?? RICH_LIMITS).map((rich) => ({ rich }));
    },
  };
}
