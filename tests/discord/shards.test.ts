/**
 * The adapter on a sharded Discord (issue 18 §3): the real discord.js client opens the shards the
 * fake recommends (or DISCORD_SHARDS), each server is served on its own shard and DMs on shard 0, and
 * one shard dropped and resumed leaves the others and the daily lessons untouched.
 */
import { describe, expect, it } from "vitest";
import { PermissionFlagsBits } from "discord-api-types/v10";
import type { FakeDiscord, GuildRecord } from "../fakes/discord/index.js";
import { IDENTIFY_SLACK_MS, IDENTIFY_WINDOW_MS } from "../fakes/discord/shards.js";
import { DISCORD_GLOBAL_PER_SECOND } from "../../adapters/discord/client.js";
import { defaultRateLimits } from "../../src/learning/index.js";
import { answerOf, answerText, type Bot, botSuite, buttonsOf, posts, visibleText } from "./harness.js";

const suite = botSuite();
const DAY = 24 * 3600_000;

/** One server on each of `count` shards, administered by the harness's admin; filled in before the bot connects. */
function serversOnShards(count: number): { guilds: GuildRecord[]; before: (fake: FakeDiscord) => void } {
  const guilds: GuildRecord[] = [];
  return {
    guilds,
    before: (fake) => {
      const admin = [...fake.world.users.values()].find((u) => u.username === "thu")!;
      for (let k = 0; k < count; k++) {
        const guild = fake.addGuild({ name: `Nhóm ${k}`, shard: k, shardCount: count });
        fake.addMember(guild.id, admin.id, { permissions: PermissionFlagsBits.ManageChannels });
        guilds.push(guild);
      }
    },
  };
}

const channelOf = (b: Bot, g: GuildRecord): string => b.fake.world.guildChannels(g)[0]!.id;

/** The learner starts in DMs and the admin subscribes each server's channel; each answered as on one shard. */
async function subscribeAll(b: Bot, guilds: GuildRecord[]): Promise<void> {
  expect(await answerText(b.fake, b.fake.slashCommand({ name: "start", userId: b.learner.id, dm: true }))).toContain("Toán cho học máy");
  for (const g of guilds) {
    const welcome = await answerOf(b.fake, b.fake.slashCommand({ name: "subscribe", userId: b.admin.id, channelId: channelOf(b, g) }));
    expect(welcome[0]).toMatchObject({ ephemeral: false });
    expect(welcome[0]!.message.content).toContain("Toán cho học máy");
  }
}

/** Every chat's lesson posts (the DM first), as their readers see them. */
function lessonsPerChat(b: Bot, guilds: GuildRecord[]): string[][] {
  const chats = [b.fake.dmChannelOf(b.learner.id)!, ...guilds.map((g) => channelOf(b, g))];
  return chats.map((c) => posts(b.fake, c).map(visibleText).map((t) => t.split("\n")[0]!));
}

describe("GIVEN a Discord that recommends 3 shards, and a server on each", () => {
  it("THEN the bot opens all three in one process, answers a DM and a subscription on each shard, and the daily lesson reaches every chat once", async () => {
    const shards = serversOnShards(3);
    const bot = await suite.start({ fake: { shards: 3, maxConcurrency: 3 }, guildId: false, before: shards.before });
    const { fake, guilds } = { fake: bot.fake, guilds: shards.guilds };
    expect(guilds.map((g) => fake.shardOf(g.id))).toEqual([0, 1, 2]);
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([[0, 3], [1, 3], [2, 3]]);
    expect(fake.identifies.filter((i) => i.refused)).toEqual([]);
    expect(bot.adapter.isConnected()).toBe(true);
    expect(bot.logs.find((l) => l.msg === "connected to Discord")).toMatchObject({ shards: 3 });
    expect(bot.logs.filter((l) => l.msg === "gateway shard ready").map((l) => l.shard).sort()).toEqual([0, 1, 2]);

    await subscribeAll(bot, guilds);
    bot.clock.shift(DAY);
    expect(bot.learning.scheduler.tick().claimed).toBe(4);
    await bot.learning.delivery.idle();
    expect(lessonsPerChat(bot, guilds)).toEqual(Array(4).fill([expect.stringContaining("Vectơ và phép cộng")]));
    expect(fake.rejections).toEqual([]);
  });

  it("WHEN shard 1's session drops and stays down THEN the adapter says so, lessons still reach every chat exactly once, the other shards' interactions are answered; resumed, shard 1's are too", async () => {
    const shards = serversOnShards(3);
    const bot = await suite.start({ fake: { shards: 3, maxConcurrency: 3 }, guildId: false, before: shards.before });
    const { fake, guilds } = { fake: bot.fake, guilds: shards.guilds };
    await subscribeAll(bot, guilds);

    fake.dropShard(1, { hold: true });
    await fake.waitFor(() => fake.gateway.heldResumes === 1, 5000, "shard 1's RESUME, held");
    await fake.waitFor(() => !bot.adapter.isConnected(), 2000, "the adapter not connected");
    // /healthz names the shard that is down, and what it is doing.
    expect(bot.adapter.connectionDetail!()).toBe("not connected: shard 1 (Resuming) of 3 down");

    bot.clock.shift(DAY);
    expect(bot.learning.scheduler.tick().claimed).toBe(4);
    await bot.learning.delivery.idle();
    expect(lessonsPerChat(bot, guilds)).toEqual(Array(4).fill([expect.stringContaining("Vectơ và phép cộng")]));

    // Shards 0 and 2 and the DMs (shard 0) work as before: /progress, and a ✅ under shard 2's lesson.
    for (const g of [guilds[0]!, guilds[2]!]) expect(await answerText(fake, fake.slashCommand({ name: "progress", userId: bot.admin.id, channelId: channelOf(bot, g) }))).toContain("Bài **1/3** (33%): Vectơ và phép cộng");
    const lesson = posts(fake, channelOf(bot, guilds[2]!))[0]!;
    const done = buttonsOf(lesson).find((id) => id.startsWith("done:"))!;
    expect((await answerOf(fake, fake.pressButton({ userId: bot.admin.id, messageId: lesson.messageId, customId: done })))[0]).toMatchObject({ ephemeral: true });
    expect(await answerText(fake, fake.slashCommand({ name: "progress", userId: bot.learner.id, dm: true }))).toContain("Vectơ và phép cộng");

    fake.releaseShard(1);
    await fake.waitFor(() => fake.resumes.length === 1, 5000, "shard 1 resumed");
    await fake.waitFor(() => bot.adapter.isConnected(), 2000, "the adapter connected again");
    expect(bot.adapter.connectionDetail!()).toBe("connected, 3 shards");
    expect(fake.resumes[0]!.shard).toBe(1);
    expect(await answerText(fake, fake.slashCommand({ name: "progress", userId: bot.admin.id, channelId: channelOf(bot, guilds[1]!) }))).toContain("Bài **1/3** (33%): Vectơ và phép cộng");

    // Resumed, not identified again; and nothing is delivered twice.
    expect(fake.identifies).toHaveLength(3);
    expect(bot.learning.scheduler.tick().claimed).toBe(0);
    await bot.learning.delivery.idle();
    expect(lessonsPerChat(bot, guilds).map((l) => l.length)).toEqual([1, 1, 1, 1]);
    expect(fake.rejections).toEqual([]);
  });
});

