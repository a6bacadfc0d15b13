/**
 * A checked rich-message HTML tree → the `rich_message.blocks` Telegram returns: block types of
 * rich.d.ts with RichText inside, media blocks carrying the files they were bound to (photo
 * blocks hold PhotoSize[] with file_ids the bot can reuse).
 */
import type { PhotoSize, RichMessageButton, RichBlock, RichBlockCaption, RichBlockListItem, RichBlockTableCell, RichText } from "grammy/types";
import { isEmojiImage } from "../../validators/richAttributes.js";
import { isBlank, type RichElement, type RichNode } from "../../validators/richHtmlTree.js";

/** The file behind a media tag's src (an uploaded, reused or URL medium). */
export interface ResolvedMedium {
  photo?: PhotoSize[];
  file?: { file_id: string; file_unique_id: string; file_size?: number };
}
export type MediaResolver = (el: RichElement) => ResolvedMedium;

const FORMATS: Readonly<Record<string, string>> = { b: "bold", strong: "bold", i: "italic", em: "italic", u: "underline", ins: "underline", s: "strikethrough", strike: "strikethrough", del: "strikethrough", "tg-spoiler": "spoiler", mark: "marked", sub: "subscript", sup: "superscript", code: "code" };
const BLOCK_TAGS = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "footer", "pre", "hr", "tg-math-block", "ul", "ol", "blockquote", "aside", "figure", "tg-map", "tg-collage", "tg-slideshow", "table", "details", "tg-button-row", "img", "video", "audio", "tg-document"]);

const attr = (el: RichElement, key: string): string | undefined => {
  const v = el.attrs.get(key);
  return typeof v === "string" ? v : undefined;
};
const textOf = (nodes: readonly RichNode[]): string => nodes.map((n) => (n.kind === "text" ? n.text : textOf(n.children))).join("");
const one = (parts: RichText[]): RichText => (parts.length === 1 ? parts[0]! : parts);

function inlineText(nodes: readonly RichNode[]): RichText {
  return one(nodes.flatMap((n): RichText[] => (n.kind === "text" ? [n.text] : n.name === "cite" ? [] : [inlineElement(n)])));
}

function inlineElement(el: RichElement): RichText {
  const inner = (): RichText => inlineText(el.children);
  const format = FORMATS[el.name];
  if (format) return { type: format, text: inner() } as RichText;
  const href = attr(el, "href") ?? "";
  switch (el.name) {
    case "a":
      if (attr(el, "name") !== undefined) return { type: "anchor", name: attr(el, "name")! };
      if (href.startsWith("#")) return { type: "anchor_link", text: inner(), anchor_name: href.slice(1) };
      if (href.startsWith("mailto:")) return { type: "email_address", text: inner(), email_address: href.slice(7) };
      if (href.startsWith("tel:")) return { type: "phone_number", text: inner(), phone_number: href.slice(4) };
      return { type: "url", text: inner(), url: href };
    case "tg-reference":
      return { type: "reference", text: inner(), name: attr(el, "name") ?? "" };
    case "tg-emoji":
      return { type: "custom_emoji", custom_emoji_id: attr(el, "emoji-id") ?? "", alternative_text: textOf(el.children) };
    case "img":
      return { type: "custom_emoji", custom_emoji_id: (attr(el, "src") ?? "").replace(/^.*id=/, ""), alternative_text: attr(el, "alt") ?? "" };
    case "tg-time":
      return { type: "date_time", text: inner(), unix_time: Number(attr(el, "unix")), date_time_format: (attr(el, "format") ?? "") as "r" };
    case "tg-math":
      return { type: "mathematical_expression", expression: textOf(el.children) };
    case "br":
      return "\n";
    case "tg-button":
      return { type: "button", button: button(el) };
    default:
      return inner();
  }
}

/** The RichMessageButton of a `<tg-button>` (callback and URL buttons in full, others as their URL). */
function button(el: RichElement): RichMessageButton {
  const text = inlineText(el.children);
  return attr(el, "type") === "callback_data" ? { text, callback_data: attr(el, "data") ?? "" } : { text, url: attr(el, "url") ?? "" };
}

function credit(el: RichElement): RichText | undefined {
  const cite = el.children.find((c): c is RichElement => c.kind === "element" && c.name === "cite");
  return cite ? inlineText(cite.children) : undefined;
}

function caption(el: RichElement | undefined): RichBlockCaption | undefined {
  if (!el) return undefined;
  const c = credit(el);
  return { text: inlineText(el.children), ...(c !== undefined ? { credit: c } : {}) };
}

export class RichBlockBuilder {
  constructor(private readonly resolve: MediaResolver) {}

  /** Blocks of mixed content: block tags as they are, runs of inline content as paragraphs. */
  flow(nodes: readonly RichNode[]): RichBlock[] {
    const blocks: RichBlock[] = [];
    let run: RichNode[] = [];
    const flush = (): void => {
      const content = run.filter((n) => !isBlank(n));
      const only = content.length === 1 ? content[0] : undefined;
      // "An empty <a name> on its own creates an anchor": a block, not a paragraph.
      if (only?.kind === "element" && only.name === "a" && attr(only, "name") !== undefined) blocks.push({ type: "anchor", name: attr(only, "name")! });
      else if (content.length) blocks.push({ type: "paragraph", text: inlineText(run) });
      run = [];
    };
    for (const n of nodes) {
      if (n.kind === "element" && BLOCK_TAGS.has(n.name) && !isEmojiImage(n)) {
        flush();
        blocks.push(this.block(n));
      } else run.push(n);
    }
    flush();
    return blocks;
  }

