/**
 * The content model of rich-message HTML (Bot API 10.1, the `InputRichMessage` doc comment and the
 * block types of @grammyjs/types rich.d.ts): which tag may hold which, with which attributes, and
 * the counts the limits are checked against. Message-level rules live in telegramRich.ts.
 *
 * Assumptions where the spec is silent (strict but reasonable):
 * - Text outside any block forms an implicit paragraph (the spec's own example does this); it counts
 *   as a block, as does the paragraph of a `<li>`'s inline text. Whitespace between blocks is ignored.
 * - Depth counts every element (`<ul><li><b>` is 3); the limit applies to element nesting.
 * - Characters are UTF-16 units of the decoded text, formula source, emoji alt text and button text.
 * - `<code>`, `<tg-math>`, `<tg-emoji>`, `<tg-time>` hold plain text; `<pre>` holds text or one `<code>`.
 * - Links cannot nest, nor references; buttons stand in `<p>` or `<tg-button-row>` only.
 * - `<cite>` is the last child of blockquote / aside / figcaption; `<input type="checkbox">` the first of `<li>`.
 * - A media tag's link kind matches it: img ↔ tg://photo, video ↔ tg://video, audio ↔ tg://audio,
 *   tg-document ↔ tg://document. Collages and slideshows hold img/video, at least one.
 * - `<tg-map>` needs lat and long; zoom is optional, 0–24 (InputRichBlockMap).
 */
import { isBlank, showsSomething, type RichElement, type RichNode } from "./richHtmlTree.js";
import { checkButton, checkHref, isEmojiImage, MEDIA, type AttrSpec, type RichMediaKind } from "./richAttributes.js";
import { checkButtonRow, checkDetails, checkFigure, checkGallery, checkList, checkTable } from "./richStructures.js";


export interface RichStats {
  /** Characters of text, formula source, emoji alt text and button text. */
  characters: number;
  /** Blocks, counting nested blocks, list items, table rows, quotations and details blocks. */
  blocks: number;
  /** Deepest element nesting. */
  depth: number;
  /** Media attachments (img, video, audio, tg-document; custom emoji and maps are not media). */
  media: number;
  /** Widest table, in columns (colspan and rowspan included). */
  maxColumns: number;
}

export interface RichMediaLink {
  kind: RichMediaKind;
  id: string;
  at: number;
}

