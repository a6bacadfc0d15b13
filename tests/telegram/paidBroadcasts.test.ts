/**
 * Paid broadcasts through the Telegram adapter and the real grammY client against the fake Bot API,
 * with Telegram's rates scaled down (10/s free, 100/s paid) so a day's delivery takes a second or
 * two: the daily lesson to many chats at the paid rate, the Star balance running out mid-delivery
 * (with two wordings of the refusal), the day's cap, and what an operator's /stats shows.
 */
import type { User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram, peakPerSecond } from "../fakes/telegram/server.js";
import type { PaidRefusal } from "../fakes/telegram/stars.js";
import type { RateLimits } from "../../src/learning/rateLimiter.js";
import { utcDay } from "../../src/learning/paidBroadcasts.js";
import { startBot, type Harness } from "./harness.js";

const FREE = 10;
const PAID = 100;
const botLimits: RateLimits = { global: { max: PAID, perMs: 1000 }, free: { max: FREE, perMs: 1000 }, perChat: { max: 1, perMs: 1000 }, perGroup: { max: 20, perMs: 60_000 } };
const fakeLimits = { global: { count: FREE, windowMs: 1000 }, paidGlobal: { count: PAID, windowMs: 1000 }, perChat: { count: 1, windowMs: 1000 }, perGroup: { count: 20, windowMs: 60_000 } };

let h: Harness | undefined;
afterEach(async () => {
  expect(h?.tg.internalErrors).toEqual([]);
  await h?.close();
  h = undefined;
});

async function start(stars: { balance: number; refusal?: PaidRefusal }, maxStars?: number, format: "rich" | "classic" = "rich"): Promise<Harness> {
  const tg = await FakeTelegram.start({ rateLimits: fakeLimits, stars });
  h = await startBot({ tg, format, limits: botLimits, paidBroadcasts: { platform: "telegram", ...(maxStars !== undefined ? { maxStars } : {}) }, operators: ["telegram:1"] });
  return h;
}

/** `n` private chats following the course, their lesson due now; the minute tick, then every delivery done. */
async function dailyLessonTo(h: Harness, n: number): Promise<User[]> {
  const users = Array.from({ length: n }, () => h.tg.addUser());
  const now = Date.now();
  h.store.transaction(() => {
    for (const u of users) {
      const sub = h.store.subscribers.insert({ platform: "telegram", chatId: String(u.id), threadId: "", kind: "private", language: "en", timeZone: "UTC", sendTime: "07:00", status: "active", nextDueAt: now - 1000 }, now);
      h.store.follows.follow(sub.id, h.course.id, now);
    }
  });
  expect(h.learning.scheduler.tick().claimed).toBe(n);
  await h.learning.delivery.idle();
  return users;
}


function expectOneLessonEach(h: Harness, users: readonly User[]): void {
  for (const u of users) expect(h.tg.sentTo(u.id).map((s) => s.method), `chat ${u.id}`).toEqual(["sendRichMessage"]);
  const done = h.store.db.prepare("SELECT status, count(*) AS n FROM deliveries GROUP BY status").all();
  expect(done).toEqual([{ status: "done", n: users.length }]);
}

/** /stats from the operator (user 1), as Telegram shows it. */
async function stats(h: Harness): Promise<string> {
  const admin = h.tg.addUser({ id: 1, first_name: "Operator" });
  const before = h.tg.sentTo(admin.id).length;
  h.tg.updates.command(admin, "stats");
  return (await h.tg.waitFor(() => h.tg.sentTo(admin.id)[before], 10_000)).text ?? "";
}

const fallbackLines = (h: Harness, text: string): string[] => h.logs.filter((l) => l.includes(text));

