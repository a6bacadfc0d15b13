/**
 * Reads the HTML of a Telegram message (parse mode HTML, or a rich message) into a tree, tolerantly:
 * the preview must show whatever a message holds, so a stray `<` stays text and an unclosed tag ends
 * with its parent. Which tags mean what is the drawers' job (telegramRich.ts, telegramClassic.ts).
 */
import { decodeEntities } from "../../text/entities.js";

export interface TagElement {
  kind: "element";
  /** Lower-cased tag name. */
  name: string;
  /** Decoded attribute values; `true` for a bare attribute (`open`, `expandable`). */
  attrs: ReadonlyMap<string, string | true>;
  children: TagNode[];
}

export interface TagText {
  kind: "text";
  /** Text with entities decoded. */
  text: string;
}

export type TagNode = TagElement | TagText;

/** Tags without an end tag. */
const VOID = new Set(["br", "hr", "img", "input"]);

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z][\w-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/y;
const ATTRIBUTE = /([a-zA-Z][\w-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

export function parseTags(html: string): TagElement {
  const root: TagElement = { kind: "element", name: "#root", attrs: new Map(), children: [] };
  const stack: TagElement[] = [root];
  const top = (): TagElement => stack[stack.length - 1]!;
  const text = (s: string): void => {
    if (s) top().children.push({ kind: "text", text: decodeEntities(s) });
  };
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) break;
    TAG.lastIndex = lt;
    const m = TAG.exec(html);
    if (!m) {
      text(html.slice(i, lt + 1));
      i = lt + 1;
      continue;
    }
    text(html.slice(i, lt));
    i = lt + m[0].length;
    const name = m[2]!.toLowerCase();
    if (m[1]) {
      // An end tag closes the nearest open element of its name, and whatever is open inside it.
      const at = stack.map((e) => e.name).lastIndexOf(name);
      if (at > 0) stack.length = at;
      continue;
    }
    const attrs = new Map<string, string | true>();
    for (const a of (m[3] ?? "").matchAll(ATTRIBUTE)) {
      const value = a[2] ?? a[3] ?? a[4];
      attrs.set(a[1]!.toLowerCase(), value === undefined ? true : decodeEntities(value));
    }
    const el: TagElement = { kind: "element", name, attrs, children: [] };
    top().children.push(el);
    if (!VOID.has(name) && !m[4]) stack.push(el);
  }
  text(html.slice(i));
  return root;
}

/** An attribute as a string (a bare attribute has none). */
export function attrOf(el: TagElement, key: string): string | undefined {
  const v = el.attrs.get(key);
  return typeof v === "string" ? v : undefined;
}

/** The element's text, entities decoded, tags left out. */
export function textOf(node: TagNode): string {
  return node.kind === "text" ? node.text : node.children.map(textOf).join("");
}
