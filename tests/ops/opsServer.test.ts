/**
 * /healthz and /metrics over HTTP, with the real learning core, a real SQLite file and the metrics
 * the delivery service reports.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startOpsServer, type OpsServer } from "../../adapters/http/opsServer.js";
import { healthChecks, type HealthCheck } from "../../src/ops/health.js";
import { BotMetrics } from "../../src/ops/metrics.js";
import { makeCourse, makeWorld, type World } from "../learning/helpers.js";

let w: World | undefined;
let ops: OpsServer | undefined;
let immutable: string[] = [];
afterEach(async () => {
  for (const f of immutable) execFileSync("chattr", ["-i", f]);
  immutable = [];
  await ops?.close();
  w?.close();
});

/** chattr +i needs root (CAP_LINUX_IMMUTABLE) and e2fsprogs; CI and these machines run as root. */
function canChattr(): boolean {
  return process.getuid?.() === 0 && (existsSync("/usr/bin/chattr") || existsSync("/bin/chattr"));
}

describe("health and metrics", () => {
  it("GIVEN lessons delivered THEN /metrics counts messages by platform and format, deliveries, 429s and subscribers", async () => {
    let metrics: BotMetrics | undefined;
    const observer = { messageSent: (...a: Parameters<BotMetrics["messageSent"]>) => metrics!.messageSent(...a), retried: (...a: Parameters<BotMetrics["retried"]>) => metrics!.retried(...a), finished: (...a: Parameters<BotMetrics["finished"]>) => metrics!.finished(...a) };
    w = makeWorld({ course: makeCourse(3, { platform: "telegram", messagesPerLesson: 2 }), observer });
    metrics = new BotMetrics({ store: w.store, adapters: () => [] });
    await w.say("/start");
    let storm = 2;
    w.sender.script = () => (storm-- > 0 ? { ok: false, error: { kind: "rate_limited", retryAfter: 1 } } : undefined);
    await w.say("/next");
    ops = await startOpsServer({ port: 0, host: "127.0.0.1", registry: metrics.registry, health: () => [] });
    const res = await fetch(`http://127.0.0.1:${ops.port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toContain('sauphut_messages_sent_total{platform="telegram",format="classic"} 2');
    expect(text).toContain('sauphut_deliveries_total{platform="telegram",outcome="done",course="test-course"} 1');
    expect(text).toContain('sauphut_rate_limited_total{platform="telegram"} 2');
    expect(text).toContain('sauphut_subscribers{platform="telegram",status="active"} 1');
    expect(text).toContain("process_cpu_user_seconds_total");
  });

  it("GIVEN no tick for three minutes THEN the scheduler is named failing", () => {
    w = makeWorld();
    const now = Date.now();
    expect(healthChecks(w.store, [], now - 60_000, now).find((c) => c.name === "scheduler")).toMatchObject({ ok: true, detail: "last tick 60 s ago" });
    expect(healthChecks(w.store, [], now - 180_000, now).find((c) => c.name === "scheduler")).toMatchObject({ ok: false });
  });

  it.skipIf(!canChattr())("GIVEN the database stops taking writes THEN /healthz answers 503 naming it, and 200 again once it is back", async () => {
    w = makeWorld();
    const store = w.store;
    const health = (): HealthCheck[] => healthChecks(store, [], Date.now());
    const metrics = new BotMetrics({ store, adapters: () => [] });
    ops = await startOpsServer({ port: 0, host: "127.0.0.1", registry: metrics.registry, health });
    const url = `http://127.0.0.1:${ops.port}/healthz`;
    expect((await fetch(url)).status).toBe(200);
    // Immutable files refuse every write, even through the connection already open.
    immutable = ["bot.sqlite", "bot.sqlite-wal"].map((f) => join(w!.dir, f));
    for (const f of immutable) execFileSync("chattr", ["+i", f]);
    const failing = await fetch(url);
    expect(failing.status).toBe(503);
    expect(await failing.json()).toMatchObject({ status: "failing", failing: ["database"], checks: { database: expect.stringContaining("not writable") } });
    for (const f of immutable) execFileSync("chattr", ["-i", f]);
    immutable = [];
    expect((await fetch(url)).status).toBe(200);
  });
});
