import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  DiscordAPIError,
  Events,
  MessageFlags,
  REST,
  Routes,
  SlashCommandBuilder,
  type Client,
  type Interaction,
  type TextChannel,
} from "discord.js";
import { FakeDiscord } from "./FakeDiscord.js";
import { connectClient } from "./connectClient.js";
import type { GuildRecord, UserRecord } from "./world.js";

let discord: FakeDiscord;
let client: Client<true>;
let guild: GuildRecord;
let learner: UserRecord;
let channelId: string;

const COMMANDS = [
  new SlashCommandBuilder().setName("next").setDescription("Bài tiếp theo"),
  new SlashCommandBuilder()
    .setName("timezone")
    .setDescription("Múi giờ của bạn")
    .addStringOption((o) => o.setName("zone").setDescription("Area/City").setRequired(true).setAutocomplete(true)),
  new SlashCommandBuilder()
    .setName("goto")
    .setDescription("Đi tới bài số n")
    .addIntegerOption((o) => o.setName("n").setDescription("Số bài").setRequired(true)),
].map((c) => c.toJSON());

/** Runs `handler` for the next interaction the bot receives, and returns what it resolved to. */
function nextInteraction<T>(handler: (i: Interaction) => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    client.once(Events.InteractionCreate, (i) => handler(i).then(resolve, reject));
  });
}

beforeEach(async () => {
  discord = await FakeDiscord.start();
  guild = discord.addGuild({ name: "Lớp tối thứ ba" });
  channelId = discord.world.guildChannels(guild)[0]!.id;
  learner = discord.addUser({ username: "lan" });
  discord.addMember(guild.id, learner.id);
  await new REST({ api: discord.restUrl }).setToken(discord.token).put(Routes.applicationCommands(discord.applicationId), { body: COMMANDS });
  client = await connectClient(discord);
});

afterEach(async () => {
  await client?.destroy();
  await discord?.close();
});

