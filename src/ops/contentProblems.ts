import type { Logger } from "pino";
import type { Problem } from "../contract/lessons.js";
import { formatProblem } from "../text/problemLine.js";

/** Each problem once (the platforms' renders report the same ones), at the level of its severity. */
export function logContentProblems(log: Logger, problems: readonly (Problem & { course?: string })[]): void {
  const seen = new Set<string>();
  for (const p of problems) {
    const line = formatProblem(p);
    if (seen.has(line)) continue;
    seen.add(line);
    log[p.severity === "error" ? "error" : "warn"]({ file: p.file, line: p.line, ...(p.course ? { course: p.course } : {}) }, `content problem: ${line}`);
  }
}
