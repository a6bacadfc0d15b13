/**
 * Cutting one rendered text that is longer than a message into pieces that each fit,
 * at line boundaries (else at spaces), with open tags or code fences closed at the cut and
 * reopened in the next piece.
 */
import type { Dialect } from "../text/dialect.js";
import { graphemeBoundary, graphemes } from "../text/graphemes.js";

export function cutText(s: string, limit: number, m: Dialect): string[] {
  if (m.visibleLength(s) <= limit) return [s];
  return m.platform === "telegram" ? cutHtml(s, limit) : cutMarkdown(s, limit);
}

type Tok = { tag: string; name: string; close: boolean } | { text: string };

function tokenizeHtml(s: string): Tok[] {
  const out: Tok[] = [];
  const re = /<(\/?)([a-z-]+)[^>]*>|[^<]+/gi;
  for (const m of s.matchAll(re)) {
    if (m[2]) out.push({ tag: m[0], name: m[2].toLowerCase(), close: m[1] === "/" });
    else out.push({ text: m[0] });
  }
  return out;
}

const ENTITY = /&(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi;

/**
 * HTML text as the units a cut may fall between, each with the length Telegram counts for it:
 * an entity is one character; anything else is a whole grapheme (an emoji is never split into
 * lone surrogates, nor an accent torn from its letter), counted in UTF-16 units.
 */
function* units(text: string): Generator<{ s: string; len: number }> {
  let last = 0;
  for (const m of text.matchAll(ENTITY)) {
    for (const g of graphemes(text.slice(last, m.index))) yield { s: g, len: g.length };
    yield { s: m[0], len: 1 };
    last = m.index + m[0].length;
  }
  for (const g of graphemes(text.slice(last))) yield { s: g, len: g.length };
}

/** Telegram HTML: visible length ≤ limit per piece; tags balanced in every piece. */
export function cutHtml(s: string, limit: number): string[] {
  const toks = tokenizeHtml(s);
  const pieces: string[] = [];
  let open: { tag: string; name: string }[] = [];
  let cur = "";
  let len = 0;
  // Best cut so far in `cur`: string offset, the open tags at that point, and its quality.
  let best: { at: number; open: { tag: string; name: string }[]; len: number; q: number } | null = null;

  const closeAll = (stack: { name: string }[]): string => [...stack].reverse().map((t) => `</${t.name}>`).join("");
  const reopen = (stack: { tag: string }[]): string => stack.map((t) => t.tag).join("");
  const cutAt = (b: { at: number; open: { tag: string; name: string }[]; len: number }): void => {
    const head = cur.slice(0, b.at).replace(/\s+$/, "");
    const tail = cur.slice(b.at).replace(/^[ \t]*\n?/, "");
    pieces.push(head + closeAll(b.open));
    cur = reopen(b.open) + tail;
    len = len - b.len;
    best = null;
  };

  for (const t of toks) {
    if ("tag" in t) {
      cur += t.tag;
      if (t.close) {
        const i = open.map((o) => o.name).lastIndexOf(t.name);
        if (i >= 0) open = open.slice(0, i);
      } else open = [...open, { tag: t.tag, name: t.name }];
      continue;
    }
    for (const { s: u, len: w } of units(t.text)) {
      if (len + w > limit) {
        if (best && best.at > 0) cutAt(best);
        else {
          // No boundary at all: cut right here.
          pieces.push(cur + closeAll(open));
          cur = reopen(open);
          len = 0;
          best = null;
        }
      }
      cur += u;
      len += w;
      if (u === "\n" || u === " ") {
        const q = u === "\n" ? 2 : 1;
        if (!best || q >= best.q || len - best.len > 200) best = { at: cur.length, open: [...open], len, q };
      }
    }
  }
  if (cur.replace(/<[^>]*>/g, "").trim()) pieces.push(cur);
  return pieces.map((p) => p.replace(/^\s+/, "")).filter((p) => p.replace(/<[^>]*>/g, "").trim());
}

/** Markdown (Discord, console): cut at lines; an open ``` fence is closed and reopened. */
export function cutMarkdown(s: string, limit: number): string[] {
  const pieces: string[] = [];
  let cur: string[] = [];
  let curLen = 0;
  let fence: string | null = null;
  const FENCE_CLOSE = "\n```";

  const flush = (): void => {
    if (!cur.length) return;
    let text = cur.join("\n");
    if (fence !== null) text += FENCE_CLOSE;
    pieces.push(text);
    cur = fence !== null ? [fence] : [];
    curLen = fence !== null ? fence.length : 0;
  };

  const lines = s.split("\n");
  for (let line of lines) {
    const reserve = fence !== null ? FENCE_CLOSE.length : 0;
    while (line.length + 1 + reserve + (fence !== null ? fence.length + 1 : 0) > limit) {
      // A single line longer than a message: cut at the last space that fits.
      const room = limit - curLen - 1 - reserve - 4;
      if (room < 40) {
        flush();
        continue;
      }
      let at = line.lastIndexOf(" ", room);
      if (at < room / 2) at = graphemeBoundary(line, room);
      cur.push(line.slice(0, at));
      curLen += at + 1;
      line = line.slice(at).replace(/^ /, "");
      flush();
    }
    if (curLen + line.length + 1 + reserve > limit) flush();
    cur.push(line);
    curLen += line.length + 1;
    const f = /^\s*(?:> )?(```+)(.*)$/.exec(line);
    if (f) fence = fence === null ? line : null;
  }
  if (cur.length) pieces.push(cur.join("\n"));
  return pieces.filter((p) => p.trim() && p.trim() !== "```");
}
