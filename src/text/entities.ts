import { decode } from "html-entities";

/**
 * Text with every HTML entity decoded: named (all of HTML5's, `&eacute;`, `&hellip;`, `&le;`…)
 * or numeric. Used wherever the engine reads HTML that no DOM parser has decoded for it.
 *
 * @example decodeEntities("Caf&eacute; &le; 5&nbsp;&euro;") // "Café ≤ 5\u00a0€"
 */
export function decodeEntities(s: string): string {
  return decode(s, { level: "html5" });
}
