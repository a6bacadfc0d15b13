/**
 * A post → six-minute lessons. The further-reading section becomes the post's resources;
 * the rest is cut at the best boundaries: headings first, then between paragraphs, never
 * inside a block (code, formula, table, list, box) unless that block alone is longer than a
 * lesson (cutBlocks.ts). Cuts are chosen by dynamic programming: fewest lessons first, then no
 * piece under the minimum, then the best boundaries and even sizes.
 */
import type { Problem, Resource } from "../contract/lessons.js";
import type { Block, Inline } from "./blocks.js";
import { inlineText, walkBlocks } from "./blocks.js";
import type { Post } from "./load.js";
import { blockSeconds, detectLanguage, DEFAULT_READING_MODEL, type ReadingModel } from "./reading.js";
import { cutOversizedBlocks } from "./cutBlocks.js";
import { texToUnicode } from "../tex/index.js";
import { lessonLayout, type LessonLayout } from "./layout.js";

export interface Lesson {
  id: string;
  post: string;
  postTitle: string;
  title: string;
  /** Heading the lesson starts at (or continues), if any. */
  section?: string;
  part: number;
  parts: number;
  seconds: number;
  minutes: number;
  language: string;
  blocks: Block[];
  /** Footnote definitions referenced in this lesson, to be shown at its end. */
  footnotes: Block[];
  resources: Resource[];
  /** Why the lesson starts where it does and each block's reading time. */
  layout: LessonLayout;
}

const FURTHER_READING =
  /^(đọc thêm|tài liệu tham khảo|tham khảo|xem thêm|nguồn tham khảo|tài liệu đọc thêm|references?|further readings?|reading list|see also|bibliography|sources|resources|referências|referencias|leitura recomendada|leituras recomendadas|para saber mais)$/i;

