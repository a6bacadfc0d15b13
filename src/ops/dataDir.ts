import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Error codes that mean the user the bot runs as may not write there. */
const PERMISSION = new Set(["EACCES", "EPERM", "EROFS"]);

/**
 * Why the bot cannot keep its state in `dir` — created when missing, then a file written and removed
 * in it — in words that name the path and what to do; undefined when it can.
 */
export function dataDirProblem(dir: string): string | undefined {
  const probe = join(dir, `.write-test-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, "");
    rmSync(probe, { force: true });
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    if (PERMISSION.has(code)) {
      const where = code === "EROFS" ? "is on a read-only file system" : "cannot be written: a permission problem";
      return `${dir} ${where} (${code}); give the user the bot runs as write access to it, or set DATA_DIR to a folder it can write`;
    }
    return `${dir} cannot be used as the data folder (${code || (err as Error).message}); set DATA_DIR to a folder the bot can write`;
  }
}
