/**
 * How kramdown reads HTML written at the start of a line in Markdown, so that the pre-scanner
 * can give remark the same blocks: a block-level element runs to its matching closing tag (blank
 * lines inside included) and the next line is Markdown again; a span-level tag (img, br, a…)
 * is text of a paragraph. CommonMark instead runs an HTML block to the next blank line, which
 * swallows the Markdown written right after it. Pure functions over the source text.
 */
import { lineEnd } from "../text/lines.js";

/** kramdown's span-level elements: at the start of a line they begin a paragraph. */
const SPAN_ELEMENTS = new Set(
  ("a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark option q rb rbc rp rt " +
    "rtc ruby samp select small span strong sub sup tt u var font").split(" "),
);
/** Elements that never have content: the tag alone is the whole element. */
const WITHOUT_BODY = new Set("area base br col command embed hr img input keygen link meta param source track wbr".split(" "));

const ATTRS = String.raw`(?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>\x60]+))?)*`;
const OPEN_TAG = new RegExp(String.raw`<([A-Za-z][\w:-]*)(${ATTRS})\s*(\/?)>`, "y");
const ONE_TAG_LINE = new RegExp(String.raw`^<\/?([A-Za-z][\w:-]*)${ATTRS}\s*\/?>\s*$`);

export type HtmlBlock =
  /** One HTML element read as HTML, from the tag to the end of the line of its closing tag. */
  | { kind: "element"; end: number }
  /** An element whose content is Markdown (`markdown="1"`, or text set off by blank lines): only its tag lines are HTML. */
  | { kind: "wrapper" };

/**
 * The block-level HTML element whose opening tag starts at `pos`, or null when kramdown would
 * not read one there (a span-level tag, not a tag at all, or no matching closing tag: then the
 * text is left to the Markdown parser as before).
 */
export function htmlBlockAt(src: string, pos: number): HtmlBlock | null {
  OPEN_TAG.lastIndex = pos;
  const open = OPEN_TAG.exec(src);
  if (!open) return null;
  const name = open[1]!.toLowerCase();
  if (SPAN_ELEMENTS.has(name)) return null;
  const tagEnd = pos + open[0].length;
  if (open[3] || WITHOUT_BODY.has(name)) return { kind: "element", end: lineEnd(src, tagEnd) };
  if (/\bmarkdown\s*=\s*["']?(?:1|block|span)\b/i.test(open[2]!)) return { kind: "wrapper" };
  const close = matchingClose(src, tagEnd, name);
  if (close < 0) return null;
  // Text after a blank line inside the element (not in a style sheet, script or <pre>) is
  // Markdown the author meant to be read as such.
  const content = src.slice(tagEnd, close).replace(/<(style|script|pre)\b[\s\S]*?<\/\1>|<!--[\s\S]*?-->/gi, "");
  if (/\n[ \t>]*\n[ \t>]*[^\s<>]/.test(content)) return { kind: "wrapper" };
  return { kind: "element", end: lineEnd(src, close) };
}

/** A line holding nothing but one span-level tag (`<br/>`, `<img …>`, `</a>`): paragraph text to kramdown. */
export function isSpanTagLine(line: string): boolean {
  const m = ONE_TAG_LINE.exec(line);
  return !!m && SPAN_ELEMENTS.has(m[1]!.toLowerCase());
}

/** A line holding nothing but the closing tag of a block-level element. */
export function isBlockCloseLine(line: string): boolean {
  const m = /^<\/([A-Za-z][\w:-]*)\s*>\s*$/.exec(line);
  return !!m && !SPAN_ELEMENTS.has(m[1]!.toLowerCase());
}

/** Offset just after the closing tag that matches an element opened before `from`; -1 if none. */
function matchingClose(src: string, from: number, name: string): number {
  const tags = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w:-]*)(?:\s[^>]*)?>/g;
  tags.lastIndex = from;
  let depth = 1;
  for (let m = tags.exec(src); m; m = tags.exec(src)) {
    if (!m[2] || m[2].toLowerCase() !== name) continue;
    if (m[1]) depth--;
    else if (!m[0].endsWith("/>")) depth++;
    if (depth === 0) return m.index + m[0].length;
  }
  return -1;
}
