/**
 * The election on a real PostgreSQL server: processes sharing one database, exactly one active (the
 * holder of the advisory lock), the lock handed over when the active one's backend is terminated or
 * its connection closed, and a standby that cannot reach the server retrying quietly.
 */
import { Writable } from "node:stream";
import pg from "pg";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Election } from "../../src/ops/election.js";
import { postgresAdminUrl, postgresDatabase, postgresMissing } from "../helpers/postgres.js";
import { FlakyLink } from "../helpers/flakyLink.js";

const POLL_MS = 300;
/** A query of the election unanswered this long has failed. */
const CHECK_MS = 1000;

/** A logger keeping its lines (no redaction: what the election itself prints). */
function logSink(): { log: pino.Logger; lines: () => { level: number; msg: string }[]; text: () => string } {
  let text = "";
  const log = pino({ level: "info" }, new Writable({ write: (c, _e, cb) => ((text += String(c)), cb()) }));
  return { log, text: () => text, lines: () => text.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string }) };
}

async function admin<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: postgresAdminUrl });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

/** The backends of `db` holding an advisory lock. */
const lockHolders = (db: string): Promise<{ pid: number }[]> =>
  admin<{ pid: number }>("SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND l.granted AND d.datname = $1", [db]);

const settled = <T>(p: Promise<T>, ms: number): Promise<T | "pending"> => Promise.race([p, new Promise<"pending">((r) => setTimeout(() => r("pending"), ms))]);

