/**
 * What a start needs before anything else, each failure a ConfigError naming what to fix: a data folder
 * the bot can write, and its database open for writing.
 */
import { join } from "node:path";
import { ConfigError } from "../contract/configError.js";
import { dataDirProblem } from "../ops/dataDir.js";
import { safeAddress } from "../store/postgres/syncClient.js";
import { Store } from "../store/store.js";

/** Codes of a database file (or its folder) the bot may not write. */
const NOT_WRITABLE = /EACCES|EPERM|EROFS|SQLITE_READONLY|SQLITE_CANTOPEN|SQLITE_PERM/;

/**
 * DATA_DIR writable (rendered lessons and the math cache live there either way), then the database:
 * PostgreSQL at `databaseUrl` when given (its tables created in an empty database), else
 * DATA_DIR/bot.sqlite (created and migrated when new).
 */
export function openDataStore(dataDir: string, databaseUrl?: string): Store {
  const problem = dataDirProblem(dataDir);
  if (problem) throw new ConfigError([`DATA_DIR: ${problem}`]);
  if (databaseUrl !== undefined) return openPostgresStore(databaseUrl);
  const file = join(dataDir, "bot.sqlite");
  try {
    return Store.open(file);
  } catch (err) {
    const e = err as { code?: string; message: string };
    const why = NOT_WRITABLE.test(`${e.code ?? ""} ${e.message}`)
      ? `cannot be opened for writing, a permission problem (${e.code ?? e.message}); the user the bot runs as must be able to write the file, bot.sqlite-wal and bot.sqlite-shm beside it, and ${dataDir}`
      : `cannot be opened (${e.code ? `${e.code}: ` : ""}${e.message}); restore it from a backup (npm run cli -- backup) or move it away to start afresh`;
    throw new ConfigError([`database: ${file} ${why}`]);
  }
}

function openPostgresStore(url: string): Store {
  try {
    return Store.open(url);
  } catch (err) {
    const e = err as { code?: string; message: string };
    const why =
      e.code === "28P01" || e.code === "28000"
        ? "refused the user or password"
        : e.code === "3D000"
          ? "has no such database (create it first: createdb, or CREATE DATABASE)"
          : `cannot be used (${e.code ? `${e.code}: ` : ""}${e.message})`;
    throw new ConfigError([`DATABASE_URL: PostgreSQL at ${safeAddress(url)} ${why}`]);
  }
}
