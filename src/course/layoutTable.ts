/**
 * Tables used for page layout: authors set figures side by side in a table whose cells hold only
 * images and their captions ("a)", "Hình 2: …"). In a chat there is no side by side; the reader
 * gets the images in order, each caption after its image. A table with data in it stays a table.
 */
import type { Block, Inline } from "./blocks.js";
import { inlineText } from "./blocks.js";

export interface CellContent {
  images: number;
  /** The cell has words besides its images. */
  text: boolean;
}

/** Cells that hold images, and no more cells of text alone than cells with images (captions). */
export function isLayoutTable(cells: CellContent[]): boolean {
  const withImages = cells.filter((c) => c.images > 0).length;
  const textOnly = cells.filter((c) => c.images === 0 && c.text).length;
  return withImages > 0 && textOnly <= withImages;
}

/** A Markdown table of images → its images and captions as blocks, row by row; null if it holds data. */
export function layoutTableBlocks(rows: Inline[][][], line: number): Block[] | null {
  const cells = rows.flat();
  const content = cells.map((c) => ({ images: c.filter((i) => i.t === "image").length, text: !!inlineText(c.filter((i) => i.t !== "image")).trim() }));
  if (!isLayoutTable(content)) return null;
  const out: Block[] = [];
  for (const cell of cells) {
    const caption: Inline[] = [];
    for (const i of cell) {
      if (i.t === "image") out.push({ t: "image", src: i.src, alt: i.alt, local: i.local, line });
      else if (i.t !== "br") caption.push(i);
    }
    if (inlineText(caption).trim()) out.push({ t: "para", c: caption, line });
  }
  return out;
}
