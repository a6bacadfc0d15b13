import { afterEach, describe, expect, it } from "vitest";
import { once } from "node:events";
import { Client, DiscordAPIError, Events, GatewayIntentBits, PermissionFlagsBits, REST, Routes, SlashCommandBuilder, Status, type Guild } from "discord.js";
import { FakeDiscord } from "./FakeDiscord.js";
import { connectClient } from "./connectClient.js";

let discord: FakeDiscord;
const clients: Client[] = [];

async function setup(): Promise<{ client: Client<true>; guildId: string }> {
  discord = await FakeDiscord.start();
  const guild = discord.addGuild({ name: "Nhóm học PyTorch", channels: 2 });
  const client = await connectClient(discord);
  clients.push(client);
  return { client, guildId: guild.id };
}

afterEach(async () => {
  for (const c of clients.splice(0)) await c.destroy();
  await discord?.close();
});

describe("GIVEN a discord.js client logging in to the fake", () => {
  it("THEN it is ready with the guild, its channels, roles and its own member cached, having asked only for Guilds", async () => {
    const { client, guildId } = await setup();
    const guild = client.guilds.cache.get(guildId);
    expect(guild?.name).toBe("Nhóm học PyTorch");
    expect(guild?.channels.cache.map((c) => c.name).sort()).toEqual(["general", "lessons-1"]);
    expect(guild?.members.me?.id).toBe(discord.bot.id);
    const general = guild!.channels.cache.find((c) => c.name === "general")!;
    expect(general.permissionsFor(guild!.members.me!)?.has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(discord.identifies.map((i) => i.intents)).toEqual([GatewayIntentBits.Guilds]);
    expect(client.application.id).toBe(discord.applicationId);
    expect(discord.requests.map((r) => `${r.route} ${r.status}`)).toEqual(["GET /gateway/bot 200"]);
  });

  it("THEN a wrong token fails the login with 401 and a privileged intent is refused by the gateway", async () => {
    discord = await FakeDiscord.start();
    const wrong = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.restUrl } });
    clients.push(wrong);
    await expect(wrong.login("not-the-token")).rejects.toThrow(/token/i);
    expect(discord.rejections.map((r) => [r.status, r.code])).toEqual([[401, 0]]);

    const greedy = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.MessageContent], rest: { api: discord.restUrl } });
    clients.push(greedy);
    await expect(greedy.login(discord.token)).rejects.toThrow(/disallowed intents/i);
  });

  it("THEN guild commands registered with REST are stored, counted, and refused when misnamed", async () => {
    discord = await FakeDiscord.start();
    const guild = discord.addGuild();
    const rest = new REST({ api: discord.restUrl }).setToken(discord.token);
    const next = new SlashCommandBuilder().setName("next").setDescription("Bài tiếp theo").setNameLocalizations({ "en-US": "next" });
    const goto = new SlashCommandBuilder()
      .setName("goto")
      .setDescription("Đi tới bài số n")
      .addIntegerOption((o) => o.setName("n").setDescription("Số bài").setRequired(true).setMinValue(1));
    const first = (await rest.put(Routes.applicationGuildCommands(discord.applicationId, guild.id), { body: [next.toJSON(), goto.toJSON()] })) as { id: string; name: string }[];
    expect(first.map((c) => c.name)).toEqual(["next", "goto"]);
    const again = (await rest.put(Routes.applicationGuildCommands(discord.applicationId, guild.id), { body: [next.toJSON(), goto.toJSON()] })) as { id: string }[];
    expect(again.map((c) => c.id)).toEqual(first.map((c) => c.id));
    expect(discord.commands(guild.id).map((c) => c.name)).toEqual(["next", "goto"]);
    expect(discord.commandWrites(guild.id)).toBe(2);
    expect(discord.commandWrites()).toBe(0);

    const bad = { name: "Next Lesson", description: "x".repeat(101) };
    const error = await rest.put(Routes.applicationCommands(discord.applicationId), { body: [bad] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
    expect((error as DiscordAPIError).rawError).toMatchObject({ errors: { "0": { name: { _errors: [{ code: "APPLICATION_COMMAND_INVALID_NAME" }] }, description: { _errors: [{ code: "BASE_TYPE_BAD_LENGTH" }] } } } });
    expect(discord.commandWrites()).toBe(0);
  });

  it("THEN an unknown route answers 404 like Discord", async () => {
    discord = await FakeDiscord.start();
    const rest = new REST({ api: discord.restUrl }).setToken(discord.token);
    const error = await rest.get("/no/such/route").catch((e: unknown) => e);
    expect((error as DiscordAPIError).status).toBe(404);
    expect(discord.requests.at(-1)).toMatchObject({ status: 404, route: "" });
  });
});

describe("GIVEN a ready client", () => {
  it("WHEN the bot is removed from a server or a channel is deleted THEN discord.js hears GUILD_DELETE and CHANNEL_DELETE and REST refuses", async () => {
    const { client, guildId } = await setup();
    const other = discord.addGuild({ name: "Second" });
    const joined = (await once(client, Events.GuildCreate))[0] as Guild;
    expect(joined.id).toBe(other.id);

    const channel = discord.addChannel(guildId, { name: "to-delete" });
    await discord.waitFor(() => client.channels.cache.get(channel.id), 2000, "CHANNEL_CREATE");
    const deleted = once(client, Events.ChannelDelete);
    discord.deleteChannel(channel.id);
    expect(((await deleted)[0] as { id: string }).id).toBe(channel.id);
    const unknown = await client.rest.post(Routes.channelMessages(channel.id), { body: { content: "hi" } }).catch((e: unknown) => e);
    expect((unknown as DiscordAPIError).code).toBe(10003);

    const gone = once(client, Events.GuildDelete);
    const general = discord.world.guildChannels(discord.world.guilds.get(guildId)!)[0]!;
    discord.removeGuild(guildId);
    expect(((await gone)[0] as Guild).id).toBe(guildId);
    expect(client.guilds.cache.has(guildId)).toBe(false);
    const denied = await client.rest.post(Routes.channelMessages(general.id), { body: { content: "hi" } }).catch((e: unknown) => e);
    expect((denied as DiscordAPIError).code).toBe(50001);
  });

  it("WHEN the gateway restarts at once THEN discord.js resumes and gets the events it missed", async () => {
    const { client, guildId } = await setup();
    await discord.stopGateway();
    // Dispatched while the bot is disconnected: kept for its session and replayed on RESUME.
    const channel = discord.addChannel(guildId, { name: "while-away" });
    await discord.startGateway();
    await discord.waitFor(() => discord.resumes.length === 1, 5000, "a RESUME");
    await discord.waitFor(() => client.channels.cache.get(channel.id), 2000, "the missed CHANNEL_CREATE");
    expect(discord.resumes[0]!.replayed).toBe(1);
    expect(discord.identifies).toHaveLength(1);
    expect(client.ws.status).toBe(Status.Ready);
  });

  it("WHEN the gateway stays down for a while THEN discord.js identifies afresh once it is back", async () => {
    const { client } = await setup();
    await discord.stopGateway();
    // Refused connections make @discordjs/ws drop its session; its identify throttle then waits ~5 s.
    await new Promise((r) => setTimeout(r, 1500));
    // Destroying a client before it handled READY makes @discordjs/ws 1.2.3 reconnect and hang: wait for it.
    const readyAgain = once(client, Events.ShardReady, { signal: AbortSignal.timeout(9000) });
    await discord.startGateway();
    await readyAgain;
    expect({ identifies: discord.identifies.length, resumes: discord.resumes.length }).toEqual({ identifies: 2, resumes: 0 });
  });
});
