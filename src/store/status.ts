import Database from "better-sqlite3";
import { accessSync, constants, existsSync } from "node:fs";
import { dirname } from "node:path";
import { migrations } from "./migrations.js";

/**
 * `doctor`'s look at the database, without changing it: schema version against this program's
 * migrations, and whether it takes writes (a write inside a transaction that is rolled back).
 */
export function databaseStatus(file: string): { ok: boolean; detail: string } {
  const latest = migrations.length;
  if (!existsSync(file)) {
    try {
      accessSync(existsSync(dirname(file)) ? dirname(file) : dirname(dirname(file)), constants.W_OK);
      return { ok: true, detail: `${file} does not exist yet; npm start creates it (schema v${latest})` };
    } catch {
      return { ok: false, detail: `${file} does not exist and its folder is not writable` };
    }
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma("busy_timeout = 2000");
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version > latest) return { ok: false, detail: `schema v${version} is newer than this program (v${latest}): run the newer version` };
    if (version >= 3) {
      db.exec("BEGIN IMMEDIATE");
      try {
        db.prepare("INSERT INTO heartbeat (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at").run(Date.now());
      } finally {
        db.exec("ROLLBACK");
      }
    }
    const subscribers = (db.prepare("SELECT count(*) AS n FROM subscribers").get() as { n: number }).n;
    const schema = version === latest ? `schema v${version} (current)` : `schema v${version}; npm start migrates it to v${latest}`;
    return { ok: true, detail: `${file} is writable, ${schema}, ${subscribers} subscriber(s)` };
  } catch (err) {
    return { ok: false, detail: `${file}: ${(err as Error).message}` };
  } finally {
    db?.close();
  }
}
