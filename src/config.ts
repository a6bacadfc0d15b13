import { resolve } from "node:path";
import { inspect } from "node:util";
import { defaultRateLimits, type RateLimits, type Window } from "./learning/rateLimiter.js";
import { parseSendTime, formatSendTime } from "./schedule/dueTime.js";
import { canonicalTimeZone } from "./schedule/zonedTime.js";

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

export interface Config {
  /** DATA_DIR (default ./data): bot.sqlite, rendered lessons and their images, the math cache. */
  dataDir: string;
  /** CONTENT_DIR (default ./content): the Jekyll site or folder of posts. */
  contentDir: string;
  /** COURSE_JSON: a lessons.json already rendered (for the console platform) instead of rendering CONTENT_DIR. */
  courseJson: string | undefined;
  /** DEFAULT_TIMEZONE (Asia/Ho_Chi_Minh) and DEFAULT_SEND_TIME (07:00) for new subscribers. */
  defaults: { timeZone: string; sendTime: string };
  /** LOG_LEVEL (info). */
  logLevel: string;
  telegramToken: Secret | undefined;
  discordToken: Secret | undefined;
  /** TELEGRAM_RATE_GLOBAL / _CHAT / _GROUP, DISCORD_RATE_GLOBAL / _CHAT, as "N/1s", "20/60s", "5/5000ms". */
  limits: { telegram: RateLimits; discord: RateLimits };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join("\n  ")}`);
    this.name = "ConfigError";
  }
}

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

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
  const logLevel = get("LOG_LEVEL") ?? "info";
  if (!logLevels.includes(logLevel)) problems.push(`LOG_LEVEL: "${logLevel}" is not one of ${logLevels.join(", ")}`);

  const window = (name: string, fallback: Window): Window => {
    const text = get(name);
    if (text === undefined) return fallback;
    const parsed = parseWindow(text);
    if (!parsed) problems.push(`${name}: "${text}" is not a rate like 30/1s, 20/60s or 5/5000ms`);
    return parsed ?? fallback;
  };
  const tg = defaultRateLimits.telegram;
  const dc = defaultRateLimits.discord;
  const limits = {
    telegram: {
      global: window("TELEGRAM_RATE_GLOBAL", tg.global),
      perChat: window("TELEGRAM_RATE_CHAT", tg.perChat),
      perGroup: window("TELEGRAM_RATE_GROUP", tg.perGroup),
    },
    discord: { global: window("DISCORD_RATE_GLOBAL", dc.global), perChat: window("DISCORD_RATE_CHAT", dc.perChat) },
  };

  if (problems.length > 0) throw new ConfigError(problems);
  const token = (name: string): Secret | undefined => {
    const v = get(name);
    return v === undefined ? undefined : new Secret(v);
  };
  const courseJson = get("COURSE_JSON");
  return {
    dataDir: resolve(get("DATA_DIR") ?? "./data"),
    contentDir: resolve(get("CONTENT_DIR") ?? "./content"),
    courseJson: courseJson === undefined ? undefined : resolve(courseJson),
    defaults: { timeZone: timeZone!, sendTime: formatSendTime(sendTime!) },
    logLevel,
    telegramToken: token("TELEGRAM_BOT_TOKEN"),
    discordToken: token("DISCORD_BOT_TOKEN"),
    limits,
  };
}

/** "30/1s" → 30 per 1000 ms; also "20/60s", "20/1m", "5/5000ms". */
export function parseWindow(text: string): Window | undefined {
  const m = /^(\d{1,6})\s*\/\s*(\d{1,7})\s*(ms|s|m)$/.exec(text.trim());
  if (!m) return undefined;
  const max = Number(m[1]);
  const perMs = Number(m[2]) * (m[3] === "ms" ? 1 : m[3] === "s" ? 1000 : 60_000);
  return max >= 1 && perMs >= 1 ? { max, perMs } : undefined;
}
