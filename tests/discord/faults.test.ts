import { describe, expect, it } from "vitest";
import { OverwriteType, PermissionFlagsBits } from "discord-api-types/v10";
import { answerText, type Bot, botSuite, buttonsOf, posts, renderTestCourse, tempDir, visibleText } from "./harness.js";

const suite = botSuite();
let bot: Bot | undefined;
const DAY = 24 * 3600_000;

describe("GIVEN lessons meeting Discord's refusals", () => {
  it("WHEN the bot lacks a permission in a subscribed channel THEN the subscription pauses and whoever subscribed it is told once by DM which permission", async () => {
    let lessonsChannel = "";
    bot = await suite.start({
      before: (f, g) => void (lessonsChannel = f.addChannel(g.id, { name: "bai-hoc", overwrites: [{ id: f.bot.id, type: OverwriteType.Member, allow: "0", deny: String(PermissionFlagsBits.AttachFiles) }] }).id),
    });
    const { fake, admin, clock, learning } = bot;
    await answerText(fake, fake.slashCommand({ name: "subscribe", userId: admin.id, channelId: lessonsChannel }));
    clock.shift(DAY);
    learning.scheduler.tick();
    const notice = await fake.waitFor(() => {
      const dm = fake.dmChannelOf(admin.id);
      return dm ? fake.messagesIn(dm)[0] : undefined;
    }, 5000, "the notice to the admin");
    expect(notice.content).toContain("Attach Files");
    expect(notice.content).toContain("/resume");
    await learning.delivery.idle();
    // Paused: the next days bring no new attempt and no second notice.
    clock.shift(DAY);
    expect(learning.scheduler.tick().claimed).toBe(0);
    expect(fake.messagesIn(fake.dmChannelOf(admin.id)!)).toHaveLength(1);
    expect(fake.rejections.map((r) => r.code)).toEqual([50013]);
    // The admin's /next there says what is missing instead of pretending the lesson was posted.
    const answer = await answerText(fake, fake.slashCommand({ name: "next", userId: admin.id, channelId: lessonsChannel }), 10_000);
    expect(answer).toContain("Attach Files");
  });

  it("WHEN a learner closes their DMs THEN /next tells them how to open them, and their subscription stops until /start", async () => {
    bot = await suite.start();
    const { fake, learner, clock, learning } = bot;
    await answerText(fake, fake.slashCommand({ name: "start", userId: learner.id, dm: true }));
    fake.blockDMs(learner.id);
    const answer = await answerText(fake, fake.slashCommand({ name: "next", userId: learner.id, dm: true }), 10_000);
    expect(answer).toContain("tin nhắn trực tiếp");
    clock.shift(DAY);
    expect(learning.scheduler.tick().claimed).toBe(0);

    fake.allowDMs(learner.id);
    expect(await answerText(fake, fake.slashCommand({ name: "start", userId: learner.id, dm: true }))).toContain("👋");
    clock.shift(DAY);
    learning.scheduler.tick();
    const dm = fake.dmChannelOf(learner.id)!;
    await fake.waitFor(() => posts(fake, dm)[0], 5000, "the daily lesson after /start");
  });

  it("WHEN Discord refuses a lesson's Components V2 message (50035) THEN that lesson is sent classic, and the next one is V2 again", async () => {
    bot = await suite.start();
    const { fake, learner } = bot;
    await answerText(fake, fake.slashCommand({ name: "start", userId: learner.id, dm: true }));
    fake.rejectPayloads((p) => (Number(p.flags) & (1 << 15)) !== 0, { times: 1 });
    await answerText(fake, fake.slashCommand({ name: "next", userId: learner.id, dm: true }), 10_000);
    const dm = fake.dmChannelOf(learner.id)!;
    const classic = posts(fake, dm);
    expect(classic.map((m) => m.componentsV2)).toEqual([false, false]);
    expect(classic[0]!.message.content).toContain("Vectơ và phép cộng");
    expect(classic.flatMap((m) => m.files.map((f) => f.contentType))).toEqual(["image/png", "image/png"]);
    expect(buttonsOf(classic.at(-1)!)).toHaveLength(3);
    expect(fake.rejections.map((r) => r.code)).toEqual([50035]);

    await answerText(fake, fake.slashCommand({ name: "next", userId: learner.id, dm: true }), 10_000);
    const after = posts(fake, dm).slice(2);
    expect(after.map((m) => m.componentsV2)).toEqual([true]);
    expect(visibleText(after[0]!)).toContain("Đạo hàm trong một phút");
  });

  it("WHEN a classic lesson has more messages than a channel takes in 5 s THEN they wait for the channel's window, in order, with no 429 and no retry", async () => {
    const classicDir = tempDir();
    try {
      bot = await suite.start({ catalogue: await renderTestCourse(classicDir.dir, ["classic"]) });
      const { fake, admin, channelId } = bot;
      await answerText(fake, fake.slashCommand({ name: "subscribe", userId: admin.id, channelId }));
      await answerText(fake, fake.slashCommand({ name: "goto", userId: admin.id, channelId, options: { lesson: "3" } }), 15_000);
      const lesson = posts(fake, channelId);
      expect(lesson).toHaveLength(6);
      expect(lesson[0]!.message.content).toContain("Ma trận và phép nhân");
      expect(lesson.slice(0, 5).every((m) => buttonsOf(m).length === 0)).toBe(true);
      expect(buttonsOf(lesson[5]!)).toHaveLength(3);
      // The welcome was an interaction reply: five lesson messages fit the window, the sixth waited for it.
      expect(lesson[5]!.at - lesson[0]!.at).toBeGreaterThanOrEqual(4900);
      // Each message was posted once: no 429, no retry.
      expect(fake.requests.filter((r) => r.method === "POST" && r.path === `/channels/${channelId}/messages`).map((r) => r.status)).toEqual(Array(6).fill(200));
      expect(fake.tooManyRequests).toBe(0);
      expect(bot.logs.filter((l) => l.msg === "rate limited by the platform")).toEqual([]);
    } finally {
      await bot?.stop();
      bot = undefined;
      classicDir.cleanup();
    }
  }, 30_000);

  it("WHEN Discord answers a burst of 429s (a stricter global limit than the bot's) THEN every lesson still arrives exactly once", async () => {
    bot = await suite.start();
    const { fake, clock, learning } = bot;
    const people = Array.from({ length: 8 }, (_, k) => fake.addUser({ username: `hv${k}` }));
    for (const p of people) await answerText(fake, fake.slashCommand({ name: "start", userId: p.id, dm: true }));
    fake.setGlobalLimit(3);
    fake.resetRateLimits();
    clock.shift(DAY);
    learning.scheduler.tick();
    await learning.delivery.idle();
    expect(fake.tooManyRequests).toBeGreaterThan(0);
    for (const p of people) {
      const lessons = posts(fake, fake.dmChannelOf(p.id)!);
      expect(lessons.map((m) => visibleText(m).includes("Vectơ và phép cộng"))).toEqual([true]);
    }
    expect(fake.rejections.filter((r) => r.status !== 429)).toEqual([]);
  });
});
