/**
 * Everything the engine knows about TeX, in one place: where a formula starts and ends in a post,
 * the post's own macros, the commands that steer a page's MathJax, the rows of a display, the form a
 * chat client draws, and the plain-Unicode reading of simple formulas. Pure functions; course/,
 * render/ and build/ import them from here.
 */
export { normalizeForChat } from "./chat.js";
export {
  dollarFormulaAt,
  dollarUnescape,
  displayDollarClose,
  findClose,
  hasTexMarkup,
  looksLikeTex,
  markdownUnescape,
  singleBackslashFormulaAt,
  type InlineFormula,
} from "./delimiters.js";
export { stripDirectives, stripLabels, stripNumbering, stripRequires, takeTags } from "./directives.js";
export { definitionsOnly, expandMacros, parseMacros, type Macro, type Macros } from "./macros.js";
export { splitTopLevelRows, type RowSplit } from "./rows.js";
export { texToUnicode } from "./unicode.js";
