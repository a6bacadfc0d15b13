/**
 * End to end (issue 16 §6): the real `npm start` process against the fake Discord. In DMs: a lesson →
 * ✅ → its questions (Components V2, a button per option) one at a time → answers, each told right or
 * wrong ephemerally → the next day's review asks the card answered wrong, before the new lesson →
 * /progress shows it. In a channel the questions are posted once, each member's press is answered to
 * them alone (a second press changes nothing), and the day's Review button shows a member their own review.
 */
import Database from "better-sqlite3";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FakeDiscord, type InteractionRecord, type SentMessage } from "../fakes/discord/index.js";
import { quizQuestion, writeQuizSite } from "../helpers/quizSite.js";
import { messagePayloadErrors } from "../validators/discordComponents.js";
import { botEnv, killAll, nextMinuteUtc, startBotProcess, stopBotProcess } from "./e2eHarness.js";
import { answerOf, buttonsOf, populate, posts, tempDir, visibleText } from "./harness.js";

const tmp = tempDir("sau-phut-dc-e2e-quiz-");
const site = writeQuizSite(join(tmp.dir, "quiz"));
const dataDir = join(tmp.dir, "data");
let fake: FakeDiscord | undefined;

afterAll(async () => {
  killAll();
  await fake?.close();
  tmp.cleanup();
});

/** The real process answers within the e2e tests' 10 s. */
const answer = (f: FakeDiscord, ix: InteractionRecord, count = 1): Promise<SentMessage[]> => answerOf(f, ix, 10_000, count);

const questions = (f: FakeDiscord, channelId: string): SentMessage[] => posts(f, channelId).filter((m) => buttonsOf(m).some((b) => b.startsWith("qa:")));
const option = (m: SentMessage, k: number): string => buttonsOf(m).find((b) => b.startsWith("qa:") && b.endsWith(`:${k}`))!;

function ageCards(days: number): void {
  const db = new Database(join(dataDir, "bot.sqlite"));
  try {
    db.pragma("busy_timeout = 5000");
    db.prepare("UPDATE cards SET due_at = due_at - ?").run(days * 86_400_000);
  } finally {
    db.close();
  }
}

