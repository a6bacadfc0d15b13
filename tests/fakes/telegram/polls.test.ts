/** The fake Bot API's sendPoll: Telegram's limits enforced, channels anonymous only, poll_answer injected. */
import { Bot, GrammyError } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "./server.js";

let tg: FakeTelegram;
let bot: Bot;
beforeEach(async () => {
  tg = await FakeTelegram.start({ rateLimits: { perChat: { count: 1000, windowMs: 1000 }, global: { count: 1000, windowMs: 1000 }, perGroup: { count: 1000, windowMs: 1000 } } });
  bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot }, botInfo: tg.botInfo });
});
afterEach(async () => {
  expect(tg.internalErrors).toEqual([]);
  await tg.stop();
});

const refusal = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return "accepted";
  } catch (e) {
    return e instanceof GrammyError ? e.description : String(e);
  }
};
const options = (n: number, length = 5) => Array.from({ length: n }, (_, i) => ({ text: `${i + 1}`.padEnd(length, "x") }));

describe("GIVEN the fake Bot API", () => {
  it("WHEN a quiz poll is within Telegram's limits THEN it is sent, with its id, and refused past each limit", async () => {
    const ann = tg.addUser({ first_name: "Ann" });
    const sent = await bot.api.sendPoll(ann.id, "Q?", options(3), { type: "quiz", is_anonymous: false, correct_option_ids: [1], explanation: "Because." });
    expect(sent.poll).toMatchObject({ question: "Q?", type: "quiz", is_anonymous: false, correct_option_ids: [1], explanation: "Because." });
    expect(tg.polls.get(sent.poll.id)).toMatchObject({ chatId: ann.id, messageId: sent.message_id });
    expect(tg.sentTo(ann.id).at(-1)!.poll).toMatchObject({ id: sent.poll.id, options: ["1xxxx", "2xxxx", "3xxxx"], correct: [1] });

    const quiz = { type: "quiz" as const, is_anonymous: false, correct_option_ids: [0] };
    expect(await refusal(bot.api.sendPoll(ann.id, "x".repeat(300), options(2), quiz))).toBe("accepted");
    expect(await refusal(bot.api.sendPoll(ann.id, "x".repeat(301), options(2), quiz))).toBe("Bad Request: poll question is too long");
    expect(await refusal(bot.api.sendPoll(ann.id, "Q?", options(12), quiz))).toBe("accepted");
    expect(await refusal(bot.api.sendPoll(ann.id, "Q?", options(13), quiz))).toBe("Bad Request: poll must have 2-12 options");
    expect(await refusal(bot.api.sendPoll(ann.id, "Q?", options(1), quiz))).toBe("Bad Request: poll must have 2-12 options");
    expect(await refusal(bot.api.sendPoll(ann.id, "Q?", options(2, 100), quiz))).toBe("accepted");
    expect(await refusal(bot.api.sendPoll(ann.id, "Q?", options(2, 101), quiz))).toBe("Bad Request: poll options length must not exceed 100");
    expect(await refusal(bot.api.sendPoll(ann.id, "Q?", options(2), { ...quiz, explanation: "e".repeat(200) }))).toBe("accepted");
    expect(await refusal(bot.api.sendPoll(ann.id, "Q?", options(2), { ...quiz, explanation: "e".repeat(201) }))).toBe("Bad Request: explanation is too long");
    expect(await refusal(bot.api.sendPoll(ann.id, "Q?", options(2), { ...quiz, explanation: "a\nb\nc\nd" }))).toBe("Bad Request: explanation can't have more than 2 line feeds");
    expect(await refusal(bot.api.sendPoll(ann.id, "Q?", options(2), { ...quiz, correct_option_ids: [2] }))).toBe("Bad Request: wrong correct option identifiers specified");
    expect(await refusal(bot.api.sendPoll(ann.id, "Q?", options(3), { ...quiz, correct_option_ids: [0, 2] }))).toBe("Bad Request: quiz with several correct options must allow multiple answers");
    expect(await refusal(bot.api.sendPoll(ann.id, "Q?", options(3), { ...quiz, correct_option_ids: [0, 2], allows_multiple_answers: true }))).toBe("accepted");
  });

  it("WHEN a poll goes to a channel THEN only an anonymous one is taken, and nobody's answer can come back", async () => {
    const channel = tg.addChannel({ title: "Kênh" });
    const quiz = { type: "quiz" as const, correct_option_ids: [0] };
    expect(await refusal(bot.api.sendPoll(channel.id, "Q?", options(2), { ...quiz, is_anonymous: false }))).toBe("Bad Request: non-anonymous polls can't be sent to channel chats");
    const sent = await bot.api.sendPoll(channel.id, "Q?", options(2), { ...quiz, is_anonymous: true });
    expect(() => tg.updates.pollAnswer(tg.addUser(), sent.poll.id, [0])).toThrow(/anonymous/);
  });

  it("WHEN a member answers a group's quiz THEN the bot gets poll_answer with who and what, once per member", async () => {
    const owner = tg.addUser({ first_name: "Lan" });
    const group = tg.addSupergroup({ members: [[owner, "creator"]] });
    const sent = await bot.api.sendPoll(group.id, "Q?", options(3), { type: "quiz", is_anonymous: false, correct_option_ids: [1] });
    const seen: string[] = [];
    bot.on("poll_answer", (ctx) => void seen.push(`${ctx.pollAnswer.user?.first_name} ${ctx.pollAnswer.option_ids.join(",")}`));
    tg.updates.pollAnswer(owner, sent.poll.id, [2]);
    expect(() => tg.updates.pollAnswer(owner, sent.poll.id, [1])).toThrow(/already answered/);
    const running = bot.start({ allowed_updates: ["message", "poll_answer"] });
    await tg.waitFor(() => seen.length === 1);
    await bot.stop();
    await running;
    expect(seen).toEqual(["Lan 2"]);
  });
});