describe("GIVEN a slash command used in a guild channel", () => {
  it("WHEN the bot replies ephemerally THEN the fake records an ephemeral reply and the acknowledgement time", async () => {
    const handled = nextInteraction(async (i) => {
      if (!i.isChatInputCommand()) throw new Error(`unexpected ${i.type}`);
      await i.reply({ content: `Bài ${i.options.getInteger("n")}`, flags: MessageFlags.Ephemeral });
      return { guildId: i.guildId, perms: i.memberPermissions?.has("SendMessages"), locale: i.locale, context: i.context };
    });
    const ix = discord.slashCommand({ name: "goto", userId: learner.id, channelId, options: { n: 3 } });
    expect(await handled).toEqual({ guildId: guild.id, perms: true, locale: "vi", context: 0 });
    expect(ix.ackType).toBe(4);
    expect(ix.ackLatencyMs).toBeGreaterThan(0);
    expect(ix.ackLatencyMs).toBeLessThan(1000);
    expect(ix.callbacks).toEqual([expect.objectContaining({ type: 4, status: 204, withResponse: false })]);
    const [reply] = discord.sent;
    expect(reply).toMatchObject({ via: "interaction-reply", channelId, ephemeral: true, payload: { content: "Bài 3" } });
    expect(discord.messagesIn(channelId)).toEqual([]);
  });

  it("WHEN the bot defers, edits and follows up THEN the placeholder becomes the answer and the follow-up is a new message", async () => {
    const handled = nextInteraction(async (i) => {
      if (!i.isChatInputCommand()) throw new Error("expected a command");
      await i.deferReply();
      await i.editReply({ content: "Bài 1: Tensor" });
      const follow = await i.followUp({ content: "Còn 5 phút đọc" });
      return follow.id;
    });
    const ix = discord.slashCommand({ name: "next", userId: learner.id, channelId });
    const followId = await handled;
    expect(ix.ackType).toBe(5);
    // `@original` may arrive percent-encoded; both spellings name the same message.
    const encoded = await fetch(`${discord.restUrl}/v10/webhooks/${discord.applicationId}/${ix.token}/messages/%40original`);
    expect(((await encoded.json()) as { id: string }).id).toBe(ix.originalMessageId);
    expect(discord.sent.map((s) => s.via)).toEqual(["interaction-edit", "follow-up"]);
    expect(discord.messagesIn(channelId).map((m) => [m.id, m.content])).toEqual([
      [ix.originalMessageId, "Bài 1: Tensor"],
      [followId, "Còn 5 phút đọc"],
    ]);
  });

  it("WHEN a reply is sent twice THEN Discord's 40060 comes back; WHEN too late THEN 10062", async () => {
    const twice = nextInteraction(async (i) => {
      if (!i.isChatInputCommand()) throw new Error("expected a command");
      await i.reply({ content: "một" });
      // discord.js guards against this itself; go around it as a second process would.
      return client.rest.post(Routes.interactionCallback(i.id, i.token), { body: { type: 4, data: { content: "hai" } }, auth: false }).catch((e: unknown) => e);
    });
    discord.slashCommand({ name: "next", userId: learner.id, channelId });
    const second = await twice;
    expect(second).toBeInstanceOf(DiscordAPIError);
    expect((second as DiscordAPIError).code).toBe(40060);

    discord.setInteractionTimeouts({ ackDeadlineMs: 100, tokenTtlMs: 300 });
    const late = nextInteraction(async (i) => {
      if (!i.isChatInputCommand()) throw new Error("expected a command");
      await new Promise((r) => setTimeout(r, 150));
      return i.reply({ content: "muộn" }).catch((e: unknown) => e);
    });
    const ix = discord.slashCommand({ name: "next", userId: learner.id, channelId });
    const error = await late;
    expect((error as DiscordAPIError).code).toBe(10062);
    expect(ix.ackType).toBeUndefined();
    expect(ix.callbacks.map((c) => c.status)).toEqual([404]);
  });

  it("WHEN the interaction token has expired THEN a follow-up is refused with 50027", async () => {
    discord.setInteractionTimeouts({ tokenTtlMs: 200 });
    const handled = nextInteraction(async (i) => {
      if (!i.isChatInputCommand()) throw new Error("expected a command");
      await i.deferReply();
      await new Promise((r) => setTimeout(r, 250));
      return i.followUp("quá 15 phút").catch((e: unknown) => e);
    });
    discord.slashCommand({ name: "next", userId: learner.id, channelId });
    expect(((await handled) as DiscordAPIError).code).toBe(50027);
  });

  it("WHEN the reply asks withResponse THEN the callback answers with the created message", async () => {
    const handled = nextInteraction(async (i) => {
      if (!i.isChatInputCommand()) throw new Error("expected a command");
      const response = await i.reply({ content: "Xin chào", withResponse: true });
      return response.resource?.message?.content;
    });
    const ix = discord.slashCommand({ name: "next", userId: learner.id, channelId });
    expect(await handled).toBe("Xin chào");
    expect(ix.callbacks[0]).toMatchObject({ withResponse: true, status: 200 });
  });
});

