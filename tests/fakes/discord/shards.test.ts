/**
 * The fake's sharding against the real discord.js client (and, for what discord.js never sends, a bare
 * WebSocket): Discord's recommendation followed, `[id, count]` checked, IDENTIFYs within
 * max_concurrency, each guild's events on its shard only, DMs on shard 0, one shard dropped and resumed.
 */
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { Client, Events, GatewayIntentBits, REST, Routes, SlashCommandBuilder, Status } from "discord.js";
import { GatewayOpcodes } from "discord-api-types/v10";
import { WebSocket } from "ws";
import { FakeDiscord, type FakeDiscordOptions } from "./FakeDiscord.js";
import { IDENTIFY_SLACK_MS, IDENTIFY_WINDOW_MS } from "./shards.js";
import type { GuildRecord } from "./world.js";

let discord: FakeDiscord | undefined;
const clients: Client[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) await c.destroy();
  for (const s of sockets.splice(0)) s.terminate();
  await discord?.close();
  discord = undefined;
});

interface Seen {
  t: string;
  shard: number;
  d: { id?: string; guilds?: { id: string }[] };
}

/** The fake with one guild on each recommended shard, and /next registered globally. */
async function world(opts: FakeDiscordOptions & { shards: number }): Promise<{ fake: FakeDiscord; guilds: GuildRecord[] }> {
  const fake = (discord = await FakeDiscord.start(opts));
  const guilds = Array.from({ length: opts.shards }, (_, k) => fake.addGuild({ name: `Shard ${k}`, shard: k }));
  await new REST({ api: fake.restUrl }).setToken(fake.token).put(Routes.applicationCommands(fake.applicationId), { body: [new SlashCommandBuilder().setName("next").setDescription("Bài tiếp theo").toJSON()] });
  return { fake, guilds };
}

/** A discord.js client holding every shard Discord recommends, as the bot does, and every dispatch it got with its shard. */
async function shardedClient(fake: FakeDiscord): Promise<{ client: Client<true>; seen: Seen[] }> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], shards: "auto", waitGuildTimeout: 2000, rest: { api: fake.restUrl, timeout: 5000 } });
  clients.push(client);
  const seen: Seen[] = [];
  client.on(Events.Raw, (packet: { t?: string; d?: Seen["d"] }, shard: number) => {
    if (packet.t) seen.push({ t: packet.t, shard, d: packet.d ?? {} });
  });
  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(30_000) });
  await client.login(fake.token);
  await ready;
  return { client: client as Client<true>, seen };
}

/** A bare gateway connection that IDENTIFYs with `shard`; resolves with the gateway's first answer or its close code. */
async function identifyBare(fake: FakeDiscord, shard: unknown): Promise<{ op?: number; t?: string; closed?: number }> {
  const socket = new WebSocket(`${fake.gatewayUrl}/?v=10&encoding=json`);
  sockets.push(socket);
  await once(socket, "message"); // HELLO
  socket.send(JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: fake.token, intents: GatewayIntentBits.Guilds, properties: { os: "linux", browser: "test", device: "test" }, shard } }));
  return new Promise((resolve) => {
    socket.once("message", (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; t: string | null };
      resolve({ op: payload.op, ...(payload.t ? { t: payload.t } : {}) });
    });
    socket.once("close", (code) => resolve({ closed: code }));
  });
}

const shardsThatGot = (seen: Seen[], t: string, id: string): number[] => seen.filter((s) => s.t === t && s.d.id === id).map((s) => s.shard);

