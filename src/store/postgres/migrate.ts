/** The schema on PostgreSQL: created at version 7 in an empty database, then stepped like SQLite's. */
import type { SqlDatabase } from "../sql.js";
import { POSTGRES_SCHEMA_VERSION, postgresSchema, postgresSteps } from "./schema.js";

/** Serialises replicas starting together on a new database: one creates the tables, the others wait. */
const MIGRATION_LOCK = 7_361_001;

export function migratePostgres(db: SqlDatabase): { from: number; to: number } {
  return db.transaction(() => {
    db.prepare(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`).get();
    db.exec("CREATE TABLE IF NOT EXISTS sauphut_schema (version BIGINT NOT NULL)");
    const row = db.prepare<[], { version: number }>("SELECT version FROM sauphut_schema").get();
    const latest = POSTGRES_SCHEMA_VERSION + postgresSteps.length;
    let version = row?.version ?? 0;
    if (version > latest) throw new Error(`database schema v${version} is newer than this program (v${latest}): run the newer version`);
    const from = version;
    if (version === 0) {
      db.exec(postgresSchema);
      version = POSTGRES_SCHEMA_VERSION;
    }
    for (; version < latest; version++) db.exec(postgresSteps[version - POSTGRES_SCHEMA_VERSION]!);
    if (row) db.prepare("UPDATE sauphut_schema SET version = ?").run(version);
    else db.prepare("INSERT INTO sauphut_schema (version) VALUES (?)").run(version);
    return { from, to: version };
  })();
}
