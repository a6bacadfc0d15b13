/**
 * Pre-scanned Markdown → lesson tree. remark (CommonMark + GFM) gives the syntax tree; this
 * module maps it to Blocks, resolves math placeholders, turns raw HTML through turndown, and
 * applies the blog conventions remark does not know (kramdown boxes, GitHub alerts, details).
 */
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import type * as M from "mdast";
import type { Problem } from "../contract/lessons.js";
import type { Block, CalloutKind, Inline } from "./blocks.js";
import { inlineText } from "./blocks.js";
import { MARK, MATH_PLACEHOLDER_RE } from "./markers.js";
import type { MathSpan } from "./preprocess.js";
import { htmlToMarkdown, protectHtmlMath } from "./html.js";
import { slugify } from "./slug.js";
import { layoutTableBlocks } from "./layoutTable.js";
import { decodeEntities } from "../text/entities.js";

export interface ParseContext {
  file: string;
  lineMap: number[];
  math: MathSpan[];
  /** HTML elements the pre-scanner took out whole (MARK.html + index). */
  html?: string[];
  problems: Problem[];
}

const processor = unified().use(remarkParse).use(remarkGfm);

export function parseMarkdown(markdown: string, ctx: ParseContext): Block[] {
  const tree = processor.parse(markdown) as M.Root;
  return new TreeMapper(ctx, collectDefinitions(tree), 0).root(tree);
}

type Marker =
  | { t: "marker"; kind: "boxAfter" | "boxBefore" | "boxOpen"; arg: CalloutKind; line: number }
  /** A `<div>` whose box class is unknown: its blocks stand unboxed, as the blog shows them. */
  | { t: "marker"; kind: "plainOpen"; line: number }
  /** An attribute line naming an unknown box: it styles nothing. */
  | { t: "marker"; kind: "ignored"; line: number }
  | { t: "marker"; kind: "boxClose" | "detailsOpen" | "detailsClose"; line: number }
  | { t: "marker"; kind: "summary"; c: Inline[]; line: number }
  /** Blocks cut from one Markdown paragraph (text, image, text): a box styles them all. */
  | { t: "marker"; kind: "group"; c: Block[]; line: number };
type Raw = Block | Marker;

const ALERTS: Record<string, CalloutKind> = {
  NOTE: "note",
  TIP: "tip",
  IMPORTANT: "important",
  WARNING: "warning",
  CAUTION: "caution",
};
const BOX_KINDS: Record<string, CalloutKind> = {
  note: "note",
  info: "note",
  tip: "tip",
  warning: "warning",
  error: "error",
  success: "success",
};

function collectDefinitions(tree: M.Root): Map<string, string> {
  const defs = new Map<string, string>();
  const visit = (n: M.Nodes): void => {
    if (n.type === "definition") defs.set(n.identifier.toLowerCase(), n.url);
    if ("children" in n) for (const c of n.children) visit(c as M.Nodes);
  };
  visit(tree);
  return defs;
}

class TreeMapper {
  constructor(
    private readonly ctx: ParseContext,
    private readonly defs: Map<string, string>,
    /** Nesting of HTML → Markdown conversions, to stop HTML that turndown keeps as HTML. */
    private readonly htmlDepth: number,
  ) {}

  private line(n: M.Node): number {
    const l = n.position?.start.line ?? 1;
    return this.ctx.lineMap[l - 1] ?? this.ctx.lineMap[this.ctx.lineMap.length - 1] ?? l;
  }

  root(tree: M.Root): Block[] {
    return structure(this.blocks(tree.children));
  }

  private blocks(nodes: M.RootContent[]): Raw[] {
    const out: Raw[] = [];
    for (const n of nodes) out.push(...this.block(n));
    return out;
  }

