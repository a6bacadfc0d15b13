/**
 * What kramdown makes of a post (tests/oracle/kramdown.rb) against the engine's lesson tree:
 * every box, heading, code block, formula, table, image and quote kramdown finds must be in
 * the tree, as the same kind of block, holding the same words. Differences come back as
 * readable lines; the test decides which of them are justified exceptions.
 */
import type { Block, Inline } from "../../src/course/blocks.js";
import { inlineText, walkBlocks } from "../../src/course/blocks.js";
import { inlinesOf } from "../../src/course/split.js";

export interface KramdownSummary {
  boxes: { kind: string; element: string; text: string }[];
  headings: { level: number; text: string }[];
  code: { lang: string; first: string; lines: number; inList: boolean }[];
  math: { tex: string; display: boolean }[];
  tables: { rows: number; first: string; cells: { images: number; text: string }[]; srcs: string[] }[];
  images: { src: string; alt: string }[];
  quotes: { text: string }[];
}

export interface Mismatch {
  kind: "box" | "heading" | "code" | "math" | "table" | "image" | "quote";
  detail: string;
}

/** The words of a text, lower case, in order: punctuation, quotes and spacing do not count. */
export function wordsOf(text: string): string {
  return (text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" ");
}

const texKey = (tex: string): string => tex.replace(/\s+/g, "");

const BOX_KIND: Record<string, string> = { note: "note", info: "note", tip: "tip", warning: "warning", error: "error", success: "success" };

/** A table whose cells hold only images and their captions is page layout, not data. */
export function isLayoutTable(t: KramdownSummary["tables"][number]): boolean {
  const withImages = t.cells.filter((c) => c.images > 0).length;
  const textOnly = t.cells.filter((c) => c.images === 0 && c.text.trim()).length;
  return withImages > 0 && textOnly <= withImages;
}

/** Plain text of inline content, a formula set off by spaces as a reader sees it. */
function textOf(c: Inline[]): string {
  return c.map((i) => (i.t === "math" ? ` ${i.tex} ` : "c" in i ? textOf(i.c) : inlineText([i]))).join("");
}

function blockText(b: Block): string {
  return [...walkBlocks([b])]
    .map((x) => (x.t === "code" ? x.code : x.t === "math" ? x.tex : x.t === "image" ? x.alt : textOf(inlinesOf(x))))
    .join(" ");
}

function inlineImages(c: Inline[], out: { src: string; alt: string; block: boolean }[]): void {
  for (const i of c) {
    if (i.t === "image") out.push({ src: i.src, alt: i.alt, block: false });
    if ("c" in i) inlineImages(i.c, out);
  }
}

function inlineMath(c: Inline[], out: string[]): void {
  for (const i of c) {
    if (i.t === "math") out.push(texKey(i.tex));
    if ("c" in i) inlineMath(i.c, out);
  }
}

/** Code blocks in order: first non-empty line, and whether a list item holds them. */
function codeBlocks(blocks: Block[], inList: boolean): { first: string; inList: boolean }[] {
  return blocks.flatMap((b) => {
    switch (b.t) {
      case "code":
        return [{ first: b.code.split("\n").find((l) => l.trim())?.trim() ?? "", inList }];
      case "list":
        return b.items.flatMap((item) => codeBlocks(item, true));
      case "quote":
      case "callout":
      case "details":
      case "footnote":
        return codeBlocks(b.c, inList);
      default:
        return [];
    }
  });
}

/** Take the first element of `pool` that `match` accepts; false when none does. */
function take<T>(pool: T[], match: (x: T) => boolean): boolean {
  const i = pool.findIndex(match);
  if (i < 0) return false;
  pool.splice(i, 1);
  return true;
}

const short = (s: string): string => (s.length > 70 ? s.slice(0, 67) + "…" : s);

