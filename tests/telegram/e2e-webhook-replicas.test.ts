/**
 * Webhook replicas (issue 18 §2): two real bot processes in webhook mode on ONE PostgreSQL database,
 * against the fake Bot API. The active one set the webhook (the fake posts there); a load balancer
 * may post an update to either, so the test also posts straight to the standby's port. What the
 * learner sees: the standby answers plain commands itself; a /next it takes is a lesson sent once, by
 * the active process, within seconds (the standby's NOTIFY, not the minute tick); never a 409 or a
 * 429. The standby that wins the lock sets the webhook to itself and serves from then on.
 */
import { join } from "node:path";
import type { User } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegram, type SentMessage } from "../fakes/telegram/server.js";
import { freePort } from "../helpers/net.js";
import { postgresAdminUrl, postgresDatabase, postgresMissing } from "../helpers/postgres.js";
import { BotProcess } from "./botProcess.js";
import { command, e2eDirs, roomy } from "./e2e.helpers.js";

const SECRET = "replicas_shared-secret_7Qx";
/** Well before a minute tick: the lesson must come from the standby's notice. */
const PROMPT_MS = 5000;

let tg: FakeTelegram;
let db: { url: string; drop(): Promise<void> };
let dirs: ReturnType<typeof e2eDirs>;
const processes: BotProcess[] = [];

interface Replica {
  bot: BotProcess;
  /** Its own webhook URL (each replica listens on a port of its own here; behind a balancer they share one). */
  hook: string;
}

async function startReplica(name: string): Promise<Replica> {
  const port = await freePort();
  const hook = `http://127.0.0.1:${port}/telegram/hook`;
  const env = { DATABASE_URL: db.url, TELEGRAM_WEBHOOK_URL: hook, TELEGRAM_WEBHOOK_PORT: String(port), TELEGRAM_WEBHOOK_HOST: "127.0.0.1", TELEGRAM_WEBHOOK_SECRET: SECRET };
  const bot = new BotProcess(BotProcess.env(tg, join(dirs.dataDir, name), dirs.contentDir, env));
  processes.push(bot);
  return { bot, hook };
}

let updateId = 900_000;
/** What the load balancer forwards: a message from `user` in their private chat, as Telegram posts it. */
async function postTo(replica: Replica, user: User, text: string, secret = SECRET): Promise<number> {
  const command = /^\/\w+/.exec(text)?.[0];
  const update = {
    update_id: ++updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: user.id, type: "private", first_name: user.first_name },
      from: user,
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}),
    },
  };
  const res = await fetch(replica.hook, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret }, body: JSON.stringify(update) });
  return res.status;
}

const lessonsTo = (user: User): SentMessage[] => tg.sentTo(user.id).filter((s) => s.method === "sendRichMessage");
/** The process's debug lines saying it sent a delivery. */
const deliveredBy = (bot: BotProcess): string[] => bot.lines.filter((l) => l.includes('"msg":"delivered"'));
/** Lines at warn level or above (and anything that is not a JSON log line). */
const warnings = (bot: BotProcess): string[] => bot.lines.filter((l) => !l.startsWith("{") || (JSON.parse(l) as { level: number }).level >= 40);
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  if (!postgresAdminUrl) return;
  tg = await FakeTelegram.start({ rateLimits: { global: roomy, perChat: { count: 20, windowMs: 1000 }, perGroup: { count: 200, windowMs: 60_000 } } });
  dirs = e2eDirs();
  db = await postgresDatabase("replicas");
}, 60_000);

afterAll(async () => {
  if (!postgresAdminUrl) return;
  for (const p of processes) p.kill("SIGCONT");
  for (const p of processes) p.kill("SIGKILL");
  await Promise.all(processes.map((p) => p.exited));
  for (const p of processes) {
    expect(p.leaks(tg.token)).toEqual([]);
    expect(p.lines.filter((l) => l.includes(SECRET))).toEqual([]);
  }
  expect(tg.internalErrors).toEqual([]);
  await tg.stop();
  await db.drop();
  dirs.cleanup();
}, 60_000);

