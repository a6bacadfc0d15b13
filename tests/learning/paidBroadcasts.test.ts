/**
 * Paid broadcasts in the learning core, on the virtual clock: the limiter's free and paid rates, the
 * day's Star cap kept in the store, the platform refusing payment, and what /stats shows.
 */
import Database from "better-sqlite3";
import { Writable } from "node:stream";
import { join } from "node:path";
import pino, { type Logger } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import type { ChatAddress } from "../../src/contract/chat.js";
import { rateLimited } from "../../src/learning/limitedSender.js";
import { estimatePaidMessages, PaidBroadcasts, starsOf } from "../../src/learning/paidBroadcasts.js";
import { RateLimiter, type PaidBudget, type RateLimits } from "../../src/learning/rateLimiter.js";
import type { SendOptions, SendResult, Sender } from "../../src/learning/sender.js";
import { SlidingWindow } from "../../src/schedule/slidingWindow.js";
import { VirtualClock } from "../../src/schedule/virtualClock.js";
import { migrate, migrations } from "../../src/store/migrations.js";
import { Store } from "../../src/store/store.js";
import { storeBackend, testStoreLocation } from "../helpers/storeBackend.js";
import { makeCourse, makeWorld, settle, tempDir, type World } from "./helpers.js";

const chat = (id: string): ChatAddress => ({ platform: "telegram", chatId: id, kind: "private" });
/** Telegram's with paid broadcasts: 30/s free, 1000/s paid, 1/s per chat. */
const paidLimits: RateLimits = { global: { max: 1000, perMs: 1000 }, perChat: { max: 1, perMs: 1000 }, free: { max: 30, perMs: 1000 } };

function logLines(): { log: Logger; lines: { level: number; msg: string }[] } {
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({ write: (chunk, _e, cb) => (lines.push(...String(chunk).split("\n").filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string })), cb()) });
  return { log: pino({ level: "debug" }, sink), lines };
}

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function openStore(): { store: Store } {
  const { dir, cleanup } = tempDir();
  const store = Store.open(testStoreLocation(dir));
  cleanups.push(() => (store.close(), cleanup()));
  return { store };
}

/** Grants `n` waiters (one chat each), releasing each at once; returns when and how each was granted. */
async function grantAll(limiter: RateLimiter, clock: VirtualClock, n: number): Promise<{ at: number; paid: boolean }[]> {
  const grants: { at: number; paid: boolean }[] = [];
  const all = Array.from({ length: n }, (_, i) =>
    limiter.acquire(chat(String(i))).then((g) => {
      grants.push({ at: clock.now(), paid: g.paidBroadcast });
      g.release();
    }),
  );
  await settle(clock, Promise.all(all));
  return grants;
}

const countAt = (grants: { at: number }[], at: number): number => grants.filter((g) => g.at === at).length;

describe("a sliding window counting past its limit (the free window)", () => {
  it("GIVEN events taken past max THEN each counts from its start until a window after it settled, in flight ones however old", () => {
    const w = new SlidingWindow({ max: 2, perMs: 1000 });
    const slow = w.take();
    const [a, b] = [w.take(), w.take()];
    w.settle(a, 0);
    w.settle(b, 0);
    expect(w.readyAt(500)).toBe(1000);
    expect(w.readyAt(1000)).toBe(1000);
    const c = w.take();
    expect(w.readyAt(1000)).toBe(Number.POSITIVE_INFINITY);
    w.settle(c, 1200);
    w.settle(c, 1900);
    expect(w.readyAt(1500)).toBe(2200);
    w.settle(slow, 3000);
    expect(w.idle(3999)).toBe(false);
    expect(w.idle(4000)).toBe(true);
  });
});