  private block(n: M.RootContent): Raw[] {
    const line = this.line(n);
    switch (n.type) {
      case "heading": {
        const c = this.inlines(n.children);
        return [{ t: "heading", depth: n.depth, c, anchor: slugify(inlineText(c)), line }];
      }
      case "paragraph":
        return this.paragraph(this.inlines(n.children), line);
      case "code":
        return [{
          t: "code",
          lang: (n.lang ?? "").toLowerCase(),
          code: n.value,
          linenos: /\blinenos\b/.test(n.meta ?? ""),
          line,
        }];
      case "blockquote":
        return [this.blockquote(n, line)];
      case "list":
        return [{
          t: "list",
          ordered: !!n.ordered,
          start: n.start ?? 1,
          items: n.children.map((item) => {
            const body = structure(this.blocks(item.children));
            if (typeof item.checked === "boolean") {
              const first = body[0];
              const box: Inline = { t: "text", v: item.checked ? "☑ " : "☐ " };
              if (first?.t === "para") first.c.unshift(box);
              else body.unshift({ t: "para", c: [box], line });
            }
            return body;
          }),
          line,
        }];
      case "table": {
        const rows = n.children.map((row) => row.children.map((cell) => this.inlines(cell.children)));
        // An HTML table without header cells comes out of turndown with an empty header row.
        if (rows.length > 1 && rows[0]!.every((cell) => !inlineText(cell).trim())) rows.shift();
        return layoutTableBlocks(rows, line) ?? [{ t: "table", align: n.align ?? [], rows, line }];
      }
      case "thematicBreak":
        return [{ t: "hr", line }];
      case "html":
        return this.html(n.value, line);
      case "footnoteDefinition":
        return [{ t: "footnote", label: n.label ?? n.identifier, c: structure(this.blocks(n.children)), line }];
      case "definition":
        return [];
      default:
        // yaml/toml front matter nodes and other extensions are not produced by this parser.
        return [];
    }
  }

  private blockquote(n: M.Blockquote, line: number): Block {
    const body = structure(this.blocks(n.children));
    const first = body[0];
    if (first?.t === "para") {
      const head = first.c[0];
      const m = head?.t === "text" ? /^\[!(\w+)\][ \t]*([^\n]*)\n?/.exec(head.v) : null;
      const kind = m ? ALERTS[m[1]!.toUpperCase()] : undefined;
      if (m && kind && head?.t === "text") {
        // The rest of the first line is the alert's own title; everything after is its body.
        const rest = head.v.slice(m[0].length);
        let title: Inline[] = m[2] ? [{ t: "text", v: m[2].trim() }] : [];
        let tail = first.c.slice(1);
        if (m[2] && !m[0].endsWith("\n") && tail.length) {
          // Title runs to the first line break in the paragraph.
          const br = tail.findIndex((x) => x.t === "br" || (x.t === "text" && x.v.includes("\n")));
          const upto = br < 0 ? tail.length : br;
          title = [...title, ...tail.slice(0, upto)];
          tail = tail.slice(upto);
          const b = tail[0];
          if (b?.t === "br") tail = tail.slice(1);
          else if (b?.t === "text") {
            const k = b.v.indexOf("\n");
            title.push({ t: "text", v: b.v.slice(0, k) });
            tail = [{ t: "text", v: b.v.slice(k + 1) }, ...tail.slice(1)];
          }
        }
        const c: Inline[] = rest ? [{ t: "text", v: rest }, ...tail] : tail;
        const bodyRest = body.slice(1);
        const paraBody = trimInlines(c);
        return {
          t: "callout",
          kind,
          title,
          c: paraBody.length ? [{ t: "para", c: paraBody, line: first.line }, ...bodyRest] : bodyRest,
          line,
        };
      }
    }
    return { t: "quote", c: body, line };
  }

  /** A paragraph: markers, display math and images standing in it become blocks of their own. */
  private paragraph(c: Inline[], line: number): Raw[] {
    const text = c.length === 1 && c[0]!.t === "text" ? c[0]!.v.trim() : null;
    if (text !== null) {
      if (text[0] === MARK.html) {
        // One HTML element, whole: a box attribute line before or after it styles all of it.
        const blocks = structure(this.html(this.ctx.html?.[Number(text.slice(1))] ?? "", line));
        return blocks.length > 1 ? [{ t: "marker", kind: "group", c: blocks, line }] : blocks;
      }
      const marker = this.marker(text, line);
      if (marker) return [marker];
    }
    const out: Raw[] = [];
    let run: Inline[] = [];
    const flush = (): void => {
      const trimmed = trimInlines(run);
      if (trimmed.length) out.push({ t: "para", c: trimmed, line });
      run = [];
    };
    for (const n of c) {
      if (n.t === "math" && n.display) {
        flush();
        out.push({ t: "math", tex: n.tex, line: n.line });
      } else if (n.t === "image") {
        flush();
        out.push({ t: "image", src: n.src, alt: n.alt, local: n.local, line });
      } else run.push(n);
    }
    flush();
    const blocks = out.filter((b): b is Block => b.t !== "marker");
    return blocks.length > 1 ? [{ t: "marker", kind: "group", c: blocks, line }] : out;
  }

