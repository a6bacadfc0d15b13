/**
 * Cutting text without breaking a character. Chat limits are counted in UTF-16 units, but an
 * emoji takes two of them (a surrogate pair), a flag or a family emoji several, and a letter with
 * its combining accents more than one: a cut between them leaves a lone surrogate, which Telegram
 * and Discord refuse, or an accent torn from its letter. These helpers cut at grapheme boundaries
 * (what a reader sees as one character, by `Intl.Segmenter`) and measure in UTF-16 units.
 *
 * @example
 *   truncateText("Học 🧠🧠", 6)          // "Học 🧠" (7 units would split the second emoji)
 *   truncateText("long text…", 8, "…")  // at most 8 units, "…" included
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * A grapheme longer than this (a letter under hundreds of combining marks) is given out code point
 * by code point, so that one freak character cannot exceed a limit on its own.
 */
const MAX_GRAPHEME_UNITS = 32;

/** The graphemes of `text`, in order; a pathological one split into code points. */
export function* graphemes(text: string): Generator<string> {
  for (const { segment } of segmenter.segment(text)) {
    if (segment.length <= MAX_GRAPHEME_UNITS) yield segment;
    else yield* segment;
  }
}

/**
 * The largest index ≤ `index` that does not fall inside a grapheme (0 when the first grapheme is
 * already longer). `text.slice(0, graphemeBoundary(text, i))` is then safe to send.
 */
export function graphemeBoundary(text: string, index: number): number {
  if (index >= text.length) return text.length;
  let at = 0;
  for (const g of graphemes(text)) {
    if (at + g.length > index) return at;
    at += g.length;
  }
  return at;
}

/**
 * `text` cut to at most `maxUnits` UTF-16 units at a grapheme boundary; when it had to be cut,
 * `ellipsis` ends it (within the limit).
 */
export function truncateText(text: string, maxUnits: number, ellipsis = ""): string {
  if (text.length <= maxUnits) return text;
  return text.slice(0, graphemeBoundary(text, Math.max(0, maxUnits - ellipsis.length))) + ellipsis;
}
