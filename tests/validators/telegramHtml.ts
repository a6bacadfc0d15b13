/**
 * Telegram's classic HTML parse mode (`parse_mode: "HTML"`), checked the way tdlib's parser checks
 * it: the tag whitelist, each tag's attributes, nesting, escaping. Used by the engine's message
 * validator and by the fake Bot API server.
 *
 * Stricter than tdlib on purpose, so a renderer bug shows up here before Telegram hides it:
 * - a bare `&` and unknown named entities (`&nbsp;`) are errors (tdlib shows them literally);
 * - unknown attributes are errors (tdlib ignores them); attribute values must be double-quoted;
 * - `<a>` needs an absolute http(s)/tg/mailto href; `<tg-emoji>` and `<tg-time>` need their ids.
 */

/** Tags tdlib's HTML parser knows. */
const TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote", "tg-spoiler", "span", "tg-emoji", "tg-time"]);
/** Entities that can sit inside anything but pre/code (Bot API "formatting options"). */
const FORMATTING = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler", "span"]);
/** Attributes each tag may carry; `true` marks a bare (valueless) attribute. */
const ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, boolean>>>> = {
  a: { href: false },
  span: { class: false },
  code: { class: false },
  blockquote: { expandable: true },
  "tg-emoji": { "emoji-id": false },
  "tg-time": { unix: false, format: false },
};
const TIME_FORMAT = /^(?:r|w?[dD]?[tT]?)$/;

const TOKEN = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z][\w-]*(?:\s*=\s*"[^"<>]*")?)*)\s*(\/?)>|<|&(?:(lt|gt|amp|quot)|#(\d{1,8})|#[xX]([0-9a-fA-F]{1,8}));|&([a-zA-Z]\w*;)?/g;
const ATTRIBUTE = /([a-zA-Z][\w-]*)(?:\s*=\s*"([^"]*)")?/g;

function byteOffset(html: string, index: number): number {
  return Buffer.byteLength(html.slice(0, index));
}

function validCodePoint(cp: number): boolean {
  return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
}

/** Problems Telegram's HTML parser would raise for this text (empty when it parses). */
export function telegramHtmlErrors(html: string): string[] {
  const errors: string[] = [];
  const stack: string[] = [];
  const at = (index: number): string => `at byte offset ${byteOffset(html, index)}`;
  for (const m of html.matchAll(TOKEN)) {
    const tok = m[0];
    const index = m.index;
    if (tok === "<") {
      errors.push(`Unescaped "<" ${at(index)}`);
      continue;
    }
    if (tok.startsWith("&")) {
      if (m[8]) errors.push(`Unsupported entity "&${m[8]}" ${at(index)}: only &lt; &gt; &amp; &quot; and numeric entities are decoded`);
      else if (tok === "&" || tok.length === 1) errors.push(`Unescaped "&" ${at(index)}`);
      else if (m[6] !== undefined && !validCodePoint(Number(m[6]))) errors.push(`Invalid character reference "${tok}" ${at(index)}`);
      else if (m[7] !== undefined && !validCodePoint(parseInt(m[7], 16))) errors.push(`Invalid character reference "${tok}" ${at(index)}`);
      continue;
    }
    const closing = m[1] === "/";
    const name = m[2]!.toLowerCase();
    const rawAttrs = m[3] ?? "";
    if (!TAGS.has(name)) {
      errors.push(`Unsupported ${closing ? "end" : "start"} tag "${name}" ${at(index)}`);
      continue;
    }
    if (closing) {
      if (rawAttrs.trim() || m[4]) errors.push(`End tag "${name}" with attributes ${at(index)}`);
      if (stack.at(-1) !== name) errors.push(`Unmatched end tag ${at(index)}, expected "</${stack.at(-1) ?? "nothing"}>", found "</${name}>"`);
      else stack.pop();
      continue;
    }
    if (m[4]) errors.push(`Self-closing tag "${name}" ${at(index)}`);
    errors.push(...tagErrors(name, rawAttrs, stack, at(index)));
    if (!m[4]) stack.push(name);
  }
  for (const open of stack.reverse()) errors.push(`Can't find end tag corresponding to start tag "${open}"`);
  return errors;
}

