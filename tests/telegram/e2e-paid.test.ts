/**
 * End to end with paid broadcasts: the real bot process (src/main.ts) with TELEGRAM_PAID_BROADCAST=on
 * against the fake Bot API at Telegram's own rates (30/s free, 1000/s paid, 1/s per chat). The day's
 * lesson falls due for 600 chats at start; a cap of 20 Stars lets 200 messages go past the free rate,
 * then the rest goes at 30/s, with one log line; the operator's /stats shows the Stars.
 */
import { join } from "node:path";
import type { User } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegram, peakPerSecond, type SentMessage } from "../fakes/telegram/server.js";
import { BotProcess } from "./botProcess.js";
import { command, e2eDirs, eventually, query, seedDueLearners } from "./e2e.helpers.js";

const CHATS = 600;
let tg: FakeTelegram;
let bot: BotProcess;
let dirs: ReturnType<typeof e2eDirs>;
let learners: User[];
let admin: User;


beforeAll(async () => {
  tg = await FakeTelegram.start({ stars: { balance: 5000 } });
  dirs = e2eDirs();
  learners = Array.from({ length: CHATS }, (_, i) => tg.addUser({ first_name: `Learner ${i}` }));
  admin = tg.addUser({ first_name: "Operator" });
  seedDueLearners(join(dirs.dataDir, "bot.sqlite"), learners);
  bot = new BotProcess(
    BotProcess.env(tg, dirs.dataDir, dirs.contentDir, {
      TELEGRAM_PAID_BROADCAST: "on",
      TELEGRAM_PAID_BROADCAST_MAX_STARS: "20",
      TELEGRAM_RATE_GLOBAL: "1000/1s",
      TELEGRAM_RATE_CHAT: "1/1s",
      TELEGRAM_RATE_GROUP: "20/60s",
      ADMIN_IDS: `telegram:${admin.id}`,
    }),
  );
  await bot.ready();
}, 90_000);

afterAll(async () => {
  bot.kill("SIGTERM");
  expect((await bot.exited).code).toBe(0);
  expect(bot.leaks(tg.token)).toEqual([]);
  expect(tg.internalErrors).toEqual([]);
  expect(tg.rejections).toEqual([]);
  await tg.stop();
  dirs.cleanup();
}, 30_000);

describe("end to end: paid broadcasts", () => {
  it("the day's lesson reaches every chat once: past the free rate while the cap allows, then at 30/s, the fallback logged once, no 429", async () => {
    const lessonsOf = (): SentMessage[] => tg.sent.filter((s) => s.method === "sendRichMessage");
    await tg.waitFor(() => lessonsOf().length >= CHATS, 60_000);
    await eventually(() => expect(query(dirs.dataDir, "SELECT status, count(*) AS n FROM deliveries GROUP BY status")).toEqual([{ status: "done", n: CHATS }]), 10_000);
    const lessons = lessonsOf();
    expect(lessons).toHaveLength(CHATS);
    expect(new Set(lessons.map((s) => s.chatId))).toEqual(new Set(learners.map((u) => u.id)));
    expect(tg.counters.tooManyRequests).toBe(0);

    // Marked while the cap allowed: faster than the free rate, within the paid one.
    const paid = lessons.filter((s) => s.paidBroadcast);
    const free = lessons.filter((s) => !s.paidBroadcast);
    expect(paid.length).toBeGreaterThanOrEqual(200);
    expect(peakPerSecond(paid)).toBeGreaterThan(30);
    expect(peakPerSecond(lessons)).toBeLessThanOrEqual(1000);
    // Then unmarked, at the free rate.
    expect(free.length).toBeGreaterThan(0);
    expect(Math.min(...free.map((s) => s.at))).toBeGreaterThanOrEqual(Math.max(...paid.map((s) => s.at)) - 100);
    expect(peakPerSecond(free)).toBeLessThanOrEqual(30);

    // 20 Stars: 200 messages counted past the free rate; Telegram charged no more.
    expect(query<{ messages: number }>(dirs.dataDir, "SELECT messages FROM paid_broadcasts WHERE platform = 'telegram'")).toEqual([{ messages: 200 }]);
    expect(tg.stars.paidMessages).toBeLessThanOrEqual(200);
    const fallback = bot.lines.filter((l) => l.includes("today's cap of 20 Stars is reached"));
    expect(fallback).toHaveLength(1);
    expect(JSON.parse(fallback[0]!)).toMatchObject({ level: 40, module: "paid-broadcasts", messages: 200, stars: "20.0", maxStars: 20 });
  }, 90_000);

  it("/stats shows the operator today's Stars, the cap and that it is reached", async () => {
    const [report] = await command(tg, admin, "stats", 1);
    expect(report!.text).toContain(`Subscribers: telegram: ${CHATS} active`);
    expect(report!.text).toMatch(/💫 Paid broadcasts today \(\d{4}-\d\d-\d\d UTC\): 20\.0 Stars for 200 message\(s\) past the free rate, cap 20 Stars a day; cap reached: the free rate until 00:00 UTC/);
  });
});

describe("end to end: a bad paid-broadcast setting", () => {
  it("stops the start with one line naming the variable, exit 2", async () => {
    const p = new BotProcess(BotProcess.env(tg, dirs.dataDir, dirs.contentDir, { TELEGRAM_PAID_BROADCAST: "on", TELEGRAM_RATE_GLOBAL: "5000/1s" }));
    expect((await p.exited).code).toBe(2);
    expect(p.lines).toEqual(['configuration error: TELEGRAM_RATE_GLOBAL: "5000/1s" is not a paid broadcast rate (with TELEGRAM_PAID_BROADCAST=on, the overall rate: above the free 30/s, at most 1000/s, e.g. 1000/1s)']);
  });
});
