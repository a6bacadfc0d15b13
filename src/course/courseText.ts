/**
 * The words a catalogue shows for a course when its author wrote none: a title from a folder's
 * name, a description from the opening of its introduction, a language from its posts. Pure.
 */
import type { Inline } from "./blocks.js";
import type { Post } from "./load.js";
import { texToUnicode } from "../tex/index.js";

/** A folder or collection name as a title: `DL-Pytorch` → "DL Pytorch", `r_notes` → "R notes". */
export function readableTitle(name: string): string {
  const t = name.replace(/[-_\s]+/g, " ").trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** How long a catalogue's description may be: a few lines in a chat list. */
export const DESCRIPTION_MAX = 300;

/**
 * The opening paragraphs of a post (a series' introduction, a notes folder's README) as plain text,
 * at most DESCRIPTION_MAX characters, cut at a sentence when one ends late enough.
 */
export function descriptionOf(post: Post | undefined): string {
  if (!post) return "";
  let out = "";
  for (const b of post.blocks) {
    if (b.t === "heading" && out) break;
    if (b.t !== "para") continue;
    const text = plain(b.c).replace(/\s+/g, " ").trim();
    if (!text) continue;
    out = out ? `${out} ${text}` : text;
    if (out.length >= DESCRIPTION_MAX / 2) break;
  }
  return shorten(out, DESCRIPTION_MAX);
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const sentence = Math.max(head.lastIndexOf(". "), head.lastIndexOf("! "), head.lastIndexOf("? "));
  if (sentence >= max / 3) return head.slice(0, sentence + 1);
  const space = head.lastIndexOf(" ", max - 1);
  return `${head.slice(0, space > 0 ? space : max - 1).replace(/[\s,;:]+$/, "")}…`;
}

/** Inline content as a reader says it: formulas in Unicode where Unicode writes them, no pictures or note marks. */
function plain(c: Inline[]): string {
  return c
    .map((i) => {
      switch (i.t) {
        case "text":
        case "code":
          return i.v;
        case "math":
          return texToUnicode(i.tex) ?? i.tex;
        case "br":
          return " ";
        case "image":
        case "fnref":
          return "";
        default:
          return plain(i.c);
      }
    })
    .join("");
}

/**
 * The language most of a course's posts are written in; a tie goes to `preferred` when it is among
 * the most frequent, else to the one met first.
 */
export function majorityLanguage(languages: readonly string[], preferred: string): string {
  const counts = new Map<string, number>();
  for (const l of languages) counts.set(l, (counts.get(l) ?? 0) + 1);
  const top = Math.max(0, ...counts.values());
  if (top === 0) return preferred;
  if (counts.get(preferred) === top) return preferred;
  return [...counts].find(([, n]) => n === top)![0];
}
