/**
 * kramdown's line syntax that CommonMark does not know: block attribute lists (`{: .box-note}`,
 * ALDs `{:name: …}`, extensions `{::options}`) and header ids (`## Title {#id}`). Pure
 * functions over the source text, called by the pre-scanner at the start of a line or at `{#`.
 */
import { lineEnd } from "../text/lines.js";

/** Which block an attribute line styles: the one before it, the one after it, or none. */
export type IalTarget = "prev" | "next" | "none";

export interface AttributeLine {
  /** An ALD (`{:name: …}`) or extension (`{::…}`, `{:/…}`) line styles no block by itself. */
  styles: boolean;
  /** The box its classes name (`box-note` → "note"), if any; the parser judges whether it knows it. */
  box?: string;
}

const BOX_CLASS = /(?:^|[\s.])box-([\w-]+)/;

/** The attribute line that `rest` (a line without its container prefix) is, or null. */
export function attributeLine(rest: string): AttributeLine | null {
  const ial = /^\{:(?![:/])(?:([A-Za-z_][\w-]*):)?([^}]*)\}\s*$/.exec(rest);
  if (!ial) return /^\{::?\/?\w*[^}]*\}\s*$/.test(rest) ? { styles: false } : null;
  if (ial[1]) return { styles: false };
  const box = BOX_CLASS.exec(ial[2]!)?.[1];
  return { styles: true, ...(box ? { box } : {}) };
}

const withoutPrefix = (line: string): string => line.replace(/^(?:[ \t]*>)*[ \t]*/, "");

/**
 * Which block an attribute line starting at `pos` styles, by kramdown's rule: the block it
 * directly follows; after a blank line (or at the start, or after an ALD or `^` line) the block
 * that comes next. `previous` is the attribute line just before, if it ended at `pos`: lines in
 * a row share its target. After a link or abbreviation definition it styles nothing.
 */
export function ialTarget(src: string, pos: number, previous: IalTarget | undefined): IalTarget {
  if (previous) return previous;
  if (pos === 0) return "next";
  const prevStart = src.lastIndexOf("\n", pos - 2) + 1;
  const prev = withoutPrefix(src.slice(prevStart, pos - 1));
  if (!prev.trim() || /^\^\s*$/.test(prev) || /^\{:[A-Za-z_][\w-]*:/.test(prev) || /^\{::/.test(prev)) return "next";
  if (/^\[[^\]]+\]:\s*\S/.test(prev) || /^\*\[[^\]]+\]:/.test(prev)) {
    // A definition starts only after a blank line; otherwise it continues a paragraph.
    const before = prevStart === 0 ? "" : src.slice(src.lastIndexOf("\n", prevStart - 2) + 1, prevStart - 1);
    if (!withoutPrefix(before).trim()) return "none";
  }
  return "prev";
}

/** At `pos` (a `{#`): the end of the line when it is a header id ending an ATX or setext heading, else -1. */
export function headerIdEnd(src: string, pos: number): number {
  const end = lineEnd(src, pos);
  if (!/^\{#[A-Za-z][\w:-]*\}[ \t]*$/.test(src.slice(pos, end)) || !/[ \t]/.test(src[pos - 1] ?? "")) return -1;
  const lineStart = src.lastIndexOf("\n", pos - 1) + 1;
  const atx = /^(?:[ \t]*>)*[ \t]*#{1,6}[ \t]/.test(src.slice(lineStart, pos));
  const setext = /^(?:[ \t]*>)*[ \t]*(?:=+|-+)[ \t]*$/.test(src.slice(end + 1, lineEnd(src, end + 1)));
  return atx || setext ? end : -1;
}
