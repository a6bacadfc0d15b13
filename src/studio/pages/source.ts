/**
 * A content file as plain text with line numbers, each line an anchor (`#L12`) that the problem
 * links open, the problems of a line written under it.
 */
import { escapeHtml } from "../../text/html.js";
import { checkProblems, type Snapshot } from "../model.js";
import { paths, rootOf } from "../paths.js";
import { problemList } from "./problemList.js";
import { shell, type PageOptions } from "./shell.js";

export function sourcePage(s: Snapshot, file: string, text: string, opts: PageOptions): string {
  const path = paths.source(file);
  const root = rootOf(path);
  const problems = checkProblems(s).filter((p) => p.file === file);
  const byLine = new Map<number, typeof problems>();
  for (const p of problems) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
  const lines = text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
  const rows = lines.map((line, i) => {
    const n = i + 1;
    const notes = byLine.get(n) ?? [];
    const marks = notes.map((p) => `<div class="source-problem ${p.severity}">${escapeHtml(p.severity)}: ${escapeHtml(p.message)}</div>`).join("");
    return `<tr id="L${n}" class="${notes.length ? `has-problem ${notes.some((p) => p.severity === "error") ? "error" : "warning"}` : ""}"><td class="ln"><a href="#L${n}">${n}</a></td><td class="src"><code>${escapeHtml(line) || " "}</code>${marks}</td></tr>`;
  });
  const whole = problems.filter((p) => p.line < 1 || p.line > lines.length);
  const body = `<h1 class="source-title">${escapeHtml(file)}</h1>
${problems.length ? `<section class="panel problems" data-panel="problems"><h2>Problems</h2>${problemList(problems, root)}</section>` : ""}
${whole.length ? `<p class="note">${whole.length} problem${whole.length === 1 ? "" : "s"} concern the whole file.</p>` : ""}
<table class="source"><tbody>${rows.join("")}</tbody></table>`;
  return shell(s, { path, title: file, trail: [[file, null]], body }, opts);
}
