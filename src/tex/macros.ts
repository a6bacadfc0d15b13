/**
 * A post's own TeX macros (`\newcommand`, `\renewcommand`, `\providecommand`, `\def`,
 * `\DeclareMathOperator`): read once from the formulas that define them, expanded in the others for
 * renderers that do not run the post's definitions themselves.
 *
 *   const macros = parseMacros("\\newcommand{\\R}{\\mathbb{R}}");
 *   expandMacros("x \\in \\R^n", macros)  // "x \\in \\mathbb{R}^n"
 *   definitionsOnly("\\newcommand{\\R}{\\mathbb{R}}")  // true: the formula draws nothing
 */
import { groupEnd, skipSpaces, tokenAt } from "./lexer.js";

export interface Macro {
  /** Number of arguments (0–9). */
  args: number;
  /** Default of the first argument, when it is optional (`\newcommand\x[2][a]{…}`). */
  optional?: string;
  body: string;
}

export type Macros = ReadonlyMap<string, Macro>;

const DEFINERS = new Set(["newcommand", "renewcommand", "providecommand", "DeclareMathOperator", "def"]);

interface Definition {
  /** `\name`, backslash included. */
  name: string;
  macro: Macro;
  start: number;
  end: number;
}

/** Every well-formed definition in `tex`, in order. */
function definitions(tex: string): Definition[] {
  const found: Definition[] = [];
  for (let i = 0; i < tex.length; ) {
    const t = tokenAt(tex, i);
    const d = t.kind === "word" && DEFINERS.has(t.name) ? definitionAt(tex, t.name, t.start, t.end) : null;
    if (d) found.push(d);
    i = d ? d.end : t.end;
  }
  return found;
}

/** The definition whose command (`\newcommand`, …) spans [start, afterCommand); null when malformed. */
function definitionAt(tex: string, command: string, start: number, afterCommand: number): Definition | null {
  const starred = tex[afterCommand] === "*";
  let i = skipSpaces(tex, afterCommand + (starred ? 1 : 0));
  let name: string | undefined;
  if (tex[i] === "{") {
    const end = groupEnd(tex, i);
    if (end < 0) return null;
    name = tex.slice(i + 1, end - 1).trim();
    i = end;
  } else if (i < tex.length) {
    const t = tokenAt(tex, i);
    if (t.kind === "word") {
      name = tex.slice(t.start, t.end);
      i = t.end;
    }
  }
  if (!name || !/^\\[a-zA-Z]+$/.test(name)) return null;
  let args = 0;
  let optional: string | undefined;
  if (command === "def") {
    const params = /^(?:#\d)+/.exec(tex.slice(i));
    if (params) {
      args = params[0].length / 2;
      i += params[0].length;
    }
  } else if (command !== "DeclareMathOperator") {
    i = skipSpaces(tex, i);
    const count = /^\[(\d)\]/.exec(tex.slice(i));
    if (count) {
      args = Number(count[1]);
      i += count[0].length;
      const opt = /^\[([^\]]*)\]/.exec(tex.slice(i));
      if (opt) {
        optional = opt[1];
        i += opt[0].length;
      }
    }
  }
  i = skipSpaces(tex, i);
  if (tex[i] !== "{") return null;
  const end = groupEnd(tex, i);
  if (end < 0) return null;
  let body = tex.slice(i + 1, end - 1);
  if (command === "DeclareMathOperator") body = `\\operatorname${starred ? "*" : ""}{${body}}`;
  return { name, macro: { args, ...(optional !== undefined ? { optional } : {}), body }, start, end };
}

/** The macros defined in `preamble`, in order; a later definition replaces an earlier one. */
export function parseMacros(preamble: string): Map<string, Macro> {
  return new Map(definitions(preamble).map((d) => [d.name, d.macro]));
}

/** True when `tex` holds definitions and nothing else: a formula that only sets up the post's macros. */
export function definitionsOnly(tex: string): boolean {
  const defs = definitions(tex);
  if (defs.length === 0) return false;
  let rest = "";
  let at = 0;
  for (const d of defs) {
    rest += tex.slice(at, d.start);
    at = d.end;
  }
  return !(rest + tex.slice(at)).trim();
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
  for (let i = 0; i < tex.length; ) {
    const t = tokenAt(tex, i);
    const word = tex.slice(t.start, t.end);
    const macro = t.kind === "word" || t.kind === "symbol" ? macros.get(word) : undefined;
    const values = macro ? argumentsOf(tex, t.end, macro) : null;
    if (!macro || !values) {
      out += word;
      i = t.end;
      continue;
    }
    const body = macro.body.replace(/#(\d)/g, (_, d: string) => values.args[Number(d) - 1] ?? "");
    // After ^ or _ the expansion must stay one argument (`x^\R` → `x^{\mathbb{R}}`); elsewhere no
    // braces, so `\argmax_x` keeps its limits. A control word must not run into following letters.
    const script = /[\^_]\s*$/.test(out);
    const glued = /\\[a-zA-Z]+$/.test(body) && /^[a-zA-Z]/.test(tex.slice(values.end));
    out += script ? `{${body}}` : glued ? `${body} ` : body;
    i = values.end;
  }
  return out;
}

/** The arguments of a use of `macro` whose name ends at `from`; null when they are not all there. */
function argumentsOf(tex: string, from: number, macro: Macro): { args: string[]; end: number } | null {
  const args: string[] = [];
  let j = from;
  for (let k = 0; k < macro.args; k++) {
    if (k === 0 && macro.optional !== undefined) {
      const opt = /^\s*\[([^\]]*)\]/.exec(tex.slice(j));
      if (opt) {
        args.push(opt[1]!);
        j += opt[0].length;
      } else args.push(macro.optional);
      continue;
    }
    const a = readArgument(tex, j);
    if (!a) return null;
    args.push(a.value);
    j = a.end;
  }
  return { args, end: j };
}

/** One macro argument at `i`: a `{group}` (braces removed) or a single token. */
function readArgument(s: string, i: number): { value: string; end: number } | null {
  i = skipSpaces(s, i);
  if (i >= s.length) return null;
  const t = tokenAt(s, i);
  if (t.kind === "open") {
    const end = groupEnd(s, i);
    return end < 0 ? null : { value: s.slice(i + 1, end - 1), end };
  }
  if (t.kind === "close" || t.kind === "comment") return null;
  return { value: s.slice(t.start, t.end), end: t.end };
}