export function compareWithKramdown(k: KramdownSummary, blocks: Block[], title: string): Mismatch[] {
  const all = [...walkBlocks(blocks)];
  const out: Mismatch[] = [];

  const callouts = all.flatMap((b) => (b.t === "callout" ? [{ kind: b.kind as string, words: wordsOf(textOf(b.title) + " " + b.c.map(blockText).join(" ")) }] : []));
  for (const box of k.boxes) {
    const want = wordsOf(box.text);
    const kind = BOX_KIND[box.kind] ?? "note";
    if (!take(callouts, (c) => c.kind === kind && c.words === want)) out.push({ kind: "box", detail: `box-${box.kind} on a ${box.element} «${short(box.text)}» is not a ${kind} call-out holding that text` });
  }

  const headings = all.flatMap((b) => (b.t === "heading" ? [wordsOf(textOf(b.c))] : []));
  let titleUsed = false;
  for (const h of k.headings) {
    const want = wordsOf(h.text);
    if (take(headings, (x) => x === want)) continue;
    // A post without a title in its front matter is named by its first heading.
    if (!titleUsed && want === wordsOf(title)) {
      titleUsed = true;
      continue;
    }
    out.push({ kind: "heading", detail: `heading h${h.level} «${short(h.text)}» is not a heading` });
  }

  const code = codeBlocks(blocks, false);
  for (const c of k.code) {
    if (take(code, (x) => x.first === c.first && x.inList === c.inList)) continue;
    const where = c.inList ? "in a list item" : "outside lists";
    out.push({ kind: "code", detail: `code block starting «${short(c.first)}» is not a code block ${where}` });
  }
  for (const c of code) out.push({ kind: "code", detail: `the engine's code block starting «${short(c.first)}» is not one to kramdown` });

  const formulas: string[] = [];
  for (const b of all) {
    if (b.t === "math") formulas.push(texKey(b.tex));
    inlineMath(inlinesOf(b), formulas);
  }
  for (const m of k.math) {
    if (!take(formulas, (x) => x === texKey(m.tex))) out.push({ kind: "math", detail: `formula «${short(m.tex)}» is not a formula` });
  }

  const tables = all.flatMap((b) => (b.t === "table" ? [wordsOf((b.rows[0] ?? []).map((c) => textOf(c)).join(" "))] : []));
  const imageBlocks = all.flatMap((b) => (b.t === "image" ? [b.src] : []));
  for (const t of k.tables) {
    if (isLayoutTable(t)) {
      // Figures set side by side: each image is shown as an image of its own.
      const missing = t.srcs.filter((src) => !take(imageBlocks, (x) => x === src));
      if (missing.length) out.push({ kind: "table", detail: `layout table of ${t.srcs.length} images: ${missing.join(", ")} not shown as images` });
      continue;
    }
    if (!take(tables, (x) => x === wordsOf(t.first))) out.push({ kind: "table", detail: `table of ${t.rows} rows starting «${short(t.first)}» is not a table` });
  }

  const images: { src: string; alt: string; block: boolean }[] = [];
  for (const b of all) {
    if (b.t === "image") images.push({ src: b.src, alt: b.alt, block: true });
    inlineImages(inlinesOf(b), images);
  }
  for (const img of k.images) {
    if (!take(images, (x) => x.src === img.src && wordsOf(x.alt) === wordsOf(img.alt))) out.push({ kind: "image", detail: `image ${img.src} «${short(img.alt)}» is not an image` });
  }

  const quotes = all.flatMap((b) => (b.t === "quote" || b.t === "callout" ? [wordsOf((b.t === "callout" ? textOf(b.title) + " " : "") + b.c.map(blockText).join(" "))] : []));
  for (const q of k.quotes) {
    const want = wordsOf(q.text.replace(/^\s*\[!\w+\]/, ""));
    if (!take(quotes, (x) => x === want)) out.push({ kind: "quote", detail: `block quote «${short(q.text)}» is not a quote holding that text` });
  }
  return out;
}