  private elements(el: RichElement): RichElement[] {
    return el.children.filter((c): c is RichElement => c.kind === "element");
  }

  private block(el: RichElement): RichBlock {
    const c = credit(el);
    const withCredit = c !== undefined ? { credit: c } : {};
    switch (el.name) {
      case "p":
        return { type: "paragraph", text: inlineText(el.children) };
      case "footer":
        return { type: "footer", text: inlineText(el.children) };
      case "pre": {
        const code = this.elements(el)[0];
        const language = code ? attr(code, "class")?.replace(/^language-/, "") : undefined;
        return { type: "pre", text: textOf(el.children), ...(language ? { language } : {}) };
      }
      case "hr":
        return { type: "divider" };
      case "tg-math-block":
        return { type: "mathematical_expression", expression: textOf(el.children) };
      case "ul":
      case "ol":
        return { type: "list", items: this.items(el) };
      case "blockquote":
        return el.attrs.has("expandable") ? { type: "expandable_blockquote", text: inlineText(el.children), ...withCredit } : { type: "blockquote", blocks: this.flow(el.children.filter((n) => !(n.kind === "element" && n.name === "cite"))), ...withCredit };
      case "aside":
        return { type: "pullquote", text: inlineText(el.children), ...withCredit };
      case "figure": {
        const [medium, cap] = this.elements(el);
        const block = medium ? this.block(medium) : ({ type: "divider" } as RichBlock);
        const c2 = caption(cap);
        return c2 ? ({ ...block, caption: c2 } as RichBlock) : block;
      }
      case "tg-collage":
      case "tg-slideshow": {
        const children = this.elements(el);
        const cap = caption(children.find((c2) => c2.name === "figcaption"));
        return { type: el.name === "tg-collage" ? "collage" : "slideshow", blocks: children.filter((c2) => c2.name !== "figcaption").map((m) => this.block(m)), ...(cap ? { caption: cap } : {}) };
      }
      case "table":
        return this.table(el);
      case "details": {
        const [summary, ...body] = el.children.filter((n) => !isBlank(n));
        return { type: "details", summary: summary?.kind === "element" ? inlineText(summary.children) : "", blocks: this.flow(body), ...(el.attrs.has("open") ? { is_open: true } : {}) };
      }
      case "tg-map":
        return { type: "map", location: { latitude: Number(attr(el, "lat")), longitude: Number(attr(el, "long")) }, zoom: Math.min(20, Math.max(13, Number(attr(el, "zoom") ?? 15))) as 15, width: 640, height: 360 };
      case "tg-button-row":
        return { type: "buttons", buttons: this.elements(el).map(button), ...(attr(el, "align") ? { align: attr(el, "align") as "left" } : {}) };
      case "img":
      case "video":
      case "audio":
      case "tg-document":
        return this.medium(el);
      default: {
        const size = Number(el.name.slice(1));
        return { type: "heading", text: inlineText(el.children), size: (size >= 1 && size <= 6 ? size : 1) as 1 };
      }
    }
  }

  private medium(el: RichElement): RichBlock {
    const { photo, file } = this.resolve(el);
    const spoiler = el.attrs.has("tg-spoiler") ? { has_spoiler: true as const } : {};
    const f = file ?? { file_id: "", file_unique_id: "" };
    if (el.name === "img") return { type: "photo", photo: photo ?? [], ...spoiler };
    if (el.name === "video") return { type: "video", video: { ...f, width: 0, height: 0, duration: 0 }, ...spoiler };
    if (el.name === "audio") return { type: "audio", audio: { ...f, duration: 0 } };
    return { type: "document", document: f };
  }

  private items(list: RichElement): RichBlockListItem[] {
    const ordered = list.name === "ol";
    const items = this.elements(list);
    let n = Number(attr(list, "start") ?? (list.attrs.has("reversed") ? items.length : 1));
    return items.map((li) => {
      const box = li.children.find((c): c is RichElement => c.kind === "element" && c.name === "input");
      if (attr(li, "value") !== undefined) n = Number(attr(li, "value"));
      const label = ordered ? `${n}.` : "•";
      n += list.attrs.has("reversed") ? -1 : 1;
      return {
        label,
        blocks: this.flow(li.children.filter((c) => c !== box)),
        ...(box ? { has_checkbox: true as const } : {}),
        ...(box?.attrs.has("checked") ? { is_checked: true as const } : {}),
      };
    });
  }

  private table(el: RichElement): RichBlock {
    const children = this.elements(el);
    const cap = children.find((c) => c.name === "caption");
    const cells: RichBlockTableCell[][] = children
      .filter((r) => r.name === "tr")
      .map((row) =>
        this.elements(row).map((cell) => ({
          text: inlineText(cell.children),
          ...(cell.name === "th" ? { is_header: true as const } : {}),
          ...(Number(attr(cell, "colspan") ?? 1) > 1 ? { colspan: Number(attr(cell, "colspan")) } : {}),
          ...(Number(attr(cell, "rowspan") ?? 1) > 1 ? { rowspan: Number(attr(cell, "rowspan")) } : {}),
          align: (attr(cell, "align") ?? "left") as "left",
          valign: (attr(cell, "valign") ?? "top") as "top",
        })),
      );
    return { type: "table", cells, ...(el.attrs.has("bordered") ? { is_bordered: true } : {}), ...(el.attrs.has("striped") ? { is_striped: true } : {}), ...(el.attrs.has("compact") ? { is_compact: true } : {}), ...(cap ? { caption: inlineText(cap.children) } : {}) };
  }
}
