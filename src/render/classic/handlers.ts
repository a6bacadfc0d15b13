/**
 * The classic format: text messages in a platform's dialect (Telegram HTML parse mode, Discord
 * Markdown, plain text for the console), photos and albums. Headings are bold lines, call-outs and
 * details are quotes, formulas a client cannot show as Unicode are drawn.
 */
import type { Block, CalloutKind, Inline } from "../../course/blocks.js";
import { texToUnicode } from "../../tex/index.js";
import type { Dialect } from "../../text/dialect.js";
import type { BlockHandlers, DrawRequest, Drawing, Format, InlineHandlers, RenderState } from "../core.js";
import { codeText, tableAsTex, tableAsText } from "../tables.js";
import { pack, type Packable } from "./pack.js";

/**
 * What the classic handlers produce. `pre` marks a code block: quotes break around it. The box and
 * section marks are the Components layout's (`components/handlers.ts`); the classic packer drops them.
 */
export type Segment =
  | { k: "text"; s: string; pre?: boolean }
  | { k: "open"; kind?: CalloutKind }
  | { k: "close" }
  | { k: "section" }
  | { k: "draw"; index: number; req: DrawRequest }
  | { k: "photo"; image: string; alt: string };

type S = RenderState<Segment>;

/** Tables wider than this many characters are drawn: they would wrap on a phone. */
const MAX_TABLE_WIDTH = 52;

const text = (s: string): Segment[] => (s.trim() ? [{ k: "text", s }] : []);

export function classicHandlers(m: Dialect): BlockHandlers<Segment> {
  /** Runs of text in a quote; code, formulas and photos cannot live inside one, so they stand between its parts. */
  const container = (segs: Segment[], wrap: (s: string) => string): Segment[] => {
    const out: Segment[] = [];
    let run: string[] = [];
    const flush = (): void => {
      if (run.length) out.push({ k: "text", s: wrap(run.join("\n")) });
      run = [];
    };
    for (const seg of segs) {
      if (seg.k === "text" && !seg.pre) run.push(stripQuotes(seg.s, m));
      else {
        flush();
        out.push(seg);
      }
    }
    flush();
    return out;
  };

  const list = (b: Extract<Block, { t: "list" }>, depth: number, s: S): Segment[] => {
    const out: Segment[] = [];
    const indent = "    ".repeat(depth);
    let lines: string[] = [];
    const flush = (): void => {
      if (lines.length) out.push({ k: "text", s: lines.join("\n") });
      lines = [];
    };
    const place = (seg: Segment, lead: () => void): void => {
      if (seg.k === "text" && !seg.pre) lines.push(seg.s);
      else {
        lead();
        flush();
        out.push(seg);
      }
    };
    b.items.forEach((item, i) => {
      const bullet = b.ordered ? `${b.start + i}.` : depth % 2 === 0 ? "•" : "◦";
      let first = true;
      const bulletAlone = (): void => {
        if (first) lines.push(`${indent}${bullet}`);
        first = false;
      };
      for (const child of item) {
        if (child.t === "list") {
          for (const seg of list(child, depth + 1, s)) place(seg, () => undefined);
          continue;
        }
        for (const seg of s.block(child)) {
          if (seg.k === "text" && !seg.pre) {
            lines.push((first ? `${indent}${bullet} ` : `${indent}   `) + seg.s.split("\n").join(`\n${indent}   `));
            first = false;
          } else place(seg, bulletAlone);
        }
      }
      bulletAlone();
    });
    flush();
    return out;
  };


  return {
    heading: (b, s) => text(m.bold(s.inlines(b.c))),
    para: (b, s) => text(s.inlines(b.c)),
    code: (b) => {
      const code = codeText(b);
      return code.trim() ? [{ k: "text", s: m.pre(code, b.lang), pre: true }] : [];
    },
    math: (b, s) => s.draw({ tex: b.tex, display: true, alt: b.tex, line: b.line }),
    image: (b, s) => {
      const target = s.env.resolveImage(b.src);
      const label = m.escape(s.imageLabel(b.alt));
      if ("file" in target) return s.format.picture(s.env.image(target.file), b.alt, s);
      if ("url" in target) return [{ k: "text", s: `🖼 ${m.link(label, target.url)}` }];
      return [{ k: "text", s: `🖼 ${m.italic(label)}` }];
    },
    list: (b, s) => list(b, 0, s),
    quote: (b, s) => container(s.blocks(b.c), (r) => m.quote(r)),
    callout: (b, s) => container([calloutHead(m, b.kind, b.title, s), ...s.takeAfter(), ...s.blocks(b.c)], (r) => m.quote(r)),
    details: (b, s) => {
      const summary: Segment = { k: "text", s: m.bold(s.inlines(b.summary) || "…") };
      return container([summary, ...s.takeAfter(), ...s.blocks(b.c)], (r) => m.quote(r, { expandable: true }));
    },
    table: (b, s) => {
      const plain = tableAsText(b, MAX_TABLE_WIDTH);
      // Too wide for a phone: drawn, with the words kept as the image's description.
      return plain !== null ? [{ k: "text", s: m.pre(plain, ""), pre: true }] : s.draw({ ...tableAsTex(b), display: true, line: b.line });
    },
    footnote: (b, s) => {
      const body = s.blocks(b.c);
      const first = body[0];
      if (first?.k === "text" && !first.pre) first.s = `[${m.escape(b.label)}] ${first.s}`;
      else body.unshift({ k: "text", s: `[${m.escape(b.label)}]` });
      return body;
    },
    hr: () => [],
  };
}

