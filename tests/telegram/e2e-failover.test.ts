/**
 * The hot standby's acceptance test (issue 18): two real bot processes (what `npm start` runs) on ONE
 * PostgreSQL database (DATABASE_URL) against the fake Bot API, each with its own data folder and
 * /healthz. The day's lesson is due to 2,000 chats at start; the active process is killed with
 * SIGKILL mid-delivery; the standby takes over and resumes from the ledger. Every chat gets the lesson
 * once — only a lesson in flight at the kill may arrive twice — the fake answers no 409 (never two
 * long polls) and no 429, and the takeover is measured. Then the new active process loses its lock
 * (its election backend terminated): it exits with code 1 and one error line, and a restarted
 * standby takes over; a standby told to stop exits 0.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import type { User } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FakeTelegram, type SentMessage } from "../fakes/telegram/server.js";
import { freePort } from "../helpers/net.js";
import { postgresAdminUrl, postgresDatabase, postgresMissing } from "../helpers/postgres.js";
import { BotProcess } from "./botProcess.js";
import { command, e2eDirs, roomy, seedDueLearners } from "./e2e.helpers.js";

const CHATS = 2000;
/** The bot's overall send rate: 2,000 lessons take 20 s, so the kill lands mid-delivery. */
const RATE = "100/1s";
const TAKEOVER_LIMIT_MS = 15_000;

let tg: FakeTelegram;
let db: { url: string; drop(): Promise<void> };
/** DATABASE_URL as the processes get it: with a password (the test cluster trusts, so any will do) that no line may print. */
const PASSWORD = "failover-pw-7f3k";
let databaseUrl: string;
let dirs: ReturnType<typeof e2eDirs>;
let learners: User[];
const processes: BotProcess[] = [];

/** A bot process on the shared database, with its own data folder and /healthz port. */
async function startProcess(name: string): Promise<{ bot: BotProcess; port: number }> {
  const port = await freePort();
  const bot = new BotProcess(BotProcess.env(tg, join(dirs.dataDir, name), dirs.contentDir, { DATABASE_URL: databaseUrl, METRICS_PORT: String(port), TELEGRAM_RATE_GLOBAL: RATE }));
  processes.push(bot);
  return { bot, port };
}

async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = [], url = db.url): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}

async function healthz(port: number): Promise<{ status: number; body: { status: string; role?: string; failing: string[]; checks: Record<string, string> } }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: await res.json() };
}

const roleGauge = async (port: number): Promise<string[]> => (await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).split("\n").filter((l) => l.startsWith("sauphut_role{"));

/** The pino time of the first line containing `text`. */
const timeOf = (bot: BotProcess, text: string): number | undefined => {
  const line = bot.lines.find((l) => l.includes(text));
  return line ? (JSON.parse(line) as { time: number }).time : undefined;
};

const lessonsOf = (): SentMessage[] => tg.sent.filter((s) => s.method === "sendRichMessage");

beforeAll(async () => {
  if (!postgresAdminUrl) return;
  tg = await FakeTelegram.start({ keepBodies: false, rateLimits: { global: roomy, perChat: { count: 20, windowMs: 1000 }, perGroup: { count: 200, windowMs: 60_000 } } });
  dirs = e2eDirs();
  db = await postgresDatabase("failover");
  const withPassword = new URL(db.url);
  withPassword.password = PASSWORD;
  databaseUrl = withPassword.toString();
  learners = Array.from({ length: CHATS }, (_, i) => tg.addUser({ first_name: `Learner ${i}` }));
  seedDueLearners(databaseUrl, learners);
}, 90_000);

afterAll(async () => {
  if (!postgresAdminUrl) return;
  for (const p of processes) p.kill("SIGKILL");
  await Promise.all(processes.map((p) => p.exited));
  for (const p of processes) {
    expect(p.leaks(tg.token)).toEqual([]);
    expect(p.lines.filter((l) => l.includes(PASSWORD))).toEqual([]);
  }
  expect(tg.internalErrors).toEqual([]);
  await tg.stop();
  await db.drop();
  dirs.cleanup();
}, 60_000);

