import { afterEach, describe, expect, it } from "vitest";
import { HTTPError, RateLimitError, REST, Routes, type Client, type ClientOptions, type TextChannel } from "discord.js";
import { FakeDiscord, type FakeDiscordOptions } from "./FakeDiscord.js";
import { connectClient } from "./connectClient.js";

let discord: FakeDiscord;
let client: Client<true>;

async function setup(opts: FakeDiscordOptions, clientOptions: Partial<ClientOptions> = {}, channels = 1): Promise<TextChannel[]> {
  discord = await FakeDiscord.start(opts);
  const guild = discord.addGuild({ channels });
  client = await connectClient(discord, clientOptions);
  return discord.world.guildChannels(guild).map((c) => client.channels.cache.get(c.id) as TextChannel);
}

/** Another process posting with the same token: its sends use up the bucket behind discord.js's back. */
async function exhaustFromElsewhere(channelId: string, n: number): Promise<void> {
  const other = new REST({ api: discord.restUrl }).setToken(discord.token);
  for (let i = 0; i < n; i++) await other.post(Routes.channelMessages(channelId), { body: { content: `other ${i}` } });
}

const statuses = (route: string) => discord.requests.filter((r) => r.route === route).map((r) => r.status);

afterEach(async () => {
  await client?.destroy();
  await discord?.close();
});

describe("GIVEN Discord's per-channel message limit", () => {
  it("THEN every answer carries the bucket headers and a 429 carries Retry-After and a float retry_after", async () => {
    const [channel] = await setup({ rateLimits: { channelMessages: { limit: 1, windowMs: 800 } } });
    const post = () =>
      fetch(`${discord.restUrl}/v10/channels/${channel!.id}/messages`, { method: "POST", headers: { Authorization: `Bot ${discord.token}`, "Content-Type": "application/json" }, body: JSON.stringify({ content: "x" }) });
    const ok = await post();
    expect(ok.status).toBe(200);
    expect(Object.fromEntries(["x-ratelimit-limit", "x-ratelimit-remaining"].map((h) => [h, ok.headers.get(h)]))).toEqual({ "x-ratelimit-limit": "1", "x-ratelimit-remaining": "0" });
    expect(Number(ok.headers.get("x-ratelimit-reset-after"))).toBeCloseTo(0.8, 1);
    expect(ok.headers.get("x-ratelimit-bucket")).toMatch(/^[0-9a-f]{32}$/);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.headers.get("x-ratelimit-scope")).toBe("user");
    const body = (await limited.json()) as { retry_after: number; global: boolean };
    expect(body.global).toBe(false);
    expect(body.retry_after).toBeGreaterThan(0.5);
    expect(body.retry_after).toBeLessThanOrEqual(0.8);
    expect(discord.tooManyRequests).toBe(1);
  });

  it("WHEN discord.js sends faster than the bucket allows THEN it queues by the headers and never gets a 429", async () => {
    const [channel] = await setup({ rateLimits: { channelMessages: { limit: 2, windowMs: 600 } } });
    await Promise.all([1, 2, 3].map((n) => channel!.send(`Bài ${n}`)));
    expect(discord.tooManyRequests).toBe(0);
    const times = discord.requests.filter((r) => r.route === "POST /channels/:channel/messages").map((r) => r.at);
    expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(550);
    expect(discord.messagesIn(channel!.id)).toHaveLength(3);
  });

  it("WHEN the bucket was used up elsewhere THEN discord.js gets a 429, waits it out and the message arrives", async () => {
    const [channel] = await setup({ rateLimits: { channelMessages: { limit: 2, windowMs: 700 } } });
    await exhaustFromElsewhere(channel!.id, 2);
    const started = Date.now();
    await channel!.send("Bài 1");
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(statuses("POST /channels/:channel/messages")).toEqual([200, 200, 429, 200]);
    expect(discord.tooManyRequests).toBe(1);
  });

  it("WHEN the client sets rejectOnRateLimit THEN the limit surfaces as RateLimitError, from a 429 or from its own queue", async () => {
    const [channel] = await setup({ rateLimits: { channelMessages: { limit: 2, windowMs: 700 } } }, { rest: { rejectOnRateLimit: ["/channels"] } });
    await exhaustFromElsewhere(channel!.id, 2);
    const fromServer = await channel!.send("Bài 1").catch((e: unknown) => e);
    expect(fromServer).toBeInstanceOf(RateLimitError);
    expect(discord.tooManyRequests).toBe(1);

    await new Promise((r) => setTimeout(r, 800));
    await channel!.send("Bài 2");
    await channel!.send("Bài 3");
    const sentBefore = discord.requests.length;
    const fromQueue = await channel!.send("Bài 4").catch((e: unknown) => e);
    expect(fromQueue).toBeInstanceOf(RateLimitError);
    expect(discord.requests.length).toBe(sentBefore);
  });
});

describe("GIVEN the global limit", () => {
  it("WHEN more requests than allowed arrive in one second THEN the excess gets a global 429 and discord.js retries them", async () => {
    const channels = await setup({ rateLimits: { globalPerSecond: 3 } }, {}, 5);
    await Promise.all(channels.map((c, i) => c.send(`Nhóm ${i}`)));
    expect(channels.map((c) => discord.messagesIn(c.id).length)).toEqual([1, 1, 1, 1, 1]);
    const globals = discord.rejections.filter((r) => r.status === 429);
    expect(globals.length).toBeGreaterThan(0);
    expect(globals.every((r) => (r.detail as { global: boolean }).global)).toBe(true);
  });
});

describe("GIVEN server errors and outages", () => {
  it("WHEN two 500s come first THEN discord.js retries and the message arrives; after four it raises HTTPError", async () => {
    const [channel] = await setup({});
    discord.failNextRequests(2);
    await channel!.send("Bài 1");
    expect(statuses("POST /channels/:channel/messages")).toEqual([500, 500, 200]);

    discord.failNextRequests(4, { status: 502 });
    const error = await channel!.send("Bài 2").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HTTPError);
    expect((error as HTTPError).status).toBe(502);
    expect(statuses("POST /channels/:channel/messages")).toEqual([500, 500, 200, 502, 502, 502, 502]);
  });

  it("WHEN the REST server stops mid-request THEN that send fails, and after a restart on the same port sends work again", async () => {
    const [channel] = await setup({});
    discord.setDelay(300);
    const inFlight = channel!.send("Bài 1").catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    await discord.stopRest();
    // undici reports the cut socket as UND_ERR_SOCKET, which @discordjs/rest does not retry.
    const error = await inFlight;
    expect((error as { code?: string }).code).toBe("UND_ERR_SOCKET");
    // The server learns of the cut a moment after the client does.
    await discord.waitFor(() => statuses("POST /channels/:channel/messages").length === 1, 1000, "the cut request's record");
    expect(statuses("POST /channels/:channel/messages")).toEqual([0]);
    const whileDown = await channel!.send("Bài 1").catch((e: unknown) => e);
    expect((whileDown as { code?: string }).code).toBe("ECONNREFUSED");
    expect(discord.sent).toEqual([]);
    discord.setDelay(0);
    await discord.startRest();
    await channel!.send("Bài 1, lần nữa");
    expect(discord.messagesIn(channel!.id).map((m) => m.content)).toEqual(["Bài 1, lần nữa"]);
  });
});
