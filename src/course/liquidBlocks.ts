/**
 * Liquid's block pairs, resolved first, as Jekyll runs Liquid over the whole file before kramdown
 * reads it: `{% comment %}…{% endcomment %}` goes with everything inside it, `{% raw %}…{% endraw %}`
 * leaves its content as literal text. Both may span lines or sit inside a sentence, a code block or
 * a code span; `{%-` and `-%}` strip the whitespace on their side, newlines included.
 * The other tags are left to the pre-scanner (liquid.ts). Pure.
 */
import { MARK } from "./markers.js";
import { LineIndex } from "../text/lineIndex.js";

export interface LiquidBlocks {
  text: string;
  /** lineOrigin[i]: the 0-based input line that output line i comes from. */
  lineOrigin: number[];
  problems: { line: number; severity: "error" | "warning"; message: string }[];
}

const TAG = /\{%(-?)\s*(comment|endcomment|raw|endraw)\b[^%]*?(-?)%\}/g;

interface Tag {
  name: string;
  start: number;
  end: number;
  trimBefore: boolean;
  trimAfter: boolean;
}

function tagsFrom(src: string, from: number): IterableIterator<RegExpMatchArray> {
  TAG.lastIndex = from;
  return src.matchAll(TAG);
}

function tagAt(m: RegExpMatchArray): Tag {
  return { name: m[2]!, start: m.index!, end: m.index! + m[0].length, trimBefore: m[1] === "-", trimAfter: m[3] === "-" };
}

function nextTag(src: string, from: number, names?: readonly string[]): Tag | undefined {
  for (const m of tagsFrom(src, from)) if (!names || names.includes(m[2]!)) return tagAt(m);
  return undefined;
}

/** The `{% endcomment %}` closing a comment whose body starts at `from`: comments nest, raw blocks inside are skipped. */
function commentEnd(src: string, from: number): Tag | undefined {
  let depth = 1;
  for (let t = nextTag(src, from); t; t = nextTag(src, t.end)) {
    if (t.name === "raw") {
      const close = nextTag(src, t.end, ["endraw"]);
      if (!close) return undefined;
      t = close;
    } else if (t.name === "comment") depth++;
    else if (t.name === "endcomment" && --depth === 0) return t;
  }
  return undefined;
}

/** Output text that remembers, for every line it holds, the input line it came from. */
class Output {
  text = "";
  lineOrigin = [0];
  private readonly lines: LineIndex;

  constructor(private readonly src: string) {
    this.lines = new LineIndex(src);
  }

  lineOf(offset: number): number {
    return this.lines.lineAt(offset);
  }

  /** Append `src[from, to)`, transformed by `map` (which must keep its newlines). */
  copy(from: number, to: number, map: (s: string) => string = (s) => s): void {
    if (from >= to) return;
    if (this.text === "" || this.text.endsWith("\n")) this.lineOrigin[this.lineOrigin.length - 1] = this.lineOf(from);
    const part = this.src.slice(from, to);
    let at = from;
    for (const line of part.split("\n").slice(0, -1)) {
      at += line.length + 1;
      this.lineOrigin.push(this.lineOf(at));
    }
    this.text += map(part);
  }

  /** `{%-`: the whitespace before the tag goes, newlines included. */
  trimEnd(): void {
    const kept = this.text.trimEnd();
    const newlines = this.text.length - kept.length - this.text.slice(kept.length).replaceAll("\n", "").length;
    this.text = kept;
    this.lineOrigin.length -= newlines;
  }
}

/** `{{` and `{%` inside a raw block are text: the pre-scanner must not read them as Liquid. */
const literal = (s: string): string => s.replace(/\{(?=[{%])/g, `{${MARK.literal}`);

const skipSpace = (src: string, at: number): number => at + (/^\s*/.exec(src.slice(at))?.[0].length ?? 0);

export function resolveLiquidBlocks(src: string): LiquidBlocks {
  const out = new Output(src);
  const problems: LiquidBlocks["problems"] = [];
  let pos = 0;
  for (let t = nextTag(src, 0); t; t = nextTag(src, pos)) {
    out.copy(pos, t.start);
    if (t.trimBefore) out.trimEnd();
    pos = t.trimAfter ? skipSpace(src, t.end) : t.end;
    if (t.name === "comment") {
      const close = commentEnd(src, t.end);
      if (!close) {
        problems.push({ line: out.lineOf(t.start), severity: "error", message: "{% comment %} is never closed by {% endcomment %} (Jekyll stops on it); its text is kept" });
        continue;
      }
      pos = close.trimAfter ? skipSpace(src, close.end) : close.end;
    } else if (t.name === "raw") {
      const close = nextTag(src, t.end, ["endraw"]);
      if (!close) {
        problems.push({ line: out.lineOf(t.start), severity: "error", message: "{% raw %} is never closed by {% endraw %} (Jekyll stops on it); its text is kept" });
        continue;
      }
      out.copy(pos, close.start, literal);
      if (close.trimBefore) out.trimEnd();
      pos = close.trimAfter ? skipSpace(src, close.end) : close.end;
    } else {
      const opener = t.name === "endraw" ? "raw" : "comment";
      problems.push({ line: out.lineOf(t.start), severity: "warning", message: `{% ${t.name} %} without {% ${opener} %} before it; removed` });
    }
  }
  out.copy(pos, src.length);
  return { text: out.text, lineOrigin: out.lineOrigin, problems };
}
