import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Resvg } from "@resvg/resvg-js";
import {
  AttachmentBuilder,
  ChannelType,
  ContainerBuilder,
  DiscordAPIError,
  MediaGalleryBuilder,
  MessageFlags,
  OverwriteType,
  PermissionFlagsBits,
  SeparatorBuilder,
  SeparatorSpacingSize,
  TextDisplayBuilder,
  type Client,
  type ForumChannel,
  type TextChannel,
} from "discord.js";
import { FakeDiscord } from "./FakeDiscord.js";
import { connectClient } from "./connectClient.js";
import type { GuildRecord, UserRecord } from "./world.js";

let discord: FakeDiscord;
let client: Client<true>;
let guild: GuildRecord;
let learner: UserRecord;
let channel: TextChannel;

function formulaPng(): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="white"/><circle cx="20" cy="20" r="12" fill="black"/></svg>`;
  return Buffer.from(new Resvg(svg).render().asPng());
}

function lessonContainer(text: string, image?: string): ContainerBuilder {
  const box = new ContainerBuilder().setAccentColor(0x3b82f6).addTextDisplayComponents(new TextDisplayBuilder().setContent(text));
  box.addSeparatorComponents(new SeparatorBuilder().setDivider(true).setSpacing(SeparatorSpacingSize.Small));
  if (image) box.addMediaGalleryComponents(new MediaGalleryBuilder().addItems((item) => item.setURL(`attachment://${image}`).setDescription("y = x^2")));
  return box;
}

beforeEach(async () => {
  discord = await FakeDiscord.start();
  guild = discord.addGuild({ name: "Lớp học" });
  learner = discord.addUser({ username: "minh" });
  discord.addMember(guild.id, learner.id);
  client = await connectClient(discord);
  channel = client.channels.cache.get(discord.world.guildChannels(guild)[0]!.id) as TextChannel;
});

afterEach(async () => {
  await client?.destroy();
  await discord?.close();
});

