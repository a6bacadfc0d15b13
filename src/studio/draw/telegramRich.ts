/**
 * A Telegram rich message (`sendRichMessage`'s HTML and its media) drawn as a Telegram client shows
 * it: headings, paragraphs, lists, native tables, code with its language, block quotes, `<details>`,
 * footnote references, figures bound by `tg://photo?id=`, formulas typeset by KaTeX. One handler per
 * tag; a tag without one is a labelled placeholder that keeps its text (a newer client may draw it).
 */
import type { RichMedia } from "../../contract/lessons.js";
import { escapeAttr, escapeHtml } from "../../text/html.js";
import { typesetMath } from "./math.js";
import { placeholder } from "./placeholder.js";
import { attrOf, parseTags, textOf, type TagElement, type TagNode } from "./tags.js";

export interface RichDrawContext {
  /** The URL of an image path of the render (relative to its output folder). */
  mediaUrl: (image: string) => string;
  /** Prefix for the message's in-document names, unique on the page. */
  idPrefix: string;
}

export interface Walk extends RichDrawContext {
  media: ReadonlyMap<string, RichMedia>;
  children: (el: TagElement) => string;
}

export type Handler = (el: TagElement, w: Walk) => string;

/** Tags drawn as the same HTML element, with the attributes Telegram gives a meaning to. */
const SAME: Readonly<Record<string, readonly string[]>> = {
  p: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  b: [],
  strong: [],
  i: [],
  em: [],
  u: [],
  ins: [],
  s: [],
  strike: [],
  del: [],
  mark: [],
  sub: [],
  sup: [],
  ul: [],
  ol: ["start"],
  li: ["value"],
  tr: [],
  td: ["align", "colspan", "rowspan"],
  th: ["align", "colspan", "rowspan"],
  caption: [],
  figcaption: [],
  cite: [],
  summary: [],
};

const element = (tag: string, el: TagElement, w: Walk, attrs: readonly string[] = [], cls = ""): string => {
  const kept = attrs.flatMap((a) => {
    const v = attrOf(el, a);
    return v === undefined ? [] : [` ${a}="${escapeAttr(v)}"`];
  });
  return `<${tag}${cls ? ` class="${cls}"` : ""}${kept.join("")}>${w.children(el)}</${tag}>`;
};

const photoId = (src: string | undefined): string | undefined => /^tg:\/\/photo\?id=([^&#\s]+)$/.exec(src ?? "")?.[1];

export const RICH_HANDLERS: Readonly<Record<string, Handler>> = {
  ...Object.fromEntries(Object.entries(SAME).map(([tag, attrs]) => [tag, (el: TagElement, w: Walk) => element(tag, el, w, attrs)])),
  footer: (el, w) => element("footer", el, w, [], "tg-footer"),
  br: () => "<br>",
  hr: () => "<hr>",
  "tg-spoiler": (el, w) => element("span", el, w, [], "tg-spoiler"),
  code: (el, w) => {
    const lang = /^language-([\w+#.-]+)$/.exec(attrOf(el, "class") ?? "")?.[1];
    return `<code${lang ? ` data-language="${escapeAttr(lang)}"` : ""}>${w.children(el)}</code>`;
  },
  pre: (el, w) => {
    // The client labels a code block with its language, above the code.
    const code = el.children.find((c): c is TagElement => c.kind === "element" && c.name === "code");
    const lang = code ? /^language-([\w+#.-]+)$/.exec(attrOf(code, "class") ?? "")?.[1] : undefined;
    return `<pre class="tg-pre">${lang ? `<span class="tg-pre-lang" data-chrome>${escapeHtml(lang)}</span>` : ""}${w.children(el)}</pre>`;
  },
  blockquote: (el, w) => element("blockquote", el, w, [], el.attrs.has("expandable") ? "tg-quote tg-expandable" : "tg-quote"),
  aside: (el, w) => element("aside", el, w, [], "tg-pullquote"),
  table: (el, w) => {
    const cls = ["tg-table", el.attrs.has("bordered") ? "bordered" : "", el.attrs.has("striped") ? "striped" : ""].filter(Boolean).join(" ");
    return `<div class="tg-table-wrap"><table class="${cls}">${w.children(el)}</table></div>`;
  },
  details: (el, w) => `<details class="tg-details"${el.attrs.has("open") ? " open" : ""}>${w.children(el)}</details>`,
  figure: (el, w) => element("figure", el, w, [], "tg-figure"),
  img: (el, w) => {
    const src = attrOf(el, "src");
    const id = photoId(src);
    const entry = id === undefined ? undefined : w.media.get(id);
    if (entry) return `<img src="${escapeAttr(w.mediaUrl(entry.image))}" alt="${escapeAttr(entry.alt ?? attrOf(el, "alt") ?? "")}">`;
    if (id !== undefined) return placeholder(`tg://photo?id=${id} is bound to no media entry`, "", { block: true });
    // Telegram would fetch a remote picture itself; the preview fetches nothing from the internet.
    return placeholder(`picture Telegram fetches from ${src ?? "(no src)"}`, "", { block: true });
  },
  a: (el, w) => {
    const name = attrOf(el, "name");
    if (name !== undefined) return `<a id="${escapeAttr(w.idPrefix + name)}">${w.children(el)}</a>`;
    const href = attrOf(el, "href") ?? "";
    if (href.startsWith("#")) return `<a href="#${escapeAttr(w.idPrefix + href.slice(1))}">${w.children(el)}</a>`;
    if (!/^(?:https?:|mailto:|tel:|tg:)/i.test(href)) return placeholder(`a link Telegram refuses: ${href}`, w.children(el));
    return `<a href="${escapeAttr(href)}" target="_blank" rel="noopener noreferrer">${w.children(el)}</a>`;
  },
  "tg-reference": (el, w) => {
    const name = attrOf(el, "name");
    return `<span class="tg-reference"${name !== undefined ? ` id="${escapeAttr(w.idPrefix + name)}"` : ""}>${w.children(el)}</span>`;
  },
  "tg-math": (el) => typesetMath(textOf(el), false),
  "tg-math-block": (el) => `<div class="tg-math-block">${typesetMath(textOf(el), true)}</div>`,
  input: (el) => (attrOf(el, "type") === "checkbox" ? `<input type="checkbox" disabled${el.attrs.has("checked") ? " checked" : ""}>` : placeholder("<input> that is not a checkbox")),
};

/** Block-level tags whose placeholder stands on its own line. */
const BLOCKISH = new Set(["tg-map", "tg-collage", "tg-slideshow", "tg-button-row", "video", "audio", "tg-document"]);

/** HTML in one of Telegram's dialects, each tag by its handler, any other as a placeholder keeping its text. */
export function drawTelegramHtml(html: string, handlers: Readonly<Record<string, Handler>>, ctx: RichDrawContext, media: readonly RichMedia[] = []): string {
  const draw = (node: TagNode): string => {
    if (node.kind === "text") return escapeHtml(node.text);
    const handler = handlers[node.name];
    if (handler) return handler(node, w);
    return placeholder(`<${node.name}>: not drawn by the preview`, w.children(node), { block: BLOCKISH.has(node.name) });
  };
  const w: Walk = { ...ctx, media: new Map(media.map((m) => [m.id, m])), children: (el) => el.children.map(draw).join("") };
  return w.children(parseTags(html));
}

export function drawTelegramRich(rich: { html: string; media: readonly RichMedia[] }, ctx: RichDrawContext): string {
  return drawTelegramHtml(rich.html, RICH_HANDLERS, ctx, rich.media);
}
