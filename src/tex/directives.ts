/**
 * Commands that steer a blog page's MathJax rather than draw anything, taken out before a formula
 * is drawn alone (an image, a chat client's math), once each:
 *
 *   stripLabels("x \\label{eq:1}")         // "x " — a label means nothing outside the page, and two formulas with one label clash
 *   stripRequires("\\require{cancel} x")   // " x" — every package is loaded here already
 *   stripNumbering("a \\nonumber \\\\ b")   // "a  \\\\ b" — nothing is numbered here
 *   takeTags("a \\tag{1} \\\\ b")           // { tex: "a  \\\\ b", tags: ["\\tag{1}"] }
 */

export function stripLabels(tex: string): string {
  return tex.replace(/\\label\s*\{[^{}]*\}/g, "");
}

export function stripRequires(tex: string): string {
  return tex.replace(/\\require\s*\{[^{}]*\}/g, "");
}

export function stripNumbering(tex: string): string {
  return tex.replace(/\\(?:nonumber|notag)\b/g, "");
}

/** Every `\label`, `\require`, `\nonumber` and `\notag`. */
export function stripDirectives(tex: string): string {
  return stripRequires(stripNumbering(stripLabels(tex)));
}

/** The equation numbers (`\tag{…}`, `\tag*{…}`) taken out of `tex`, in order. */
export function takeTags(tex: string): { tex: string; tags: string[] } {
  const tags: string[] = [];
  const rest = tex.replace(/\\tag\*?\s*\{[^{}]*\}/g, (m) => {
    tags.push(m);
    return "";
  });
  return { tex: rest, tags };
}
