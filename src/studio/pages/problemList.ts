/**
 * Problems as `check` prints them (`file:line: severity: message`), each a link that opens the
 * file at that line in the source view.
 */
import { formatProblem } from "../../text/problemLine.js";
import { escapeHtml } from "../../text/html.js";
import type { StudioProblem } from "../model.js";
import { link, paths } from "../paths.js";

export function problemList(problems: readonly StudioProblem[], root: string, opts: { marked?: ReadonlySet<StudioProblem> } = {}): string {
  if (!problems.length) return `<p class="none">No problems.</p>`;
  const items = problems.map((p) => {
    const here = opts.marked?.has(p) ? " here" : "";
    return `<li class="problem ${p.severity}${here}"><a href="${link(root, paths.source(p.file), `L${p.line}`)}">${escapeHtml(formatProblem(p))}</a></li>`;
  });
  return `<ul class="problem-list">${items.join("")}</ul>`;
}