describe("GIVEN a fake Discord that recommends 3 shards and a guild on each", () => {
  it("WHEN discord.js logs in with shards auto THEN it opens [0,3] [1,3] [2,3], each READY lists its own guild, and each guild's events and interactions come on its shard only, DMs on shard 0", async () => {
    const { fake, guilds } = await world({ shards: 3, maxConcurrency: 3 });
    const { client, seen } = await shardedClient(fake);
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([[0, 3], [1, 3], [2, 3]]);
    expect(fake.identifies.filter((i) => i.refused)).toEqual([]);
    for (const [k, guild] of guilds.entries()) {
      expect(fake.shardOf(guild.id)).toBe(k);
      expect(client.guilds.cache.get(guild.id)?.shardId).toBe(k);
      const ready = seen.find((s) => s.t === "READY" && s.shard === k);
      expect(ready?.d.guilds?.map((g) => g.id)).toEqual([guild.id]);
      expect(shardsThatGot(seen, "GUILD_CREATE", guild.id)).toEqual([k]);
    }

    const learner = fake.addUser({ username: "lan" });
    for (const [k, guild] of guilds.entries()) {
      const channel = fake.addChannel(guild.id, { name: `lessons-${k}` });
      await fake.waitFor(() => client.channels.cache.get(channel.id), 2000, `CHANNEL_CREATE of guild ${k}`);
      expect(shardsThatGot(seen, "CHANNEL_CREATE", channel.id)).toEqual([k]);
      const ix = fake.slashCommand({ name: "next", userId: learner.id, channelId: channel.id });
      await fake.waitFor(() => shardsThatGot(seen, "INTERACTION_CREATE", ix.id).length, 2000, `the interaction in guild ${k}`);
      expect(shardsThatGot(seen, "INTERACTION_CREATE", ix.id)).toEqual([k]);
    }
    const dm = fake.slashCommand({ name: "next", userId: learner.id, dm: true });
    await fake.waitFor(() => shardsThatGot(seen, "INTERACTION_CREATE", dm.id).length, 2000, "the DM interaction");
    expect(shardsThatGot(seen, "INTERACTION_CREATE", dm.id)).toEqual([0]);

    // A guild the bot joins later is announced on its own shard too.
    const late = fake.addGuild({ name: "Later", shard: 2 });
    await fake.waitFor(() => client.guilds.cache.get(late.id), 2000, "the new guild");
    expect(shardsThatGot(seen, "GUILD_CREATE", late.id)).toEqual([2]);
  });

  it("WHEN one shard's session is dropped and held THEN only that shard is down; on release it RESUMEs with what it missed and nothing identifies again", async () => {
    const { fake, guilds } = await world({ shards: 3, maxConcurrency: 3 });
    const { client } = await shardedClient(fake);
    expect(fake.liveShards).toEqual([0, 1, 2]);

    expect(fake.dropShard(1, { hold: true })).toBe(1);
    await fake.waitFor(() => fake.gateway.heldResumes === 1, 5000, "shard 1's RESUME, held");
    expect(fake.liveShards).toEqual([0, 2]);
    expect([...client.ws.shards.values()].map((s) => s.status === Status.Ready)).toEqual([true, false, true]);

    const onDropped = fake.addChannel(guilds[1]!.id, { name: "while-away" });
    const onLive = fake.addChannel(guilds[2]!.id, { name: "meanwhile" });
    await fake.waitFor(() => client.channels.cache.get(onLive.id), 2000, "shard 2's event while shard 1 is down");
    expect(client.channels.cache.has(onDropped.id)).toBe(false);

    fake.releaseShard(1);
    await fake.waitFor(() => fake.resumes.length === 1, 5000, "shard 1 resumed");
    await fake.waitFor(() => client.channels.cache.get(onDropped.id), 2000, "the event shard 1 missed, replayed");
    expect(fake.resumes[0]).toMatchObject({ shard: 1, replayed: 1 });
    expect(fake.liveShards).toEqual([0, 1, 2]);
    await fake.waitFor(() => [...client.ws.shards.values()].every((s) => s.status === Status.Ready), 2000, "every shard ready");
    expect(fake.identifies).toHaveLength(3);
  });
});

describe("GIVEN the gateway's rules for IDENTIFY", () => {
  it("WHEN an IDENTIFY carries an invalid [id, count] THEN it is closed with 4010 Invalid shard; without one it is shard 0 of 1", async () => {
    const fake = (discord = await FakeDiscord.start({ shards: 2, maxConcurrency: 16 }));
    for (const wrong of [[2, 2], [-1, 2], [0, 0], [1.5, 2], "0,2"]) expect(await identifyBare(fake, wrong)).toEqual({ closed: 4010 });
    expect(fake.identifies.map((i) => i.refused)).toEqual(Array(5).fill("4010 Invalid shard"));
    expect(await identifyBare(fake, undefined)).toEqual({ op: GatewayOpcodes.Dispatch, t: "READY" });
  });

  it("WHEN two shards of one bucket identify within 5 s THEN the second gets op 9 Invalid Session; another bucket's is READY", async () => {
    const fake = (discord = await FakeDiscord.start({ shards: 4, maxConcurrency: 2 }));
    expect(await identifyBare(fake, [0, 4])).toEqual({ op: GatewayOpcodes.Dispatch, t: "READY" });
    expect(await identifyBare(fake, [2, 4])).toEqual({ op: GatewayOpcodes.InvalidSession });
    expect(await identifyBare(fake, [1, 4])).toEqual({ op: GatewayOpcodes.Dispatch, t: "READY" });
    expect(fake.identifies.map((i) => i.refused ?? "ready")).toEqual(["ready", "op 9 max_concurrency", "ready"]);
  });

  it("WHEN discord.js opens 2 shards with max_concurrency 1 THEN it waits a window between its IDENTIFYs and none is refused", async () => {
    const { fake } = await world({ shards: 2, maxConcurrency: 1 });
    await shardedClient(fake);
    const [first, second] = fake.identifies;
    expect([first?.shard, second?.shard]).toEqual([[0, 2], [1, 2]]);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(IDENTIFY_WINDOW_MS - IDENTIFY_SLACK_MS);
    expect(fake.identifies.filter((i) => i.refused)).toEqual([]);
  });
});
