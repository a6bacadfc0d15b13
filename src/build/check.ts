/**
 * `check`: every problem a course has, as the author needs to see it. It runs the same
 * pipeline the bot uses (so what it reports is exactly what would go wrong in chat), into a
 * throw-away folder.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderCourse } from "./renderCourse.js";
import type { Problem } from "../contract/lessons.js";

export async function checkCourse(opts: { contentDir: string; cacheDir?: string }): Promise<Problem[]> {
  const out = mkdtempSync(join(tmpdir(), "sau-phut-check-"));
  try {
    const result = await renderCourse({ contentDir: opts.contentDir, platform: "telegram", outDir: out, ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}) });
    return result.problems;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.severity}: ${p.message}`;
}
