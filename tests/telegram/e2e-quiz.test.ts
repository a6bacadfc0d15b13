/**
 * End to end (issue 16 §6): the real bot process against the fake Bot API. A lesson → ✅ → its quiz
 * polls, one at a time → answers (the bot SIGKILLed between a poll and its answer: nothing asked twice,
 * the answer kept) → the next day's review asks the card answered wrong, before the new lesson →
 * /progress shows it. In a group the polls are posted once and every member's answer is theirs.
 */
import Database from "better-sqlite3";
import { join } from "node:path";
import type { User } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegram, type SentMessage } from "../fakes/telegram/server.js";
import { quizQuestion, writeQuizSite } from "../helpers/quizSite.js";
import { BotProcess } from "./botProcess.js";
import { command, comingMinute, e2eDirs, eventually, press, query, roomy } from "./e2e.helpers.js";

const dirs = e2eDirs();
const site = writeQuizSite(join(dirs.dataDir, "..", "quiz"));
let tg: FakeTelegram;
let bot: BotProcess;
const env = () => BotProcess.env(tg, dirs.dataDir, site, { TELEGRAM_LESSON_FORMAT: "classic" });

beforeAll(async () => {
  tg = await FakeTelegram.start({ rateLimits: { global: roomy, perChat: { count: 20, windowMs: 1000 }, perGroup: { count: 200, windowMs: 60_000 } } });
  bot = new BotProcess(env());
  await bot.ready();
}, 90_000);

afterAll(async () => {
  if (bot) {
    bot.kill("SIGTERM");
    await bot.exited;
    expect(bot.leaks(tg.token)).toEqual([]);
    expect(tg.internalErrors).toEqual([]);
    expect(tg.rejections).toEqual([]);
    await tg.stop();
  }
  dirs.cleanup();
});

const polls = (chatId: number): SentMessage[] => tg.sentTo(chatId).filter((s) => s.method === "sendPoll");
const pollsOf = (chatId: number, question: string): number => polls(chatId).filter((s) => s.poll!.question === question).length;

/** A day passes for the cards: what was due tomorrow is due now (the bot's clock is the real one). */
function ageCards(days: number): void {
  const db = new Database(join(dirs.dataDir, "bot.sqlite"));
  try {
    db.pragma("busy_timeout = 5000");
    db.prepare("UPDATE cards SET due_at = due_at - ?").run(days * 86_400_000);
  } finally {
    db.close();
  }
}

describe("end to end: quizzes and review on Telegram, npm start against the fake Bot API", () => {
  it("a lesson → ✅ → its polls one at a time (a SIGKILL between a poll and its answer loses nothing) → the next day's review → /progress", async () => {
    const ann: User = tg.addUser({ first_name: "Ann" });
    await command(tg, ann, "start", 1);
    const [lesson] = await command(tg, ann, "next", 1);
    expect(lesson!.text).toContain("A tensor is an array");
    expect(await press(tg, ann, lesson!, 0)).toContain("Marked as learned");
    const [first] = await tg.waitFor(() => (polls(ann.id).length === 1 ? polls(ann.id) : undefined), 10_000);
    expect(first!.poll).toEqual({
      id: expect.any(String),
      question: quizQuestion(1, 1),
      options: ["wrong 1", "right 1", "also wrong 1"],
      anonymous: false,
      type: "quiz",
      correct: [1],
      explanation: "Because it is right (1.1).",
    });

    // The bot dies once the poll is asked (its id in the ledger's transaction) and before the answer;
    // the answer waits at Telegram; the restarted bot takes it.
    await eventually(() => expect(query(dirs.dataDir, "SELECT poll_id AS poll FROM asks WHERE poll_id IS NOT NULL")).toEqual([{ poll: first!.poll!.id }]));
    bot.kill("SIGKILL");
    await bot.exited;
    tg.updates.pollAnswer(ann, first!.poll!.id, [1]);
    bot = new BotProcess(env());
    await bot.ready();
    const second = await tg.waitFor(() => polls(ann.id)[1], 20_000);
    expect(second.poll!.question).toBe(quizQuestion(1, 2));
    expect(pollsOf(ann.id, quizQuestion(1, 1))).toBe(1);
    tg.updates.pollAnswer(ann, second.poll!.id, [0]);
    await eventually(() =>
      expect(query(dirs.dataDir, "SELECT question_id IS NOT NULL AS q, chosen, correct FROM review_log ORDER BY id")).toEqual([
        { q: 1, chosen: "2", correct: 1 },
        { q: 1, chosen: "1", correct: 0 },
      ]),
    );
    expect(query(dirs.dataDir, "SELECT count(*) AS n FROM cards WHERE status = 'active'")).toEqual([{ n: 2 }]);

    // The next day: the card answered wrong (Again: due a day later) comes back before lesson 2.
    ageCards(1);
    const daily = comingMinute();
    await command(tg, ann, "time", 1, { args: daily.time });
    const before = tg.sentTo(ann.id).length;
    await tg.waitFor(() => tg.sentTo(ann.id).length >= before + 3, Math.max(5_000, daily.at - Date.now() + 20_000));
    const [header, review, next] = tg.sentTo(ann.id).slice(before);
    expect(header!.at).toBeGreaterThanOrEqual(daily.at);
    expect(header!.text).toBe("🔁 Review — 1 card due today.");
    expect(review!.poll!.question).toBe(quizQuestion(1, 2));
    expect(next!.text).toContain("Autograd records the operations");
    tg.updates.pollAnswer(ann, review!.poll!.id, [1]);
    await eventually(() => expect(query(dirs.dataDir, "SELECT count(*) AS n FROM review_log")).toEqual([{ n: 3 }]));

    const [progress] = await command(tg, ann, "progress", 1);
    expect(progress!.text).toContain("🧠 Questions answered: 3, 67% right");
    expect(progress!.text).toMatch(/🔁 Cards due today: 0 · you would recall about \d+ %/);
  }, 150_000);

  it("in a group the polls are posted once, after the first ✅, and each member's answer is theirs", async () => {
    const owner = tg.addUser({ first_name: "Lan" });
    const member = tg.addUser({ first_name: "Minh" });
    const group = tg.addSupergroup({ title: "ML club", members: [[owner, "creator"], [member, "member"]] });
    await command(tg, owner, "start", 1, { chatId: group.id });
    const [lesson] = await command(tg, owner, "next", 1, { chatId: group.id });
    expect(await press(tg, member, lesson!, 0)).toContain("Marked as learned");
    const [p1, p2] = await tg.waitFor(() => (polls(group.id).length === 2 ? polls(group.id) : undefined), 10_000);
    expect(await press(tg, owner, lesson!, 0)).toContain("Marked as learned");
    tg.updates.pollAnswer(member, p1!.poll!.id, [1]);
    tg.updates.pollAnswer(owner, p1!.poll!.id, [2]);
    tg.updates.pollAnswer(owner, p2!.poll!.id, [1]);
    await eventually(() => expect(query(dirs.dataDir, "SELECT count(*) AS n FROM review_log WHERE subscriber_id = (SELECT id FROM subscribers WHERE chat_id = ?)", String(group.id))).toEqual([{ n: 3 }]));
    expect(polls(group.id)).toHaveLength(2);
    const [board] = await command(tg, member, "leaderboard", 1, { chatId: group.id });
    expect(board!.text).toMatch(/^🏆 This week's leaderboard \(\d{4}-W\d{2}\)\n1\. Lan: 1 right of 2 · 🔥 1\n2\. Minh: 1 right of 1 · 🔥 1$/);
  }, 60_000);
});
