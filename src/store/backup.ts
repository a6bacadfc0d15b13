import Database from "better-sqlite3";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * An online, consistent copy of the bot's database while the bot runs: SQLite's backup API through a
 * second, read-only connection (WAL lets it read a consistent snapshot while the bot writes).
 * Returns the number of pages copied.
 */
export async function backupDatabase(file: string, out: string): Promise<{ pages: number }> {
  if (!existsSync(file)) throw new Error(`no database at ${file}`);
  if (resolve(file) === resolve(out)) throw new Error("the backup must go to another file");
  mkdirSync(dirname(resolve(out)), { recursive: true });
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    // All remaining pages in one step, under one read snapshot: in WAL mode the bot's writes go on
    // meanwhile, and a step-by-step copy would restart every time they change the file.
    const result = await db.backup(out, { progress: () => 0x7fffffff });
    return { pages: result.totalPages };
  } finally {
    db.close();
  }
}
