/**
 * Reads the HTML of a Telegram rich message (Bot API 10.1 `InputRichMessage.html`) into a tree,
 * reporting what no HTML reader could accept: a bare `<` or `&`, entities outside the spec's short
 * list, malformed or mismatched tags. Which tags go where is telegramRich.ts's job.
 *
 * Assumptions where rich.d.ts is silent: tag and attribute names are matched case-insensitively;
 * attribute values are quoted ('…' or "…"), never bare; `/>` closes only void and media tags.
 */

export interface RichElement {
  kind: "element";
  /** Lower-cased tag name. */
  name: string;
  /** Decoded attribute values; `true` for a bare attribute (`checked`, `open`). */
  attrs: ReadonlyMap<string, string | true>;
  children: RichNode[];
  /** Character offset of the `<` of the start tag. */
  start: number;
}

export interface RichTextNode {
  kind: "text";
  /** Text with entities decoded. */
  text: string;
  start: number;
}

export type RichNode = RichElement | RichTextNode;

/** Whitespace-only text: layout between tags, not content. */
export function isBlank(node: RichNode): boolean {
  return node.kind === "text" && !node.text.trim();
}

/**
 * Whether a node shows something: text that is not blank, a picture or other media, a formula, a rule
 * or a checkbox, at any depth. Telegram refuses an element that shows nothing (an empty paragraph,
 * list item, code block or quote).
 */
export function showsSomething(node: RichNode): boolean {
  if (node.kind === "text") return node.text.trim() !== "";
  if (["img", "video", "audio", "tg-document", "tg-map", "tg-math", "tg-math-block", "hr", "input", "tg-emoji"].includes(node.name)) return true;
  return node.children.some(showsSomething);
}

/** Tags with no content: the end tag is never written (`<br>`, `<img …/>`). */
export const VOID_TAGS: ReadonlySet<string> = new Set(["br", "hr", "img", "input"]);
/** Tags the spec writes both as `<video …/>` and `<video …></video>`. */
const SELF_CLOSABLE: ReadonlySet<string> = new Set(["video", "audio", "tg-document", "tg-map"]);

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  lt: "<",
  gt: ">",
  amp: "&",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  hellip: "\u2026",
  mdash: "\u2014",
  ndash: "\u2013",
  lsquo: "\u2018",
  rsquo: "\u2019",
  ldquo: "\u201c",
  rdquo: "\u201d",
};

const START_TAG = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z][\w-]*(?:\s*=\s*(?:"[^"<]*"|'[^'<]*'))?)*)\s*(\/?)>/y;
const END_TAG = /<\/([a-zA-Z][a-zA-Z0-9-]*)\s*>/y;
const ATTRIBUTE = /([a-zA-Z][\w-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g;
const ENTITY = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,8})|([a-zA-Z][a-zA-Z0-9]*));/y;

/** Decodes the rich dialect's entities; each problem goes to `errors` with its offset. */
export function decodeRichEntities(raw: string, offset: number, errors: string[]): string {
  if (!raw.includes("&")) return raw;
  let out = "";
  let i = 0;
  while (i < raw.length) {
    const amp = raw.indexOf("&", i);
    if (amp < 0) break;
    out += raw.slice(i, amp);
    ENTITY.lastIndex = amp;
    const m = ENTITY.exec(raw);
    if (!m) {
      errors.push(`bare "&" at ${offset + amp}: write &amp;`);
      out += "&";
      i = amp + 1;
      continue;
    }
    if (m[3] !== undefined) {
      const named = NAMED_ENTITIES[m[3]];
      if (named === undefined) errors.push(`unsupported entity "${m[0]}" at ${offset + amp}`);
      out += named ?? m[0];
    } else {
      const cp = m[1] !== undefined ? Number(m[1]) : parseInt(m[2]!, 16);
      if (cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        errors.push(`invalid character reference "${m[0]}" at ${offset + amp}`);
        out += m[0];
      } else out += String.fromCodePoint(cp);
    }
    i = amp + m[0].length;
  }
  return out + raw.slice(i);
}

function readAttributes(raw: string, name: string, start: number, errors: string[]): Map<string, string | true> {
  const attrs = new Map<string, string | true>();
  for (const a of raw.matchAll(ATTRIBUTE)) {
    const key = a[1]!.toLowerCase();
    if (attrs.has(key)) errors.push(`duplicate attribute "${key}" on <${name}> at ${start}`);
    const value = a[2] ?? a[3];
    attrs.set(key, value === undefined ? true : decodeRichEntities(value, start, errors));
  }
  return attrs;
}

/** The document as a tree under a synthetic root element (`name: "#root"`), plus syntax errors. */
export function parseRichHtml(html: string): { root: RichElement; errors: string[] } {
  const errors: string[] = [];
  const root: RichElement = { kind: "element", name: "#root", attrs: new Map(), children: [], start: 0 };
  const stack: RichElement[] = [root];
  const top = (): RichElement => stack[stack.length - 1]!;
  let i = 0;
  const pushText = (from: number, to: number): void => {
    if (to > from) top().children.push({ kind: "text", text: decodeRichEntities(html.slice(from, to), from, errors), start: from });
  };
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) {
      pushText(i, html.length);
      break;
    }
    pushText(i, lt);
    END_TAG.lastIndex = lt;
    const end = END_TAG.exec(html);
    if (end) {
      closeTag(end[1]!.toLowerCase(), lt, stack, errors);
      i = lt + end[0].length;
      continue;
    }
    START_TAG.lastIndex = lt;
    const open = START_TAG.exec(html);
    if (!open) {
      errors.push(`bare "<" at ${lt}: write &lt; (or a malformed tag)`);
      top().children.push({ kind: "text", text: "<", start: lt });
      i = lt + 1;
      continue;
    }
    const name = open[1]!.toLowerCase();
    const element: RichElement = { kind: "element", name, attrs: readAttributes(open[2] ?? "", name, lt, errors), children: [], start: lt };
    top().children.push(element);
    const selfClosed = open[3] === "/";
    if (selfClosed && !VOID_TAGS.has(name) && !SELF_CLOSABLE.has(name)) errors.push(`<${name}/> at ${lt}: only void and media tags may self-close`);
    if (!VOID_TAGS.has(name) && !(selfClosed && SELF_CLOSABLE.has(name))) stack.push(element);
    i = lt + open[0].length;
  }
  for (const unclosed of stack.slice(1).reverse()) errors.push(`<${unclosed.name}> at ${unclosed.start} is never closed`);
  return { root, errors };
}

function closeTag(name: string, at: number, stack: RichElement[], errors: string[]): void {
  if (VOID_TAGS.has(name)) {
    errors.push(`</${name}> at ${at}: <${name}> has no end tag`);
    return;
  }
  let depth = stack.length - 1;
  while (depth > 0 && stack[depth]!.name !== name) depth--;
  if (depth === 0) {
    errors.push(`</${name}> at ${at} closes nothing`);
    return;
  }
  for (const unclosed of stack.splice(depth).slice(1).reverse()) errors.push(`<${unclosed.name}> at ${unclosed.start} is not closed before </${name}> at ${at}`);
}
