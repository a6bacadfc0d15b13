import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { renderCourse, type EngineResult } from "../../src/build/renderCourse.js";
import type { CatalogueCourse, Platform, RenderedLesson } from "../../src/contract/lessons.js";

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

/** A render of one folder that is one course: that course and its lessons at hand. */
export type OneCourse = EngineResult & { course: CatalogueCourse; lessons: RenderedLesson[] };

export function oneCourse(r: EngineResult): OneCourse {
  if (r.courses.length !== 1) throw new Error(`expected one course, got ${r.courses.map((c) => c.id).join(", ")}`);
  return { ...r, course: r.courses[0]!, lessons: r.courses[0]!.lessons };
}

export async function render(files: Record<string, string | Buffer>, platform: Platform): Promise<OneCourse & { outDir: string }> {
  const dir = contentDir(files);
  const outDir = mkdtempSync(join(tmpdir(), "sau-phut-out-"));
  const result = await renderCourse({ contentDir: dir, platform, outDir, cacheDir: sharedCache });
  return { ...oneCourse(result), outDir };
}

/** A post's whole text as the reader gets it, messages joined. */
export function allText(r: OneCourse): string {
  return r.lessons.flatMap((l) => l.messages.map((m) => m.text ?? "")).join("\n\n");
}

export const post = (front: string, body: string): string => `---\n${front}\n---\n${body}`;