  private marker(text: string, line: number): Marker | null {
    const k = text[0];
    const arg = text.slice(1).trim();
    if (k === MARK.boxAfter || k === MARK.boxBefore || k === MARK.boxOpen) {
      const kind = this.boxKind(arg, line);
      if (kind) return { t: "marker", kind: k === MARK.boxAfter ? "boxAfter" : k === MARK.boxBefore ? "boxBefore" : "boxOpen", arg: kind, line };
      return { t: "marker", kind: k === MARK.boxOpen ? "plainOpen" : "ignored", line };
    }
    if (k === MARK.boxClose) return { t: "marker", kind: "boxClose", line };
    if (k === MARK.detailsOpen) return { t: "marker", kind: "detailsOpen", line };
    if (k === MARK.detailsClose) return { t: "marker", kind: "detailsClose", line };
    if (k === MARK.summary) return { t: "marker", kind: "summary", c: [{ t: "text", v: arg }], line };
    return null;
  }

  /** The call-out a `box-…` class names; an unknown one is reported, and the block stays plain. */
  private boxKind(name: string, line: number): CalloutKind | undefined {
    const kind = Object.hasOwn(BOX_KINDS, name) ? BOX_KINDS[name] : undefined;
    if (!kind) {
      const known = Object.keys(BOX_KINDS).map((k) => `box-${k}`).join(", ");
      this.ctx.problems.push({ file: this.ctx.file, line, severity: "warning", message: `unknown box class "box-${name}": shown as plain text; the known classes are ${known}` });
    }
    return kind;
  }

  private html(value: string, line: number): Raw[] {
    if (this.htmlDepth > 0) {
      // turndown kept this as HTML (a table it could not convert): keep its text and its images.
      const text = value.replace(/<br\s*\/?>/gi, "\n").replace(/<[^>]+>/g, " ").replace(/[ \t]+/g, " ").trim();
      const images: Block[] = [...value.matchAll(/<img\b([^>]*)>/gi)].flatMap((m) => {
        const src = attr(m[1]!, "src");
        return src ? [{ t: "image" as const, src, alt: attr(m[1]!, "alt") ?? "", local: !isRemote(src), line }] : [];
      });
      return [...(text ? [{ t: "para" as const, c: [{ t: "text" as const, v: decodeEntities(text) }], line }] : []), ...images];
    }
    const md = htmlToMarkdown(protectHtmlMath(value, this.ctx.math, line));
    if (!md.trim()) return [];
    const sub: ParseContext = { ...this.ctx, lineMap: md.split("\n").map(() => line) };
    const tree = processor.parse(md) as M.Root;
    const mapper = new TreeMapper(sub, new Map([...this.defs, ...collectDefinitions(tree)]), this.htmlDepth + 1);
    return mapper.blocks(tree.children);
  }

  private inlines(nodes: M.PhrasingContent[]): Inline[] {
    const out: Inline[] = [];
    for (const n of nodes) out.push(...this.inline(n));
    return out;
  }

  private inline(n: M.PhrasingContent): Inline[] {
    switch (n.type) {
      case "text":
        return splitMath(n.value.replaceAll(MARK.text, ""), this.ctx.math);
      case "emphasis":
        return [{ t: "em", c: this.inlines(n.children) }];
      case "strong":
        return [{ t: "strong", c: this.inlines(n.children) }];
      case "delete":
        return [{ t: "del", c: this.inlines(n.children) }];
      case "inlineCode":
        // A fence line kramdown reads as text may end up inside a code span: its mark goes.
        return [{ t: "code", v: restoreMathSource(n.value.replaceAll(MARK.text, ""), this.ctx.math) }];
      case "break":
        return [{ t: "br" }];
      case "link":
        return [{ t: "link", url: n.url, c: this.inlines(n.children) }];
      case "linkReference": {
        const url = this.defs.get(n.identifier.toLowerCase());
        const c = this.inlines(n.children);
        return url ? [{ t: "link", url, c }] : [{ t: "text", v: "[" }, ...c, { t: "text", v: "]" }];
      }
      case "image":
        return [{ t: "image", src: n.url, alt: n.alt ?? "", local: !isRemote(n.url) }];
      case "imageReference": {
        const url = this.defs.get(n.identifier.toLowerCase());
        return url ? [{ t: "image", src: url, alt: n.alt ?? "", local: !isRemote(url) }] : [{ t: "text", v: n.alt ?? "" }];
      }
      case "footnoteReference":
        return [{ t: "fnref", label: n.label ?? n.identifier }];
      case "html":
        return this.inlineHtml(n.value);
      default:
        return [];
    }
  }

