/**
 * kramdown takes a link or image destination with spaces in it (`[x](#sai so)`) or broken
 * across lines (`(https://…/imagene⏎t-classification.pdf)`), where CommonMark gives up and
 * leaves the raw brackets in the text. Pure: finds such a destination so the pre-scanner can
 * write it in a form CommonMark reads (`<…>`, the line break removed).
 */

export interface Destination {
  /** Offset of the `(` after `]`, and just after the matching `)`. */
  open: number;
  end: number;
  /** The text between the parentheses. */
  inner: string;
}

/** At `pos` (a `]` followed by `(`): the destination up to its matching `)`, in its paragraph. */
export function destinationAt(src: string, pos: number): Destination | null {
  if (src[pos] !== "]" || src[pos + 1] !== "(") return null;
  let depth = 0;
  for (let i = pos + 1; i < src.length && i < pos + 2000; i++) {
    const ch = src[i]!;
    if (ch === "\\") i++;
    else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return { open: pos + 1, end: i + 1, inner: src.slice(pos + 2, i) };
    else if (ch === "\n" && /^[ \t>]*\n/.test(src.slice(i + 1, i + 100))) return null;
  }
  return null;
}

/**
 * The destination as CommonMark will read it, or null when it reads it already: a line break
 * inside the URL is removed (a browser drops it too), and a URL with spaces is put in `<…>`.
 * A destination followed by a title (`url "title"`) is left alone.
 */
export function commonMarkDestination(inner: string): string | null {
  if (!/\s/.test(inner.trim()) || inner.trim().startsWith("<")) return null;
  if (/^\s*\S+\s+(?:"[^"]*"|'[^']*'|\([^)]*\))\s*$/.test(inner)) return null;
  const url = inner.trim().replace(/[ \t]*\n[ \t>]*/g, "");
  return /\s/.test(url) ? `<${url.replace(/[<>]/g, (c) => encodeURIComponent(c))}>` : url;
}
