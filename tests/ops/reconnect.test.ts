/**
 * Reaching a platform that does not answer, on the virtual clock: the waits between attempts (doubling,
 * never over a minute), the log (the first failure at once, then one line a minute at most, one when
 * it is back), a refused token ending the retries, and a stop ending them.
 */
import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/contract/configError.js";
import { OutageLog, retryDelayMs, retryUntilConnected } from "../../src/ops/reconnect.js";
import { VirtualClock } from "../../src/schedule/virtualClock.js";

function logSink(): { log: pino.Logger; lines: () => { level: number; msg: string; attempts?: number }[] } {
  let text = "";
  const log = pino({ level: "info" }, new Writable({ write: (c, _e, cb) => ((text += String(c)), cb()) }));
  return { log, lines: () => text.split("\n").filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string; attempts?: number }) };
}

describe("reaching a platform that does not answer", () => {
  it("GIVEN attempt after attempt failing THEN the waits double from 1 s and stay at 60 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  it("GIVEN an outage of ten minutes THEN the first failure is logged at once, then one line a minute at most, and one line when it is back", async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const { log, lines } = logSink();
    const outage = new OutageLog(log, "the Telegram Bot API at 127.0.0.1:9", clock);
    let calls = 0;
    const connected = retryUntilConnected({
      attempt: async () => {
        calls++;
        if (clock.now() < Date.UTC(2026, 0, 1, 0, 10)) throw new Error("down");
        return "me";
      },
      causeOf: () => "connect ECONNREFUSED 127.0.0.1:9",
      outage,
      clock,
    });
    await clock.runUntilIdle(0);
    expect(lines()).toEqual([expect.objectContaining({ level: 40, msg: "cannot reach the Telegram Bot API at 127.0.0.1:9: connect ECONNREFUSED 127.0.0.1:9; retrying", attempts: 1 })]);
    await clock.advance(15 * 60_000);
    await expect(connected).resolves.toBe("me");
    outage.recovered();
    const warns = lines().filter((l) => l.level === 40);
    // Attempts at 0, 1, 3, 7, 15, 31, 63 s, then each minute: 16 in ten minutes, told in at most 11 lines.
    expect(calls).toBe(16);
    expect(warns.length).toBeLessThanOrEqual(11);
    expect(warns.reduce((n, l) => n + (l.attempts ?? 0), 0)).toBe(15);
    expect(lines().at(-1)).toMatchObject({ level: 30, msg: "the Telegram Bot API at 127.0.0.1:9 answers again", attempts: 15 });
  });

  it("GIVEN a refused token THEN the retries end with the ConfigError, after one attempt", async () => {
    const { log } = logSink();
    let calls = 0;
    const refused = new ConfigError(["TELEGRAM_BOT_TOKEN: refused"]);
    const connected = retryUntilConnected({
      attempt: async () => {
        calls++;
        throw new Error("401");
      },
      causeOf: () => {
        throw refused;
      },
      outage: new OutageLog(log, "x", new VirtualClock(0)),
      clock: new VirtualClock(0),
    });
    await expect(connected).rejects.toBe(refused);
    expect(calls).toBe(1);
  });

  it("GIVEN a stop while waiting for the next attempt THEN it ends at once with the stop's reason", async () => {
    const clock = new VirtualClock(0);
    const { log } = logSink();
    const stop = new AbortController();
    const connected = retryUntilConnected({ attempt: () => Promise.reject(new Error("down")), causeOf: () => "down", outage: new OutageLog(log, "x", clock), clock, signal: stop.signal });
    await clock.runUntilIdle(0);
    stop.abort(new Error("SIGTERM received"));
    await expect(connected).rejects.toThrow("SIGTERM received");
  });
});