describe("Telegram paid broadcasts", () => {
  it("GIVEN paid broadcasts on and Stars enough THEN the day's lesson reaches 150 chats once each, above the free rate and within the paid one, every send marked, no 429; /stats shows the Stars", async () => {
    const h = await start({ balance: 1000 });
    const users = await dailyLessonTo(h, 150);
    expectOneLessonEach(h, users);
    const lessons = h.tg.sent.filter((s) => s.method === "sendRichMessage");
    expect(lessons.every((s) => s.paidBroadcast)).toBe(true);
    const peak = peakPerSecond(lessons);
    expect(peak).toBeGreaterThan(FREE);
    expect(peak).toBeLessThanOrEqual(PAID);
    expect(h.tg.counters.tooManyRequests).toBe(0);
    expect(h.tg.rejections).toEqual([]);
    // The bot counts every message Telegram charged for, and at most the rest past the first free ones.
    const counted = h.store.paidBroadcasts.messages("telegram", utcDay(Date.now()));
    expect(counted).toBeGreaterThanOrEqual(h.tg.stars.paidMessages);
    expect(counted).toBeLessThanOrEqual(150 - FREE);
    const report = await stats(h);
    expect(report).toContain(`Paid broadcasts today (${utcDay(Date.now())} UTC): ${(counted / 10).toFixed(1)} Stars for ${counted} message(s) past the free rate`);
  });

  it("GIVEN classic lessons (a text, a photo, an album) THEN every send method carries allow_paid_broadcast and those past the free rate are paid for", async () => {
    const h = await start({ balance: 1000 }, undefined, "classic");
    const users = await dailyLessonTo(h, 20);
    const methods = new Set(h.tg.sent.map((s) => s.method));
    expect([...methods].sort()).toEqual(["sendMediaGroup", "sendMessage", "sendPhoto"]);
    for (const method of methods) expect(h.tg.sent.filter((s) => s.method === method).every((s) => s.paidBroadcast), method).toBe(true);
    for (const u of users) expect(h.tg.sentTo(u.id).length).toBeGreaterThan(1);
    expect(h.tg.stars.paidMessages).toBeGreaterThan(0);
    expect(h.tg.counters.tooManyRequests).toBe(0);
  });

  it("GIVEN quiz polls to 3× the free rate and 1 Star THEN sendPoll carries allow_paid_broadcast, 10 are paid for, then the refusal for payment sends the rest again unmarked; every poll arrives, no 429", async () => {
    const h = await start({ balance: 1 });
    const users = Array.from({ length: 3 * FREE }, () => h.tg.addUser());
    const sender = h.learning.senders.get("telegram")!;
    const quiz = { askId: 1, question: "2 + 2 = ?", options: ["3", "4"], answers: [2], explain: "", anonymous: false };
    const results = await Promise.all(users.map((u) => sender.send({ platform: "telegram", chatId: String(u.id), kind: "private" }, { text: "2 + 2 = ?", quiz })));
    expect(results.every((r) => r.ok && r.pollId !== undefined)).toBe(true);
    const polls = h.tg.sent.filter((s) => s.method === "sendPoll");
    expect(polls).toHaveLength(users.length);
    // 1 Star: 10 paid for, then Telegram refuses payment and the rest go unmarked at the free rate.
    expect(h.tg.stars.paidMessages).toBe(10);
    expect(polls.filter((s) => s.paidBroadcast).length).toBeGreaterThan(FREE);
    expect(polls.some((s) => !s.paidBroadcast)).toBe(true);
    expect(h.tg.rejections.every((r) => r.description === "Bad Request: BALANCE_TOO_LOW")).toBe(true);
    expect(h.tg.counters.tooManyRequests).toBe(0);
  });

  it("GIVEN paid broadcasts off THEN no send carries allow_paid_broadcast, the lesson goes at the free rate with no 429, nothing is paid, /stats has no Stars line", async () => {
    const tg = await FakeTelegram.start({ rateLimits: fakeLimits, stars: { balance: 1000 } });
    const { free: _free, ...freeOnly } = botLimits;
    h = await startBot({ tg, limits: { ...freeOnly, global: { max: FREE, perMs: 1000 } }, operators: ["telegram:1"] });
    const users = await dailyLessonTo(h, 25);
    expectOneLessonEach(h, users);
    expect(h.tg.sent.some((s) => s.paidBroadcast)).toBe(false);
    expect(peakPerSecond(h.tg.sent)).toBeLessThanOrEqual(FREE);
    expect(h.tg.stars.paidMessages).toBe(0);
    expect(h.tg.counters.tooManyRequests).toBe(0);
    expect(await stats(h)).not.toContain("Paid broadcasts");
  });

  it.each([
    ["Telegram's likely words", { code: 400, description: "Bad Request: BALANCE_TOO_LOW" }],
    ["other words", { code: 402, description: "Payment Required: not enough Stars on the bot's balance" }],
  ])("GIVEN the Star balance running out mid-delivery (%s) THEN every lesson still arrives once, the rest at the free rate, the fallback logged once", async (_name, refusal) => {
    const h = await start({ balance: 1, refusal });
    const users = await dailyLessonTo(h, 60);
    expectOneLessonEach(h, users);
    expect(h.tg.stars.paidMessages).toBe(10);
    const refused = h.tg.rejections.filter((r) => r.description === refusal.description);
    expect(refused.length).toBeGreaterThan(0);
    expect(h.tg.rejections.length).toBe(refused.length);
    expect(h.tg.counters.tooManyRequests).toBe(0);
    // Once a refusal is back, no send is marked any more, and they go at the free rate.
    const lastRefusal = Math.max(...refused.map((r) => r.at));
    const after = h.tg.sent.filter((s) => s.at > lastRefusal + 200);
    expect(after.length).toBeGreaterThan(0);
    expect(after.some((s) => s.paidBroadcast)).toBe(false);
    expect(peakPerSecond(after)).toBeLessThanOrEqual(FREE);
    expect(fallbackLines(h, "refused payment")).toHaveLength(1);
    expect(h.logs.filter((l) => l.includes('"delivery failed"'))).toEqual([]);
    expect(await stats(h)).toContain("payment refused (Star balance empty): the free rate until 00:00 UTC");
  });

  it("GIVEN a cap of 2 Stars a day THEN 20 messages past the free rate, then the free rate, logged once, every lesson once; /stats says the cap is reached", async () => {
    const h = await start({ balance: 1000 }, 2);
    const users = await dailyLessonTo(h, 60);
    expectOneLessonEach(h, users);
    expect(h.store.paidBroadcasts.messages("telegram", utcDay(Date.now()))).toBe(20);
    expect(h.tg.stars.paidMessages).toBeLessThanOrEqual(20);
    expect(h.tg.counters.tooManyRequests).toBe(0);
    expect(fallbackLines(h, "today's cap of 2 Stars is reached")).toHaveLength(1);
    const unmarked = h.tg.sent.filter((s) => s.method === "sendRichMessage" && !s.paidBroadcast);
    expect(unmarked.length).toBeGreaterThanOrEqual(60 - FREE - 20 - 5);
    expect(peakPerSecond(unmarked)).toBeLessThanOrEqual(FREE);
    expect(await stats(h)).toContain("2.0 Stars for 20 message(s) past the free rate, cap 2 Stars a day; cap reached: the free rate until 00:00 UTC");
  });
});
