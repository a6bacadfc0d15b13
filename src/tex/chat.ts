/**
 * A post's TeX as a chat client's math renderer expects it (Telegram rich messages draw
 * `<tg-math>` with a common web subset of LaTeX, not with the MathJax configuration the blog loaded):
 * the post's own macros expanded, `equation` unwrapped, `align`-like environments turned into their
 * inner forms (`aligned`, `gathered`, …), labels and MathJax-only commands dropped.
 *
 *   normalizeForChat("\\begin{align} a &= b \\label{x} \\end{align}")  // "\\begin{aligned} a &= b  \\end{aligned}"
 */
import { stripDirectives, takeTags } from "./directives.js";
import { innerForm, OUTER_ROW_ENVIRONMENTS, WRAPPER_ENVIRONMENTS } from "./environments.js";
import { expandMacros, type Macros } from "./macros.js";

const ROWS = OUTER_ROW_ENVIRONMENTS.join("|");
const WRAPPER = new RegExp(`\\\\(begin|end)\\s*\\{(${WRAPPER_ENVIRONMENTS.join("|")})\\*?\\}`, "g");
const BEGIN_ROWS = new RegExp(`\\\\begin\\s*\\{(${ROWS})(\\*?)\\}(\\s*\\{[^{}]*\\})?`, "g");
const END_ROWS = new RegExp(`\\\\end\\s*\\{(${ROWS})\\*?\\}`, "g");

/** The opening and closing tags of `env`'s inner form; KaTeX has no eqnarray, an `rcl` array draws it. */
function innerTags(env: string, arg: string): [string, string] {
  const form = innerForm(env)!;
  if (form === "eqnarray") return ["\\begin{array}{rcl}", "\\end{array}"];
  return [`\\begin{${form}}${arg}`, `\\end{${form}}`];
}

/**
 * `tex` for a chat client: macros expanded, `equation`/`displaymath` unwrapped, `align` → `aligned`
 * (and the like), `\label`, `\nonumber`, `\notag`, `\require` dropped, equation numbers (`\tag`)
 * moved out of inner environments to the end, where display renderers accept one.
 */
export function normalizeForChat(tex: string, macros: Macros = new Map()): string {
  let t = stripDirectives(expandMacros(tex.normalize("NFC"), macros));
  t = t.replace(WRAPPER, "");
  // alignat's column count stays with its inner form; any other environment's `{…}` after it is its body.
  t = t.replace(BEGIN_ROWS, (_all, env: string, _star, arg?: string) =>
    innerForm(env) === "alignedat" ? innerTags(env, (arg ?? "").trim())[0] : innerTags(env, "")[0] + (arg ?? ""),
  );
  t = t.replace(END_ROWS, (_all, env: string) => innerTags(env, "")[1]);
  let tags: string[] = [];
  if (/\\begin\{/.test(t)) ({ tex: t, tags } = takeTags(t));
  t = t.trim();
  return tags.length ? `${t} ${tags[0]}` : t;
}
