import { resolve } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseWindow, Secret } from "../../src/config.js";

/** Shaped like real tokens, made up. */
const TOKEN = "123456789:AAF-SECRETSECRETSECRETSECRETSECRET12";
const DISCORD = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.SECRETSECRETSECRETSECRETSECRET";

describe("configuration", () => {
  it("GIVEN an empty environment THEN the documented defaults", () => {
    const c = loadConfig({});
    expect(c.defaults).toEqual({ timeZone: "Asia/Ho_Chi_Minh", sendTime: "07:00", reviewPerDay: 3 });
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.contentDirs).toEqual([expect.stringMatching(/\/content$/)]);
    expect(c.telegram).toBeUndefined();
    expect(c.discord).toBeUndefined();
    expect(c.metricsPort).toBeUndefined();
    expect(c.limits.telegram).toEqual({ global: { max: 30, perMs: 1000 }, perChat: { max: 1, perMs: 1000 }, perGroup: { max: 20, perMs: 60_000 } });
  });

  it("GIVEN overrides THEN they are validated and normalized", () => {
    const c = loadConfig({ DEFAULT_TIMEZONE: "europe/berlin", DEFAULT_SEND_TIME: "7:05", TELEGRAM_RATE_GLOBAL: "25/1s", TELEGRAM_RATE_GROUP: "15/1m", REVIEW_PER_DAY: "5" });
    expect(c.defaults).toEqual({ timeZone: "Europe/Berlin", sendTime: "07:05", reviewPerDay: 5 });
    expect(c.limits.telegram.global).toEqual({ max: 25, perMs: 1000 });
    expect(c.limits.telegram.perGroup).toEqual({ max: 15, perMs: 60_000 });
  });

  it("GIVEN several bad values THEN one error lists them all", () => {
    try {
      loadConfig({ DEFAULT_TIMEZONE: "Mars/Base", DEFAULT_SEND_TIME: "25:99", LOG_LEVEL: "loud", DISCORD_RATE_CHAT: "fast", REVIEW_PER_DAY: "lots" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems).toHaveLength(5);
      expect((err as ConfigError).problems).toContain('REVIEW_PER_DAY: "lots" is not a number of cards from 0 to 20');
    }
  });

  it("GIVEN CONTENT_DIR with several folders THEN each one, resolved, once, in the order given; a missing one is named", () => {
    const c = loadConfig({ CONTENT_DIR: "content, tests ,content," });
    expect(c.contentDirs).toEqual([resolve("content"), resolve("tests")]);
    expect(() => loadConfig({ CONTENT_DIR: "content,/no/such/notes" })).toThrow("CONTENT_DIR: /no/such/notes does not exist");
  });

  it("parseWindow", () => {
    expect(parseWindow("5/5000ms")).toEqual({ max: 5, perMs: 5000 });
    expect(parseWindow("0/1s")).toBeUndefined();
    expect(parseWindow("30 per second")).toBeUndefined();
  });

  it("GIVEN a token THEN it never reaches a log line, however it is logged", () => {
    const c = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN });
    expect(c.telegram!.token).toBeInstanceOf(Secret);
    expect(c.telegram!.token.reveal()).toBe(TOKEN);
    let out = "";
    const sink = new Writable({ write: (chunk, _e, cb) => ((out += String(chunk)), cb()) });
    const log = pino({ redact: ["token", "*.token"] }, sink);
    log.info({ config: c }, "config");
    log.info({ token: TOKEN }, "raw");
    log.info(`interpolated ${String(c.telegram!.token)}`);
    expect(out).not.toContain("SECRETSECRET");
    expect(JSON.stringify(c)).not.toContain("SECRETSECRET");
  });

  it("GIVEN the platform variables THEN each adapter's settings, validated", () => {
    const c = loadConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
      TELEGRAM_LESSON_FORMAT: "Classic",
      TELEGRAM_WEBHOOK_URL: "https://bot.example.org/tg",
      TELEGRAM_WEBHOOK_PORT: "8080",
      DISCORD_BOT_TOKEN: DISCORD,
      DISCORD_APPLICATION_ID: "123456789012345678",
      DISCORD_GUILD_ID: "223456789012345678",
      METRICS_PORT: "9464",
      ADMIN_IDS: "telegram:42, discord:123456789012345678",
    });
    expect(c.telegram).toMatchObject({ apiRoot: "http://127.0.0.1:8081", format: "classic", webhook: { url: "https://bot.example.org/tg", port: 8080, host: "0.0.0.0" } });
    expect(c.telegram!.webhook!.secret.reveal()).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(c.discord).toMatchObject({ applicationId: "123456789012345678", guildId: "223456789012345678", format: "components", apiRoot: undefined, shards: "auto" });
    expect(c.metricsPort).toBe(9464);
    expect(c.adminIds).toEqual(["telegram:42", "discord:123456789012345678"]);
  });

  it("GIVEN DISCORD_SHARDS THEN a count or auto, whatever its case; Discord's recommendation when unset", () => {
    const discord = (shards: string | undefined) => loadConfig({ DISCORD_BOT_TOKEN: DISCORD, DISCORD_APPLICATION_ID: "123456789012345678", ...(shards === undefined ? {} : { DISCORD_SHARDS: shards }) }).discord?.shards;
    expect(discord(undefined)).toBe("auto");
    expect(discord("Auto")).toBe("auto");
    expect(discord(" 3 ")).toBe(3);
    expect(discord("1")).toBe(1);
  });

  it.each([
    [{ DISCORD_SHARDS: "0" }, "DISCORD_SHARDS: \"0\" is not a shard count (a whole number from 1) or auto"],
    [{ DISCORD_SHARDS: "two" }, "DISCORD_SHARDS: \"two\" is not a shard count"],
    [{ DISCORD_SHARDS: "2.5" }, "DISCORD_SHARDS: \"2.5\" is not a shard count"],
    [{ TELEGRAM_BOT_TOKEN: "not-a-token" }, "TELEGRAM_BOT_TOKEN"],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "http://bot.example.org/tg" }, "TELEGRAM_WEBHOOK_URL: \"http://bot.example.org/tg\" must be an https URL"],
    [{ TELEGRAM_LESSON_FORMAT: "fancy" }, "TELEGRAM_LESSON_FORMAT: \"fancy\" is not one of rich, classic"],
    [{ DISCORD_BOT_TOKEN: DISCORD }, "DISCORD_APPLICATION_ID: required with DISCORD_BOT_TOKEN"],
    [{ DISCORD_BOT_TOKEN: "abc" , DISCORD_APPLICATION_ID: "123456789012345678" }, "DISCORD_BOT_TOKEN: not a bot token"],
    [{ METRICS_PORT: "99999" }, "METRICS_PORT: \"99999\" is not a port number"],
    [{ ADMIN_IDS: "42" }, "ADMIN_IDS: \"42\" is not platform:id"],
    [{ DEFAULT_SEND_TIME: "7pm" }, "DEFAULT_SEND_TIME: \"7pm\" is not a time HH:MM"],
    [{ CONTENT_DIR: "/no/such/folder" }, "CONTENT_DIR: /no/such/folder does not exist"],
    [{ CONTENT_DIR: "package.json" }, "is not a folder"],
  ])("GIVEN %o THEN one line naming the variable", (env, expected) => {
    try {
      loadConfig(env);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toContain(expected);
      expect((err as Error).message).not.toContain("\n");
    }
  });
});