describe("GIVEN a Components V2 lesson sent with channel.send", () => {
  it("WHEN it shows an attached PNG through attachment:// THEN the fake accepts it and keeps the bytes", async () => {
    const png = formulaPng();
    const sent = await channel.send({
      components: [lessonContainer("## Bài 1\nHàm bậc hai", "f1.png")],
      files: [new AttachmentBuilder(png, { name: "f1.png" })],
      flags: MessageFlags.IsComponentsV2,
    });
    const [record] = discord.sent;
    expect(record).toMatchObject({ via: "channel", channelId: channel.id, componentsV2: true, messageId: sent.id });
    expect(record!.files.map((f) => [f.name, f.contentType, f.bytes.equals(png)])).toEqual([["f1.png", "image/png", true]]);
    const attachment = discord.message(sent.id)!.attachments[0]!;
    expect([attachment.width, attachment.height]).toEqual([120, 40]);
    // Discord echoes the gallery with the uploaded file's CDN URL in place of attachment://.
    expect(JSON.stringify(discord.message(sent.id)!.components)).toContain(attachment.url);
    expect(sent.flags.has(MessageFlags.IsComponentsV2)).toBe(true);
  });

  it("WHEN the message breaks a V2 rule THEN discord.js raises DiscordAPIError 50035 with the path, and nothing is sent", async () => {
    // Builders check each Text Display alone; only the server sees that together they pass 4000.
    const halves = [new TextDisplayBuilder().setContent("x".repeat(2000)), new TextDisplayBuilder().setContent("y".repeat(2001))];
    const error = await channel.send({ components: halves, flags: MessageFlags.IsComponentsV2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
    expect((error as DiscordAPIError).message).toContain("components[MAX_TEXT_DISPLAY_LENGTH]");
    // Plain JSON skips the builders: an empty Text Display inside a Container.
    const empty = { type: 17, components: [{ type: 10, content: "" }] };
    const error2 = await channel.send({ components: [empty], flags: MessageFlags.IsComponentsV2 }).catch((e: unknown) => e);
    expect((error2 as DiscordAPIError).message).toContain("components[0].components[0].content[BASE_TYPE_BAD_LENGTH]");

    const unreferenced = await channel
      .send({ components: [lessonContainer("Bài 2")], files: [new AttachmentBuilder(formulaPng(), { name: "lost.png" })], flags: MessageFlags.IsComponentsV2 })
      .catch((e: unknown) => e);
    expect((unreferenced as DiscordAPIError).code).toBe(50035);
    expect(discord.sent).toEqual([]);
    expect(discord.rejections.map((r) => r.code)).toEqual([50035, 50035, 50035]);
  });

  it("WHEN a test refuses one payload shape THEN the bot's fallback gets through", async () => {
    discord.rejectPayloads((body) => Array.isArray(body.components) && JSON.stringify(body.components).includes('"type":12'), { path: "components[0].components[2]", code: "UNFURLED_MEDIA_ITEM_INVALID" });
    const rich = await channel.send({ components: [lessonContainer("Bài 3", "f.png")], files: [new AttachmentBuilder(formulaPng(), { name: "f.png" })], flags: MessageFlags.IsComponentsV2 }).catch((e: unknown) => e);
    expect((rich as DiscordAPIError).code).toBe(50035);
    const plain = await channel.send({ content: "Bài 3 (không có hình)" });
    expect(discord.messagesIn(channel.id).map((m) => m.id)).toEqual([plain.id]);
  });

  it("WHEN the V2 message is edited THEN the edit is validated whole and the flag stays", async () => {
    const sent = await channel.send({ components: [lessonContainer("Bài 4")], flags: MessageFlags.IsComponentsV2 });
    await sent.edit({ components: [lessonContainer("Bài 4 ✓")] });
    expect(discord.message(sent.id)?.flags).toBe(MessageFlags.IsComponentsV2);
    const error = await sent.edit({ content: "cannot mix" }).catch((e: unknown) => e);
    expect((error as DiscordAPIError).code).toBe(50035);
    expect(discord.sent.map((s) => s.via)).toEqual(["channel", "channel-edit"]);
  });
});

describe("GIVEN direct messages", () => {
  it("WHEN the bot DMs a user THEN a DM channel is opened once and the message lands there", async () => {
    const user = await client.users.fetch(learner.id);
    await user.send("Chào Minh, bài đầu tiên đây");
    const dm = await user.createDM();
    await dm.send("Bài 2");
    const dmId = discord.dmChannelOf(learner.id)!;
    expect(dm.id).toBe(dmId);
    expect(discord.messagesIn(dmId).map((m) => m.content)).toEqual(["Chào Minh, bài đầu tiên đây", "Bài 2"]);
    expect(discord.requests.filter((r) => r.route === "POST /users/@me/channels")).toHaveLength(1);
  });

  it("WHEN the user takes no DMs THEN discord.js raises 50007", async () => {
    discord.blockDMs(learner.id);
    const user = await client.users.fetch(learner.id);
    const error = await user.send("Chào").catch((e: unknown) => e);
    expect((error as DiscordAPIError).code).toBe(50007);
    expect((error as DiscordAPIError).status).toBe(403);
  });
});

describe("GIVEN channels the bot may not write in", () => {
  it("WHEN a channel is denied by the test or by an overwrite THEN discord.js raises 50013 / 50001", async () => {
    discord.denyChannel(channel.id, 50013);
    const denied = await channel.send("Bài 1").catch((e: unknown) => e);
    expect((denied as DiscordAPIError).code).toBe(50013);
    discord.allowChannel(channel.id);

    const botRole = [...guild.roles.values()].find((r) => r.managed)!;
    const readOnly = discord.addChannel(guild.id, { name: "announcements", overwrites: [{ id: botRole.id, type: OverwriteType.Role, allow: "0", deny: String(PermissionFlagsBits.SendMessages) }] });
    const hidden = discord.addChannel(guild.id, { name: "staff", overwrites: [{ id: guild.id, type: OverwriteType.Role, allow: "0", deny: String(PermissionFlagsBits.ViewChannel) }] });
    const ro = await discord.waitFor(() => client.channels.cache.get(readOnly.id) as TextChannel | undefined);
    expect(ro.permissionsFor(client.user)?.has(PermissionFlagsBits.SendMessages)).toBe(false);
    expect(((await ro.send("x").catch((e: unknown) => e)) as DiscordAPIError).code).toBe(50013);
    const hiddenChannel = await discord.waitFor(() => client.channels.cache.get(hidden.id) as TextChannel | undefined);
    expect(((await hiddenChannel.send("x").catch((e: unknown) => e)) as DiscordAPIError).code).toBe(50001);
    expect(discord.sent).toEqual([]);
  });
});

describe("GIVEN threads", () => {
  it("WHEN the bot starts a thread on its lesson and posts in it THEN the thread has the message's id and holds the post", async () => {
    const lesson = await channel.send("Bài 5");
    const thread = await lesson.startThread({ name: "Thảo luận bài 5" });
    expect(thread.id).toBe(lesson.id);
    await thread.send("Câu hỏi?");
    expect(discord.messagesIn(thread.id).map((m) => m.content)).toEqual(["Câu hỏi?"]);
    const loose = await channel.threads.create({ name: "Ghi chú", type: ChannelType.PublicThread });
    expect(discord.world.channels.get(loose.id)?.parentId).toBe(channel.id);
  });

  it("WHEN the bot posts in a forum THEN the post and its first message are made together", async () => {
    const forumRecord = discord.addChannel(guild.id, { name: "bai-hoc", type: ChannelType.GuildForum });
    const forum = await discord.waitFor(() => client.channels.cache.get(forumRecord.id) as ForumChannel | undefined);
    const post = await forum.threads.create({ name: "Bài 6", message: { components: [lessonContainer("Bài 6")], flags: MessageFlags.IsComponentsV2 } });
    expect(discord.sent).toMatchObject([{ via: "thread-starter", channelId: post.id, componentsV2: true }]);
    const bad = await forum.threads.create({ name: "Bài 7", message: { content: "y".repeat(2001) } }).catch((e: unknown) => e);
    expect((bad as DiscordAPIError).message).toContain("message.content[BASE_TYPE_MAX_LENGTH]");
  });
});