function tagErrors(name: string, rawAttrs: string, stack: readonly string[], where: string): string[] {
  const errors: string[] = [];
  const allowed = ATTRIBUTES[name] ?? {};
  const attrs = new Map<string, string | undefined>();
  for (const a of rawAttrs.matchAll(ATTRIBUTE)) {
    const key = a[1]!.toLowerCase();
    const value = a[2];
    if (attrs.has(key)) errors.push(`Duplicate attribute "${key}" in tag "${name}" ${where}`);
    attrs.set(key, value);
    if (value !== undefined && /&(?!(?:lt|gt|amp|quot|#\d{1,8}|#[xX][0-9a-fA-F]{1,8});)/.test(value)) errors.push(`Unescaped "&" in attribute "${key}" of tag "${name}" ${where}`);
    if (!(key in allowed)) errors.push(`Unsupported attribute "${key}" in tag "${name}" ${where}`);
    else if (allowed[key] !== (value === undefined)) errors.push(`Attribute "${key}" of tag "${name}" ${allowed[key] ? "takes no value" : "needs a value"} ${where}`);
  }
  const parent = stack.at(-1);
  const href = attrs.get("href");
  if (name === "a" && !href) errors.push(`<a> without href ${where}`);
  if (name === "a" && href && !/^(?:https?:\/\/[^\s]+|tg:\/\/[^\s]+|mailto:[^\s]+)$/i.test(decodeAttribute(href))) errors.push(`<a> href "${href}" is not an absolute http(s), tg or mailto URL ${where}`);
  if (name === "span" && attrs.get("class") !== "tg-spoiler") errors.push(`<span> without class "tg-spoiler" ${where}`);
  if (name === "tg-emoji" && !/^\d+$/.test(attrs.get("emoji-id") ?? "")) errors.push(`<tg-emoji> without a numeric emoji-id ${where}`);
  if (name === "tg-time" && !/^\d+$/.test(attrs.get("unix") ?? "")) errors.push(`<tg-time> without a unix time ${where}`);
  const format = attrs.get("format");
  if (name === "tg-time" && format !== undefined && !TIME_FORMAT.test(format)) errors.push(`<tg-time> format "${format}" is invalid ${where}`);
  const codeClass = attrs.get("class");
  if (name === "code" && codeClass !== undefined && !(parent === "pre" && /^language-[\w+#.-]+$/.test(codeClass))) errors.push(`<code class> is allowed only as <pre><code class="language-…"> ${where}`);
  if (name === "blockquote" && stack.includes("blockquote")) errors.push(`Nested <blockquote> ${where}`);
  if (parent === "code" || parent === "a" || parent === "tg-emoji" || parent === "tg-time") errors.push(`<${name}> inside <${parent}> ${where}`);
  if (parent === "pre" && name !== "code") errors.push(`<${name}> inside <pre> ${where}`);
  if (stack.includes("pre") && FORMATTING.has(name)) errors.push(`<${name}> inside <pre> ${where}`);
  if (name === "pre" && stack.includes("pre")) errors.push(`Nested <pre> ${where}`);
  return errors;
}

function decodeAttribute(value: string): string {
  return decodeClassicEntities(value);
}

/** Decodes the entities tdlib decodes (`&lt; &gt; &amp; &quot;` and numeric ones). */
export function decodeClassicEntities(text: string): string {
  return text.replace(/&(?:(lt|gt|amp|quot)|#(\d{1,8})|#[xX]([0-9a-fA-F]{1,8}));/g, (whole, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (named) return { lt: "<", gt: ">", amp: "&", quot: '"' }[named as "lt" | "gt" | "amp" | "quot"];
    const cp = dec !== undefined ? Number(dec) : parseInt(hex ?? "", 16);
    return validCodePoint(cp) ? String.fromCodePoint(cp) : whole;
  });
}

/** The text a reader sees: tags dropped, entities decoded. */
export function telegramPlainText(html: string): string {
  return decodeClassicEntities(html.replace(/<[^>]*>/g, ""));
}

/** Length Telegram counts against 4096 / 1024, in UTF-16 units (never under-counts tdlib's code points). */
export function telegramVisibleLength(html: string): number {
  return telegramPlainText(html).length;
}