export function isFurtherReadingHeading(text: string): boolean {
  const t = text
    .replace(/^\s*(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s*/i, "")
    .replace(/[:：.]\s*$/, "")
    .trim();
  return FURTHER_READING.test(t);
}

export function splitPost(
  post: Post,
  opts: { language?: string; model?: ReadingModel; problems?: Problem[] } = {},
): Lesson[] {
  const model = opts.model ?? DEFAULT_READING_MODEL;
  const extras = extractExtras(post.blocks);
  const { resources, footnotes } = extras;
  // The author's own word (front matter `lang:`) wins over the guess from the text.
  const language = post.meta.language ?? detectLanguage(extras.body.map(blockPlainText).join(" "), opts.language ?? "en");
  const body = cutOversizedBlocks(extras.body, language, model);
  const secs = body.map((b) => blockSeconds(b, language, model));
  const cuts = chooseCuts(body, secs, model);

  const pieces: Block[][] = [];
  for (let k = 0; k + 1 < cuts.length; k++) pieces.push(body.slice(cuts[k], cuts[k + 1]));
  if (!pieces.length) pieces.push([]);

  const usedIds = new Set<string>();
  const lessons: Lesson[] = [];
  let lastHeading: { text: string; anchor: string } | undefined;
  let offset = 0;
  pieces.forEach((blocks, k) => {
    const seconds = secs.slice(offset, offset + blocks.length).reduce((a, b) => a + b, 0);
    offset += blocks.length;
    const first = blocks[0];
    let anchor = "";
    let section: string | undefined;
    if (first?.t === "heading") {
      section = headingTitle(first.c);
      anchor = first.anchor;
    } else if (k > 0 && lastHeading) {
      section = lastHeading.text;
      anchor = lastHeading.anchor;
    }
    for (const b of blocks) if (b.t === "heading") lastHeading = { text: headingTitle(b.c), anchor: b.anchor };
    // The first lesson is the post itself; the others are named by the section they start in.
    let id = k === 0 ? post.meta.slug : `${post.meta.slug}#${anchor || `part-${k + 1}`}`;
    let n = 2;
    const base = id;
    while (usedIds.has(id)) id = `${base}-${n++}`;
    usedIds.add(id);
    const maxSeconds = model.maxLessonMinutes * 60;
    if (seconds > maxSeconds + 1e-9) {
      const culprit = blocks.find((b, i) => secs[offset - blocks.length + i]! > maxSeconds) ?? first;
      opts.problems?.push({
        file: post.meta.path,
        line: culprit?.line ?? 0,
        severity: "error",
        message: `lesson cannot be cut under ${model.maxLessonMinutes} minutes: one ${culprit?.t ?? "block"} alone reads in ${(seconds / 60).toFixed(1)} minutes`,
      });
    }
    lessons.push({
      id,
      post: post.meta.path,
      postTitle: post.meta.title,
      title: "",
      ...(section ? { section } : {}),
      part: k + 1,
      parts: pieces.length,
      seconds,
      minutes: Math.round((seconds / 60) * 10) / 10,
      language,
      blocks,
      footnotes: [],
      resources,
      layout: lessonLayout(blocks, secs.slice(offset - blocks.length, offset), body[offset - blocks.length - 1]),
    });
  });
  for (const l of lessons) {
    l.title = lessonTitle(l);
    l.footnotes = referencedFootnotes(l.blocks, footnotes.referenced);
  }
  // Footnotes nobody references keep their text at the end of the post.
  const last = lessons.at(-1)!;
  last.blocks.push(...footnotes.unreferenced);
  return lessons;
}

/** A heading as a plain title: its formulas in Unicode where Unicode writes them exactly. */
export function headingTitle(c: Inline[]): string {
  const plain = (xs: Inline[]): string =>
    xs.map((i) => (i.t === "math" ? (texToUnicode(i.tex) ?? i.tex) : "c" in i ? plain(i.c) : inlineText([i]))).join("");
  return plain(c).replace(/\s+/g, " ").trim();
}

function lessonTitle(l: Lesson): string {
  let t = l.postTitle;
  if (l.parts > 1) t += ` (${l.part}/${l.parts})`;
  if (l.section && l.parts > 1) t += ` · ${l.section}`;
  return t;
}

/**
 * Cut positions [0, …, n] over the blocks. A cut at j means a lesson starts at block j.
 */
export function chooseCuts(blocks: Block[], secs: number[], model: ReadingModel): number[] {
  const n = blocks.length;
  if (n === 0) return [0, 0];
  const max = model.maxLessonMinutes * 60;
  const min = model.minLessonMinutes * 60;
  const total = secs.reduce((a, b) => a + b, 0);
  const prefix = [0];
  for (const s of secs) prefix.push(prefix.at(-1)! + s);

  const boundaryPenalty = (j: number): number => {
    if (j === 0 || j === n) return 0;
    const prev = blocks[j - 1]!;
    const next = blocks[j]!;
    if (prev.t === "heading") return Number.POSITIVE_INFINITY;
    let p: number;
    if (next.t === "heading") p = next.depth <= 2 ? 0 : next.depth === 3 ? 8 : 20;
    else if (next.t === "hr" || prev.t === "hr") p = 15;
    else p = 60;
    // "…như sau:" introduces what follows: keep them together.
    if (prev.t === "para" && /[:：]\s*$/.test(inlineText(prev.c))) p += 80;
    return p;
  };

  const cost = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
  const from = new Array<number>(n + 1).fill(-1);
  cost[0] = 0;
  for (let j = 1; j <= n; j++) {
    const bp = boundaryPenalty(j);
    if (bp === Number.POSITIVE_INFINITY) continue;
    for (let i = j - 1; i >= 0; i--) {
      if (cost[i] === Number.POSITIVE_INFINITY) continue;
      const s = prefix[j]! - prefix[i]!;
      const single = j - i === 1;
      if (s > max && !single) break;
      let c = cost[i]! + 1000 + bp + ((s / 60) ** 2) * 2;
      if (s > max) c += 100_000; // an oversized single block: reported by the caller
      if (s < min && total > min) c += 500;
      if (c < cost[j]!) {
        cost[j] = c;
        from[j] = i;
      }
    }
  }
  if (cost[n] === Number.POSITIVE_INFINITY) return [0, n];
  const cuts = [n];
  for (let j = n; j > 0; j = from[j]!) cuts.push(from[j]!);
  return cuts.reverse();
}

interface Footnotes {
  referenced: Map<string, Block>;
  unreferenced: Block[];
}

/** Take the further-reading section and the footnote definitions out of the post body. */
function extractExtras(blocks: Block[]): { body: Block[]; resources: Resource[]; footnotes: Footnotes } {
  const body: Block[] = [];
  const resources: Resource[] = [];
  const defs = new Map<string, Block>();
  let inSection = 0;
  for (const b of blocks) {
    if (b.t === "footnote") {
      defs.set(b.label, b);
      continue;
    }
    if (b.t === "heading") {
      if (inSection && b.depth <= inSection) inSection = 0;
      if (!inSection && isFurtherReadingHeading(inlineText(b.c))) {
        inSection = b.depth;
        continue;
      }
    }
    // The section's links and list items are its resources; its prose stays for the reader.
    if (inSection && isResource(b)) resources.push(...resourcesOf(b));
    else body.push(b);
  }
  const refs = new Set<string>();
  for (const b of walkBlocks(body)) for (const i of inlinesOf(b)) collectRefs(i, refs);
  const referenced = new Map<string, Block>();
  const unreferenced: Block[] = [];
  for (const [label, def] of defs) (refs.has(label) ? referenced.set(label, def) : unreferenced.push(def));
  return { body, resources, footnotes: { referenced, unreferenced } };
}

function referencedFootnotes(blocks: Block[], defs: Map<string, Block>): Block[] {
  const refs = new Set<string>();
  for (const b of walkBlocks(blocks)) for (const i of inlinesOf(b)) collectRefs(i, refs);
  return [...refs].flatMap((r) => (defs.has(r) ? [defs.get(r)!] : []));
}

function collectRefs(i: Inline, out: Set<string>): void {
  if (i.t === "fnref") out.add(i.label);
  if ("c" in i) for (const x of i.c) collectRefs(x, out);
}

/** The inline content a block holds directly (not through child blocks). */
export function inlinesOf(b: Block): Inline[] {
  switch (b.t) {
    case "heading":
    case "para":
      return b.c;
    case "callout":
      return b.title;
    case "details":
      return b.summary;
    case "table":
      return b.rows.flat(2);
    default:
      return [];
  }
}

/**
 * A block of the further-reading section that names works: a list, a citation written as a
 * paragraph ("[5] Duda, Hart. Pattern classification…"), or anything holding a link.
 */
function isResource(b: Block): boolean {
  if (b.t === "list") return true;
  if (b.t === "para" && /^\s*\[[^\]\n]{1,40}\]\s/.test(inlineText(b.c))) return true;
  return [...walkBlocks([b])].some((x) => inlinesOf(x).some((i) => linksIn(i).length > 0));
}

