import { randomBytes } from "node:crypto";
import { accessSync, constants, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { inspect } from "node:util";
import { ConfigError } from "./contract/configError.js";
import { secretParts } from "./text/redact.js";
import { defaultRateLimits, type RateLimits, type Window } from "./learning/rateLimiter.js";
import { parseSendTime, formatSendTime } from "./schedule/dueTime.js";
import { canonicalTimeZone } from "./schedule/zonedTime.js";

export { ConfigError };

/** A value that must never reach a log: prints as [redacted] however it is serialized. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return "[redacted]";
  }
  toJSON(): string {
    return "[redacted]";
  }
  [inspect.custom](): string {
    return "[redacted]";
  }
}

export interface TelegramConfig {
  token: Secret;
  /** TELEGRAM_API_ROOT: a local Bot API server or a test fake (default: Telegram's own). */
  apiRoot: string | undefined;
  /** TELEGRAM_LESSON_FORMAT: rich (default; classic as the fallback) or classic only. */
  format: "rich" | "classic";
  /** TELEGRAM_WEBHOOK_URL set: updates come by webhook instead of long polling. */
  webhook: { url: string; secret: Secret; port: number; host: string } | undefined;
  /** TELEGRAM_PAID_BROADCAST=on: sends past the free 30/s go as paid broadcasts, up to TELEGRAM_PAID_BROADCAST_MAX_STARS a UTC day. */
  paidBroadcast?: { maxStars?: number };
}

export interface DiscordConfig {
  token: Secret;
  /** DISCORD_APPLICATION_ID: the application's id (slash commands are registered for it). */
  applicationId: string;
  /** DISCORD_API_ROOT: e.g. http://127.0.0.1:PORT/api (default: Discord's own). */
  apiRoot: string | undefined;
  /** DISCORD_GUILD_ID: register commands in this server only (instant; for testing). */
  guildId: string | undefined;
  /** DISCORD_LESSON_FORMAT: components (default; classic as the fallback) or classic only. */
  format: "components" | "classic";
  /** DISCORD_SHARDS: how many gateway shards this process opens; "auto" (the default) takes Discord's recommendation. */
  shards?: number | "auto";
}

export interface Config {
  /** DATA_DIR (default ./data): bot.sqlite, rendered lessons and their images, the math cache. */
  dataDir: string;
  /** CONTENT_DIR (default ./content): the Jekyll sites or folders of posts, comma-separated. */
  contentDirs: string[];
  /** COURSE_JSON: a lessons.json already rendered, served by the console chat instead of CONTENT_DIR (ignored with a platform token). */
  courseJson: string | undefined;
  /** DEFAULT_TIMEZONE (Asia/Ho_Chi_Minh) and DEFAULT_SEND_TIME (07:00) for new subscribers; REVIEW_PER_DAY (3): due cards asked with each day's lessons. */
  defaults: { timeZone: string; sendTime: string; reviewPerDay: number };
  /** LOG_LEVEL (info for the bot, warn for the console chat). */
  logLevel: string;
  /** TELEGRAM_BOT_TOKEN set: the Telegram adapter runs. */
  telegram: TelegramConfig | undefined;
  /** DISCORD_BOT_TOKEN (with DISCORD_APPLICATION_ID) set: the Discord adapter runs. */
  discord: DiscordConfig | undefined;
  /** TELEGRAM_RATE_GLOBAL / _CHAT / _GROUP, DISCORD_RATE_GLOBAL / _CHAT, as "N/1s", "20/60s", "5/5000ms". */
  limits: { telegram: RateLimits; discord: RateLimits };
  /** METRICS_PORT: /healthz and /metrics on this port (off when unset). */
  metricsPort: number | undefined;
  /** ADMIN_IDS: operators, as platform:id pairs ("telegram:123,discord:456"). */
  adminIds: string[];
  /** DATABASE_URL (postgres://…): the store on PostgreSQL, shared by an active process and its standbys; unset: DATA_DIR/bot.sqlite. */
  databaseUrl: Secret | undefined;
}


