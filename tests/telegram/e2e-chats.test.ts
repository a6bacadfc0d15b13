/**
 * End to end: the real bot process (src/main.ts) against the fake Bot API, with a course written
 * here. A private chat through /start, /next, ✅, /resources and a daily lesson arriving by itself at
 * the time set with /time; a study group, a forum topic, a channel; a rich message refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegram } from "../fakes/telegram/server.js";
import { BotProcess } from "./botProcess.js";
import { command, comingMinute, e2eDirs, eventually, labels, press, query, roomy } from "./e2e.helpers.js";

let tg: FakeTelegram;
let bot: BotProcess;
let dirs: ReturnType<typeof e2eDirs>;
let daily: { time: string; at: number };

beforeAll(async () => {
  tg = await FakeTelegram.start({ rateLimits: { global: roomy, perChat: { count: 20, windowMs: 1000 }, perGroup: { count: 200, windowMs: 60_000 } } });
  dirs = e2eDirs();
  bot = new BotProcess(BotProcess.env(tg, dirs.dataDir, dirs.contentDir));
  await bot.ready();
}, 90_000);

afterAll(async () => {
  bot.kill("SIGTERM");
  const exit = await bot.exited;
  expect(exit.code).toBe(0);
  expect(bot.lines.some((l) => l.includes('"stopped"'))).toBe(true);
  // No line the process ever wrote names the token, at LOG_LEVEL=debug.
  expect(bot.leaks(tg.token)).toEqual([]);
  expect(tg.internalErrors).toEqual([]);
  // Every message was accepted by the fake's validators; the only 400s are the rich message refused on purpose.
  expect(tg.rejections.filter((r) => !(r.method === "sendRichMessage" && r.description === "Bad Request: RICH_MESSAGE_INVALID"))).toEqual([]);
  await tg.stop();
  dirs.cleanup();
});

const ann = () => tg.addUser({ id: 100_500_001, first_name: "Ann" });

describe("end to end: npm start against the fake Bot API", () => {
  it("registers the command menus in vi, en and default for private chats and groups", () => {
    expect(tg.registeredCommands.size).toBe(9);
    expect(tg.registeredCommands.get("all_group_chats|en")!.map((c) => c.command)).toContain("next");
    expect(tg.requests.some((r) => r.method === "deleteWebhook")).toBe(true);
  });

  it("private chat: /start welcomes, /next sends one rich lesson with ✅ ▶ 📚, ✅ is answered and recorded, /resources lists links, /time is set", async () => {
    const user = ann();
    const [welcome] = await command(tg, user, "start", 1);
    expect(welcome!.text).toContain("Welcome to Optimisation in six minutes");
    const [lesson] = await command(tg, user, "next", 1);
    expect(lesson!.method).toBe("sendRichMessage");
    expect(lesson!.rich!.html).toContain("<h1>Gradient descent by hand</h1>");
    expect(lesson!.rich!.stats.media).toBe(1);
    expect(labels(lesson)).toEqual(["✅ Done", "▶ Next", "📚 Resources"]);
    expect(await press(tg, user, lesson!, 0)).toBe("✅ Marked as learned: Gradient descent by hand. 🔥 Streak: 1");
    expect(query(dirs.dataDir, "SELECT member_name, lesson_id, via FROM completions")).toEqual([{ member_name: "Ann", lesson_id: "2025-03-01-gradient-descent", via: "done" }]);
    const [resources] = await command(tg, user, "resources", 1);
    expect(resources!.text).toContain("Optimisation notes");
    daily = comingMinute();
    const [set] = await command(tg, user, "time", 1, { args: daily.time });
    expect(set!.text).toContain(`Daily time set to ${daily.time}`);
    // welcome, lesson, resources, time: no more (a ✅ answers with a toast, not a message).
    expect(tg.sentTo(user.id)).toHaveLength(4);
  });

  it("study group: members may not /start or /next, admins may (as /next@bot), every member's ✅ lands in /progress", async () => {
    const owner = tg.addUser({ first_name: "Lan" });
    const admin = tg.addUser({ first_name: "Huy" });
    const member = tg.addUser({ first_name: "Minh" });
    const group = tg.addSupergroup({ title: "ML club", members: [[owner, "creator"], [admin, "administrator"], [member, "member"]] });
    expect((await command(tg, member, "start", 1, { chatId: group.id }))[0]!.text).toBe("Only the admins of this chat can do that.");
    await command(tg, owner, "start", 1, { chatId: group.id });
    expect((await command(tg, member, "next", 1, { chatId: group.id }))[0]!.text).toBe("Only the admins of this chat can do that.");
    tg.updates.text(admin, "/next@some_other_bot", { chatId: group.id });
    const [lesson] = await command(tg, admin, "next", 1, { chatId: group.id });
    expect(lesson!.method).toBe("sendRichMessage");
    expect(labels(lesson)).toEqual(["✅ Done", "▶ Next", "📚 Resources"]);
    for (const who of [member, admin]) expect(await press(tg, who, lesson!, 0)).toContain("Marked as learned");
    expect(await press(tg, member, lesson!, 1)).toBe("Only the admins of this chat can do that.");
    const [progress] = await command(tg, member, "progress", 1, { chatId: group.id });
    expect(progress!.text).toContain("Lesson 1/3");
    expect(progress!.text).toMatch(/• Huy: 1 done[\s\S]*• Minh: 1 done/);
    expect(progress!.text).not.toContain("Lan:");
    // /next@some_other_bot got no answer: 1 refusal, welcome, 1 refusal, lesson, progress.
    expect(tg.sentTo(group.id)).toHaveLength(5);
  });

  it("forum topic: /start in a topic sends the lessons into that topic", async () => {
    const owner = tg.addUser({ first_name: "Topic owner" });
    const forum = tg.addSupergroup({ title: "Forum", forum: true, members: [[owner, "creator"]] });
    const topic = tg.addTopic(forum.id, "Daily lesson");
    await command(tg, owner, "start", 1, { chatId: forum.id, threadId: topic });
    const [lesson] = await command(tg, owner, "next", 1, { chatId: forum.id, threadId: topic });
    expect(lesson!.threadId).toBe(topic);
    expect(lesson!.method).toBe("sendRichMessage");
  });

  it("channel: /start posted by the channel subscribes it; the lesson is posted there; a reader's ✅ is recorded", async () => {
    const reader = tg.addUser({ first_name: "Reader" });
    const channel = tg.addChannel({ title: "Six minutes a day" });
    tg.updates.channelPost(channel.id, "/start");
    await tg.waitFor(() => tg.sentTo(channel.id).length === 1, 10_000);
    tg.updates.channelPost(channel.id, "/next");
    const lesson = await tg.waitFor(() => tg.sentTo(channel.id)[1], 10_000);
    expect(lesson.method).toBe("sendRichMessage");
    expect(await press(tg, reader, lesson, 0)).toContain("Marked as learned");
    expect(query(dirs.dataDir, "SELECT member_name FROM completions c JOIN subscribers s ON s.id = c.subscriber_id WHERE s.chat_id = ?", String(channel.id))).toEqual([{ member_name: "Reader" }]);
  });

  it("a rich message refused with 400: its HTML is logged and the lesson arrives as classic messages", async () => {
    const user = tg.addUser({ first_name: "Bob" });
    const undo = tg.refuseRich((rich) => rich.chatId === user.id);
    await command(tg, user, "start", 1);
    const lesson = await command(tg, user, "next", 5);
    undo();
    expect(lesson.map((m) => m.method)).toEqual(["sendMessage", "sendPhoto", "sendMediaGroup", "sendMediaGroup", "sendMessage"]);
    expect(labels(lesson[4])).toEqual(["✅ Done", "▶ Next", "📚 Resources"]);
    const line = await bot.waitForLine("rich message refused");
    expect(line).toContain("<h1>Gradient descent by hand</h1>");
  });

  it("the daily lesson arrives by itself at the time set with /time", async () => {
    const user = ann();
    const before = tg.sentTo(user.id).length;
    const lesson = await tg.waitFor(() => tg.sentTo(user.id)[before], Math.max(5_000, daily.at - Date.now() + 20_000));
    expect(lesson.at).toBeGreaterThanOrEqual(daily.at);
    expect(lesson.method).toBe("sendRichMessage");
    expect(lesson.rich!.html).toContain("<h1>Choosing the learning rate</h1>");
    expect(labels(lesson)).toEqual(["✅ Done", "▶ Next", "📚 Resources"]);
    // The figure travelled by the file_id stored when lesson 1 uploaded it.
    expect(lesson.rich!.media[0]!.fileId).toBe(tg.sentTo(user.id).find((m) => m.rich?.media.length)!.rich!.media[0]!.fileId);
    await eventually(() => expect(query(dirs.dataDir, "SELECT trigger FROM deliveries WHERE lesson_id = ? AND status = 'done'", "2025-03-02-learning-rate")).toEqual([{ trigger: "daily" }]));
  }, 100_000);
});