describe("the rate limiter with paid broadcasts", () => {
  it("GIVEN the paid budget open THEN 1000 a second, every send marked paid, and only the free 30 of each window not paid for", async () => {
    const clock = new VirtualClock(0);
    let spent = 0;
    const budget: PaidBudget = { open: () => true, spend: () => void spent++ };
    const grants = await grantAll(new RateLimiter(paidLimits, clock, budget), clock, 3000);
    expect([countAt(grants, 0), countAt(grants, 1000), countAt(grants, 2000)]).toEqual([1000, 1000, 1000]);
    expect(grants.every((g) => g.paid)).toBe(true);
    expect(spent).toBe(3000 - 3 * 30);
  });

  it("GIVEN the paid budget closed THEN the free 30 a second, nothing marked or paid for", async () => {
    const clock = new VirtualClock(0);
    let spent = 0;
    const budget: PaidBudget = { open: () => false, spend: () => void spent++ };
    const grants = await grantAll(new RateLimiter(paidLimits, clock, budget), clock, 90);
    expect([countAt(grants, 0), countAt(grants, 1000), countAt(grants, 2000)]).toEqual([30, 30, 30]);
    expect(grants.some((g) => g.paid)).toBe(false);
    expect(spent).toBe(0);
  });

  it("GIVEN sends still under way THEN they count against the free window: none goes free while 30 are in flight", async () => {
    const clock = new VirtualClock(0);
    let spent = 0;
    const limiter = new RateLimiter(paidLimits, clock, { open: () => true, spend: () => void spent++ });
    const held = await Promise.all(Array.from({ length: 40 }, (_, i) => settle(clock, limiter.acquire(chat(String(i))))));
    expect(spent).toBe(10);
    // A second later, none answered yet: still no room in the free window.
    await clock.advance(1000);
    await settle(clock, limiter.acquire(chat("mid")).then((g) => g.release()));
    expect(spent).toBe(11);
    // Answered now: a window after their answers, the free window has room again.
    for (const g of held) g.release();
    await clock.advance(1000);
    await settle(clock, limiter.acquire(chat("late")).then((g) => g.release()));
    expect(spent).toBe(11);
  });
});

describe("the paid_broadcasts table (migration 7)", () => {
  it.skipIf(storeBackend !== "sqlite")("WHEN a schema-6 database (the quiz's) opens THEN it migrates to 7, its quiz rows kept, and a day's paid messages add up per platform", () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = join(dir, "bot.sqlite");
    const old = new Database(file);
    migrate(old, migrations.slice(0, 6));
    old.prepare("INSERT INTO questions (course_id, question_id, lesson_id, status, updated_at) VALUES ('c', 'q1', 'l1', 'offered', 0)").run();
    old.close();
    const store = Store.open(file);
    try {
      expect(store.sqlite().pragma("user_version", { simple: true })).toBe(7);
      expect(migrations).toHaveLength(7);
      expect(store.db.prepare("SELECT question_id FROM questions").all()).toEqual([{ question_id: "q1" }]);
      store.paidBroadcasts.add("telegram", "2026-12-06", 3, 1);
      store.paidBroadcasts.add("telegram", "2026-12-06", 2, 2);
      expect(store.paidBroadcasts.messages("telegram", "2026-12-06")).toBe(5);
      expect(store.paidBroadcasts.messages("telegram", "2026-12-07")).toBe(0);
      expect(store.paidBroadcasts.messages("discord", "2026-12-06")).toBe(0);
    } finally {
      store.close();
    }
  });
});

describe("the day's Star cap", () => {
  it("GIVEN a cap of 50 Stars THEN 500 messages past the free rate, then the free rate, logged once; the count survives a restart; a new UTC day opens again", async () => {
    const { store } = openStore();
    const clock = new VirtualClock(Date.parse("2026-03-02T07:00:00Z"));
    const { log, lines } = logLines();
    const paid = new PaidBroadcasts({ repo: store.paidBroadcasts, clock, log, settings: { platform: "telegram", maxStars: 50 } });
    const start = clock.now();
    const grants = await grantAll(new RateLimiter(paidLimits, clock, paid), clock, 1000);
    expect(countAt(grants, start)).toBe(530);
    expect(grants.slice(0, 530).every((g) => g.paid)).toBe(true);
    expect(grants.slice(530).some((g) => g.paid)).toBe(false);
    // The other 470 at the free 30 a second.
    expect(Math.max(...grants.map((g) => g.at)) - start).toBe(Math.ceil(470 / 30) * 1000);
    expect(store.paidBroadcasts.messages("telegram", "2026-03-02")).toBe(500);
    const fallbacks = lines.filter((l) => l.msg.includes("cap of 50 Stars is reached"));
    expect(fallbacks.map((l) => [l.level, l.msg])).toEqual([
      [40, "paid broadcasts: today's cap of 50 Stars is reached (50.0 Stars, 500 messages past the free rate); deliveries go on at the free rate until 00:00 UTC"],
    ]);
    expect(paid.today()).toEqual({ day: "2026-03-02", messages: 500, stars: "50.0", maxStars: 50, fallback: "cap" });

    // A restart the same day: still capped.
    const again = new PaidBroadcasts({ repo: store.paidBroadcasts, clock, log, settings: { platform: "telegram", maxStars: 50 } });
    expect(again.open(clock.now())).toBe(false);
    // The next UTC day: open, from zero.
    clock.set(Date.parse("2026-03-03T00:00:00Z"));
    expect(again.open(clock.now())).toBe(true);
    expect(again.today()).toEqual({ day: "2026-03-03", messages: 0, stars: "0.0", maxStars: 50 });
  });

  it("GIVEN no cap THEN every message past the free rate is counted, per UTC day", async () => {
    const { store } = openStore();
    const clock = new VirtualClock(Date.parse("2026-03-02T23:59:59Z"));
    const paid = new PaidBroadcasts({ repo: store.paidBroadcasts, clock, log: logLines().log, settings: { platform: "telegram" } });
    await grantAll(new RateLimiter(paidLimits, clock, paid), clock, 2000);
    // 970 paid in the last second of the 2nd, 970 in the first second of the 3rd.
    expect([store.paidBroadcasts.messages("telegram", "2026-03-02"), store.paidBroadcasts.messages("telegram", "2026-03-03")]).toEqual([970, 970]);
    expect(paid.today()).toMatchObject({ day: "2026-03-03", messages: 970, stars: "97.0" });
  });
});