describe("log redaction", () => {
  it("GIVEN secrets in messages, errors, URLs and fields THEN no line shows them, at debug level too", async () => {
    const { createLogger } = await import("../../src/log.js");
    const c = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://bot.example.org/tg", TELEGRAM_WEBHOOK_SECRET: "hooksecret-0123456789", DISCORD_BOT_TOKEN: DISCORD, DISCORD_APPLICATION_ID: "123456789012345678" });
    const { secretsOf } = await import("../../src/config.js");
    let out = "";
    const log = createLogger("debug", secretsOf(c), new Writable({ write: (chunk, _e, cb) => ((out += String(chunk)), cb()) }));
    log.debug(`GET https://api.telegram.org/bot${TOKEN}/getMe`);
    log.error({ err: new Error(`request to /bot${TOKEN}/sendMessage failed`) }, "send failed");
    log.info({ headers: { authorization: `Bot ${DISCORD}` }, url: `https://discord.com/api/v10/webhooks/1/${DISCORD}` }, "discord");
    log.warn({ secret: "hooksecret-0123456789", note: "x-telegram-bot-api-secret-token: hooksecret-0123456789" }, "webhook");
    log.debug(`another bot's token /bot987654321:AAH-someone-elses-token-0123456789/getMe`);
    const lines = out.trim().split("\n");
    expect(lines).toHaveLength(5);
    for (const secret of [TOKEN, DISCORD, "hooksecret-0123456789", "someone-elses-token"]) expect(out).not.toContain(secret);
    expect(out).toContain("[redacted]");
  });
});

