import type { PhotoSize } from "grammy/types";

/** The media blocks' sources in the order the HTML names them (`<img src=…>`, `<video src=…>`, …). */
function mediaSources(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<(img|video|audio|tg-document)\b[^>]*?\bsrc="([^"]*)"/g)) out.push(m[2]!);
  return out;
}

/** Every block with a file, depth first in document order (media sit inside figures, details, lists). */
function mediaBlocks(node: unknown, out: { type: string; fileId: string }[]): void {
  if (Array.isArray(node)) {
    for (const n of node) mediaBlocks(n, out);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const o = node as Record<string, unknown>;
  if (o.type === "photo" && Array.isArray(o.photo)) {
    const largest = (o.photo as PhotoSize[]).at(-1);
    out.push({ type: "photo", fileId: largest?.file_id ?? "" });
    return;
  }
  for (const key of ["video", "audio", "document", "voice_note", "animation"] as const) {
    const file = o[key] as { file_id?: unknown } | undefined;
    if (o.type === key && typeof file?.file_id === "string") {
      out.push({ type: key, fileId: file.file_id });
      return;
    }
  }
  for (const v of Object.values(o)) if (typeof v === "object") mediaBlocks(v, out);
}

/**
 * The file_id Telegram gave each `tg://photo?id=ID` of a sent rich message, read from the returned
 * `rich_message.blocks`: the media blocks come in the order of the HTML's media tags. When the two
 * lists do not line up (a block kind we do not know), nothing is claimed: the file is uploaded again
 * next time rather than bound to the wrong picture.
 */
export function richFileIds(html: string, blocks: unknown): Map<string, string> {
  const sources = mediaSources(html);
  const found: { type: string; fileId: string }[] = [];
  mediaBlocks(blocks, found);
  const ids = new Map<string, string>();
  if (sources.length !== found.length) return ids;
  sources.forEach((src, i) => {
    const id = /^tg:\/\/photo\?id=(.+)$/.exec(src)?.[1];
    const block = found[i]!;
    if (id !== undefined && block.type === "photo" && block.fileId && !ids.has(id)) ids.set(id, block.fileId);
  });
  return ids;
}
