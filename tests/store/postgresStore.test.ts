/** Issue 18 §1: the store on a real PostgreSQL server — what only that back-end has to get right. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresDatabase } from "../../src/store/postgres/database.js";
import { Store } from "../../src/store/store.js";
import { postgresAdminUrl, postgresDatabase, postgresMissing } from "../helpers/postgres.js";

const chat = (chatId: string) => ({ platform: "telegram" as const, chatId, threadId: "", kind: "private" as const, language: "vi" as const, timeZone: "UTC", sendTime: "07:00", status: "active" as const, nextDueAt: 1000 });

describe.skipIf(!postgresAdminUrl)(`the store on PostgreSQL ${postgresMissing}`, () => {
  let url = "";
  let drop: () => Promise<void>;
  beforeAll(async () => ({ url, drop } = await postgresDatabase("pgstore")));
  afterAll(async () => drop());

  it("GIVEN an empty database THEN the first open creates the tables, and replicas opening it at the same time all find them", async () => {
    const { url: fresh, drop: dropFresh } = await postgresDatabase("race");
    // Two processes starting together on a new database (a standby beside the active one).
    const { spawn } = await import("node:child_process");
    const opener = `import { Store } from ${JSON.stringify(new URL("../../src/store/store.ts", import.meta.url).pathname)}; const s = Store.open(process.argv[1]); s.subscribers.insert({ platform: "telegram", chatId: process.argv[2], threadId: "", kind: "private", language: "vi", timeZone: "UTC", sendTime: "07:00", status: "active", nextDueAt: null }, 0); s.close();`;
    const run = (id: string) =>
      new Promise<number>((resolve) => spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", opener, fresh, id], { stdio: "inherit" }).on("exit", (code) => resolve(code ?? -1)));
    expect(await Promise.all([run("1"), run("2"), run("3")])).toEqual([0, 0, 0]);
    const store = Store.open(fresh);
    expect(store.subscribers.count()).toBe(3);
    expect(store.db.prepare<[], { version: number }>("SELECT version FROM sauphut_schema").all()).toEqual([{ version: 7 }]);
    store.close();
    await dropFresh();
  });

  it("GIVEN a statement failing inside a transaction THEN nothing of it stays, and nested ones roll back to their savepoint only", () => {
    const store = Store.open(url);
    const before = store.subscribers.count();
    expect(() =>
      store.transaction(() => {
        store.subscribers.insert(chat("tx-1"), 0);
        store.subscribers.insert(chat("tx-1"), 0); // the same chat twice: unique violation
      }),
    ).toThrow(/duplicate key|unique/i);
    expect(store.subscribers.count()).toBe(before);
    store.transaction(() => {
      store.subscribers.insert(chat("tx-2"), 0);
      expect(() => store.transaction(() => store.subscribers.insert(chat("tx-2"), 0))).toThrow();
      store.subscribers.insert(chat("tx-3"), 0);
    });
    expect(store.subscribers.find("telegram", "tx-2", "")).toBeDefined();
    expect(store.subscribers.find("telegram", "tx-3", "")).toBeDefined();
    expect(store.subscribers.count()).toBe(before + 2);
    store.close();
  });

  it("GIVEN ids and numbers THEN they come back as numbers, as SQLite gives them (BIGINT times, counts, sums)", () => {
    const store = Store.open(url);
    const sub = store.subscribers.insert({ ...chat("n-1"), nextDueAt: 1_767_225_600_000 }, 1_767_225_600_123);
    expect(sub).toMatchObject({ nextDueAt: 1_767_225_600_000, createdAt: 1_767_225_600_123 });
    expect(typeof sub.id).toBe("number");
    const ids = store.ledger.createMany(
      Array.from({ length: 130 }, (_, i) => ({ subscriberId: sub.id, kind: "lesson" as const, courseId: "c", lessonId: `l${i}`, trigger: "daily" as const, dueAt: 5, messageCount: 2 })),
      7,
    );
    // The ids of 130 rows written in three statements (64 + 64 + 2), in the rows' order.
    expect(ids.map((id) => store.ledger.get(id)!.lessonId)).toEqual(Array.from({ length: 130 }, (_, i) => `l${i}`));
    expect(store.stats.deliveriesSince(0)).toEqual({ done: 0, failed: 0 });
    store.close();
  });

  it("GIVEN a server that is not there THEN opening fails at once with the address but not the password", () => {
    const started = Date.now();
    expect(() => Store.open("postgres://bot:s3cret-pw@127.0.0.1:1/nothing")).toThrow(/ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(10_000);
    const db = new PostgresDatabase("postgres://bot:s3cret-pw@127.0.0.1:1/nothing");
    expect(db.location).toBe("postgres://bot:***@127.0.0.1:1/nothing");
    db.close();
  });

  it("GIVEN a query the server does not answer in time THEN an error says so, and the connection is closed rather than reused", () => {
    const db = new PostgresDatabase(url, { timeoutMs: 500 });
    expect(() => db.exec("SELECT pg_sleep(3)")).toThrow(/did not answer within 1 s/);
    expect(db.open).toBe(false);
    expect(() => db.exec("SELECT 1")).toThrow(/closed/);
  });
});
