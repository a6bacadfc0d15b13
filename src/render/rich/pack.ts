/**
 * A lesson's rich HTML, one part per top-level block → as few Telegram rich messages as the limits
 * allow (one, unless the lesson is huge), cut between parts; each message binds the images it shows
 * to ids of its own (`tg://photo?id=p1`, …).
 */
import type { RichMedia } from "../../contract/lessons.js";
import { richStats } from "./stats.js";

/** Marks an image in HTML until the packer gives it the id of the message it travels in. */
const MEDIA_OPEN = "\uE100";
const MEDIA_CLOSE = "\uE101";
const MEDIA_REF = /\uE100(\d+)\uE101/g;

/** The `src` of an image: `k` indexes the lesson's media; the packer turns it into a message's id. */
export function mediaSrc(k: number): string {
  return `tg://photo?id=${MEDIA_OPEN}${k}${MEDIA_CLOSE}`;
}

export interface RichLimits {
  characters: number;
  blocks: number;
  media: number;
}

/** Telegram's limits, less a margin for what counting may differ on. */
export const RICH_LIMITS: RichLimits = { characters: 32_000, blocks: 480, media: 50 };

/** One top-level block of the message, with the images it shows (indexes into the lesson's media). */
interface RichPart {
  html: string;
  media: number[];
}

function part(html: string): RichPart {
  return { html, media: [...new Set([...html.matchAll(MEDIA_REF)].map((m) => Number(m[1])))] };
}

/** `parts`: the lesson's top-level HTML pieces in order; `media`: every image it shows (output path, words). */
export function packRich(parts: readonly string[], media: readonly { image: string; alt: string }[], limits: RichLimits = RICH_LIMITS): { html: string; media: RichMedia[] }[] {
  const out: { html: string; media: RichMedia[] }[] = [];
  let taken: RichPart[] = [];
  let chars = 0;
  let blocks = 0;
  let shown = new Set<number>();
  const flush = (): void => {
    if (!taken.length) return;
    const ids = new Map<number, string>();
    for (const p of taken) for (const k of p.media) if (!ids.has(k)) ids.set(k, `p${ids.size + 1}`);
    const html = taken.map((p) => p.html).join("").replace(MEDIA_REF, (_, k: string) => ids.get(Number(k))!);
    out.push({ html, media: [...ids].map(([k, id]) => ({ id, image: media[k]!.image, alt: media[k]!.alt })) });
    taken = [];
    chars = 0;
    blocks = 0;
    shown = new Set();
  };
  for (const p of parts.filter(Boolean).map(part)) {
    const s = richStats(p.html);
    const newMedia = p.media.filter((k) => !shown.has(k)).length;
    if (taken.length && (chars + s.characters > limits.characters || blocks + s.blocks > limits.blocks || shown.size + newMedia > limits.media)) flush();
    taken.push(p);
    chars += s.characters;
    blocks += s.blocks;
    for (const k of p.media) shown.add(k);
  }
  flush();
  return out;
}