describe.skipIf(!postgresAdminUrl)(`end to end: a hot standby on one PostgreSQL database ${postgresMissing}`, () => {
  let active: { bot: BotProcess; port: number };
  let standby: { bot: BotProcess; port: number };

  it("the active process killed mid-delivery: the standby takes over within 15 s and every chat gets the day's lesson once, no 409, no 429", async () => {
    active = await startProcess("a");
    await active.bot.waitForLine("active: this process holds the lock", 60_000);
    standby = await startProcess("b");
    await standby.bot.waitForLine("standing by: another process holds the lock", 60_000);

    // What an operator sees: the standby is healthy as a standby, the active one as active.
    const waiting = await healthz(standby.port);
    expect(waiting.status).toBe(200);
    expect(waiting.body).toMatchObject({ status: "ok", role: "standby", failing: [], checks: { database: "writable", role: expect.stringContaining("standby: waiting for the lock") } });
    expect(waiting.body.checks).not.toHaveProperty("telegram");
    expect(await roleGauge(standby.port)).toEqual(['sauphut_role{role="active"} 0', 'sauphut_role{role="standby"} 1']);
    await active.bot.ready();
    expect((await healthz(active.port)).body).toMatchObject({ status: "ok", role: "active" });
    expect(await roleGauge(active.port)).toEqual(['sauphut_role{role="active"} 1', 'sauphut_role{role="standby"} 0']);

    // Mid-delivery: some lessons sent, most not; the API holds its answers back a while, so the
    // lessons applied just before the kill are not in the ledger yet (in flight).
    await tg.waitFor(() => lessonsOf().length >= 300, 60_000);
    tg.setLatency((method) => (method === "sendRichMessage" ? 300 : 0));
    await new Promise((r) => setTimeout(r, 500));
    active.bot.kill("SIGKILL");
    const killedAt = Date.now();
    expect((await active.bot.exited).signal).toBe("SIGKILL");
    tg.setLatency(0);
    const sentBeforeKill = lessonsOf().length;
    const acceptedBeforeKill = lessonsOf().map((s) => Number(s.chatId));
    expect(sentBeforeKill).toBeLessThan(CHATS);
    // The ledger as the killed process left it: lessons the API took but the ledger had not recorded yet were in flight.
    const unrecorded = new Set(
      (await sql<{ chat_id: string }>("SELECT s.chat_id FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.kind = 'lesson' AND d.sent_count = 0")).map((r) => Number(r.chat_id)),
    );
    const inFlight = new Set(acceptedBeforeKill.filter((id) => unrecorded.has(id)));

    await standby.bot.waitForLine("active: this process holds the lock", TAKEOVER_LIMIT_MS + 5000);
    await tg.waitFor(() => new Set(lessonsOf().map((s) => s.chatId)).size >= CHATS, 60_000);
    const activeAt = timeOf(standby.bot, "active: this process holds the lock")!;
    const firstSendAt = Math.min(...lessonsOf().filter((s) => s.at >= activeAt).map((s) => s.at));
    const takeover = { lockMs: activeAt - killedAt, firstSendMs: firstSendAt - killedAt };

    // Every chat once; a second copy only where the lesson was in flight at the kill.
    const perChat = new Map<number, number>();
    for (const s of lessonsOf()) perChat.set(Number(s.chatId), (perChat.get(Number(s.chatId)) ?? 0) + 1);
    expect(new Set(perChat.keys())).toEqual(new Set(learners.map((u) => u.id)));
    const twice = [...perChat].filter(([, n]) => n > 1).map(([id]) => id);
    expect([...perChat.values()].every((n) => n <= 2)).toBe(true);
    expect(inFlight.size).toBeGreaterThan(0);
    expect(twice.filter((id) => !inFlight.has(id))).toEqual([]);
    // The ledger agrees: every lesson delivered (recorded just after the API answered).
    await vi.waitFor(async () => expect(await sql("SELECT status, count(*)::int AS n FROM deliveries WHERE kind = 'lesson' GROUP BY status")).toEqual([{ status: "done", n: CHATS }]), { timeout: 15_000, interval: 200 });

    // Never two pollers, never over the rate.
    expect(tg.rejections.filter((r) => r.status === 409)).toEqual([]);
    expect(tg.counters.tooManyRequests).toBe(0);
    expect(tg.rejections).toEqual([]);
    expect(takeover.lockMs).toBeLessThanOrEqual(TAKEOVER_LIMIT_MS);
    expect(takeover.firstSendMs).toBeLessThanOrEqual(TAKEOVER_LIMIT_MS);
    await standby.bot.waitForLine('"bot running"', 10_000);
    expect((await healthz(standby.port)).body).toMatchObject({ status: "ok", role: "active", checks: { role: "active: holds the lock", telegram: "connected" } });
    expect(await roleGauge(standby.port)).toEqual(['sauphut_role{role="active"} 1', 'sauphut_role{role="standby"} 0']);
    const resumed = standby.bot.lines.find((l) => l.includes("resuming unfinished deliveries"));
    console.log(
      `failover: ${CHATS} chats, ${sentBeforeKill} lessons sent before SIGKILL, ${inFlight.size} in flight, ${twice.length} sent twice, ` +
        `${lessonsOf().length} lessons in all; takeover: lock after ${takeover.lockMs} ms, first send after ${takeover.firstSendMs} ms; ${resumed ?? "no resume line"}`,
    );
  }, 180_000);

  it("the active process losing its lock (its election connection terminated) exits 1 with one error line; a restarted standby takes over with the course as edited while it stood by; a standby told to stop exits 0", async () => {
    const restarted = await startProcess("c");
    await restarted.bot.waitForLine("standing by: another process holds the lock", 60_000);
    const spare = await startProcess("d");
    await spare.bot.waitForLine("standing by: another process holds the lock", 60_000);
    // The author renames the first lesson while they stand by: each renders it again.
    const post = join(dirs.contentDir, "_posts", "2025-03-01-gradient-descent.md");
    writeFileSync(post, readFileSync(post, "utf8").replace('title: "Gradient descent by hand"', 'title: "Gradient descent, by hand and by eye"'));
    await Promise.all([restarted, spare].map((p) => p.bot.waitForLine('"course reloaded"', 30_000)));

    const [holder] = await sql<{ pid: number }>(
      "SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND l.granted AND d.datname = $1",
      [new URL(db.url).pathname.slice(1)],
      postgresAdminUrl,
    );
    await sql("SELECT pg_terminate_backend($1)", [holder!.pid], postgresAdminUrl);
    const exit = await standby.bot.exited;
    expect(exit.code).toBe(1);
    const errors = standby.bot.lines.filter((l) => !l.startsWith("{") || (JSON.parse(l) as { level: number }).level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("lost the database lock: another process may be delivering now; exiting");

    const next = await Promise.race([
      restarted.bot.waitForLine("active: this process holds the lock", 10_000).then(() => ({ winner: restarted, other: spare })),
      spare.bot.waitForLine("active: this process holds the lock", 10_000).then(() => ({ winner: spare, other: restarted })),
    ]);
    await next.winner.bot.ready();
    expect((await healthz(next.winner.port)).body).toMatchObject({ status: "ok", role: "active" });
    const newcomer = tg.addUser({ first_name: "Newcomer" });
    await command(tg, newcomer, "start", 1);
    const [contents] = await command(tg, newcomer, "lessons", 1);
    expect(contents!.text).toContain("Gradient descent, by hand and by eye");
    expect((await healthz(next.other.port)).body).toMatchObject({ status: "ok", role: "standby" });

    next.other.bot.kill("SIGTERM");
    expect((await next.other.bot.exited).code).toBe(0);
    expect(next.other.bot.lines.some((l) => l.includes("stopped while standing by"))).toBe(true);
    next.winner.bot.kill("SIGTERM");
    expect((await next.winner.bot.exited).code).toBe(0);
    expect(tg.rejections.filter((r) => r.status === 409)).toEqual([]);
  }, 120_000);
});
