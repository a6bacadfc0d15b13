import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseWindow, Secret } from "../../src/config.js";

describe("configuration", () => {
  it("GIVEN an empty environment THEN the documented defaults", () => {
    const c = loadConfig({});
    expect(c.defaults).toEqual({ timeZone: "Asia/Ho_Chi_Minh", sendTime: "07:00" });
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.contentDir).toMatch(/\/content$/);
    expect(c.telegramToken).toBeUndefined();
    expect(c.limits.telegram).toEqual({ global: { max: 30, perMs: 1000 }, perChat: { max: 1, perMs: 1000 }, perGroup: { max: 20, perMs: 60_000 } });
  });

  it("GIVEN overrides THEN they are validated and normalized", () => {
    const c = loadConfig({ DEFAULT_TIMEZONE: "europe/berlin", DEFAULT_SEND_TIME: "7:05", TELEGRAM_RATE_GLOBAL: "25/1s", TELEGRAM_RATE_GROUP: "15/1m" });
    expect(c.defaults).toEqual({ timeZone: "Europe/Berlin", sendTime: "07:05" });
    expect(c.limits.telegram.global).toEqual({ max: 25, perMs: 1000 });
    expect(c.limits.telegram.perGroup).toEqual({ max: 15, perMs: 60_000 });
  });

  it("GIVEN several bad values THEN one error lists them all", () => {
    try {
      loadConfig({ DEFAULT_TIMEZONE: "Mars/Base", DEFAULT_SEND_TIME: "25:99", LOG_LEVEL: "loud", DISCORD_RATE_CHAT: "fast" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems).toHaveLength(4);
    }
  });

  it("parseWindow", () => {
    expect(parseWindow("5/5000ms")).toEqual({ max: 5, perMs: 5000 });
    expect(parseWindow("0/1s")).toBeUndefined();
    expect(parseWindow("30 per second")).toBeUndefined();
  });

  it("GIVEN a token THEN it never reaches a log line, however it is logged", () => {
    const c = loadConfig({ TELEGRAM_BOT_TOKEN: "123:ABC-SECRET" });
    expect(c.telegramToken).toBeInstanceOf(Secret);
    expect(c.telegramToken!.reveal()).toBe("123:ABC-SECRET");
    let out = "";
    const sink = new Writable({ write: (chunk, _e, cb) => ((out += String(chunk)), cb()) });
    const log = pino({ redact: ["token", "*.token"] }, sink);
    log.info({ config: c }, "config");
    log.info({ token: "123:ABC-SECRET" }, "raw");
    log.info(`interpolated ${String(c.telegramToken)}`);
    expect(out).not.toContain("ABC-SECRET");
    expect(JSON.stringify(c)).not.toContain("ABC-SECRET");
  });
});
