/**
 * The lesson tree: what a post says, independent of Markdown and of any chat platform.
 * Parsers produce it; the splitter measures and cuts it; renderers turn it into messages.
 */

export type Inline =
  | { t: "text"; v: string }
  | { t: "strong" | "em" | "del"; c: Inline[] }
  | { t: "code"; v: string }
  | { t: "link"; url: string; c: Inline[] }
  | { t: "math"; tex: string; line: number; display?: boolean }
  | { t: "image"; src: string; alt: string; local: boolean }
  | { t: "br" }
  | { t: "fnref"; label: string };

export type CalloutKind = "note" | "tip" | "important" | "warning" | "caution" | "error" | "success";

/**
 * `continued`: this code block, list or table is a later piece of one too long for a lesson
 * (see cutBlocks.ts); renderers say so before it. `firstLineNumber`: the number `linenos` shows
 * on the first line of such a piece (1 when absent).
 */
export type Block =
  | { t: "heading"; depth: number; c: Inline[]; anchor: string; line: number }
  | { t: "para"; c: Inline[]; line: number }
  | { t: "code"; lang: string; code: string; linenos: boolean; line: number; continued?: true; firstLineNumber?: number }
  | { t: "math"; tex: string; line: number }
  | { t: "image"; src: string; alt: string; local: boolean; line: number }
  | { t: "list"; ordered: boolean; start: number; items: Block[][]; line: number; continued?: true }
  | { t: "quote"; c: Block[]; line: number }
  | { t: "callout"; kind: CalloutKind; title: Inline[]; c: Block[]; line: number }
  | { t: "details"; summary: Inline[]; c: Block[]; line: number }
  | { t: "table"; align: ("left" | "right" | "center" | null)[]; rows: Inline[][][]; line: number; continued?: true }
  | { t: "footnote"; label: string; c: Block[]; line: number }
  | { t: "hr"; line: number };

/**
 * A code block as a reader is shown it: every line, blank ones included, but not the blank lines
 * that end it. The reading model times these lines; renderers show them.
 */
export function shownCode(code: string): string {
  return code.replace(/\n+$/, "");
}

/** Plain text of inline content (math as its TeX, images as their alt text). */
export function inlineText(c: Inline[]): string {
  let s = "";
  for (const n of c) {
    switch (n.t) {
      case "text":
      case "code":
        s += n.v;
        break;
      case "strong":
      case "em":
      case "del":
      case "link":
        s += inlineText(n.c);
        break;
      case "math":
        s += n.tex;
        break;
      case "image":
        s += n.alt;
        break;
      case "br":
        s += "\n";
        break;
      case "fnref":
        s += `[${n.label}]`;
        break;
      default:
        n satisfies never;
    }
  }
  return s;
}

/** Every block nested in `blocks`, depth first, the containers included. */
export function* walkBlocks(blocks: Block[]): Generator<Block> {
  for (const b of blocks) {
    yield b;
    switch (b.t) {
      case "list":
        for (const item of b.items) yield* walkBlocks(item);
        break;
      case "quote":
      case "callout":
      case "details":
      case "footnote":
        yield* walkBlocks(b.c);
        break;
      default:
        break;
    }
  }
}