describe("GIVEN DISCORD_SHARDS=4 on a Discord that recommends 2 with max_concurrency 2", () => {
  it("THEN the bot opens 4 shards, two buckets a window apart, none refused, and serves a server on each", async () => {
    const shards = serversOnShards(4);
    const bot = await suite.start({ fake: { shards: 2, maxConcurrency: 2 }, guildId: false, before: shards.before, shards: 4 });
    const { fake, guilds } = { fake: bot.fake, guilds: shards.guilds };
    expect(fake.identifies.filter((i) => i.refused)).toEqual([]);
    const at = new Map(fake.identifies.map((i) => [i.shard![0], i.at]));
    expect([...at.keys()].sort()).toEqual([0, 1, 2, 3]);
    expect(fake.identifies.every((i) => i.shard![1] === 4)).toBe(true);
    // Bucket k (shards k and k + 2) identifies once per window.
    for (const k of [0, 1]) expect(at.get(k + 2)! - at.get(k)!).toBeGreaterThanOrEqual(IDENTIFY_WINDOW_MS - IDENTIFY_SLACK_MS);

    await subscribeAll(bot, guilds);
    bot.clock.shift(DAY);
    expect(bot.learning.scheduler.tick().claimed).toBe(5);
    await bot.learning.delivery.idle();
    expect(lessonsPerChat(bot, guilds).map((l) => l.length)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe("GIVEN 3 shards, 40 study channels on each, and the core's own limit raised far past Discord's", () => {
  it("WHEN the day's lesson falls due for all 120 THEN every shard's requests wait for the one REST pacer: never over 50 in a second, no 429, each channel gets its lesson once", async () => {
    const guilds: GuildRecord[] = [];
    const bot = await suite.start({
      fake: { shards: 3, maxConcurrency: 3 },
      guildId: false,
      // Only the pacer stands between the delivery and Discord's overall limit.
      limits: { ...defaultRateLimits.discord, global: { max: 10_000, perMs: 1000 } },
      before: (fake) => {
        const admin = [...fake.world.users.values()].find((u) => u.username === "thu")!;
        for (let k = 0; k < 3; k++) {
          const guild = fake.addGuild({ name: `Nhóm ${k}`, shard: k, shardCount: 3, channels: 40 });
          fake.addMember(guild.id, admin.id, { permissions: PermissionFlagsBits.ManageChannels });
          guilds.push(guild);
        }
      },
    });
    const fake = bot.fake;
    const channels = guilds.flatMap((g) => fake.world.guildChannels(g).map((c) => c.id));
    expect(channels).toHaveLength(120);
    for (const channelId of channels) fake.slashCommand({ name: "subscribe", userId: bot.admin.id, channelId });
    await fake.waitFor(() => fake.interactions.every((ix) => fake.sent.some((m) => m.interactionId === ix.id)), 20_000, "every /subscribe answered");

    const counted = (r: { route: string }) => !r.route.includes("/interactions/") && !r.route.includes("/webhooks/");
    const before = fake.requests.length;
    bot.clock.shift(DAY);
    expect(bot.learning.scheduler.tick().claimed).toBe(120);
    await bot.learning.delivery.idle();

    const requests = fake.requests.slice(before).filter(counted);
    expect(requests.length).toBeGreaterThanOrEqual(120);
    // Discord's overall budget, measured as the fake does: in any second, at most 50 requests of this token.
    const at = requests.map((r) => r.at).sort((a, b) => a - b);
    const busiest = Math.max(...at.map((t, i) => at.slice(i).filter((u) => u < t + 1000).length));
    expect(busiest).toBeLessThanOrEqual(DISCORD_GLOBAL_PER_SECOND);
    expect(fake.tooManyRequests).toBe(0);
    expect(new Set(channels.map((c) => fake.shardOf(fake.world.channels.get(c)!.guildId!)))).toEqual(new Set([0, 1, 2]));
    expect(channels.map((c) => posts(fake, c).filter((m) => visibleText(m).includes("Vectơ và phép cộng")).length)).toEqual(Array(120).fill(1));
  }, 30_000);
});