const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
/** What BotFather hands out: the bot's id, a colon, 35 characters. */
const TELEGRAM_TOKEN = /^\d{5,16}:[A-Za-z0-9_-]{30,64}$/;
/** Hosts that never leave this machine (a local Bot API server may post webhooks to them over http). */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;
/** Three base64url parts joined by dots. */
const DISCORD_TOKEN = /^[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$/;
const SNOWFLAKE = /^\d{15,21}$/;

/** DATA_DIR and CONTENT_DIR alone: what the engine's commands need even when the rest is invalid. */
export function pathsFrom(env: NodeJS.ProcessEnv): { dataDir: string; contentDirs: string[] } {
  const get = (name: string): string | undefined => env[name]?.trim() || undefined;
  const contentDirs = contentFolders(get("CONTENT_DIR") ?? "");
  return { dataDir: resolve(get("DATA_DIR") ?? "./data"), contentDirs: contentDirs.length ? contentDirs : [resolve("./content")] };
}

/** Where the bot's database is: DATABASE_URL (PostgreSQL) when set, else DATA_DIR/bot.sqlite. */
export function databaseLocation(env: NodeJS.ProcessEnv): string {
  return env.DATABASE_URL?.trim() || join(pathsFrom(env).dataDir, "bot.sqlite");
}

/** "blog, notes/dl" → the folders, resolved, each once, in the order given (a course catalogue's order). */
export function contentFolders(text: string): string[] {
  return [...new Set(text.split(",").map((d) => d.trim()).filter(Boolean).map((d) => resolve(d)))];
}

/** Reads and validates the environment once; nothing else in the program reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === "" ? undefined : v;
  };

  const zoneText = get("DEFAULT_TIMEZONE") ?? "Asia/Ho_Chi_Minh";
  const timeZone = canonicalTimeZone(zoneText);
  if (!timeZone) problems.push(`DEFAULT_TIMEZONE: "${zoneText}" is not an IANA time zone (e.g. Asia/Ho_Chi_Minh)`);
  const timeText = get("DEFAULT_SEND_TIME") ?? "07:00";
  const sendTime = parseSendTime(timeText);
  if (!sendTime) problems.push(`DEFAULT_SEND_TIME: "${timeText}" is not a time HH:MM (e.g. 07:00)`);
  const reviewText = get("REVIEW_PER_DAY") ?? "3";
  const reviewPerDay = /^\d{1,2}$/.test(reviewText) ? Number(reviewText) : NaN;
  if (!(reviewPerDay >= 0 && reviewPerDay <= 20)) problems.push(`REVIEW_PER_DAY: "${reviewText}" is not a number of cards from 0 to 20`);
  const logLevelSet = get("LOG_LEVEL");
  if (logLevelSet !== undefined && !logLevels.includes(logLevelSet)) problems.push(`LOG_LEVEL: "${logLevelSet}" is not one of ${logLevels.join(", ")}`);

  const window = (name: string, fallback: Window): Window => {
    const text = get(name);
    if (text === undefined) return fallback;
    const parsed = parseWindow(text);
    if (!parsed) problems.push(`${name}: "${text}" is not a rate like 30/1s, 20/60s or 5/5000ms`);
    return parsed ?? fallback;
  };
  const tg = defaultRateLimits.telegram;
  const dc = defaultRateLimits.discord;
  const paidBroadcast = paidBroadcastFrom(get, problems);
  // With paid broadcasts the overall rate is the paid one; Telegram's free 30/s stays inside it.
  const telegramGlobal = window("TELEGRAM_RATE_GLOBAL", paidBroadcast ? TELEGRAM_PAID_RATE : tg.global);
  if (paidBroadcast) checkPaidRate(get("TELEGRAM_RATE_GLOBAL"), problems);
  const limits = {
    telegram: {
      global: telegramGlobal,
      perChat: window("TELEGRAM_RATE_CHAT", tg.perChat),
      perGroup: window("TELEGRAM_RATE_GROUP", tg.perGroup),
      ...(paidBroadcast ? { free: tg.global } : {}),
    },
    discord: { global: window("DISCORD_RATE_GLOBAL", dc.global), perChat: window("DISCORD_RATE_CHAT", dc.perChat) },
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = get(name)?.toLowerCase();
    if (v === undefined) return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    problems.push(`${name}: "${get(name)}" is not one of ${allowed.join(", ")}`);
    return fallback;
  };
  const url = (name: string, opts: { https?: boolean; httpOnLoopback?: boolean } = {}): string | undefined => {
    const v = get(name);
    if (v === undefined) return undefined;
    let parsed: URL | undefined;
    try {
      parsed = new URL(v);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol)) problems.push(`${name}: "${v}" is not an http(s) URL`);
    else if (opts.https && parsed.protocol !== "https:" && !(opts.httpOnLoopback && LOOPBACK.test(parsed.hostname))) problems.push(`${name}: "${v}" must be an https URL (Telegram only delivers webhooks over https)`);
    return v.replace(/\/+$/, "");
  };
  const port = (name: string, fallback: number | undefined): number | undefined => {
    const v = get(name);
    if (v === undefined) return fallback;
    const n = /^\d{1,5}$/.test(v) ? Number(v) : NaN;
    if (!(n >= 1 && n <= 65535)) problems.push(`${name}: "${v}" is not a port number (1–65535)`);
    return n >= 1 && n <= 65535 ? n : fallback;
  };

  let telegram: TelegramConfig | undefined;
  const telegramToken = get("TELEGRAM_BOT_TOKEN");
  if (telegramToken !== undefined && !TELEGRAM_TOKEN.test(telegramToken)) {
    problems.push("TELEGRAM_BOT_TOKEN: not a bot token as BotFather gives it (digits, a colon, 35 letters, digits, _ or -)");
  }
  const webhookSecret = get("TELEGRAM_WEBHOOK_SECRET");
  if (webhookSecret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(webhookSecret)) {
    problems.push("TELEGRAM_WEBHOOK_SECRET: 1–256 characters of A-Z, a-z, 0-9, _ and -");
  }
  const telegramFormat = oneOf("TELEGRAM_LESSON_FORMAT", ["rich", "classic"] as const, "rich");
  const telegramApiRoot = url("TELEGRAM_API_ROOT");
  // A local Bot API server (TELEGRAM_API_ROOT) may deliver over plain http to this very machine.
  const webhookUrl = url("TELEGRAM_WEBHOOK_URL", { https: true, httpOnLoopback: telegramApiRoot !== undefined });
  const webhookPort = port("TELEGRAM_WEBHOOK_PORT", 8443)!;
  if (telegramToken !== undefined) {
    telegram = {
      token: new Secret(telegramToken),
      apiRoot: telegramApiRoot,
      format: telegramFormat,
      ...(paidBroadcast ? { paidBroadcast } : {}),
      webhook: webhookUrl
        ? {
            url: webhookUrl,
            secret: new Secret(webhookSecret ?? randomBytes(24).toString("base64url")),
            port: webhookPort,
            host: get("TELEGRAM_WEBHOOK_HOST") ?? "0.0.0.0",
          }
        : undefined,
    };
  }

  let discord: DiscordConfig | undefined;
  const discordToken = get("DISCORD_BOT_TOKEN");
  const applicationId = get("DISCORD_APPLICATION_ID");
  const guildId = get("DISCORD_GUILD_ID");
  const discordApiRoot = url("DISCORD_API_ROOT");
  const discordFormat = oneOf("DISCORD_LESSON_FORMAT", ["components", "classic"] as const, "components");
  const shardsText = get("DISCORD_SHARDS")?.toLowerCase() ?? "auto";
  const shards = shardsText === "auto" ? "auto" : /^\d{1,5}$/.test(shardsText) && Number(shardsText) >= 1 ? Number(shardsText) : undefined;
  if (shards === undefined) problems.push(`DISCORD_SHARDS: "${get("DISCORD_SHARDS")}" is not a shard count (a whole number from 1) or auto`);
  if (discordToken !== undefined) {
    if (!DISCORD_TOKEN.test(discordToken)) problems.push("DISCORD_BOT_TOKEN: not a bot token as the Developer Portal gives it (three parts joined by dots)");
    if (applicationId === undefined) problems.push("DISCORD_APPLICATION_ID: required with DISCORD_BOT_TOKEN (the application's id, on its General Information page)");
    else if (!SNOWFLAKE.test(applicationId)) problems.push(`DISCORD_APPLICATION_ID: "${applicationId}" is not a Discord id (15–21 digits)`);
    if (guildId !== undefined && !SNOWFLAKE.test(guildId)) problems.push(`DISCORD_GUILD_ID: "${guildId}" is not a Discord id (15–21 digits)`);
    discord = { token: new Secret(discordToken), applicationId: applicationId ?? "", apiRoot: discordApiRoot, guildId, format: discordFormat, shards: shards ?? "auto" };
  }

  const metricsPort = port("METRICS_PORT", undefined);
  const adminIds = (get("ADMIN_IDS") ?? "").split(/[\s,]+/).filter(Boolean);
  for (const id of adminIds) {
    if (!/^(telegram|discord|console):[\w-]{1,64}$/.test(id)) problems.push(`ADMIN_IDS: "${id}" is not platform:id (e.g. telegram:123456789, discord:987654321098765432)`);
  }

  const databaseText = get("DATABASE_URL");
  const databaseUrl = databaseText === undefined ? undefined : new Secret(databaseText);
  if (databaseText !== undefined && !isPostgresUrl(databaseText)) {
    problems.push("DATABASE_URL: not a PostgreSQL address (postgres://user:password@host:5432/database); leave it unset for DATA_DIR/bot.sqlite");
  }
  // Every process on the database takes webhook updates (behind a load balancer): each must check the
  // secret the active one gave Telegram, so a random one per start would not do.
  if (databaseText !== undefined && telegramToken !== undefined && webhookUrl && webhookSecret === undefined) {
    problems.push("TELEGRAM_WEBHOOK_SECRET: required with DATABASE_URL and TELEGRAM_WEBHOOK_URL (every process takes webhook updates and must check the same secret); e.g. openssl rand -hex 32");
  }

  const platformSet = telegramToken !== undefined || discordToken !== undefined;
  const requirePlatform = get("SAUPHUT_REQUIRE_PLATFORM");
  if (requirePlatform !== undefined && !/^(0|false|no)$/i.test(requirePlatform) && !platformSet) {
    problems.push("SAUPHUT_REQUIRE_PLATFORM is set, so this start needs TELEGRAM_BOT_TOKEN or DISCORD_BOT_TOKEN (neither is set; without one the bot would be a console chat)");
  }

  const paths = pathsFrom(env);
  const courseJson = get("COURSE_JSON");
  // COURSE_JSON replaces the content folders only in the console chat; the platforms render CONTENT_DIR.
  if (courseJson === undefined || platformSet) {
    for (const dir of paths.contentDirs) {
      const why = unreadableFolder(dir);
      if (why) problems.push(`CONTENT_DIR: ${dir} ${why} (a folder of posts, e.g. ./content, or several separated by commas)`);
    }
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...paths,
    courseJson: courseJson === undefined ? undefined : resolve(courseJson),
    defaults: { timeZone: timeZone!, sendTime: formatSendTime(sendTime!), reviewPerDay },
    // The console chat's screen is the learner's: only what needs attention is logged by default.
    logLevel: logLevelSet ?? (platformSet ? "info" : "warn"),
    telegram,
    discord,
    limits,
    metricsPort,
    adminIds,
    databaseUrl,
  };
}

/** postgres:// or postgresql:// with a host: what DATABASE_URL must be. */
export function isPostgresUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** The values no printed line may show: the tokens (and their secret parts) and the webhook secret. */
export function secretsOf(config: Config): string[] {
  const tokens = [config.telegram?.token, config.discord?.token].flatMap((s) => (s ? secretParts(s.reveal()) : []));
  const webhook = config.telegram?.webhook?.secret.reveal();
  const password = config.databaseUrl ? databasePassword(config.databaseUrl.reveal()) : [];
  return [...tokens, ...(webhook ? [webhook] : []), ...password];
}

/**
 * The same values read straight from the environment, for lines printed before (or without) a valid
 * configuration: a malformed token is still a secret.
 */
export function secretsInEnv(env: NodeJS.ProcessEnv): string[] {
  const value = (name: string): string | undefined => env[name]?.trim() || undefined;
  const tokens = ["TELEGRAM_BOT_TOKEN", "DISCORD_BOT_TOKEN"].flatMap((n) => secretParts(value(n) ?? "").filter(Boolean));
  const webhook = value("TELEGRAM_WEBHOOK_SECRET");
  const database = value("DATABASE_URL");
  return [...tokens, ...(webhook ? [webhook] : []), ...(database ? databasePassword(database) : [])];
}

/** Why `dir` cannot serve as the content folder, or undefined when it can. */
function unreadableFolder(dir: string): string | undefined {
  try {
    if (!statSync(dir).isDirectory()) return "is not a folder";
    accessSync(dir, constants.R_OK | constants.X_OK);
    readdirSync(dir);
    return undefined;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : "cannot be read";
  }
}

/** What Telegram's paid broadcasts allow overall: 1000 messages a second. */
const TELEGRAM_PAID_RATE: Window = { max: 1000, perMs: 1000 };

/** TELEGRAM_PAID_BROADCAST (on/off) and TELEGRAM_PAID_BROADCAST_MAX_STARS (Stars a UTC day, to a tenth). */
function paidBroadcastFrom(get: (name: string) => string | undefined, problems: string[]): { maxStars?: number } | undefined {
  const on = get("TELEGRAM_PAID_BROADCAST")?.toLowerCase();
  if (on !== undefined && on !== "on" && on !== "off") problems.push(`TELEGRAM_PAID_BROADCAST: "${get("TELEGRAM_PAID_BROADCAST")}" is not one of on, off`);
  const cap = get("TELEGRAM_PAID_BROADCAST_MAX_STARS");
  const maxStars = cap !== undefined && /^\d{1,9}(\.\d)?$/.test(cap) ? Number(cap) : undefined;
  if (cap !== undefined && maxStars === undefined) problems.push(`TELEGRAM_PAID_BROADCAST_MAX_STARS: "${cap}" is not a number of Stars a day (e.g. 500 or 12.5)`);
  if (on !== "on") return undefined;
  return maxStars === undefined ? {} : { maxStars };
}

/** With paid broadcasts, TELEGRAM_RATE_GLOBAL is the paid overall rate: above Telegram's free 30/s, at most 1000/s. */
function checkPaidRate(text: string | undefined, problems: string[]): void {
  const rate = text === undefined ? undefined : parseWindow(text);
  if (!rate) return;
  const perSecond = (w: Window): number => (w.max * 1000) / w.perMs;
  if (perSecond(rate) > perSecond(TELEGRAM_PAID_RATE) || perSecond(rate) <= perSecond(defaultRateLimits.telegram.global)) {
    problems.push(`TELEGRAM_RATE_GLOBAL: "${text}" is not a paid broadcast rate (with TELEGRAM_PAID_BROADCAST=on, the overall rate: above the free 30/s, at most 1000/s, e.g. 1000/1s)`);
  }
}

/** "30/1s" → 30 per 1000 ms; also "20/60s", "20/1m", "5/5000ms". */
export function parseWindow(text: string): Window | undefined {
  const m = /^(\d{1,6})\s*\/\s*(\d{1,7})\s*(ms|s|m)$/.exec(text.trim());
  if (!m) return undefined;
  const max = Number(m[1]);
  const perMs = Number(m[2]) * (m[3] === "ms" ? 1 : m[3] === "s" ? 1000 : 60_000);
  return max >= 1 && perMs >= 1 ? { max, perMs } : undefined;
}

/** DATABASE_URL's password, as written and decoded: never printed. */
function databasePassword(text: string): string[] {
  try {
    const raw = new URL(text).password;
    return raw ? [...new Set([raw, decodeURIComponent(raw)])] : [];
  } catch {
    return [];
  }
}
