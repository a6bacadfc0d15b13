/**
 * Where a formula written in a post starts and ends, for the delimiters the blogs' MathJax
 * reads: `$…$`, `$$…$$`, `\\(…\\)` (kramdown-escaped) and `\(…\)` (pasted from other editors).
 * Pure functions over the source text; the pre-scanner calls them at a delimiter.
 */
import { environmentTag, texTokens } from "./lexer.js";

const ESCAPABLE = /[\\`*_{}[\]()#+\-.!<>:|"'$=~^&]/;

/** Undo Markdown backslash escapes, as kramdown does before MathJax sees the page. */
export function markdownUnescape(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const n = s[i + 1];
    if (c === "\\" && n !== undefined && ESCAPABLE.test(n)) {
      out += n;
      i++;
    } else out += c;
  }
  return out;
}

/**
 * `$…$` is written both by kramdown authors (who escape Markdown inside it: `\_`, `\*`,
 * `\\{` for a brace) and by authors of plain MathJax/GFM posts (who write TeX as is: `\{`).
 * Undo only the escapes that cannot be TeX, so both read right.
 */
export function dollarUnescape(s: string): string {
  return s.replace(/\\([_*])/g, "$1").replace(/\\\\([{}])/g, "\\$1");
}

/**
 * Text that can only be a formula: a TeX command (`\lambda`), a sub- or superscript (`x_1`,
 * `2^n`), or single letters and numbers joined by operators (`x + y = 1`). Prices and prose
 * ("5 and", "10 USD") are not.
 */
export function looksLikeTex(s: string): boolean {
  const t = s.trim();
  if (!t) return false;
  if (hasTexMarkup(t)) return true;
  const words = t.match(/[A-Za-z]+/g) ?? [];
  return words.length > 0 && words.every((w) => w.length === 1) && /^[A-Za-z0-9\s+\-*/=<>()[\],.|']+$/.test(t) && (words.length === t.replace(/\s/g, "").length || /[=+\-*/<>]/.test(t));
}

/** A TeX command (`\lambda`, `\{`) or a sub- or superscript (`x_1`, `2^n`, `a_{ij}`). */
export function hasTexMarkup(s: string): boolean {
  return /\\[A-Za-z]+|\\[{}|,;!]/.test(s) || /[A-Za-z0-9)}\]][_^]\{?[A-Za-z0-9\\]/.test(s);
}

/** A blank line (possibly inside a quote) between `from` and `to`. */
function crossesBlankLine(src: string, from: number, to: number): boolean {
  return /\n[ \t>]*\n/.test(src.slice(from, to));
}

/**
 * First `close` at or after `from`; -1 when none. Display math may hold a blank line inside an
 * environment, so a blank line is crossed only when the closing delimiter is near (60 lines).
 */
export function findClose(src: string, close: string, from: number): number {
  let i = from;
  for (;;) {
    const j = src.indexOf(close, i);
    if (j < 0) return -1;
    if (crossesBlankLine(src, from, j) && src.slice(from, j).split("\n").length > 60) return -1;
    // `\\)` must not be preceded by a third backslash (an escaped backslash in TeX).
    if (close.startsWith("\\\\") && src[j - 1] === "\\" && src[j - 2] !== "\\") {
      i = j + 1;
      continue;
    }
    return j;
  }
}

/**
 * The `$$` closing a display formula that opens at `start`; -1 when it is never closed. Across a
 * blank line only as kramdown takes block math (the closing `$$` ends its block: a blank line or
 * the end follows its line) or inside an environment (`\begin{align}` … `\end{align}`). Otherwise
 * the next `$$` is the opening of the next formula: taking it would swallow the text between.
 */
export function displayDollarClose(src: string, start: number): number {
  const end = findClose(src, "$$", start + 2);
  if (end < 0 || !crossesBlankLine(src, start, end)) return end;
  if (endsBlock(src, end + 2)) return end;
  return blankLinesInsideEnvironments(src.slice(start + 2, end)) ? end : -1;
}

/** kramdown's block boundary after `at`: the rest of the line is blank, then a blank line or the end of the text. */
function endsBlock(src: string, at: number): boolean {
  const boundary = /[ \t]*(?:\n[ \t>]*(?:\n|(?![\s\S]))|(?![\s\S]))/y;
  boundary.lastIndex = at;
  return boundary.test(src);
}

/** Every blank line of `tex` lies inside a `\begin{…}` … `\end{…}`. */
function blankLinesInsideEnvironments(tex: string): boolean {
  const depths: { at: number; depth: number }[] = [];
  let depth = 0;
  for (const t of texTokens(tex)) {
    const env = environmentTag(tex, t);
    if (env) depths.push({ at: env.end, depth: (depth += env.begin ? 1 : -1) });
  }
  for (const blank of tex.matchAll(/\n[ \t>]*\n/g)) {
    const before = depths.filter((d) => d.at <= blank.index).at(-1);
    if (!before || before.depth <= 0) return false;
  }
  return true;
}

export interface InlineFormula {
  /** Offset just after the closing delimiter. */
  end: number;
  tex: string;
  /** `$…$$`: a typo for one formula. */
  typo?: boolean;
}

/**
 * A `$…$` formula opening at `start`. Pandoc's rule first: the opening `$` is not followed by a
 * space, the closing one is not preceded by a space nor followed by a digit. MathJax's own `$`
 * rule also takes `$ x^2 $` with spaces inside; that reading is accepted when the text between
 * looks like TeX, so prices ("$5 and $10") stay prices.
 */
export function dollarFormulaAt(src: string, start: number): InlineFormula | null {
  const close = nextDollar(src, start + 1);
  if (close < 0) return null;
  const inner = src.slice(start + 1, close);
  const strict = !/^\s/.test(inner) && !/\s$/.test(inner) && !/\d/.test(src[close + 1] ?? "");
  if (!strict && !(looksLikeTex(inner) && inner.length <= 300)) return null;
  if (!strict && /^\s*\d/.test(inner) && !/[\\^_=]/.test(inner)) return null;
  const typo = src[close + 1] === "$";
  return { end: close + (typo ? 2 : 1), tex: dollarUnescape(inner), ...(typo ? { typo } : {}) };
}

/** The next unescaped `$` after `from` in the same paragraph; -1 when none. */
function nextDollar(src: string, from: number): number {
  for (let i = from; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === "\\") i++;
    else if (ch === "\n" && /^[ \t>]*\n/.test(src.slice(i + 1, i + 200))) return -1;
    else if (ch === "$") return i;
  }
  return -1;
}

/**
 * `\(…\)` or `\[…\]` with single backslashes, at `start`: to kramdown these are escaped
 * brackets, but notes pasted from other editors mean a formula by them. Taken as one when the
 * text between holds TeX and the closing delimiter is in the same paragraph.
 */
export function singleBackslashFormulaAt(src: string, start: number): (InlineFormula & { display: boolean }) | null {
  const display = src[start + 1] === "[";
  const close = src.indexOf(display ? "\\]" : "\\)", start + 2);
  if (close < 0 || src[close - 1] === "\\" || crossesBlankLine(src, start, close)) return null;
  const inner = src.slice(start + 2, close);
  if (!hasTexMarkup(inner)) return null;
  return { end: close + 2, tex: dollarUnescape(inner), display };
}