describe("GIVEN the bot started with npm start on a blog with quiz questions, against the fake Discord", () => {
  it("THEN a DM learner answers a lesson's questions, gets the wrong one back the next day before the lesson, and /progress shows it; a channel's members answer for themselves", async () => {
    fake = await FakeDiscord.start();
    const f = fake;
    const { guild, channelId, admin, member, learner } = populate(f);
    const bot = startBotProcess(botEnv(f, { dataDir, contentDir: site, guildId: guild.id, extra: { DISCORD_LESSON_FORMAT: "classic" } }));
    await bot.logged("bot running", 60_000);
    await f.waitFor(() => f.commandWrites(guild.id) === 1 && f.commandWrites() === 1, 5000, "the commands registered");

    // ── DM: the lesson, ✅, the first question ──
    await answer(f, f.slashCommand({ name: "start", userId: learner.id, dm: true }));
    await answer(f, f.slashCommand({ name: "next", userId: learner.id, dm: true }));
    const dm = f.dmChannelOf(learner.id)!;
    const lesson = await f.waitFor(() => posts(f, dm)[0], 10_000, "the lesson");
    const done = buttonsOf(lesson).find((b) => b.startsWith("done:"))!;
    expect((await answer(f, f.pressButton({ userId: learner.id, messageId: lesson.messageId, customId: done })))[0]!.message.content).toContain("Marked as learned");
    const [q1] = await f.waitFor(() => (questions(f, dm).length === 1 ? questions(f, dm) : undefined), 10_000, "the first question");
    expect(q1!.componentsV2).toBe(true);
    expect(messagePayloadErrors(q1!.payload, [])).toEqual([]);
    expect(visibleText(q1!)).toBe(`❓ ${quizQuestion(1, 1)}`);
    expect(buttonsOf(q1!)).toHaveLength(3);

    const right = await answer(f, f.pressButton({ userId: learner.id, messageId: q1!.messageId, customId: option(q1!, 2) }));
    expect(right[0]).toMatchObject({ ephemeral: true });
    expect(right[0]!.message.content).toBe("✅ Right! Because it is right (1.1).");
    const q2 = await f.waitFor(() => questions(f, dm)[1], 10_000, "the second question");
    expect(visibleText(q2)).toBe(`❓ ${quizQuestion(1, 2)}`);
    const wrong = await answer(f, f.pressButton({ userId: learner.id, messageId: q2.messageId, customId: option(q2, 1) }));
    expect(wrong[0]!.message.content).toBe("❌ Not quite: the answer is right 2. Because it is right (1.2).");
    const again = await answer(f, f.pressButton({ userId: learner.id, messageId: q2.messageId, customId: option(q2, 2) }));
    expect(again[0]!.message.content).toContain("You have already answered this question (wrong)");

    // ── A channel: posted once after the first ✅; each member's press is theirs ──
    await answer(f, f.slashCommand({ name: "start", userId: admin.id, channelId }));
    await answer(f, f.slashCommand({ name: "next", userId: admin.id, channelId }));
    const channelLesson = await f.waitFor(() => posts(f, channelId).find((m) => buttonsOf(m).some((b) => b.startsWith("done:"))), 10_000, "the channel's lesson");
    const channelDone = buttonsOf(channelLesson).find((b) => b.startsWith("done:"))!;
    await answer(f, f.pressButton({ userId: member.id, messageId: channelLesson.messageId, customId: channelDone }));
    const [c1] = await f.waitFor(() => (questions(f, channelId).length === 2 ? questions(f, channelId) : undefined), 10_000, "the channel's questions");
    await answer(f, f.pressButton({ userId: admin.id, messageId: channelLesson.messageId, customId: channelDone }));
    const mine = await answer(f, f.pressButton({ userId: member.id, messageId: c1!.messageId, customId: option(c1!, 3) }));
    expect(mine[0]).toMatchObject({ ephemeral: true });
    expect((await answer(f, f.pressButton({ userId: admin.id, messageId: c1!.messageId, customId: option(c1!, 2) })))[0]!.message.content).toContain("✅ Right!");
    expect(questions(f, channelId)).toHaveLength(2);

    // ── The next day, at the minute set: the DM's review before lesson 2; the channel's Review button ──
    ageCards(1);
    const { hhmm, at } = nextMinuteUtc();
    await answer(f, f.slashCommand({ name: "time", userId: learner.id, dm: true, options: { time: hhmm } }));
    await answer(f, f.slashCommand({ name: "time", userId: admin.id, channelId, options: { time: hhmm } }));
    const before = posts(f, dm).length;
    await f.waitFor(() => posts(f, dm).length >= before + 3, 80_000, "the day's review and lesson");
    const [header, review, lesson2] = posts(f, dm).slice(before);
    expect(header!.at).toBeGreaterThanOrEqual(at);
    expect(header!.message.content).toBe("🔁 **Review** — 1 card due today.");
    expect(visibleText(review!)).toBe(`❓ ${quizQuestion(1, 2)}`);
    expect(lesson2!.message.content).toContain("Autograd records the operations");
    await answer(f, f.pressButton({ userId: learner.id, messageId: review!.messageId, customId: option(review!, 2) }));
    const [progress] = await answer(f, f.slashCommand({ name: "progress", userId: learner.id, dm: true }));
    expect(progress!.message.content).toContain("🧠 Questions answered: **3**, 67% right");

    const notice = await f.waitFor(() => posts(f, channelId).find((m) => buttonsOf(m).some((b) => b.startsWith("rv:"))), 20_000, "the channel's Review button");
    expect(notice.message.content).toBe("🔁 **Review** — 1 card of this group's members due today. Press the button to review yours.");
    const own = await answer(f, f.pressButton({ userId: member.id, messageId: notice.messageId, customId: buttonsOf(notice)[0]! }), 2);
    expect(own.every((s) => s.ephemeral)).toBe(true);
    expect(own[0]!.message.content).toBe("🔁 **Review** — 1 card due today.");
    expect(visibleText(own[1]!)).toBe(`❓ ${quizQuestion(1, 1)}`);
    const reviewed = await answer(f, f.pressButton({ userId: member.id, messageId: own[1]!.messageId, customId: option(own[1]!, 2) }));
    expect(reviewed[0]!.message.content).toContain("✅ Right!");

    for (const ix of f.interactions) expect(ix.ackLatencyMs, `${ix.kind} ${ix.name}`).toBeLessThan(3000);
    expect(f.rejections).toEqual([]);
    expect(await stopBotProcess(bot)).toBe(0);
    expect(bot.lines.filter((l) => l.includes(f.token))).toEqual([]);
  }, 150_000);
});
