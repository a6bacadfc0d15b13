/**
 * The renderer core: one walk over a lesson's blocks, for every lesson format. Each format is a map
 * of small handlers, one per block kind (and per inline kind), plus a packer that turns what they
 * produce into chat messages — the shape of remark's `mdast-util-to-markdown`. The rules every
 * format shares live here, once:
 * - the header (title and reading time), and the section heading a later part starts with, which the
 *   title already names;
 * - inline formulas a format cannot write inline: numbered ⟨1⟩, ⟨2⟩… and drawn as one legend after
 *   their block;
 * - local pictures named inside a block's text (a paragraph, a heading, a table cell): shown after it;
 * - the "(continued)" label before a later piece of a block cut for length;
 * - footnotes at the lesson's end, and the lesson's further-reading resources.
 * Pure: formulas to draw are returned as requests; the engine draws them and hands the drawings to
 * the packer.
 */
import type { Block, Inline } from "../course/blocks.js";
import { headingTitle, type Lesson } from "../course/split.js";
import type { ChatMessage, Resource } from "../contract/lessons.js";
import { cellPictures } from "./tables.js";
import { labelsFor, type RenderLabels } from "./labels.js";

/** Where a post's image source points: a local file to send, a URL to link, or nothing. */
export type ImageTarget = { file: string } | { url: string } | { missing: true };

/** What the engine tells every format about the world outside the lesson. */
export interface RenderEnv {
  resolveImage(src: string): ImageTarget;
  /** A link made absolute against the site, or null when it cannot be. */
  resolveLink(url: string): string | null;
  /** Output path (relative to the render folder) of a local image file the lesson shows. */
  image(file: string): string;
}

/** A formula (or a table drawn as one) the engine draws as images; `alt` says what it shows in words. */
export interface DrawRequest {
  tex: string;
  display: boolean;
  alt: string;
  line: number;
}

/** A drawn formula: its images (output paths; tall ones are cut into rows), or why it could not be drawn. */
export type Drawing = { files: string[] } | { error: string };

type BlockOf<K extends Block["t"]> = Extract<Block, { t: K }>;
/** `Inline & { t: K }` keeps the union member whose kind is K, also where one member has several kinds. */
type InlineOf<K extends Inline["t"]> = Inline & { t: K };

/** One handler per block kind: the block → the format's pieces. */
export type BlockHandlers<P> = { [K in Block["t"]]: (b: BlockOf<K>, s: RenderState<P>) => P[] };

/** What an inline handler may ask of the walk: its children, and the world outside the lesson. */
export interface InlineContext {
  inlines(c: readonly Inline[]): string;
  readonly env: RenderEnv;
}

/** One handler per inline kind the format writes itself (math and images go through the core first). */
export type InlineHandlers = { [K in Exclude<Inline["t"], "math" | "image">]: (n: InlineOf<K>, s: InlineContext) => string };

export interface Format<P> {
  readonly blocks: BlockHandlers<P>;
  readonly inlines: InlineHandlers;
  /** The lesson's title and its reading time (already worded in the lesson's language). */
  header(title: string, minutes: string, s: RenderState<P>): P[];
  /** Before a later piece of a code block, list or table too long for one lesson. */
  continued(label: string, s: RenderState<P>): P[];
  /** Over the footnotes at the end of the lesson. */
  footnotesHeading(label: string, s: RenderState<P>): P[];
  /** An inline formula as this format writes it inline, or null when it must be drawn. */
  inlineMath(tex: string): string | null;
  /** An image named inside text: a URL becomes a link; a local file is also shown after the block. */
  inlineImage(label: string, target: ImageTarget): string;
  /** A local picture (output path) shown as a block, its alt text as the caption. */
  picture(image: string, alt: string, s: RenderState<P>): P[];
  /** Where a drawn formula stands: `index` is its place in the lesson's draw requests. */
  drawing(index: number, req: DrawRequest, s: RenderState<P>): P[];
  /** The lesson's pieces, with the drawings of its requests (same order) → chat messages. */
  pack(pieces: P[], drawings: readonly Drawing[]): ChatMessage[];
}

/** What a block's inline content asked to show after it. */
interface After<P> {
  pieces: P[];
  /** Local pictures named in the text so far. */
  pictures: number;
  /** Inline formulas drawn as the block's legend. */
  legend: { tex: string; line: number }[];
}

const nothingAfter = <P>(): After<P> => ({ pieces: [], pictures: 0, legend: [] });

/** The walk's state for one lesson; handlers call back into it for children and for the shared rules. */
export class RenderState<P> implements InlineContext {
  readonly labels: RenderLabels;
  /** Formulas to draw, in order of first use; each is drawn once however often it appears. */
  readonly draws: DrawRequest[] = [];
  private readonly drawIndex = new Map<string, number>();
  private after: After<P> = nothingAfter();

  constructor(
    readonly lesson: Lesson,
    readonly env: RenderEnv,
    readonly format: Format<P>,
  ) {
    this.labels = labelsFor(lesson.language);
  }

