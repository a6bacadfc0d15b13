import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../src/store/migrations.js";
import { PostgresDatabase } from "../../src/store/postgres/database.js";
import { migratePostgres } from "../../src/store/postgres/migrate.js";
import { POSTGRES_SCHEMA_VERSION, postgresSteps } from "../../src/store/postgres/schema.js";
import { migrations } from "../../src/store/migrations.js";
import { postgresAdminUrl, postgresDatabase, postgresMissing } from "../helpers/postgres.js";

interface Column {
  table: string;
  name: string;
  notNull: boolean;
  default: string | null;
}

/** A default as both engines print it: 0, -1, '' (PostgreSQL adds casts and quotes: ''::text, '-1'::bigint). */
const plainDefault = (d: string | null): string | null => (d === null ? null : d.replace(/::[a-z ]+$/, "").replace(/^'(-?\d+)'$/, "$1"));

describe.skipIf(!postgresAdminUrl)(`the PostgreSQL schema ${postgresMissing}`, () => {
  let url = "";
  let drop: () => Promise<void>;
  beforeAll(async () => ({ url, drop } = await postgresDatabase("schema")));
  afterAll(async () => drop());

  it("has SQLite's tables, columns, NOT NULLs, defaults and indexes at the same version", () => {
    const lite = new Database(":memory:");
    migrate(lite);
    const liteTables = (lite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    const liteColumns: Column[] = liteTables.flatMap((table) =>
      (lite.prepare(`PRAGMA table_info(${table})`).all() as { name: string; notnull: number; dflt_value: string | null; pk: number }[]).map((c) => ({
        table,
        name: c.name,
        // A primary key column is never NULL (an INTEGER PRIMARY KEY is the rowid).
        notNull: c.notnull === 1 || c.pk > 0,
        default: plainDefault(c.dflt_value),
      })),
    );
    const liteIndexes = (lite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(lite.pragma("user_version", { simple: true })).toBe(migrations.length);
    lite.close();

    const pg = new PostgresDatabase(url);
    expect(migratePostgres(pg)).toEqual({ from: 0, to: POSTGRES_SCHEMA_VERSION + postgresSteps.length });
    expect(POSTGRES_SCHEMA_VERSION + postgresSteps.length).toBe(migrations.length);
    const pgColumns = pg
      .prepare<[], { table: string; name: string; nullable: string; dflt: string | null; identity: string }>(
        `SELECT table_name AS "table", column_name AS name, is_nullable AS nullable, column_default AS dflt, is_identity AS identity
         FROM information_schema.columns WHERE table_schema = current_schema() AND table_name != 'sauphut_schema' ORDER BY table_name, ordinal_position`,
      )
      .all()
      .map((c): Column => ({ table: c.table, name: c.name, notNull: c.nullable === "NO", default: plainDefault(c.dflt) }));
    const pgIndexes = pg
      .prepare<[], { name: string }>("SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key' ORDER BY indexname")
      .all()
      .map((r) => r.name);
    pg.close();

    const byName = (cs: Column[]) => [...cs].sort((a, b) => a.table.localeCompare(b.table) || a.name.localeCompare(b.name));
    expect(byName(pgColumns)).toEqual(byName(liteColumns));
    expect(pgIndexes).toEqual(liteIndexes);
  });
});