describe("DATABASE_URL", () => {
  it("GIVEN a postgres:// address THEN it is the store's, its password never in a log line; anything else is named as the problem", async () => {
    const { createLogger } = await import("../../src/log.js");
    const { secretsOf } = await import("../../src/config.js");
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    const c = loadConfig({ DATABASE_URL: "postgresql://bot:p%40ss-W0rd-long@db.internal:5432/sauphut" });
    expect(c.databaseUrl?.reveal()).toBe("postgresql://bot:p%40ss-W0rd-long@db.internal:5432/sauphut");
    let out = "";
    const log = createLogger("debug", secretsOf(c), new Writable({ write: (chunk, _e, cb) => ((out += String(chunk)), cb()) }));
    log.error({ url: c.databaseUrl!.reveal() }, "cannot connect with p@ss-W0rd-long");
    expect(out).not.toContain("p%40ss-W0rd-long");
    expect(out).not.toContain("p@ss-W0rd-long");
    for (const bad of ["mysql://u:p@host/db", "/var/lib/bot.sqlite", "postgres://"]) {
      expect(() => loadConfig({ DATABASE_URL: bad })).toThrow(/DATABASE_URL: not a PostgreSQL address/);
    }
  });
});

describe("TELEGRAM_WEBHOOK_SECRET with DATABASE_URL", () => {
  const replica = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://bot.example.org/hook", DATABASE_URL: "postgres://bot@db.internal/sauphut" };

  it("GIVEN replicas on one database taking webhook updates without a shared secret THEN one line names the variable; with it, or without either of the others, the start goes on", () => {
    let error: unknown;
    try {
      loadConfig(replica);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^TELEGRAM_WEBHOOK_SECRET: required with DATABASE_URL and TELEGRAM_WEBHOOK_URL/)]);
    expect(loadConfig({ ...replica, TELEGRAM_WEBHOOK_SECRET: "shared_secret-1" }).telegram?.webhook?.secret.reveal()).toBe("shared_secret-1");
    const { DATABASE_URL: _db, ...single } = replica;
    expect(loadConfig(single).telegram?.webhook?.secret.reveal()).toMatch(/^[\w-]{32}$/);
    const { TELEGRAM_WEBHOOK_URL: _url, ...polling } = replica;
    expect(loadConfig(polling).telegram?.webhook).toBeUndefined();
  });
});

describe("TELEGRAM_WEBHOOK_URL over http", () => {
  it("GIVEN a local Bot API server (TELEGRAM_API_ROOT) THEN it may post to http on this machine only; Telegram's own needs https", () => {
    const base = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: "http://127.0.0.1:8081" };
    expect(loadConfig({ ...base, TELEGRAM_WEBHOOK_URL: "http://127.0.0.1:8443/hook" }).telegram?.webhook?.url).toBe("http://127.0.0.1:8443/hook");
    expect(loadConfig({ ...base, TELEGRAM_WEBHOOK_URL: "http://localhost:8443/hook" }).telegram?.webhook?.url).toBe("http://localhost:8443/hook");
    expect(() => loadConfig({ ...base, TELEGRAM_WEBHOOK_URL: "http://bot.example.org/hook" })).toThrow(/must be an https URL/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "http://127.0.0.1:8443/hook" })).toThrow(/must be an https URL/);
  });
});
