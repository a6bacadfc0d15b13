/**
 * Which back-end the learning tests' store is on: SQLite (a file in the test's folder) by default, or
 * PostgreSQL when vitest's "postgres" project runs them (SAUPHUT_TEST_STORE=postgres; the database of
 * the test file comes from postgresStore.ts). Each world gets its own schema there, as it gets its own
 * file here.
 */
import { join } from "node:path";
import { PostgresDatabase } from "../../src/store/postgres/database.js";

export type StoreBackend = "sqlite" | "postgres";

export const storeBackend: StoreBackend = process.env.SAUPHUT_TEST_STORE === "postgres" ? "postgres" : "sqlite";

let worlds = 0;

/** Where a test's store lives: `dir`/bot.sqlite, or a new empty schema of the test file's PostgreSQL database. */
export function testStoreLocation(dir: string): string {
  if (storeBackend === "sqlite") return join(dir, "bot.sqlite");
  const base = process.env.SAUPHUT_TEST_STORE_URL;
  if (!base) throw new Error("SAUPHUT_TEST_STORE=postgres without SAUPHUT_TEST_STORE_URL: run through vitest's postgres project");
  const schema = `w${worlds++}`;
  const admin = new PostgresDatabase(base);
  try {
    admin.exec(`CREATE SCHEMA ${schema}`);
  } finally {
    admin.close();
  }
  const url = new URL(base);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}
