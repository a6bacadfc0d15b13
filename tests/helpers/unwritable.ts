import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, statSync } from "node:fs";
import { needed } from "./outside.js";

/**
 * Makes a file or folder refuse writes, as a permission problem does: chattr +i when running as root
 * (root ignores modes; CI and these machines run as root), chmod a-w otherwise. Returns the undo, or
 * undefined where neither works (then the test is skipped).
 */
export function makeUnwritable(path: string): (() => void) | undefined {
  if (process.getuid?.() === 0) {
    if (!existsSync("/usr/bin/chattr") && !existsSync("/bin/chattr")) return undefined;
    execFileSync("chattr", ["+i", path]);
    return () => execFileSync("chattr", ["-i", path]);
  }
  const mode = statSync(path).mode;
  chmodSync(path, mode & ~0o222);
  return () => chmodSync(path, mode);
}

/** Whether makeUnwritable can work here (for it.skipIf; in CI its absence fails the file instead). */
export const canMakeUnwritable = needed("chattr, for root to make a file unwritable", process.getuid?.() !== 0 || existsSync("/usr/bin/chattr") || existsSync("/bin/chattr"), ".ci/run installs e2fsprogs");