describe.skipIf(!postgresAdminUrl)(`the election ${postgresMissing}`, () => {
  let db: { url: string; drop(): Promise<void> };
  let name: string;
  const electors: Election[] = [];
  const aborts: AbortController[] = [];
  const links: FlakyLink[] = [];
  /** The test database reached through a link the test can cut or freeze. */
  const behindLink = async (): Promise<{ link: FlakyLink; url: string }> => {
    const link = await FlakyLink.start(Number(new URL(db.url).port));
    links.push(link);
    const url = new URL(db.url);
    url.port = String(link.port);
    return { link, url: url.toString() };
  };
  const elector = (opts: { url?: string; log?: pino.Logger } = {}): { e: Election; campaign: Promise<boolean>; abort: AbortController } => {
    const e = new Election({ url: opts.url ?? db.url, log: opts.log ?? pino({ level: "silent" }), pollMs: POLL_MS, keepaliveMs: POLL_MS, checkTimeoutMs: CHECK_MS });
    const abort = new AbortController();
    electors.push(e);
    aborts.push(abort);
    return { e, campaign: e.campaign(abort.signal), abort };
  };

  beforeEach(async () => {
    db = await postgresDatabase("election");
    name = new URL(db.url).pathname.slice(1);
  });
  afterEach(async () => {
    for (const a of aborts.splice(0)) a.abort();
    await Promise.all(electors.splice(0).map((e) => e.close()));
    await Promise.all(links.splice(0).map((l) => l.close()));
    await db.drop();
  });

  it("GIVEN two processes on one database THEN exactly one is active and holds the lock; the other stands by and keeps asking", async () => {
    const a = elector();
    expect(await a.campaign).toBe(true);
    const b = elector();
    expect(await settled(b.campaign, POLL_MS * 5)).toBe("pending");
    expect([a.e.role, b.e.role]).toEqual(["active", "standby"]);
    expect(b.e.reachable).toBe(true);
    expect(await lockHolders(name)).toHaveLength(1);
    const asked = await admin<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'sau-phut election'", [name]);
    expect(asked[0]!.n).toBe(2);
  });

  it("GIVEN the active one's backend terminated THEN it reports the lock lost and the standby becomes active within the poll interval", async () => {
    const a = elector();
    await a.campaign;
    const b = elector();
    await settled(b.campaign, POLL_MS * 2);
    const [holder] = await lockHolders(name);
    const killedAt = Date.now();
    await admin("SELECT pg_terminate_backend($1)", [holder!.pid]);
    const reason = await a.e.lost;
    expect(reason.message).toMatch(/terminating connection due to administrator command|Connection terminated|connection ended/);
    expect(a.e.reachable).toBe(false);
    expect(await b.campaign).toBe(true);
    const takeover = Date.now() - killedAt;
    expect(takeover).toBeLessThanOrEqual(POLL_MS + 1000);
    expect(b.e.role).toBe("active");
    expect(await lockHolders(name)).toHaveLength(1);
    console.log(`election takeover after pg_terminate_backend: ${takeover} ms (poll ${POLL_MS} ms)`);
  });

  it("GIVEN the active one closed (a clean stop) THEN the standby takes over, and the closed one reports no loss", async () => {
    const a = elector();
    await a.campaign;
    const b = elector();
    await settled(b.campaign, POLL_MS * 2);
    await a.e.close();
    expect(await settled(b.campaign, POLL_MS + 1000)).toBe(true);
    expect(await settled(a.e.lost, POLL_MS * 3)).toBe("pending");
  });

  it("GIVEN a standby stopped (SIGTERM) THEN its campaign ends with false and its connection is gone", async () => {
    const a = elector();
    await a.campaign;
    const b = elector();
    await settled(b.campaign, POLL_MS * 2);
    b.abort.abort();
    expect(await b.campaign).toBe(false);
    expect(b.e.role).toBe("standby");
    const left = await admin<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'sau-phut election'", [name]);
    expect(left[0]!.n).toBe(1);
  });

  it("GIVEN the server unreachable THEN the standby retries, warns once (host and port, never the password), and wins once the server answers", async () => {
    const link = await FlakyLink.start(Number(new URL(db.url).port), { up: false });
    links.push(link);
    const sink = logSink();
    const url = new URL(db.url);
    url.port = String(link.port);
    url.password = "hunter2-very-secret";
    const c = elector({ url: url.toString(), log: sink.log });
    await link.droppedAtLeast(3, 10_000);
    expect(c.e.reachable).toBe(false);
    expect(c.e.role).toBe("standby");
    const warns = sink.lines().filter((l) => l.level === 40);
    expect(warns).toHaveLength(1);
    expect(warns[0]!.msg).toContain(`cannot reach the PostgreSQL server at 127.0.0.1:${link.port}`);
    link.up();
    expect(await c.campaign).toBe(true);
    expect(sink.lines().map((l) => l.msg)).toContain(`the PostgreSQL server at 127.0.0.1:${link.port} (to wait for the lock) answers again`);
    expect(sink.text()).not.toContain("hunter2");
  });

  it("GIVEN the active one's connection cut by the network THEN it reports the lock lost within the keepalive", async () => {
    const { link, url } = await behindLink();
    const a = elector({ url });
    expect(await a.campaign).toBe(true);
    const cutAt = Date.now();
    link.down();
    await a.e.lost;
    expect(Date.now() - cutAt).toBeLessThanOrEqual(POLL_MS * 2 + 1000);
    expect(a.e.reachable).toBe(false);
  });

  it("GIVEN the active one's network gone silent (no reset, no answer) THEN it reports the lock lost once a check goes unanswered", async () => {
    const { link, url } = await behindLink();
    const a = elector({ url });
    expect(await a.campaign).toBe(true);
    const frozenAt = Date.now();
    link.freeze();
    const reason = await a.e.lost;
    expect(reason.message).toBe("the database did not answer within 1 s");
    expect(Date.now() - frozenAt).toBeLessThanOrEqual(POLL_MS + CHECK_MS + 1000);
  });

  it("GIVEN the active one's event loop blocked while a check is out, past its timeout THEN the answer that came meanwhile counts: it keeps the lock", async () => {
    const a = elector();
    expect(await a.campaign).toBe(true);
    // The next check goes out, then the loop is busy (a long render or tick) well past the check's timeout.
    const query = pg.Client.prototype.query;
    let blocked = 0;
    const spy = vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const sent = (query as (...a: unknown[]) => unknown).apply(this, args);
      if (args[0] === "SELECT 1" && blocked++ === 0) {
        // In the same turn of the loop, after its I/O, as a busy callback would be.
        setImmediate(() => {
          const until = Date.now() + CHECK_MS * 2.5;
          while (Date.now() < until);
        });
      }
      return sent;
    } as typeof query);
    try {
      await vi.waitFor(() => expect(blocked).toBeGreaterThan(1), { timeout: CHECK_MS * 2.5 + POLL_MS * 6 });
    } finally {
      spy.mockRestore();
    }
    expect(await settled(a.e.lost, POLL_MS * 2)).toBe("pending");
    expect(a.e.role).toBe("active");
    expect(await lockHolders(name)).toHaveLength(1);
  });
  it("GIVEN the active one listening THEN a NOTIFY from another connection (a standby's store) reaches it, other channels do not; a standby may not listen", async () => {
    const a = elector();
    expect(await a.campaign).toBe(true);
    const b = elector();
    await expect(b.e.listen("sauphut_deliveries", () => undefined)).rejects.toThrow(/only the active process listens/);
    let heard = 0;
    await a.e.listen("sauphut_deliveries", () => heard++);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      await c.query("SELECT pg_notify('other_channel', '')");
      await c.query("SELECT pg_notify('sauphut_deliveries', '')");
      await vi.waitFor(() => expect(heard).toBe(1), { timeout: 2000, interval: 20 });
      await c.query("BEGIN");
      await c.query("SELECT pg_notify('sauphut_deliveries', '')");
      await new Promise((r) => setTimeout(r, 200));
      // Told only once the writing transaction commits: the row is visible when the notice comes.
      expect(heard).toBe(1);
      await c.query("COMMIT");
    } finally {
      await c.end();
    }
    await vi.waitFor(() => expect(heard).toBe(2), { timeout: 2000, interval: 20 });
  });
});
