/**
 * How Telegram counts a rich message against its limits: characters of text (formula source
 * included), blocks (nested blocks, list items, table rows, quotes and details included) and
 * nesting depth. Works on the HTML this engine writes (well-formed, attributes quoted).
 */

const BLOCK_TAGS = new Set([
  "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "footer", "hr", "tg-math-block", "ul", "ol", "li",
  "blockquote", "aside", "table", "tr", "details", "figure", "tg-collage", "tg-slideshow",
]);
const VOID_TAGS = new Set(["br", "hr", "img", "input"]);

export interface RichStats {
  characters: number;
  blocks: number;
  depth: number;
}

export function richStats(html: string): RichStats {
  let blocks = 0;
  let depth = 0;
  let max = 0;
  for (const m of html.matchAll(/<(\/?)([a-z][\w-]*)[^>]*?(\/?)>/g)) {
    const name = m[2]!;
    if (m[1]) {
      depth--;
      continue;
    }
    if (BLOCK_TAGS.has(name)) blocks++;
    if (VOID_TAGS.has(name) || m[3]) continue;
    depth++;
    if (depth > max) max = depth;
  }
  return { characters: richTextLength(html), blocks, depth: max };
}

/** Characters of text: tags removed, entities counted as the one character they stand for. */
export function richTextLength(html: string): number {
  const text = html.replace(/<[^>]*>/g, "").replace(/&(?:#x[0-9a-f]+|#\d+|[a-z]+);/gi, "x");
  let n = 0;
  for (const _ of text) n++;
  return n;
}
