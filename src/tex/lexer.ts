/**
 * The one TeX tokenizer: every piece of code that reads TeX (the Unicode writer, macro expansion,
 * the row splitter, the `$$` delimiter check) walks the source with `tokenAt`, so they agree on
 * what a control sequence, a group and a comment are.
 *
 *   tokenAt("\\alpha_1", 0)  // { kind: "word", name: "alpha", start: 0, end: 6 }
 *   [...texTokens("{x}% c")].map((t) => t.kind)  // ["open", "char", "close", "comment"]
 */

export type TexToken =
  /** `\alpha`: `name` without the backslash; spaces after it are a separate token. */
  | { kind: "word"; name: string; start: number; end: number }
  /** `\{`, `\\`, `\,`, `\ `: `name` is the character after the backslash ("" at the end of the source). */
  | { kind: "symbol"; name: string; start: number; end: number }
  /** One character (a code point) that is none of the others. */
  | { kind: "char"; text: string; start: number; end: number }
  /** A run of whitespace. */
  | { kind: "space"; start: number; end: number }
  | { kind: "open"; start: number; end: number }
  | { kind: "close"; start: number; end: number }
  /** `%` to the end of its line, the newline included. */
  | { kind: "comment"; start: number; end: number };

const LETTER = /[a-zA-Z]/;
const SPACE = /\s/;

/** The token starting at offset `i` (which must be inside `src`). */
export function tokenAt(src: string, i: number): TexToken {
  const c = src[i]!;
  if (c === "\\") {
    if (LETTER.test(src[i + 1] ?? "")) {
      let j = i + 2;
      while (j < src.length && LETTER.test(src[j]!)) j++;
      return { kind: "word", name: src.slice(i + 1, j), start: i, end: j };
    }
    const next = src.codePointAt(i + 1);
    const name = next === undefined ? "" : String.fromCodePoint(next);
    return { kind: "symbol", name, start: i, end: i + 1 + name.length };
  }
  if (c === "{") return { kind: "open", start: i, end: i + 1 };
  if (c === "}") return { kind: "close", start: i, end: i + 1 };
  if (c === "%") {
    const nl = src.indexOf("\n", i);
    return { kind: "comment", start: i, end: nl < 0 ? src.length : nl + 1 };
  }
  if (SPACE.test(c)) {
    let j = i + 1;
    while (j < src.length && SPACE.test(src[j]!)) j++;
    return { kind: "space", start: i, end: j };
  }
  const text = String.fromCodePoint(src.codePointAt(i)!);
  return { kind: "char", text, start: i, end: i + text.length };
}

/** Every token of `src` from offset `from`, in order. */
export function* texTokens(src: string, from = 0): Generator<TexToken> {
  for (let i = from; i < src.length; ) {
    const t = tokenAt(src, i);
    yield t;
    i = t.end;
  }
}

/** Offset after the `}` matching the `{` at `i`; -1 when it is never closed. */
export function groupEnd(src: string, i: number): number {
  let depth = 0;
  for (const t of texTokens(src, i)) {
    if (t.kind === "open") depth++;
    else if (t.kind === "close" && --depth === 0) return t.end;
  }
  return -1;
}

/** Offset of the first character at or after `i` that is not whitespace. */
export function skipSpaces(src: string, i: number): number {
  while (i < src.length && SPACE.test(src[i]!)) i++;
  return i;
}

/**
 * `\begin{name}` / `\end{name}` at a word token: which one, the environment's name ("" when no
 * `{name}` follows) and where the tag ends; null for any other token.
 */
export function environmentTag(src: string, t: TexToken): { begin: boolean; name: string; end: number } | null {
  if (t.kind !== "word" || (t.name !== "begin" && t.name !== "end")) return null;
  const m = /^\s*\{([^{}]*)\}/.exec(src.slice(t.end, t.end + 60));
  return { begin: t.name === "begin", name: m?.[1] ?? "", end: m ? t.end + m[0].length : t.end };
}