const FORMATTING = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "mark", "sub", "sup", "tg-spoiler"]);
const TEXT_BLOCKS = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "footer"]);
/** Blocks Telegram refuses when they show nothing. */
const SHOW_SOMETHING = new Set([...TEXT_BLOCKS, "pre", "blockquote", "aside", "ul", "ol"]);
const BLOCKS = new Set([...TEXT_BLOCKS, "pre", "hr", "tg-math-block", "ul", "ol", "blockquote", "aside", "figure", "tg-map", "tg-collage", "tg-slideshow", "table", "details", "tg-button-row"]);
const INLINE = new Set([...FORMATTING, "a", "code", "tg-reference", "tg-emoji", "tg-time", "tg-math", "br", "tg-button"]);
/** Tags that exist but only inside a particular parent. */
const PLACED: Readonly<Record<string, string>> = { li: "<ul>/<ol>", tr: "<table>", td: "<tr>", th: "<tr>", caption: "<table>", summary: "<details>", figcaption: "<figure>/<tg-collage>/<tg-slideshow>", cite: "<blockquote>/<aside>/<figcaption>", input: "the start of a <li>" };
const MEDIA_ATTRS: Readonly<Record<string, AttrSpec>> = { img: { src: "value", alt: "value", "tg-spoiler": "flag" }, video: { src: "value", "tg-spoiler": "flag" }, audio: { src: "value" }, "tg-document": { src: "value" } };
const TG_MEDIA_LINK = /^tg:\/\/(photo|video|audio|document)\?id=([^&#\s]*)$/;

interface InlineContext {
  where: string;
  /** Inline tags open around this point. */
  inside: ReadonlySet<string>;
  buttons: boolean;
}


export class RichContentChecker {
  readonly errors: string[] = [];
  readonly stats: RichStats = { characters: 0, blocks: 0, depth: 0, media: 0, maxColumns: 0 };
  readonly links: RichMediaLink[] = [];
  /** Anchor and reference names, with where they were defined. */
  readonly names = new Map<string, number>();
  /** In-document links (`href="#name"`). */
  readonly jumps: { name: string; at: number }[] = [];

  checkDocument(root: RichElement): void {
    this.flow(root.children, 0, "the message");
  }

  fail(node: RichNode, message: string): void {
    this.errors.push(`${message} (at ${node.start})`);
  }

  enter(depth: number): void {
    if (depth > this.stats.depth) this.stats.depth = depth;
  }

  attrs(el: RichElement, spec: AttrSpec): void {
    for (const [key, value] of el.attrs) {
      const kind = spec[key];
      if (!kind) this.fail(el, `<${el.name}> has no attribute "${key}"`);
      else if (kind === "flag" && value !== true) this.fail(el, `<${el.name} ${key}> takes no value`);
      else if (kind === "value" && value === true) this.fail(el, `<${el.name} ${key}> needs a value`);
    }
  }

  str(el: RichElement, key: string): string | undefined {
    const v = el.attrs.get(key);
    return typeof v === "string" ? v : undefined;
  }

  // The methods below are shared with richStructures.ts; nothing outside the validator calls them.

  /** Mixed content (message, list item, blockquote, details body): blocks and inline runs. */
  flow(nodes: readonly RichNode[], depth: number, where: string): void {
    let run = false;
    let afterMedia: RichElement | undefined;
    const inline: InlineContext = { where, inside: new Set(), buttons: false };
    for (const node of nodes) {
      if (node.kind === "text") {
        if (!node.text.trim()) {
          if (run) this.stats.characters += node.text.length;
          continue;
        }
        if (afterMedia) this.fail(node, `text right after <${afterMedia.name}> in ${where}: media are separate blocks`);
        afterMedia = undefined;
        run = true;
        this.stats.characters += node.text.length;
      } else if (BLOCKS.has(node.name)) {
        if (run) this.stats.blocks++;
        run = false;
        afterMedia = undefined;
        this.block(node, depth + 1);
      } else if (node.name in MEDIA && !isEmojiImage(node)) {
        if (run) this.fail(node, `<${node.name}> inside the inline text of ${where}: media are separate blocks`);
        if (run) this.stats.blocks++;
        run = false;
        this.media(node, depth + 1, true);
        afterMedia = node;
      } else {
        if (afterMedia && (INLINE.has(node.name) || node.name === "img")) this.fail(node, `<${node.name}> right after <${afterMedia.name}> in ${where}: media are separate blocks`);
        afterMedia = undefined;
        run = true;
        this.inlineElement(node, depth + 1, inline);
      }
    }
    if (run) this.stats.blocks++;
  }

  inline(nodes: readonly RichNode[], depth: number, ctx: InlineContext): void {
    for (const node of nodes) {
      if (node.kind === "text") this.stats.characters += node.text.length;
      else this.inlineElement(node, depth + 1, ctx);
    }
  }

  private inlineElement(el: RichElement, depth: number, ctx: InlineContext): void {
    this.enter(depth);
    const name = el.name;
    const inner = (extra: Partial<InlineContext> = {}): InlineContext => ({ ...ctx, inside: new Set([...ctx.inside, name]), ...extra });
    if (FORMATTING.has(name)) {
      this.attrs(el, {});
      this.inline(el.children, depth, inner());
    } else if (name === "a") this.link(el, depth, ctx, inner({ buttons: false }));
    else if (name === "tg-reference") {
      this.attrs(el, { name: "value" });
      if (ctx.inside.has("tg-reference") || ctx.inside.has("a")) this.fail(el, `<tg-reference> inside <${ctx.inside.has("a") ? "a" : "tg-reference"}>`);
      this.defineName(el, this.str(el, "name"));
      this.inline(el.children, depth, inner({ buttons: false }));
    } else if (name === "code") {
      if (el.attrs.size) this.fail(el, "a standalone <code> takes no attributes (a language needs <pre><code class>)");
      this.plainText(el, false);
    } else if (name === "tg-emoji") {
      this.attrs(el, { "emoji-id": "value" });
      if (!/^\d+$/.test(this.str(el, "emoji-id") ?? "")) this.fail(el, "<tg-emoji> needs a numeric emoji-id");
      this.plainText(el, true);
    } else if (name === "tg-time") {
      this.attrs(el, { unix: "value", format: "value" });
      if (!/^\d+$/.test(this.str(el, "unix") ?? "")) this.fail(el, "<tg-time> needs a unix time");
      const format = this.str(el, "format");
      if (format !== undefined && !/^(?:r|w?[dD]?[tT]?)$/.test(format)) this.fail(el, `<tg-time format="${format}"> is not a date-time format`);
      this.plainText(el, true);
    } else if (name === "tg-math") {
      this.attrs(el, {});
      this.plainText(el, true);
    } else if (name === "br") this.attrs(el, {});
    else if (name === "img" && isEmojiImage(el)) {
      this.attrs(el, { src: "value", alt: "value" });
      const alt = this.str(el, "alt") ?? "";
      if (!alt) this.fail(el, "a custom emoji <img> needs its alt emoji");
      this.stats.characters += alt.length;
    } else if (name === "tg-button") {
      if (!ctx.buttons) this.fail(el, `<tg-button> inside ${ctx.where}: buttons stand in <p> or <tg-button-row>`);
      this.button(el, depth);
    } else if (name in MEDIA || name === "figure" || name === "tg-map") this.fail(el, `<${name}> inside ${ctx.where}: media are separate blocks`);
    else if (BLOCKS.has(name)) this.fail(el, `<${name}> inside ${ctx.where}: it holds inline content only`);
    else if (name in PLACED) this.fail(el, `<${name}> outside ${PLACED[name]}`);
    else this.fail(el, `unsupported tag <${name}>`);
  }

  private link(el: RichElement, depth: number, ctx: InlineContext, inner: InlineContext): void {
    this.attrs(el, { href: "value", name: "value" });
    const href = this.str(el, "href");
    const name = this.str(el, "name");
    if (ctx.inside.has("a")) this.fail(el, "<a> inside <a>");
    if ((href === undefined) === (name === undefined)) this.fail(el, "<a> needs exactly one of href and name");
    if (name !== undefined) {
      this.defineName(el, name);
      if (el.children.some((c) => !isBlank(c))) this.fail(el, `<a name="${name}"> must be empty`);
      return;
    }
    if (href !== undefined) {
      if (href.startsWith("#")) this.jumps.push({ name: href.slice(1), at: el.start });
      else {
        const problem = checkHref(href);
        if (problem) this.fail(el, problem);
      }
    }
    this.inline(el.children, depth, inner);
  }

  private defineName(el: RichElement, name: string | undefined): void {
    if (name === undefined) return;
    if (!/^[^\s#]{1,128}$/.test(name)) this.fail(el, `name "${name}" must be 1–128 characters without spaces or #`);
    if (this.names.has(name)) this.fail(el, `name "${name}" is defined twice`);
    else this.names.set(name, el.start);
  }

  /** An element whose content is plain text (entities decoded), no tags. */
  plainText(el: RichElement, required: boolean): void {
    let text = "";
    for (const c of el.children) {
      if (c.kind === "text") text += c.text;
      else this.fail(c, `<${c.name}> inside <${el.name}>: it holds plain text only`);
    }
    if (required && !text.trim()) this.fail(el, `empty <${el.name}>`);
    this.stats.characters += text.length;
  }

  button(el: RichElement, depth: number): void {
    for (const problem of checkButton(el.attrs)) this.fail(el, problem);
    let label = "";
    for (const c of el.children) {
      if (c.kind === "text") label += c.text;
      else if (c.name === "tg-emoji" || c.name === "tg-time" || isEmojiImage(c)) {
        label += "x";
        this.inlineElement(c, depth + 1, { where: "<tg-button>", inside: new Set(["tg-button"]), buttons: false });
      } else this.fail(c, `<${c.name}> inside <tg-button>: a button label is text, custom emoji and dates only`);
    }
    if (!label.trim()) this.fail(el, "<tg-button> has no label");
    this.stats.characters += label.length;
  }

  /** Children apart from a trailing `<cite>` (checked here), for blocks that carry a credit. */
  private withCredit(el: RichElement, depth: number): RichNode[] {
    let last = el.children.length - 1;
    while (last >= 0 && isBlank(el.children[last]!)) last--;
    const rest: RichNode[] = [];
    el.children.forEach((c, k) => {
      if (c.kind === "element" && c.name === "cite") {
        if (k !== last) this.fail(c, `<cite> must end <${el.name}>`);
        this.enter(depth + 1);
        this.attrs(c, {});
        this.inline(c.children, depth + 1, { where: "<cite>", inside: new Set(["cite"]), buttons: false });
      } else rest.push(c);
    });
    return rest;
  }

  private block(el: RichElement, depth: number): void {
    this.enter(depth);
    this.stats.blocks++;
    const name = el.name;
    if (SHOW_SOMETHING.has(name) && !showsSomething(el)) this.fail(el, `empty <${name}>`);
    if (TEXT_BLOCKS.has(name)) {
      this.attrs(el, {});
      this.inline(el.children, depth, { where: `<${name}>`, inside: new Set(), buttons: name === "p" });
    } else if (name === "pre") this.pre(el, depth);
    else if (name === "hr") this.attrs(el, {});
    else if (name === "tg-math-block") {
      this.attrs(el, {});
      this.plainText(el, true);
    } else if (name === "ul" || name === "ol") checkList(this, el, depth);
    else if (name === "blockquote") {
      this.attrs(el, { expandable: "flag" });
      const rest = this.withCredit(el, depth);
      if (el.attrs.has("expandable")) this.inline(rest, depth, { where: "<blockquote expandable>", inside: new Set(), buttons: false });
      else this.flow(rest, depth, "<blockquote>");
    } else if (name === "aside") {
      this.attrs(el, {});
      this.inline(this.withCredit(el, depth), depth, { where: "<aside>", inside: new Set(), buttons: false });
    } else if (name === "figure") checkFigure(this, el, depth);
    else if (name === "tg-map") this.map(el);
    else if (name === "tg-collage" || name === "tg-slideshow") checkGallery(this, el, depth);
    else if (name === "table") checkTable(this, el, depth);
    else if (name === "details") checkDetails(this, el, depth);
    else if (name === "tg-button-row") checkButtonRow(this, el, depth);
  }

  media(el: RichElement, depth: number, isBlock: boolean): void {
    this.enter(depth);
    if (isBlock) this.stats.blocks++;
    this.stats.media++;
    this.attrs(el, MEDIA_ATTRS[el.name] ?? {});
    if (el.children.some((c) => !isBlank(c))) this.fail(el, `<${el.name}> must be empty`);
    const src = this.str(el, "src");
    const link = src === undefined ? null : TG_MEDIA_LINK.exec(src);
    if (src === undefined) this.fail(el, `<${el.name}> needs src`);
    else if (link) {
      const kind = link[1] as RichMediaKind;
      if (kind !== MEDIA[el.name]) this.fail(el, `<${el.name}> cannot show a tg://${kind} link`);
      this.links.push({ kind, id: link[2]!, at: el.start });
    } else if (!/^https?:\/\/[^\s]+$/i.test(src)) this.fail(el, `<${el.name}> src "${src}" is neither an http(s) URL nor a tg://${MEDIA[el.name]}?id= link`);
  }

  map(el: RichElement): void {
    this.attrs(el, { lat: "value", long: "value", zoom: "value" });
    const inRange = (key: string, min: number, max: number, integer = false): boolean => {
      const raw = this.str(el, key);
      const n = Number(raw);
      return raw !== undefined && raw.trim() !== "" && Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n));
    };
    if (!inRange("lat", -90, 90)) this.fail(el, "<tg-map> needs lat in −90..90");
    if (!inRange("long", -180, 180)) this.fail(el, "<tg-map> needs long in −180..180");
    if (el.attrs.has("zoom") && !inRange("zoom", 0, 24, true)) this.fail(el, "<tg-map> zoom must be an integer 0–24");
    if (el.children.some((c) => !isBlank(c))) this.fail(el, "<tg-map> must be empty");
  }

  /** Element children of a structural tag; stray text is an error. */
  elements(el: RichElement): RichElement[] {
    const out: RichElement[] = [];
    for (const c of el.children) {
      if (c.kind === "element") out.push(c);
      else if (c.text.trim()) this.fail(c, `text directly inside <${el.name}>`);
    }
    return out;
  }

  private pre(el: RichElement, depth: number): void {
    this.attrs(el, {});
    const code = el.children[0];
    if (el.children.every((c) => c.kind === "text")) this.plainText(el, false);
    else if (el.children.length === 1 && code?.kind === "element" && code.name === "code") {
      this.enter(depth + 1);
      this.attrs(code, { class: "value" });
      const cls = this.str(code, "class");
      if (cls !== undefined && !/^language-[\w+#.-]+$/.test(cls)) this.fail(code, `<code class="${cls}"> is not class="language-…"`);
      this.plainText(code, false);
    } else this.fail(el, "<pre> holds text or exactly one <code>");
  }

  caption(el: RichElement, depth: number): void {
    this.enter(depth);
    this.attrs(el, {});
    this.inline(this.withCredit(el, depth), depth, { where: "<figcaption>", inside: new Set(), buttons: false });
  }

}
