/** A content problem as one line, the way `check` prints it and the bot logs it. */
import type { Problem } from "../contract/lessons.js";

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.severity}: ${p.message}`;
}