describe("GIVEN other places and kinds of interaction", () => {
  it("WHEN a command is used in the bot's DM THEN discord.js sees no guild, context BotDM, and the reply lands in the DM", async () => {
    const handled = nextInteraction(async (i) => {
      if (!i.isChatInputCommand()) throw new Error("expected a command");
      await i.reply({ content: "Chào Lan" });
      // Without `partials: [Partials.Channel]` discord.js does not build the uncached DM channel.
      return { guild: i.guildId, channelId: i.channelId, channel: i.channel, context: i.context, user: i.user.id };
    });
    const ix = discord.slashCommand({ name: "next", userId: learner.id, dm: true });
    expect(await handled).toEqual({ guild: null, channelId: discord.dmChannelOf(learner.id), channel: null, context: 1, user: learner.id });
    expect(discord.messagesIn(discord.dmChannelOf(learner.id)!).map((m) => m.content)).toEqual(["Chào Lan"]);
    expect(ix.payload).not.toHaveProperty("member");
  });

  it("WHEN a command is used in a thread THEN the interaction carries the thread channel", async () => {
    const thread = discord.addThread(channelId, { name: "Hỏi đáp bài 2" });
    const handled = nextInteraction(async (i) => {
      if (!i.isChatInputCommand()) throw new Error("expected a command");
      await i.reply("ok");
      return { thread: i.channel?.isThread(), parent: i.channel?.isThread() ? i.channel.parentId : null };
    });
    discord.slashCommand({ name: "next", userId: learner.id, channelId: thread.id });
    expect(await handled).toEqual({ thread: true, parent: channelId });
  });

  it("WHEN the user types in an autocomplete option THEN the bot's choices are recorded, and limits hold", async () => {
    const handled = nextInteraction(async (i) => {
      if (!i.isAutocomplete()) throw new Error("expected autocomplete");
      const typed = i.options.getFocused();
      await i.respond(["Asia/Ho_Chi_Minh", "Asia/Hong_Kong"].filter((z) => z.startsWith(typed)).map((z) => ({ name: z, value: z })));
      return typed;
    });
    const ix = discord.autocomplete({ name: "timezone", userId: learner.id, channelId, focused: "zone", partial: "Asia/Ho_" });
    expect(await handled).toBe("Asia/Ho_");
    expect(ix.choices).toEqual([{ name: "Asia/Ho_Chi_Minh", value: "Asia/Ho_Chi_Minh" }]);
    expect(() => discord.slashCommand({ name: "lessons", userId: learner.id, channelId })).toThrow(/not registered/);
    expect(() => discord.slashCommand({ name: "goto", userId: learner.id, channelId })).toThrow(/needs option n/);
  });

  it("WHEN a button is pressed THEN update edits its message, and deferUpdate + editReply edits it too", async () => {
    const channel = client.channels.cache.get(channelId) as TextChannel;
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId("done:1").setLabel("Xong").setStyle(ButtonStyle.Success));
    const lesson = await channel.send({ content: "Bài 1", components: [row] });
    expect(() => discord.pressButton({ userId: learner.id, messageId: lesson.id, customId: "done:2" })).toThrow(/no button done:2/);

    const updated = nextInteraction(async (i) => {
      if (!i.isButton()) throw new Error("expected a button");
      await i.update({ content: "Bài 1 ✓", components: [] });
      return i.customId;
    });
    const press = discord.pressButton({ userId: learner.id, messageId: lesson.id, customId: "done:1" });
    expect(await updated).toBe("done:1");
    expect(press.ackType).toBe(7);
    expect(discord.message(lesson.id)).toMatchObject({ content: "Bài 1 ✓", components: [] });

    const second = await channel.send({ content: "Bài 2", components: [new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId("done:2").setLabel("Xong").setStyle(ButtonStyle.Success))] });
    const deferred = nextInteraction(async (i) => {
      if (!i.isButton()) throw new Error("expected a button");
      await i.deferUpdate();
      await i.editReply({ content: "Bài 2 ✓", components: [] });
    });
    const press2 = discord.pressButton({ userId: learner.id, messageId: second.id, customId: "done:2" });
    await deferred;
    expect(press2.ackType).toBe(6);
    expect(discord.message(second.id)?.content).toBe("Bài 2 ✓");
    expect(discord.sent.map((s) => s.via)).toEqual(["channel", "interaction-update", "channel", "interaction-edit"]);
  });
});

describe("GIVEN a message with a string select menu", () => {
  it("THEN only its options can be chosen, as many as it allows, and discord.js reads the choice as a select interaction", async () => {
    const channel = client.channels.cache.get(channelId) as TextChannel;
    const menu = { type: 3, custom_id: "pick", options: [1, 2, 3].map((k) => ({ label: `Khóa ${k}`, value: `k${k}` })) };
    const sent = await channel.send({ content: "Chọn", components: [{ type: 1, components: [menu] }] });
    expect(() => discord.chooseOption({ userId: learner.id, messageId: sent.id, customId: "other", values: ["k1"] })).toThrow(/no select menu other/);
    expect(() => discord.chooseOption({ userId: learner.id, messageId: sent.id, customId: "pick", values: ["k9"] })).toThrow(/offers no option k9/);
    expect(() => discord.chooseOption({ userId: learner.id, messageId: sent.id, customId: "pick", values: ["k1", "k2"] })).toThrow(/takes 1–1 values/);
    const read = nextInteraction(async (i) => {
      if (!i.isStringSelectMenu()) throw new Error("expected a select menu");
      await i.reply({ content: `→ ${i.values.join(",")}`, flags: MessageFlags.Ephemeral });
      return i.customId;
    });
    const choice = discord.chooseOption({ userId: learner.id, messageId: sent.id, customId: "pick", values: ["k2"] });
    expect(await read).toBe("pick");
    expect(choice).toMatchObject({ kind: "select", ackType: 4 });
    expect(discord.sent.at(-1)!.message.content).toBe("→ k2");
  });
});