/** A call-out's first line: its icon and label, and the author's title when there is one. */
export function calloutHead(m: Dialect, kind: CalloutKind, title: Inline[], s: S): Segment {
  const { icon, label } = s.labels.callout[kind];
  const titleText = title.length ? s.inlines(title) : "";
  return { k: "text", s: `${icon} ${m.bold(m.escape(label))}${titleText ? `: ${titleText}` : ""}` };
}

export function classicInlines(m: Dialect): InlineHandlers {
  return {
    text: (n) => m.escape(n.v.replace(/\s*\n\s*/g, " ")),
    strong: (n, s) => m.bold(s.inlines(n.c)),
    em: (n, s) => m.italic(s.inlines(n.c)),
    del: (n, s) => m.strike(s.inlines(n.c)),
    code: (n) => m.code(n.v),
    link: (n, s) => {
      const label = s.inlines(n.c) || m.escape(n.url);
      const url = s.env.resolveLink(n.url);
      return url ? m.link(label, url) : label;
    },
    br: () => "\n",
    fnref: (n) => `[${m.escape(n.label)}]`,
  };
}

/** The format's parts that do not depend on how blocks are laid out, shared with Components. */
export function classicCommon(m: Dialect): Omit<Format<Segment>, "blocks" | "header" | "footnotesHeading" | "pack"> {
  return {
    inlines: classicInlines(m),
    continued: (label) => [{ k: "text", s: m.italic(m.escape(label)) }],
    inlineMath: (tex) => {
      const u = texToUnicode(tex);
      return u === null ? null : m.escape(u);
    },
    inlineImage: (label, target) => ("url" in target ? `🖼 ${m.link(m.escape(label), target.url)}` : `🖼 ${m.escape(label)}`),
    picture: (image, alt) => [{ k: "photo", image, alt }],
    drawing: (index, req) => [{ k: "draw", index, req }],
  };
}

export function classicFormat(m: Dialect): Format<Segment> {
  return {
    ...classicCommon(m),
    blocks: classicHandlers(m),
    header: (title, minutes) => [{ k: "text", s: `${m.bold(m.escape(title))}\n${m.italic(m.escape(minutes))}` }],
    footnotesHeading: (label) => [{ k: "text", s: m.bold(m.escape(label)) }],
    pack: (pieces, drawings) =>
      pack(withDrawings(pieces, drawings, m).filter((x): x is Packable => x.k === "text" || x.k === "img"), m).map((msg) => ({
        ...(msg.text !== undefined ? { text: msg.text } : {}),
        ...(msg.images ? { images: msg.images, alt: msg.alt ?? [] } : {}),
      })),
  };
}

/** What a segment packs into once formulas are drawn. */
export type Resolved = Packable | Extract<Segment, { k: "open" | "close" | "section" }>;

/** Drawn formulas become images; one that cannot be drawn is shown as its source (a table as its words). */
export function withDrawings(segs: Segment[], drawings: readonly Drawing[], m: Dialect): Resolved[] {
  return segs.flatMap((seg): Resolved[] => {
    switch (seg.k) {
      case "open":
      case "close":
      case "section":
        return [seg];
      case "text":
        return [{ k: "text", s: seg.s }];
      case "photo":
        return [{ k: "img", file: seg.image, alt: seg.alt, kind: "figure" }];
      case "draw": {
        const d = drawings[seg.index]!;
        const { tex, alt } = seg.req;
        if ("error" in d) return [{ k: "text", s: alt === tex ? m.pre(tex, "latex") : m.pre(alt, "") }];
        return d.files.map((file) => ({ k: "img" as const, file, alt, kind: "formula" as const }));
      }
      default:
        return seg satisfies never;
    }
  });
}

/** A quote inside a quote cannot nest on Telegram: the inner one gives up its markup. */
function stripQuotes(s: string, m: Dialect): string {
  if (m.platform === "telegram") return s.replace(/<\/?blockquote[^>]*>/g, "");
  return s;
}