  /** Blocks in order, each followed by what its inline content asked to show after it. */
  blocks(bs: readonly Block[]): P[] {
    return bs.flatMap((b) => this.block(b));
  }

  block(b: Block): P[] {
    const outer = this.after;
    this.after = nothingAfter();
    try {
      const out: P[] = [];
      if ((b.t === "code" || b.t === "list" || b.t === "table") && b.continued) out.push(...this.format.continued(this.labels.continued, this));
      out.push(...(this.format.blocks[b.t] as (b: Block, s: RenderState<P>) => P[])(b, this));
      // Pictures in a table's cells follow the table, whether the format wrote its cells (and met them
      // there) or drew the table or wrote it as plain text.
      if (b.t === "table" && this.after.pictures === 0) for (const p of cellPictures(b, (src) => this.env.resolveImage(src))) this.queuePicture(p.file, p.alt);
      out.push(...this.takeAfter());
      return out;
    } finally {
      this.after = outer;
    }
  }

  /** Inline content in the format's markup; formulas and pictures it cannot hold are queued for after the block. */
  inlines(c: readonly Inline[]): string {
    let s = "";
    for (const n of c) s += this.inline(n);
    return s;
  }

  private inline(n: Inline): string {
    if (n.t === "math") {
      const written = this.format.inlineMath(n.tex);
      if (written !== null) return written;
      this.after.legend.push({ tex: n.tex, line: n.line });
      return `⟨${this.after.legend.length}⟩`;
    }
    if (n.t === "image") {
      const target = this.env.resolveImage(n.src);
      if ("file" in target) this.queuePicture(target.file, n.alt);
      return this.format.inlineImage(this.imageLabel(n.alt), target);
    }
    return (this.format.inlines[n.t] as (n: Inline, s: InlineContext) => string)(n, this);
  }

  /**
   * What the current block's inline content asked to show after it (its pictures, then its formula
   * legend), taken now: for a handler that places them itself, e.g. inside a box under its title.
   */
  takeAfter(): P[] {
    const { pieces, legend } = this.after;
    this.after = nothingAfter();
    if (legend.length) pieces.push(...this.draw(legendRequest(legend)));
    return pieces;
  }

  /** A formula to draw where it stands (the request is shared by every place that draws the same TeX). */
  draw(req: DrawRequest): P[] {
    const key = `${req.display ? "D" : "I"}${req.tex}`;
    let index = this.drawIndex.get(key);
    if (index === undefined) {
      index = this.draws.length;
      this.draws.push(req);
      this.drawIndex.set(key, index);
    }
    return this.format.drawing(index, this.draws[index]!, this);
  }

  /** A picture's words: its alt text, else "Image" in the lesson's language. */
  imageLabel(alt: string): string {
    return alt.trim() || this.labels.image;
  }

  private queuePicture(file: string, alt: string): void {
    this.after.pieces.push(...this.format.picture(this.env.image(file), alt, this));
    this.after.pictures++;
  }
}

/** One formula legend: the block's drawn inline formulas, numbered as the text numbers them. */
function legendRequest(legend: { tex: string; line: number }[]): DrawRequest {
  const tex =
    legend.length === 1
      ? `\\langle 1\\rangle\\quad ${legend[0]!.tex}`
      : `\\begin{array}{ll}${legend.map((f, i) => `\\langle ${i + 1}\\rangle & ${f.tex}`).join(" \\\\[4pt] ")}\\end{array}`;
  return { tex, display: false, alt: legend.map((f) => f.tex).join(" ; "), line: legend[0]!.line };
}

/**
 * A later part of a post starts at a section its title already names (`Post (2/3) · Section`): that
 * heading is not repeated under the title.
 */
export function bodyBlocks(lesson: Lesson): Block[] {
  const first = lesson.blocks[0];
  if (first?.t === "heading" && lesson.section && lesson.parts > 1 && headingTitle(first.c) === lesson.section) return lesson.blocks.slice(1);
  return lesson.blocks;
}

/** A lesson in one format: its pieces, and the formulas the engine must draw for the packer. */
export function renderPieces<P>(lesson: Lesson, env: RenderEnv, format: Format<P>): { pieces: P[]; draws: DrawRequest[] } {
  const s = new RenderState(lesson, env, format);
  const pieces = [...format.header(lesson.title, s.labels.minutes(lesson.minutes), s), ...s.blocks(bodyBlocks(lesson))];
  if (lesson.footnotes.length) pieces.push(...format.footnotesHeading(s.labels.footnotes, s), ...s.blocks(lesson.footnotes));
  return { pieces, draws: s.draws };
}

/** The lesson's further-reading links, made absolute against the site where they can be. */
export function lessonResources(lesson: Lesson, env: Pick<RenderEnv, "resolveLink">): Resource[] {
  return lesson.resources.map((r) => ({ ...r, url: r.url ? (env.resolveLink(r.url) ?? r.url) : "" }));
}
