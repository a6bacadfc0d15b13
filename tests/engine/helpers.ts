import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { renderCourse, type EngineResult } from "../../src/build/renderCourse.js";
import type { Platform } from "../../src/contract/lessons.js";

/** One math cache for the whole test process: formulas are drawn once. */
export const sharedCache = mkdtempSync(join(tmpdir(), "sau-phut-test-cache-"));

/** Write the given files into a fresh content folder. */
export function contentDir(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "sau-phut-content-"));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

export async function render(files: Record<string, string | Buffer>, platform: Platform): Promise<EngineResult & { outDir: string }> {
  const dir = contentDir(files);
  const outDir = mkdtempSync(join(tmpdir(), "sau-phut-out-"));
  const result = await renderCourse({ contentDir: dir, platform, outDir, cacheDir: sharedCache });
  return { ...result, outDir };
}

/** A post's whole text as the reader gets it, messages joined. */
export function allText(r: EngineResult): string {
  return r.lessons.flatMap((l) => l.messages.map((m) => m.text ?? "")).join("\n\n");
}

export const post = (front: string, body: string): string => `---\n${front}\n---\n${body}`;
