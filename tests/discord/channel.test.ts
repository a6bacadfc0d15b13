import { describe, expect, it } from "vitest";
import { ChannelType } from "discord-api-types/v10";
import { answerOf, answerText, type Bot, botSuite, buttonsOf, posts, visibleText } from "./harness.js";

const suite = botSuite();
let bot: Bot | undefined;
const DAY = 24 * 3600_000;

async function subscribeChannel(b: Bot): Promise<void> {
  const text = await answerText(b.fake, b.fake.slashCommand({ name: "subscribe", userId: b.admin.id, channelId: b.channelId }));
  expect(text).toContain("Toán cho học máy");
}

describe("GIVEN a study group's server channel", () => {
  it("WHEN a member without Manage Channels runs /subscribe THEN only they see a polite refusal naming the permission; an admin's /subscribe is public", async () => {
    bot = await suite.start();
    const { fake, member, channelId } = bot;
    const refused = await answerOf(fake, fake.slashCommand({ name: "subscribe", userId: member.id, channelId }));
    expect(refused[0]).toMatchObject({ via: "interaction-reply", ephemeral: true });
    expect(refused[0]!.message.content).toContain("Quản lý kênh");
    // Nothing was subscribed: /progress (open to everyone) says so.
    const progress = await answerText(fake, fake.slashCommand({ name: "progress", userId: member.id, channelId }));
    expect(progress).toContain("/start");

    const welcome = await answerOf(fake, fake.slashCommand({ name: "subscribe", userId: bot.admin.id, channelId }));
    expect(welcome[0]).toMatchObject({ ephemeral: false });
    expect(fake.messagesIn(channelId).map((m) => m.content).join("\n")).toContain("Toán cho học máy");
    // The server's owner may, without any role.
    const owner = await answerOf(fake, fake.slashCommand({ name: "pause", userId: bot.guild.ownerId, channelId }));
    expect(owner[0]).toMatchObject({ ephemeral: true });
    expect(owner[0]!.message.content).toContain("⏸");
    // A member's /next is refused as well (it moves the whole group's position).
    const next = await answerText(fake, fake.slashCommand({ name: "next", userId: member.id, channelId }));
    expect(next).toContain("Manage Channels");
    expect(posts(fake, channelId)).toEqual([]);
  });

  it("WHEN the daily lesson falls due THEN it is posted in the channel, members' ✅ are recorded, and /progress shows them publicly", async () => {
    bot = await suite.start();
    const { fake, channelId, admin, member, clock, learning } = bot;
    await subscribeChannel(bot);
    clock.shift(DAY);
    learning.scheduler.tick();
    const lesson = await fake.waitFor(() => posts(fake, channelId)[0], 5000, "the daily lesson");
    expect(visibleText(lesson)).toContain("Vectơ và phép cộng");
    const done = buttonsOf(lesson).find((id) => id.startsWith("done:"))!;
    for (const who of [admin, member]) {
      const toast = await answerOf(fake, fake.pressButton({ userId: who.id, messageId: lesson.messageId, customId: done }));
      expect(toast[0]).toMatchObject({ ephemeral: true });
    }
    // Each ✅ is answered privately: the channel holds the welcome and the lesson, nothing per press.
    expect(fake.messagesIn(channelId)).toHaveLength(2);
    const progress = await answerOf(fake, fake.slashCommand({ name: "progress", userId: member.id, channelId }));
    expect(progress[0]).toMatchObject({ ephemeral: false });
    expect(progress[0]!.message.content).toMatch(/• Thư: 1/);
    expect(progress[0]!.message.content).toMatch(/• Nam: 1/);
    // /lessons is for the one asking.
    const toc = await answerOf(fake, fake.slashCommand({ name: "lessons", userId: member.id, channelId }));
    expect(toc[0]).toMatchObject({ ephemeral: true });
    expect(toc[0]!.message.content).toContain("Ma trận và phép nhân");
    expect(fake.rejections).toEqual([]);
  });

  it("WHEN lesson threads are on THEN each lesson's first message opens a thread named after it; off by default", async () => {
    bot = await suite.start();
    const { fake, channelId, admin } = bot;
    await subscribeChannel(bot);
    await answerOf(fake, fake.slashCommand({ name: "next", userId: admin.id, channelId }), 10_000);
    expect(fake.world.channels.get(posts(fake, channelId)[0]!.messageId)).toBeUndefined();

    const on = await answerText(fake, fake.slashCommand({ name: "threads", userId: admin.id, channelId, options: { mode: "on" } }));
    expect(on).toContain("🧵");
    await answerOf(fake, fake.slashCommand({ name: "next", userId: admin.id, channelId }), 10_000);
    const second = posts(fake, channelId)[1]!;
    const thread = await fake.waitFor(() => fake.world.channels.get(second.messageId), 3000, "the lesson's thread");
    expect(thread).toMatchObject({ type: ChannelType.PublicThread, name: "Đạo hàm trong một phút", parentId: channelId });
    // The lesson stays in the channel, with its buttons; the thread is for the discussion.
    expect(buttonsOf(second)).toHaveLength(3);
    expect(fake.rejections).toEqual([]);
  });

  it("WHEN the bot is removed from the server THEN the channel's subscription stops and nothing more is sent there", async () => {
    bot = await suite.start();
    const { fake, channelId, clock, learning, guild } = bot;
    await subscribeChannel(bot);
    fake.removeGuild(guild.id);
    await fake.waitFor(() => bot!.logs.some((l) => l.msg === "subscriptions stopped: chats gone"), 3000, "GUILD_DELETE handled");
    clock.shift(DAY);
    expect(learning.scheduler.tick().claimed).toBe(0);
    await learning.delivery.idle();
    expect(fake.requests.filter((r) => r.path.startsWith(`/channels/${channelId}/messages`))).toEqual([]);
  });
});