/** Resources from one block of the further-reading section: one per list item or link. */
function resourcesOf(b: Block): Resource[] {
  switch (b.t) {
    case "list":
      return b.items.flatMap((item) => {
        const links = item.flatMap((x) => [...walkBlocks([x])]).flatMap((x) => inlinesOf(x)).flatMap(linksIn);
        const text = item.map(blockPlainText).join(" ").replace(/\s+/g, " ").trim();
        if (!links.length) return text ? [{ title: text, url: "" }] : [];
        // One link: the item's whole text names it. Several: each link is its own resource.
        if (links.length === 1) return [{ title: text || links[0]!.title, url: links[0]!.url }];
        return links.map((l) => ({ title: l.title || text, url: l.url }));
      });
    case "para": {
      const text = inlineText(b.c).replace(/\s+/g, " ").trim();
      const links = linksIn({ t: "strong", c: b.c });
      if (!links.length) return text ? [{ title: text, url: "" }] : [];
      // The paragraph names the work; its first link is the work, the others (code, slides) follow.
      return links.map((l, i) => ({ title: i === 0 ? text : l.title, url: l.url }));
    }
    case "heading":
      return [];
    default:
      return [...walkBlocks([b])].flatMap(inlinesOf).flatMap(linksIn);
  }
}

function linksIn(i: Inline): Resource[] {
  if (i.t === "link") return [{ title: inlineText(i.c).trim() || i.url, url: i.url }];
  if ("c" in i) return i.c.flatMap(linksIn);
  return [];
}

function blockPlainText(b: Block): string {
  return [...walkBlocks([b])]
    .map((x) => (x.t === "code" ? "" : inlineText(inlinesOf(x))))
    .join(" ");
}
