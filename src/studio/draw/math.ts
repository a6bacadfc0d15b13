/**
 * Formulas a Telegram rich message sends as TeX (`<tg-math>`, `<tg-math-block>`), typeset by KaTeX
 * (the common web subset chat clients draw) with the options the engine checked them with. KaTeX's
 * CSS and fonts are served from node_modules by the studio; nothing is fetched from the internet.
 */
import { createRequire } from "node:module";
import { KATEX_OPTIONS } from "../../render/katexCheck.js";
import { escapeHtml } from "../../text/html.js";
import { placeholder } from "./placeholder.js";

type Katex = { renderToString(tex: string, options: Record<string, unknown>): string };
let katex: Katex | undefined;

/** Typeset formulas by TeX and mode: a page with the same formulas again costs nothing. */
const typeset = new Map<string, string>();
const MAX_REMEMBERED = 20_000;

export function typesetMath(tex: string, display: boolean): string {
  const key = `${display ? "D" : "I"}${tex}`;
  let html = typeset.get(key);
  if (html === undefined) {
    katex ??= createRequire(import.meta.url)("katex") as Katex;
    try {
      html = katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display, output: "htmlAndMathml" });
    } catch (err) {
      // The engine sends only what KaTeX accepts: a refusal here is a disagreement worth seeing.
      html = placeholder(`KaTeX cannot typeset this: ${(err as Error).message}`, `<code>${escapeHtml(tex)}</code>`, { block: display });
    }
    if (typeset.size >= MAX_REMEMBERED) typeset.clear();
    typeset.set(key, html);
  }
  return html;
}
