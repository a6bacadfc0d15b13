/**
 * End to end (issue 15 §4): the real bot process against the fake Bot API, with a blog of two series —
 * two courses. /start greets and shows the catalogue, a learner follows both (a button, a number),
 * /next asks which, the daily lessons of both arrive at the /time set, in catalogue order, one is
 * left; in a group only an admin's press follows.
 */
import { join } from "node:path";
import type { User } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegram, type SentMessage } from "../fakes/telegram/server.js";
import { engineCatalogue, writeSeriesSite } from "../helpers/seriesSite.js";
import { BotProcess } from "./botProcess.js";
import { comingMinute, e2eDirs, eventually, query, roomy } from "./e2e.helpers.js";

const dirs = e2eDirs();
const site = writeSeriesSite(join(dirs.dataDir, "..", "series"));
// What the engine calls the two courses (their ids, titles, lessons), asked the way an author would.
const engine = engineCatalogue(site, join(dirs.dataDir, "..", "probe"));

let tg: FakeTelegram;
let bot: BotProcess;

beforeAll(async () => {
  tg = await FakeTelegram.start({ rateLimits: { global: roomy, perChat: { count: 20, windowMs: 1000 }, perGroup: { count: 200, windowMs: 60_000 } } });
  bot = new BotProcess(BotProcess.env(tg, dirs.dataDir, site, { TELEGRAM_LESSON_FORMAT: "classic" }));
  await bot.ready();
}, 90_000);

afterAll(async () => {
  if (bot) {
    bot.kill("SIGTERM");
    expect((await bot.exited).code).toBe(0);
    expect(bot.leaks(tg.token)).toEqual([]);
    expect(tg.internalErrors).toEqual([]);
    expect(tg.rejections).toEqual([]);
    await tg.stop();
  }
  dirs.cleanup();
});

/** A command; resolves with the next `count` messages in the chat. */
async function command(user: User, name: string, count: number, opts: { chatId?: number; args?: string } = {}): Promise<SentMessage[]> {
  const chatId = opts.chatId ?? user.id;
  const before = tg.sentTo(chatId).length;
  tg.updates.command(user, name, { chatId, ...(opts.args ? { args: opts.args } : {}) });
  await tg.waitFor(() => tg.sentTo(chatId).length >= before + count, 10_000);
  return tg.sentTo(chatId).slice(before);
}

/** Presses the button in row `row` of `message`; resolves with the next `count` messages in its chat. */
async function press(user: User, message: SentMessage, row: number, count: number): Promise<SentMessage[]> {
  const answers = tg.callbackAnswers.length;
  const before = tg.sentTo(message.chatId).length;
  const button = message.replyMarkup!.inline_keyboard[row]![0]!;
  tg.updates.callbackQuery(user, { chatId: message.chatId, messageId: message.messageId }, "callback_data" in button ? button.callback_data : "");
  await tg.waitFor(() => tg.callbackAnswers.length > answers && tg.sentTo(message.chatId).length >= before + count, 10_000);
  return tg.sentTo(message.chatId).slice(before);
}

const rows = (m: SentMessage | undefined): string[] => (m?.replyMarkup?.inline_keyboard ?? []).map((row) => row.map((b) => b.text).join(" | "));

describe("end to end: two courses on Telegram, npm start against the fake Bot API", () => {
  it("the engine sees the blog's two series as two courses", () => {
    expect(engine.version).toBe(3);
    expect(engine.courses.map((c) => c.lessons.length)).toEqual([3, 3]);
  });

  it("a learner starts, follows both, gets /next asked which, the daily lessons of both at /time, then leaves one", async () => {
    const [first, second] = engine.courses as [EngineCourse, EngineCourse];
    const ann = tg.addUser({ first_name: "Ann" });
    const [greeting, catalogue] = await command(ann, "start", 2);
    expect(greeting!.text).toContain("Choose the courses you want");
    expect(catalogue!.text).toContain(`1. ${first.title}`);
    expect(catalogue!.text).toContain(`2. ${second.title}`);
    expect(rows(catalogue)).toEqual([`Follow: ${first.title}`, `Follow: ${second.title}`]);

    expect((await press(ann, catalogue!, 0, 1))[0]!.text).toContain(`You now follow ${first.title}`);
    expect((await command(ann, "follow", 1, { args: "2" }))[0]!.text).toContain(`You now follow ${second.title}`);

    const [which] = await command(ann, "next", 1);
    expect(which!.text).toContain("Which course?");
    expect(rows(which)).toEqual([first.title, second.title]);
    const [lesson] = await press(ann, which!, 1, 1);
    expect(lesson!.text).toContain(second.lessons[0]);

    // The daily lessons at the minute set: one of each, in catalogue order.
    const daily = comingMinute();
    expect((await command(ann, "time", 1, { args: daily.time }))[0]!.text).toContain(`Daily time set to ${daily.time}`);
    const before = tg.sentTo(ann.id).length;
    await tg.waitFor(() => tg.sentTo(ann.id).length >= before + 2, Math.max(5_000, daily.at - Date.now() + 20_000));
    const [one, two] = tg.sentTo(ann.id).slice(before);
    expect(one!.at).toBeGreaterThanOrEqual(daily.at);
    expect(one!.text).toContain(first.lessons[0]);
    expect(two!.text).toContain(second.lessons[1]);
    await eventually(() =>
      expect(query(dirs.dataDir, "SELECT course_id AS course FROM deliveries WHERE trigger = 'daily' AND status = 'done' ORDER BY id")).toEqual([{ course: first.id }, { course: second.id }]),
    );

    expect((await command(ann, "leave", 1, { args: first.id }))[0]!.text).toContain(`You left ${first.title}`);
    expect(query(dirs.dataDir, "SELECT course_id AS course, status FROM follows ORDER BY course_id")).toEqual(
      [{ course: first.id, status: "left" }, { course: second.id, status: "following" }].sort((a, b) => a.course.localeCompare(b.course)),
    );
  }, 100_000);

  it("in a study group only an admin's press follows a course; a deep link follows one at once", async () => {
    const [first] = engine.courses as [EngineCourse];
    const owner = tg.addUser({ first_name: "Lan" });
    const member = tg.addUser({ first_name: "Minh" });
    const group = tg.addSupergroup({ title: "ML club", members: [[owner, "creator"], [member, "member"]] });
    const [, catalogue] = await command(owner, "start", 2, { chatId: group.id });
    expect((await press(member, catalogue!, 0, 1))[0]!.text).toBe("Only the admins of this chat can do that.");
    expect((await press(owner, catalogue!, 0, 1))[0]!.text).toContain(`You now follow ${first.title}`);

    const bob = tg.addUser({ first_name: "Bob" });
    expect((await command(bob, "start", 1, { args: first.id }))[0]!.text).toContain(`Welcome to ${first.title}`);
  });
});

type EngineCourse = { id: string; title: string; lessons: string[] };
