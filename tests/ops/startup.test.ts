/**
 * Starting, and losing the platform, as an operator sees it — the real bot process (what `npm start`
 * runs) against the fakes, behind a link that can fail like a network: /healthz is up before anything
 * slow and answers 503 naming the platform until it is connected; each outage is logged at warn with
 * the host and the cause (the first failure at once, then at most a line a minute, never the token);
 * retries go on until the platform answers. A refused token ends the start with one line, exit 2.
 */
import { describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakes/discord/index.js";
import { FakeTelegram } from "../fakes/telegram/server.js";
import { FlakyLink } from "../helpers/flakyLink.js";
import { freePort } from "../helpers/net.js";
import { BotProcess } from "../telegram/botProcess.js";
import { command } from "../telegram/e2e.helpers.js";
import { oneLineFailure } from "./startupFailures.js";
import { useTeardown } from "./teardown.js";

const { later, startBot, folders } = useTeardown();

/** /healthz as soon as it answers at all. */
async function healthWhenUp(port: number): Promise<{ status: number; body: { status: string; failing: string[] } }> {
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return { status: res.status, body: (await res.json()) as { status: string; failing: string[] } };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function health(port: number): Promise<number> {
  return (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
}

const warnings = (bot: BotProcess, about: string, from = 0): string[] => bot.lines.slice(from).filter((l) => l.includes('"level":40') && l.includes(about));
const portOf = (url: string): number => Number(new URL(url).port);

/** A link to `target` that starts down, course and data folders, a port for /healthz; all ended after the test. */
async function outage(target: string): Promise<{ link: FlakyLink; dirs: { dataDir: string; contentDir: string }; port: number }> {
  const link = await FlakyLink.start(portOf(target), { up: false });
  later(() => link.close());
  const dirs = folders();
  return { link, dirs, port: await freePort() };
}

describe("Telegram out of reach", () => {
  it("GIVEN the Bot API unreachable at start THEN /healthz answers 503 naming telegram before the course is rendered, one warn line for several attempts, and the bot connects once it is back; lost while running, the same", async () => {
    const tg = await FakeTelegram.start();
    later(() => tg.stop());
    const { link, dirs, port } = await outage(tg.apiRoot);
    const bot = startBot(BotProcess.env(tg, dirs.dataDir, dirs.contentDir, { TELEGRAM_API_ROOT: `http://127.0.0.1:${link.port}`, METRICS_PORT: String(port) }));

    const first = await healthWhenUp(port);
    expect(first).toMatchObject({ status: 503, body: { status: "failing", failing: ["telegram"] } });
    await link.droppedAtLeast(4);
    const target = `cannot reach the Telegram Bot API at 127.0.0.1:${link.port}`;
    expect(warnings(bot, target)).toHaveLength(1);
    expect(warnings(bot, target)[0]).toMatch(/retrying/);
    expect(JSON.parse(warnings(bot, target)[0]!).cause).toMatch(/ECONNRESET|socket hang up/);
    expect(bot.lines.findIndex((l) => l.includes('"health and metrics served"'))).toBeLessThan(bot.lines.findIndex((l) => l.includes('"course rendered"')));
    expect(await health(port)).toBe(503);

    link.up();
    await bot.ready();
    expect(await health(port)).toBe(200);
    expect(JSON.parse(await bot.waitForLine("answers again")).attempts).toBeGreaterThanOrEqual(4);
    const learner = tg.addUser({ first_name: "Lan" });
    await command(tg, learner, "start", 1);

    // Lost while running: the long poll in flight is cut, and every poll after it.
    const mark = bot.lines.length;
    const before = link.dropped;
    link.down();
    await link.droppedAtLeast(before + 4);
    expect(await health(port)).toBe(503);
    expect(warnings(bot, target, mark)).toHaveLength(1);
    link.up();
    await bot.waitForLine("answers again", 60_000, mark);
    expect(await health(port)).toBe(200);
    await command(tg, learner, "progress", 1);
    expect(bot.leaks(tg.token)).toEqual([]);
  }, 150_000);

  it("GIVEN a token the Bot API refuses (401) THEN one line names TELEGRAM_BOT_TOKEN and what to do, exit 2, no stack, no token", async () => {
    const tg = await FakeTelegram.start();
    later(() => tg.stop());
    const dirs = folders();
    const wrong = "987654321:AAH-a-token-the-fake-does-not-know-00";
    const bot = startBot(BotProcess.env(tg, dirs.dataDir, dirs.contentDir, { TELEGRAM_BOT_TOKEN: wrong }));
    const failure = await oneLineFailure(bot, [wrong]);
    expect(failure).toMatch(/^configuration error: TELEGRAM_BOT_TOKEN: the Bot API refused the token \(401 .*\); copy the bot's current token from @BotFather/);
  });
});

describe("Discord out of reach", () => {
  function discordEnv(fake: FakeDiscord, restUrl: string, dirs: { dataDir: string; contentDir: string }, extra: Record<string, string> = {}): Record<string, string> {
    return { DISCORD_BOT_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_ROOT: restUrl, DATA_DIR: dirs.dataDir, CONTENT_DIR: dirs.contentDir, LOG_LEVEL: "debug", DEFAULT_TIMEZONE: "UTC", ...extra };
  }

  it("GIVEN the API, then the gateway, unreachable at start THEN 503 naming discord and one warn line for all the attempts; connected once both answer; the gateway lost while running, the same", async () => {
    const fake = await FakeDiscord.start();
    later(() => fake.close());
    const { link, dirs, port } = await outage(fake.restUrl);
    const restUrl = fake.restUrl.replace(`:${portOf(fake.restUrl)}`, `:${link.port}`);
    const bot = startBot(discordEnv(fake, restUrl, dirs, { METRICS_PORT: String(port) }));

    expect(await healthWhenUp(port)).toMatchObject({ status: 503, body: { failing: ["discord"] } });
    await link.droppedAtLeast(3);
    expect(warnings(bot, "cannot reach Discord")).toEqual([expect.stringContaining(`cannot reach Discord: API at 127.0.0.1:${link.port}:`)]);
    // The API answers, the gateway cuts every connection: discord.js retries it by itself, twice a second.
    fake.gateway.refuseConnections = true;
    link.up();
    await fake.waitFor(() => fake.gateway.connections >= 5, 30_000, "five gateway attempts");
    expect(await health(port)).toBe(503);
    expect(warnings(bot, "cannot reach Discord")).toHaveLength(1);
    fake.gateway.refuseConnections = false;
    await bot.ready();
    expect(await health(port)).toBe(200);

    const mark = bot.lines.length;
    const before = fake.gateway.connections;
    fake.gateway.refuseConnections = true;
    fake.gateway.dropConnections();
    await fake.waitFor(() => fake.gateway.connections >= before + 5, 30_000, "five gateway attempts");
    expect(await health(port)).toBe(503);
    expect(warnings(bot, "cannot reach Discord", mark)).toEqual([expect.stringMatching(/cannot reach Discord: gateway ws:\/\/127\.0\.0\.1:\d+: .*; retrying/)]);
    fake.gateway.refuseConnections = false;
    await bot.waitForLine("Discord answers again", 60_000, mark);
    expect(await health(port)).toBe(200);
    expect(bot.lines.filter((l) => l.includes(fake.token.split(".")[2]!))).toEqual([]);
  }, 150_000);

  it("GIVEN a token Discord refuses, at the API (401) or at the gateway (4004) THEN one line names DISCORD_BOT_TOKEN, exit 2", async () => {
    const fake = await FakeDiscord.start();
    later(() => fake.close());
    const dirs = folders();
    const [a, b, c] = fake.token.split(".");
    const wrong = `${a}.${b}.${c!.replace(/./g, "x")}`;
    const rest = startBot(discordEnv(fake, fake.restUrl, dirs, { DISCORD_BOT_TOKEN: wrong }));
    expect(await oneLineFailure(rest, [wrong, fake.token])).toMatch(/^configuration error: DISCORD_BOT_TOKEN: Discord refused the token \(401 Unauthorized\); reset the token/);

    fake.gateway.refuseAuthentication = true;
    const gateway = startBot(discordEnv(fake, fake.restUrl, dirs));
    expect(await oneLineFailure(gateway, [fake.token])).toMatch(/^configuration error: DISCORD_BOT_TOKEN: the Discord gateway refused the token \(close code 4004\)/);
  });
});
