import Database from "better-sqlite3";
import { accessSync, constants, existsSync } from "node:fs";
import { dirname } from "node:path";
import { isDatabaseUrl } from "./location.js";
import { migrations } from "./migrations.js";
import { HEARTBEAT } from "./store.js";
import { PostgresDatabase } from "./postgres/database.js";
import { safeAddress } from "./postgres/syncClient.js";

/**
 * `doctor`'s look at the database, without changing it: schema version against this program's
 * migrations, and whether it takes writes (a write inside a transaction that is rolled back).
 */
export function databaseStatus(file: string): { ok: boolean; detail: string } {
  const latest = migrations.length;
  if (isDatabaseUrl(file)) return postgresStatus(file, latest);
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
        db.prepare(HEARTBEAT).run(Date.now());
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

/** The same look at a PostgreSQL database: reachable, schema version, a heartbeat write rolled back. */
function postgresStatus(url: string, latest: number): { ok: boolean; detail: string } {
  const where = `PostgreSQL ${safeAddress(url)}`;
  let db: PostgresDatabase | undefined;
  try {
    db = new PostgresDatabase(url, { timeoutMs: 10_000, name: "sau-phut doctor" });
    const made = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'sauphut_schema'").get()!.n > 0;
    if (!made) return { ok: true, detail: `${where} is reachable and has no tables yet; npm start creates them (schema v${latest})` };
    const version = db.prepare<[], { version: number }>("SELECT version FROM sauphut_schema").get()?.version ?? 0;
    if (version > latest) return { ok: false, detail: `${where}: schema v${version} is newer than this program (v${latest}): run the newer version` };
    db.exec("BEGIN");
    try {
      db.prepare(HEARTBEAT).run(Date.now());
    } finally {
      db.exec("ROLLBACK");
    }
    const subscribers = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM subscribers").get()!.n;
    return { ok: true, detail: `${where} takes writes, schema v${version}${version === latest ? " (current)" : `; npm start migrates it to v${latest}`}, ${subscribers} subscriber(s)` };
  } catch (err) {
    return { ok: false, detail: `${where}: ${(err as Error).message}` };
  } finally {
    db?.close();
  }
}