  private inlineHtml(value: string): Inline[] {
    if (/^<br\s*\/?>$/i.test(value)) return [{ t: "br" }];
    const img = /^<img\b([^>]*)>$/i.exec(value);
    if (img) {
      const src = attr(img[1]!, "src");
      if (src) return [{ t: "image", src, alt: attr(img[1]!, "alt") ?? "", local: !isRemote(src) }];
    }
    // Other tags (<span>, <a name>, <sup>, <font>…) are presentation: their text stays, the tag goes.
    return [];
  }
}

/** Text with math placeholders → text and math inlines. */
function splitMath(value: string, math: MathSpan[]): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of value.matchAll(MATH_PLACEHOLDER_RE)) {
    if (m.index! > last) out.push({ t: "text", v: value.slice(last, m.index) });
    const span = math[Number(m[1])];
    if (span) out.push({ t: "math", tex: span.tex, line: span.line, ...(span.display ? { display: true } : {}) });
    last = m.index! + m[0].length;
  }
  if (last < value.length) out.push({ t: "text", v: value.slice(last) });
  return out;
}

/** Inside inline code a placeholder stands for what the author wrote: give the TeX back. */
function restoreMathSource(value: string, math: MathSpan[]): string {
  return value.replace(MATH_PLACEHOLDER_RE, (_, id: string) => {
    const m = math[Number(id)];
    return m ? (m.display ? `$$${m.tex}$$` : `$${m.tex}$`) : "";
  });
}

function trimInlines(c: Inline[]): Inline[] {
  const out = [...c];
  while (out.length && ((out[0]!.t === "text" && !(out[0] as { v: string }).v.trim()) || out[0]!.t === "br")) out.shift();
  while (out.length && ((out.at(-1)!.t === "text" && !(out.at(-1) as { v: string }).v.trim()) || out.at(-1)!.t === "br")) out.pop();
  const f = out[0];
  if (f?.t === "text") out[0] = { t: "text", v: f.v.replace(/^\s+/, "") };
  const l = out.at(-1);
  if (l?.t === "text") out[out.length - 1] = { t: "text", v: l.v.replace(/\s+$/, "") };
  return out;
}

/** Resolve box and details markers into container blocks. */
function structure(raw: Raw[]): Block[] {
  const out: Block[] = [];
  let i = 0;
  const take = (until: (r: Marker) => boolean): Block[] => {
    const body: Raw[] = [];
    while (i < raw.length) {
      const r = raw[i]!;
      if (r.t === "marker" && until(r)) {
        i++;
        return structure(body);
      }
      body.push(r);
      i++;
    }
    return structure(body);
  };
  /** A box announced before its block (`{: .box-note}` after a blank line) waits for it here. */
  let pending: CalloutKind | undefined;
  /** How many blocks at the end of `out` came from the last Markdown block. */
  let lastSize = 0;
  const push = (bs: Block[]): void => {
    const b = bs[0];
    if (pending && b && !(bs.length === 1 && b.t === "callout")) out.push({ t: "callout", kind: pending, title: [], c: bs, line: b.line });
    else out.push(...bs);
    lastSize = pending ? 1 : bs.length;
    pending = undefined;
  };
  while (i < raw.length) {
    const r = raw[i++]!;
    if (r.t !== "marker") {
      push([r]);
      continue;
    }
    switch (r.kind) {
      case "group":
        push(r.c);
        break;
      case "boxAfter": {
        const prev = out.splice(out.length - lastSize, lastSize);
        const first = prev[0];
        if (first) out.push(prev.length === 1 && first.t === "callout" ? first : { t: "callout", kind: r.arg, title: [], c: prev, line: first.line });
        lastSize = first ? 1 : 0;
        break;
      }
      case "boxBefore":
        pending = r.arg;
        break;
      case "boxOpen":
        push([{ t: "callout", kind: r.arg, title: [], c: take((m) => m.kind === "boxClose"), line: r.line }]);
        break;
      case "plainOpen":
        push(take((m) => m.kind === "boxClose"));
        break;
      case "ignored":
        break;
      case "detailsOpen": {
        let summary: Inline[] = [];
        if (raw[i]?.t === "marker" && (raw[i] as Marker).kind === "summary") {
          summary = ((raw[i] as Extract<Marker, { kind: "summary" }>).c);
          i++;
        }
        push([{ t: "details", summary, c: take((m) => m.kind === "detailsClose"), line: r.line }]);
        break;
      }
      case "summary":
        push([{ t: "para", c: [{ t: "strong", c: r.c }], line: r.line }]);
        break;
      default:
        // A closing marker without its opening: nothing to close.
        break;
    }
  }
  return out;
}

export function isRemote(url: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url);
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(attrs);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? "") : undefined;
}