describe("the platform refusing payment", () => {
  it("GIVEN an empty Star balance THEN each refused message goes again at the free rate, unmarked, none fails; later ones unmarked; logged once", async () => {
    const { store } = openStore();
    const clock = new VirtualClock(Date.parse("2026-03-02T07:00:00Z"));
    const { log, lines } = logLines();
    const paid = new PaidBroadcasts({ repo: store.paidBroadcasts, clock, log, settings: { platform: "telegram" } });
    const accepted: { chatId: string; at: number }[] = [];
    let refusals = 0;
    const platform: Sender = {
      platform: "telegram",
      async send(to, _m, options?: SendOptions): Promise<SendResult> {
        await clock.sleep(20);
        if (options?.paidBroadcast) {
          refusals++;
          return { ok: false, error: { kind: "paid_refused", detail: "sendMessage: 400 Bad Request: BALANCE_TOO_LOW" } };
        }
        accepted.push({ chatId: to.chatId, at: clock.now() });
        return { ok: true, messageId: "1" };
      },
    };
    const sender = rateLimited(platform, paidLimits, clock, paid);
    const results = await settle(clock, Promise.all(Array.from({ length: 100 }, (_, i) => sender.send(chat(String(i)), { text: "x" }))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(accepted.map((a) => a.chatId).sort()).toEqual(Array.from({ length: 100 }, (_, i) => String(i)).sort());
    // Only sends granted before the first refusal came back were marked (those in flight together).
    expect(refusals).toBeGreaterThan(0);
    expect(refusals).toBeLessThanOrEqual(100);
    const t0 = accepted[0]!.at;
    for (let s = 0; s < 5; s++) expect(accepted.filter((a) => a.at >= t0 + s * 1000 && a.at < t0 + (s + 1) * 1000).length).toBeLessThanOrEqual(30);
    expect(lines.filter((l) => l.msg.includes("refused payment")).length).toBe(1);
    expect(paid.today().fallback).toBe("balance");
    const before = refusals;
    const later = await settle(clock, sender.send(chat("later"), { text: "y" }));
    expect(later.ok).toBe(true);
    expect(refusals).toBe(before);
  });
});

describe("paid broadcasts through deliveries", () => {
  let w: World | undefined;
  afterEach(() => w?.close());

  it("GIVEN paid broadcasts on THEN lessons go as paid broadcasts, each once, and /stats shows the Stars spent today", async () => {
    w = makeWorld({
      course: makeCourse(3, { platform: "telegram", messagesPerLesson: 2 }),
      limits: paidLimits,
      paidBroadcasts: { platform: "telegram", maxStars: 100 },
      operators: ["telegram:1"],
      start: "2026-03-02T06:00:00Z",
    });
    for (let i = 0; i < 100; i++) await w.say("/start", { chatId: String(1000 + i), userId: String(1000 + i) });
    w.sender.sent.length = 0;
    await settle(w.clock, Promise.all(Array.from({ length: 100 }, (_, i) => w!.learning.core.handle({ chat: chat(String(1000 + i)), user: { id: String(1000 + i), name: "L", isAdmin: true }, text: "/next" }))));
    await w.drain();
    const lessons = w.sender.sent.filter((s) => /^L1 M\d$/.test(s.message.text ?? ""));
    expect(lessons).toHaveLength(200);
    expect(new Set(lessons.map((s) => `${s.to.chatId} ${s.message.text}`)).size).toBe(200);
    expect(lessons.every((s) => s.paid)).toBe(true);
    const spent = w.store.paidBroadcasts.messages("telegram", "2026-03-02");
    expect(spent).toBeGreaterThan(0);
    const [report] = await w.say("/stats", { chatId: "1", userId: "1" });
    expect(report).toContain(`💫 <b>Paid broadcasts</b> today (2026-03-02 UTC): ${starsOf(spent)} Stars for ${spent} message(s) past the free rate, cap 100 Stars a day`);
  });

  it("GIVEN paid broadcasts off THEN /stats has no line about them and nothing is marked", async () => {
    w = makeWorld({ course: makeCourse(2, { platform: "telegram" }), limits: paidLimits, operators: ["telegram:1"] });
    await w.say("/start", { chatId: "7", userId: "7" });
    await w.say("/next", { chatId: "7", userId: "7" });
    await w.drain();
    expect(w.sender.sent.some((s) => s.paid)).toBe(false);
    const [report] = await w.say("/stats", { chatId: "1", userId: "1" });
    expect(report).not.toContain("Paid broadcasts");
  });
});

describe("the day's estimated cost", () => {
  it("GIVEN the lessons due each minute THEN all but the free 30 messages of each minute are counted paid", () => {
    expect(estimatePaidMessages([10_000, 20, 31], 1, 30)).toEqual({ messages: 10_051, paid: 9_970 + 0 + 1 });
    expect(estimatePaidMessages([100], 2.5, 30)).toEqual({ messages: 250, paid: 220 });
    expect(starsOf(9_971)).toBe("997.1");
  });
});

describe("configuration of paid broadcasts", () => {
  const TOKEN = "123456789:AAF-SECRETSECRETSECRETSECRETSECRET12";
  const problems = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (err) {
      return (err as ConfigError).problems;
    }
  };

  it("GIVEN TELEGRAM_PAID_BROADCAST=on THEN the overall rate is 1000/s with the free 30/s inside it, per-chat and per-group limits unchanged; a cap in Stars", () => {
    const c = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_PAID_BROADCAST: "on", TELEGRAM_PAID_BROADCAST_MAX_STARS: "12.5" });
    expect(c.limits.telegram).toEqual({ global: { max: 1000, perMs: 1000 }, free: { max: 30, perMs: 1000 }, perChat: { max: 1, perMs: 1000 }, perGroup: { max: 20, perMs: 60_000 } });
    expect(c.telegram!.paidBroadcast).toEqual({ maxStars: 12.5 });
    const slower = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_PAID_BROADCAST: "ON", TELEGRAM_RATE_GLOBAL: "300/1s" });
    expect(slower.limits.telegram.global).toEqual({ max: 300, perMs: 1000 });
    expect(slower.telegram!.paidBroadcast).toEqual({});
  });

  it("GIVEN it off or unset THEN no free rate, no paid broadcasts, TELEGRAM_RATE_GLOBAL as before", () => {
    for (const env of [{}, { TELEGRAM_PAID_BROADCAST: "off" }]) {
      const c = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, ...env });
      expect(c.limits.telegram.free).toBeUndefined();
      expect(c.limits.telegram.global).toEqual({ max: 30, perMs: 1000 });
      expect(c.telegram!.paidBroadcast).toBeUndefined();
    }
  });

  it("GIVEN bad values THEN one line each, naming the variable and what it expects", () => {
    expect(problems({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_PAID_BROADCAST: "yes" })).toEqual(['TELEGRAM_PAID_BROADCAST: "yes" is not one of on, off']);
    expect(problems({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_PAID_BROADCAST: "on", TELEGRAM_PAID_BROADCAST_MAX_STARS: "lots" })).toEqual([
      'TELEGRAM_PAID_BROADCAST_MAX_STARS: "lots" is not a number of Stars a day (e.g. 500 or 12.5)',
    ]);
    for (const rate of ["2000/1s", "30/1s", "10/1s"]) {
      expect(problems({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_PAID_BROADCAST: "on", TELEGRAM_RATE_GLOBAL: rate })).toEqual([
        `TELEGRAM_RATE_GLOBAL: "${rate}" is not a paid broadcast rate (with TELEGRAM_PAID_BROADCAST=on, the overall rate: above the free 30/s, at most 1000/s, e.g. 1000/1s)`,
      ]);
    }
    expect(problems({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_PAID_BROADCAST: "on", TELEGRAM_RATE_GLOBAL: "fast" })).toEqual(['TELEGRAM_RATE_GLOBAL: "fast" is not a rate like 30/1s, 20/60s or 5/5000ms']);
  });
});
