import pg from "pg";
import { describe, expect, it } from "vitest";
import { postgresAdminUrl, postgresDatabase, postgresMissing } from "../helpers/postgres.js";

describe.skipIf(!postgresAdminUrl)(`the test cluster ${postgresMissing}`, () => {
  it("gives each caller its own empty database on a real PostgreSQL server", async () => {
    const a = await postgresDatabase();
    const b = await postgresDatabase();
    expect(a.url).not.toBe(b.url);
    const client = new pg.Client({ connectionString: a.url });
    await client.connect();
    const { rows } = await client.query("SELECT current_setting('server_version_num')::int AS v, count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'");
    await client.end();
    expect(rows[0].v).toBeGreaterThanOrEqual(150000);
    expect(rows[0].tables).toBe(0);
    await a.drop();
    await b.drop();
  });
});