describe.skipIf(!postgresAdminUrl)(`end to end: Telegram webhook replicas on one PostgreSQL database ${postgresMissing}`, () => {
  let active: Replica;
  let standby: Replica;

  it("a /next posted to the standby: the lesson arrives once, sent by the active process within seconds; the standby answers plain commands itself; no 409, no 429", async () => {
    active = await startReplica("a");
    await active.bot.waitForLine("active: this process holds the lock", 60_000);
    await active.bot.ready();
    standby = await startReplica("b");
    await standby.bot.waitForLine("standing by: another process holds the lock", 60_000);
    await standby.bot.waitForLine("webhook server listening", 30_000);
    // Only the active process told Telegram where to post.
    const webhooks = tg.requests.filter((r) => r.method === "setWebhook");
    expect(webhooks.map((r) => r.params?.url)).toEqual([active.hook]);
    expect(tg.requests.filter((r) => r.method === "getUpdates")).toEqual([]);

    const learner = tg.addUser({ first_name: "Lan" });
    const [welcome] = await command(tg, learner, "start", 1);
    expect(welcome!.text).toContain("Welcome");

    // The balancer picks the standby for this /next.
    const posted = Date.now();
    expect(await postTo(standby, learner, "/next")).toBe(200);
    const lesson = await tg.waitFor(() => lessonsTo(learner)[0], PROMPT_MS);
    const lessonMs = lesson.at - posted;
    expect(lesson.rich!.html).toContain("<h1>Gradient descent by hand</h1>");
    await pause(1500);
    expect(lessonsTo(learner)).toHaveLength(1);
    expect(deliveredBy(active.bot).length).toBeGreaterThanOrEqual(1);
    expect(deliveredBy(standby.bot)).toEqual([]);

    // The active process frozen: a plain command posted to the standby is still answered (by the standby,
    // then); a /next is written but waits for the active process, which sends it as soon as it runs again.
    active.bot.kill("SIGSTOP");
    try {
      const before = tg.sentTo(learner.id).length;
      expect(await postTo(standby, learner, "/help")).toBe(200);
      const help = await tg.waitFor(() => tg.sentTo(learner.id)[before], PROMPT_MS);
      expect(help.method).toBe("sendMessage");
      expect(help.text).toContain("/next");
      expect(await postTo(standby, learner, "/next")).toBe(200);
      await pause(1500);
      expect(lessonsTo(learner)).toHaveLength(1);
    } finally {
      active.bot.kill("SIGCONT");
    }
    const resumed = Date.now();
    const second = await tg.waitFor(() => lessonsTo(learner)[1], PROMPT_MS);
    const resumeMs = second.at - resumed;
    await pause(1000);
    expect(lessonsTo(learner)).toHaveLength(2);
    expect(deliveredBy(standby.bot)).toEqual([]);

    // A request without the shared secret is refused by the standby too.
    expect(await postTo(standby, learner, "/next", "wrong")).toBe(401);
    await pause(500);
    expect(lessonsTo(learner)).toHaveLength(2);

    expect(tg.rejections).toEqual([]);
    expect(tg.counters.tooManyRequests).toBe(0);
    expect(warnings(standby.bot)).toEqual([]);
    console.log(`webhook replicas: /next posted to the standby → lesson from the active process after ${lessonMs} ms; held while the active one was frozen, sent ${resumeMs} ms after it resumed`);
  }, 120_000);

  it("the active process killed: the standby wins the lock, sets the webhook to itself and serves the learner; a new standby told to stop exits 0 and closes its port", async () => {
    active.bot.kill("SIGKILL");
    await active.bot.exited;
    await standby.bot.waitForLine("active: this process holds the lock", 20_000);
    await standby.bot.ready();
    await standby.bot.waitForLine('"webhook set"', 1000);
    expect(tg.requests.filter((r) => r.method === "setWebhook").map((r) => r.params?.url)).toEqual([active.hook, standby.hook]);
    const learner = tg.addUser({ first_name: "Minh" });
    await command(tg, learner, "start", 1);
    const [lesson] = await command(tg, learner, "next", 1);
    expect(lesson!.method).toBe("sendRichMessage");
    // Logged just after the fake's answer is recorded in the ledger.
    await standby.bot.waitForLine('"msg":"delivered"', 5000);
    expect(tg.rejections).toEqual([]);

    const spare = await startReplica("c");
    await spare.bot.waitForLine("webhook server listening", 60_000);
    await spare.bot.waitForLine("standing by: another process holds the lock", 10_000);
    spare.bot.kill("SIGTERM");
    expect((await spare.bot.exited).code).toBe(0);
    expect(spare.bot.lines.some((l) => l.includes("stopped while standing by"))).toBe(true);
    await expect(postTo(spare, learner, "/help")).rejects.toThrow();
    expect(warnings(spare.bot)).toEqual([]);
    expect(tg.requests.filter((r) => r.method === "setWebhook")).toHaveLength(2);

    standby.bot.kill("SIGTERM");
    expect((await standby.bot.exited).code).toBe(0);
  }, 60_000);
});
