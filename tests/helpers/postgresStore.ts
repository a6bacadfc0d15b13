/** Setup of vitest's "postgres" project: each test file's stores live in a database of its own. */
import { afterAll, beforeAll } from "vitest";
import { postgresDatabase } from "./postgres.js";

let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const db = await postgresDatabase("store");
  process.env.SAUPHUT_TEST_STORE_URL = db.url;
  drop = db.drop;
});

afterAll(async () => {
  await drop?.();
});
