/**
 * /healthz and /metrics of processes sharing one PostgreSQL database, as an operator's probe and
 * Prometheus see them over HTTP: a standby is healthy while it waits for the lock (its platforms are
 * not connected and it does not tick, by design), names its role, and turns active when the lock
 * comes to it. The election runs on a real PostgreSQL server.
 */
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { startOpsServer, type OpsServer } from "../../adapters/http/opsServer.js";
import type { PlatformAdapter } from "../../src/learning/adapter.js";
import { Election } from "../../src/ops/election.js";
import { electedChecks, healthChecks } from "../../src/ops/health.js";
import { BotMetrics } from "../../src/ops/metrics.js";
import { freePort } from "../helpers/net.js";
import { postgresAdminUrl, postgresDatabase, postgresMissing } from "../helpers/postgres.js";
import { makeWorld, type World } from "../learning/helpers.js";

const POLL_MS = 300;

/** A Telegram adapter as a standby has it: built, never started. */
const unstarted = { platform: "telegram", isConnected: () => false } as unknown as PlatformAdapter;

async function get(ops: OpsServer, path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${ops.port}${path}`);
  return { status: res.status, text: await res.text() };
}

const roleGauge = (metrics: string): string[] => metrics.split("\n").filter((l) => l.startsWith("sauphut_role"));

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

describe("health and metrics of a single process", () => {
  it("GIVEN no DATABASE_URL THEN /healthz names the role active and /metrics has the role gauge at active", async () => {
    const w: World = makeWorld();
    cleanups.push(() => w.close());
    const metrics = new BotMetrics({ store: w.store, adapters: () => [] });
    const ops = await startOpsServer({ port: 0, host: "127.0.0.1", registry: metrics.registry, health: () => healthChecks(w.store, [], Date.now()), role: () => "active" });
    cleanups.push(() => ops.close());
    const health = await get(ops, "/healthz");
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toMatchObject({ status: "ok", role: "active" });
    expect(roleGauge((await get(ops, "/metrics")).text)).toEqual([
      'sauphut_role{role="active"} 1',
      'sauphut_role{role="standby"} 0',
    ]);
  });
});

describe.skipIf(!postgresAdminUrl)(`health and metrics of an active process and its standby ${postgresMissing}`, () => {
  it("GIVEN a standby waiting for the lock THEN /healthz is 200 naming role standby (no platform, no tick expected); once the active one is gone it is active, and 503 until its platforms connect", async () => {
    const db = await postgresDatabase("health");
    cleanups.push(() => db.drop());
    const stop = new AbortController();
    cleanups.push(() => stop.abort());
    const elect = async (): Promise<Election> => {
      const e = new Election({ url: db.url, log: pino({ level: "silent" }), pollMs: POLL_MS, keepaliveMs: POLL_MS });
      cleanups.push(() => e.close());
      return e;
    };
    const active = await elect();
    expect(await active.campaign(stop.signal)).toBe(true);
    const standby = await elect();
    const campaign = standby.campaign(stop.signal);
    await new Promise((r) => setTimeout(r, POLL_MS * 2));

    const w: World = makeWorld();
    cleanups.push(() => w.close());
    const longAgo = Date.now() - 3_600_000;
    const metrics = new BotMetrics({ store: w.store, adapters: () => [unstarted], role: () => standby.role });
    const ops = await startOpsServer({
      port: 0,
      host: "127.0.0.1",
      registry: metrics.registry,
      health: () => electedChecks(standby, w.store, [unstarted], longAgo),
      role: () => standby.role,
    });
    cleanups.push(() => ops.close());

    const waiting = await get(ops, "/healthz");
    expect(waiting.status).toBe(200);
    expect(JSON.parse(waiting.text)).toEqual({
      status: "ok",
      role: "standby",
      failing: [],
      checks: { database: "writable", role: "standby: waiting for the lock (asked every 0.3 s)" },
    });
    expect(roleGauge((await get(ops, "/metrics")).text)).toEqual(['sauphut_role{role="active"} 0', 'sauphut_role{role="standby"} 1']);

    await active.close();
    expect(await campaign).toBe(true);
    const taking = await get(ops, "/healthz");
    expect(taking.status).toBe(503);
    expect(JSON.parse(taking.text)).toMatchObject({ status: "failing", role: "active", failing: ["telegram", "scheduler"], checks: { role: "active: holds the lock", telegram: "not connected" } });
    expect(roleGauge((await get(ops, "/metrics")).text)).toEqual(['sauphut_role{role="active"} 1', 'sauphut_role{role="standby"} 0']);
  });

  it("GIVEN a standby that cannot reach the database for the election THEN /healthz is 503 naming role", async () => {
    const stop = new AbortController();
    cleanups.push(() => stop.abort());
    const url = new URL(postgresAdminUrl);
    // A port nothing listens on: the election's server is down (the store here is a SQLite file).
    url.port = String(await freePort());
    const e = new Election({ url: url.toString(), log: pino({ level: "silent" }), pollMs: POLL_MS });
    cleanups.push(() => e.close());
    void e.campaign(stop.signal);
    const w: World = makeWorld();
    cleanups.push(() => w.close());
    const ops = await startOpsServer({ port: 0, host: "127.0.0.1", registry: new BotMetrics({ store: w.store, adapters: () => [] }).registry, health: () => electedChecks(e, w.store, [], Date.now()), role: () => e.role });
    cleanups.push(() => ops.close());
    await new Promise((r) => setTimeout(r, 500));
    const res = await get(ops, "/healthz");
    expect(res.status).toBe(503);
    expect(JSON.parse(res.text)).toEqual({
      status: "failing",
      role: "standby",
      failing: ["role"],
      checks: { database: "writable", role: "standby: the database does not answer the election; retrying" },
    });
  });
});
