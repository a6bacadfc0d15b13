import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { dataDirProblem } from "../ops/dataDir.js";

export interface MathCache {
  dir: string;
  /** Why the usual cache is not used, when it is not. */
  note?: string;
  /** Removes a temporary cache (nothing for the others). */
  dispose(): void;
}

/**
 * Where a command keeps the formula images it draws: --cache when given; else DATA_DIR/cache/math;
 * when DATA_DIR cannot be written, a temporary folder removed afterwards — so an unwritable data
 * folder shows as that, not as every formula failing to draw.
 */
export function mathCacheFor(explicit: string | undefined, dataDir: string): MathCache {
  if (explicit) return { dir: resolve(explicit), dispose: () => undefined };
  const problem = dataDirProblem(dataDir);
  if (!problem) return { dir: join(dataDir, "cache", "math"), dispose: () => undefined };
  const tmp = mkdtempSync(join(tmpdir(), "sau-phut-cache-"));
  return {
    dir: join(tmp, "math"),
    note: `formulas drawn in a temporary cache: DATA_DIR ${problem}`,
    dispose: () => rmSync(tmp, { recursive: true, force: true }),
  };
}
