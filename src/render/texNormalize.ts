/**
 * A post's TeX as a chat client's math renderer expects it (Telegram rich messages draw
 * `<tg-math>` with a common web subset of LaTeX, not with the MathJax configuration the blog loaded):
 * the post's own macros expanded, `equation` unwrapped, `align`-like environments turned into their
 * inner forms (`aligned`, `gathered`, …), labels and MathJax-only commands dropped. Pure.
 */

export interface Macro {
  /** Number of arguments (0–9). */
  args: number;
  /** Default of the first argument, when it is optional (`\newcommand\x[2][a]{…}`). */
  optional?: string;
  body: string;
}

export type Macros = ReadonlyMap<string, Macro>;

/** `{…}` starting at `i` (which must be "{"): the index after the matching "}", or -1. */
function groupEnd(s: string, i: number): number {
  let depth = 0;
  for (let k = i; k < s.length; k++) {
    const c = s[k];
    if (c === "\\") {
      k++;
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return k + 1;
  }
  return -1;
}

function skipSpaces(s: string, i: number): number {
  while (i < s.length && /\s/.test(s[i]!)) i++;
  return i;
}

/** One macro argument at `i`: a `{group}` (braces removed) or a single token. */
function readArgument(s: string, i: number): { value: string; end: number } | null {
  i = skipSpaces(s, i);
  if (i >= s.length) return null;
  if (s[i] === "{") {
    const end = groupEnd(s, i);
    return end < 0 ? null : { value: s.slice(i + 1, end - 1), end };
  }
  if (s[i] === "\\") {
    const m = /^\\(?:[a-zA-Z]+|.)/.exec(s.slice(i));
    return m ? { value: m[0], end: i + m[0].length } : null;
  }
  if (s[i] === "}") return null;
  return { value: s[i]!, end: i + 1 };
}

/**
 * The macros defined in `preamble` (`\newcommand`, `\renewcommand`, `\providecommand`, `\def`,
 * `\DeclareMathOperator`), in order; a later definition replaces an earlier one.
 */
export function parseMacros(preamble: string): Map<string, Macro> {
  const macros = new Map<string, Macro>();
  const re = /\\(newcommand|renewcommand|providecommand|DeclareMathOperator|def)\b\*?/g;
  for (let m = re.exec(preamble); m; m = re.exec(preamble)) {
    let i = skipSpaces(preamble, m.index + m[0].length);
    let name: string | undefined;
    if (preamble[i] === "{") {
      const end = groupEnd(preamble, i);
      if (end < 0) continue;
      name = preamble.slice(i + 1, end - 1).trim();
      i = end;
    } else {
      const n = /^\\[a-zA-Z]+/.exec(preamble.slice(i));
      if (n) {
        name = n[0];
        i += n[0].length;
      }
    }
    if (!name || !/^\\[a-zA-Z]+$/.test(name)) continue;
    let args = 0;
    let optional: string | undefined;
    if (m[1] === "def") {
      const params = /^(?:#\d)+/.exec(preamble.slice(i));
      if (params) {
        args = params[0].length / 2;
        i += params[0].length;
      }
    } else if (m[1] !== "DeclareMathOperator") {
      i = skipSpaces(preamble, i);
      const count = /^\[(\d)\]/.exec(preamble.slice(i));
      if (count) {
        args = Number(count[1]);
        i += count[0].length;
        const opt = /^\[([^\]]*)\]/.exec(preamble.slice(i));
        if (opt) {
          optional = opt[1];
          i += opt[0].length;
        }
      }
    }
    i = skipSpaces(preamble, i);
    if (preamble[i] !== "{") continue;
    const end = groupEnd(preamble, i);
    if (end < 0) continue;
    let body = preamble.slice(i + 1, end - 1);
    if (m[1] === "DeclareMathOperator") body = `\\operatorname${m[0].endsWith("*") ? "*" : ""}{${body}}`;
    macros.set(name, { args, ...(optional !== undefined ? { optional } : {}), body });
    re.lastIndex = end;
  }
  return macros;
}

/** Expands `macros` in `tex` (nested uses too, up to a depth that stops runaway recursion). */
export function expandMacros(tex: string, macros: Macros): string {
  if (macros.size === 0) return tex;
  let out = tex;
  for (let round = 0; round < 8; round++) {
    const next = expandOnce(out, macros);
    if (next === out || next.length > 20_000) return next;
    out = next;
  }
  return out;
}

function expandOnce(tex: string, macros: Macros): string {
  let out = "";
  let i = 0;
  while (i < tex.length) {
    const c = tex[i]!;
    if (c !== "\\") {
      out += c;
      i++;
      continue;
    }
    const word = /^\\(?:[a-zA-Z]+|.)/.exec(tex.slice(i))?.[0] ?? "\\";
    const macro = macros.get(word);
    if (!macro) {
      out += word;
      i += word.length;
      continue;
    }
    let j = i + word.length;
    const values: string[] = [];
    let ok = true;
    for (let k = 0; k < macro.args; k++) {
      if (k === 0 && macro.optional !== undefined) {
        const opt = /^\s*\[([^\]]*)\]/.exec(tex.slice(j));
        if (opt) {
          values.push(opt[1]!);
          j += opt[0].length;
        } else values.push(macro.optional);
        continue;
      }
      const a = readArgument(tex, j);
      if (!a) {
        ok = false;
        break;
      }
      values.push(a.value);
      j = a.end;
    }
    if (!ok) {
      out += word;
      i += word.length;
      continue;
    }
    const body = macro.body.replace(/#(\d)/g, (_, d: string) => values[Number(d) - 1] ?? "");
    // After ^ or _ the expansion must stay one argument (`x^\R` → `x^{\mathbb{R}}`); elsewhere no
    // braces, so `\argmax_x` keeps its limits. A control word must not run into following letters.
    const script = /[\^_]\s*$/.test(out);
    const glued = /\\[a-zA-Z]+$/.test(body) && /^[a-zA-Z]/.test(tex.slice(j));
    out += script ? `{${body}}` : glued ? `${body} ` : body;
    i = j;
  }
  return out;
}

/** Environments whose body a chat renderer wants inside another environment. */
const INNER: Record<string, (arg: string) => [string, string]> = {
  align: () => ["\\begin{aligned}", "\\end{aligned}"],
  flalign: () => ["\\begin{aligned}", "\\end{aligned}"],
  split: () => ["\\begin{aligned}", "\\end{aligned}"],
  alignat: (arg) => [`\\begin{alignedat}${arg}`, "\\end{alignedat}"],
  gather: () => ["\\begin{gathered}", "\\end{gathered}"],
  multline: () => ["\\begin{gathered}", "\\end{gathered}"],
  eqnarray: () => ["\\begin{array}{rcl}", "\\end{array}"],
};

/**
 * `tex` for a chat client: macros expanded, `equation`/`displaymath` unwrapped, `align` → `aligned`
 * (and the like), `\label`, `\nonumber`, `\notag`, `\require` dropped, equation numbers (`\tag`)
 * moved out of inner environments to the end, where display renderers accept one.
 */
export function normalizeForChat(tex: string, macros: Macros = new Map()): string {
  let t = expandMacros(tex.normalize("NFC"), macros);
  t = t
    .replace(/\\label\s*\{[^{}]*\}/g, "")
    .replace(/\\(?:nonumber|notag)\b/g, "")
    .replace(/\\require\s*\{[^{}]*\}/g, "");
  t = t.replace(/\\(begin|end)\s*\{(equation|displaymath|math)\*?\}/g, "");
  t = t.replace(/\\begin\s*\{(align|flalign|split|alignat|gather|multline|eqnarray)(\*?)\}(\s*\{[^{}]*\})?/g, (_all, env: string, _star, arg?: string) => {
    const [open] = INNER[env]!(env === "alignat" ? (arg ?? "").trim() : "");
    return env === "alignat" ? open : open + (arg ?? "");
  });
  t = t.replace(/\\end\s*\{(align|flalign|split|alignat|gather|multline|eqnarray)\*?\}/g, (_all, env: string) => INNER[env]!("")[1]);
  const tags: string[] = [];
  if (/\\begin\{/.test(t)) {
    t = t.replace(/\\tag\*?\s*\{[^{}]*\}/g, (m) => {
      tags.push(m);
      return "";
    });
  }
  t = t.trim();
  return tags.length ? `${t} ${tags[0]}` : t;
}
