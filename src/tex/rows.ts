/**
 * The rows of a display formula (`align`, `aligned`, `gather`, `eqnarray`, plain `\\`), so that a
 * formula too tall for one image can be drawn in groups of rows, each group still valid TeX.
 *
 *   const split = splitTopLevelRows("\\begin{align} a &= b \\\\ c &= d \\end{align}");
 *   split.rows                // [" a &= b", "c &= d"]
 *   split.wrap(split.rows)    // "\\begin{aligned} a &= b \\\\ c &= d\\end{aligned}"
 */
import { stripNumbering, takeTags } from "./directives.js";
import { innerForm, WRAPPER_ENVIRONMENTS } from "./environments.js";
import { environmentTag, tokenAt } from "./lexer.js";

export interface RowSplit {
  /** TeX for a group of consecutive rows (wrapped in aligned/alignedat/gathered/eqnarray*, \tag moved out). */
  wrap: (rows: string[]) => string;
  rows: string[];
}

/** Scan result: positions of top-level `\\` (not inside braces or nested environments). */
interface Scan {
  /** [start, end) of every top-level row break, including a trailing `*` and `[dim]`. */
  breaks: Array<[number, number]>;
  /** End index of the `\end{…}` that closes the first top-level `\begin{…}`, when the text starts with one. */
  firstEnvEnd: number | null;
}

function scanRows(tex: string): Scan {
  const breaks: Array<[number, number]> = [];
  let braces = 0;
  let envs = 0;
  let firstEnvEnd: number | null = null;
  for (let i = 0; i < tex.length; ) {
    const t = tokenAt(tex, i);
    let end = t.end;
    if (t.kind === "open") braces++;
    else if (t.kind === "close") braces--;
    else if (t.kind === "word") {
      const env = environmentTag(tex, t);
      if (env) {
        end = env.end;
        if (env.begin) envs++;
        else if (--envs === 0 && braces === 0 && firstEnvEnd === null && /^\\begin\b/.test(tex)) firstEnvEnd = end;
      }
    } else if (t.kind === "symbol" && t.name === "\\" && braces === 0 && envs === 0) {
      const opt = /^\*?\s*(\[[^\]]*\])?/.exec(tex.slice(end));
      if (opt) end += opt[0].length;
      breaks.push([i, end]);
    }
    i = end;
  }
  return { breaks, firstEnvEnd };
}

/** Split `body` at its top-level `\\`. */
function splitAtBreaks(body: string): string[] {
  const { breaks } = scanRows(body);
  const rows: string[] = [];
  let start = 0;
  for (const [s, e] of breaks) {
    rows.push(body.slice(start, s));
    start = e;
  }
  rows.push(body.slice(start));
  return rows;
}

/** Rows of a formula made of top-level rows (`align`, `aligned`, `gather`, `eqnarray`, plain `\\`, …). */
export function splitTopLevelRows(tex: string): RowSplit | null {
  let t = tex.trim();
  for (let depth = 0; depth < 4; depth++) {
    const env = wholeEnvironment(t);
    if (!env) break;
    if (WRAPPER_ENVIRONMENTS.includes(env.name.replace(/\*$/, ""))) {
      t = env.body.trim();
      continue;
    }
    const form = innerForm(env.name);
    if (!form) return null;
    // MathJax draws eqnarray itself (KaTeX, for chats, does not: see chat.ts).
    const wrapper = form === "alignedat"
      ? (inner: string) => `\\begin{alignedat}${env.arg}${inner}\\end{alignedat}`
      : form === "eqnarray"
        ? (inner: string) => `\\begin{eqnarray*}${inner}\\end{eqnarray*}`
        : (inner: string) => `\\begin{${form}}${inner}\\end{${form}}`;
    return makeSplit(env.body, wrapper);
  }
  if (/^\\begin\b/.test(t) && wholeEnvironment(t)) return null;
  return makeSplit(t, (inner) => `\\begin{gathered}${inner}\\end{gathered}`);
}

function makeSplit(body: string, wrapEnv: (inner: string) => string): RowSplit | null {
  const rows = splitAtBreaks(body)
    .map((r) => stripNumbering(r).trim())
    .filter((r) => r.length > 0);
  if (rows.length < 2) return null;
  const wrap = (group: string[]): string => {
    let tags = "";
    const cleaned = group.map((r) => {
      const taken = takeTags(r);
      tags += taken.tags.join("");
      return taken.tex;
    });
    return wrapEnv(cleaned.join(" \\\\ ")) + tags;
  };
  return { wrap, rows };
}

function wholeEnvironment(t: string): { name: string; arg: string; body: string } | null {
  const m = /^\\begin\s*\{([a-zA-Z]+\*?)\}/.exec(t);
  if (!m) return null;
  const { firstEnvEnd } = scanRows(t);
  if (firstEnvEnd === null || t.slice(firstEnvEnd).trim() !== "") return null;
  const name = m[1]!;
  let bodyStart = m[0].length;
  let arg = "";
  if (innerForm(name) === "alignedat") {
    const a = /^\s*\{[^{}]*\}/.exec(t.slice(bodyStart));
    if (a) {
      arg = a[0].trim();
      bodyStart += a[0].length;
    }
  }
  const endTag = new RegExp(`\\\\end\\s*\\{${name.replace("*", "\\*")}\\}\\s*$`).exec(t);
  if (!endTag) return null;
  return { name, arg, body: t.slice(bodyStart, endTag.index) };
}
