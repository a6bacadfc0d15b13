import { describe, expect, it } from "vitest";
import { rateLimited } from "../../src/learning/limitedSender.js";
import { RateLimiter } from "../../src/learning/rateLimiter.js";
import type { SendResult, Sender } from "../../src/learning/sender.js";
import type { ChatAddress } from "../../src/contract/chat.js";
import { VirtualClock } from "../../src/schedule/virtualClock.js";
import { settle } from "./helpers.js";

const chat = (id: string, kind: "private" | "group" = "private"): ChatAddress => ({ platform: "telegram", chatId: id, kind });

describe("the rate limiter", () => {
  it("GIVEN more waiters than the overall limit THEN 30 per second, first come first served", async () => {
    const clock = new VirtualClock(0);
    const limiter = new RateLimiter({ global: { max: 30, perMs: 1000 }, perChat: { max: 1, perMs: 1000 } }, clock);
    const granted: [number, number][] = [];
    const all = Array.from({ length: 90 }, (_, i) =>
      limiter.acquire(chat(String(i))).then((grant) => {
        granted.push([i, clock.now()]);
        grant.release();
      }),
    );
    await settle(clock, Promise.all(all));
    expect(granted.map(([i]) => i)).toEqual(Array.from({ length: 90 }, (_, i) => i));
    expect(granted.filter(([, t]) => t === 0)).toHaveLength(30);
    expect(granted.filter(([, t]) => t === 1000)).toHaveLength(30);
    expect(granted.filter(([, t]) => t === 2000)).toHaveLength(30);
  });

  it("GIVEN a group at its per-minute limit THEN private chats behind it are served, not held up", async () => {
    const clock = new VirtualClock(0);
    const limiter = new RateLimiter(
      { global: { max: 30, perMs: 1000 }, perChat: { max: 1, perMs: 1000 }, perGroup: { max: 20, perMs: 60_000 } },
      clock,
    );
    for (let i = 0; i < 20; i++) {
      (await settle(clock, limiter.acquire(chat("g", "group")))).release();
    }
    expect(clock.now()).toBe(19_000);
    const order: string[] = [];
    const jobs = [
      limiter.acquire(chat("g", "group")).then((r) => (order.push(`g@${clock.now()}`), r.release())),
      limiter.acquire(chat("p1")).then((r) => (order.push(`p1@${clock.now()}`), r.release())),
      limiter.acquire(chat("p2")).then((r) => (order.push(`p2@${clock.now()}`), r.release())),
    ];
    await settle(clock, Promise.all(jobs));
    expect(order).toEqual(["p1@19000", "p2@19000", "g@60000"]);
  });

  it("GIVEN network latency that varies from 10 to 400 ms THEN the platform never counts more than 30 arrivals in a second", async () => {
    const clock = new VirtualClock(0);
    const arrivals: number[] = [];
    let seed = 7;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const platform: Sender = {
      platform: "telegram",
      async send(): Promise<SendResult> {
        await clock.sleep(5 + random() * 200); // request reaches the platform
        arrivals.push(clock.now());
        await clock.sleep(5 + random() * 200); // answer comes back
        return { ok: true, messageId: "1" };
      },
    };
    const sender = rateLimited(platform, { global: { max: 30, perMs: 1000 }, perChat: { max: 1, perMs: 1000 } }, clock);
    await settle(clock, Promise.all(Array.from({ length: 600 }, (_, i) => sender.send(chat(String(i % 300)), { text: "x" }))));
    arrivals.sort((a, b) => a - b);
    expect(arrivals).toHaveLength(600);
    for (let i = 30; i < arrivals.length; i++) expect(arrivals[i]! - arrivals[i - 30]!).toBeGreaterThanOrEqual(1000);
  });
});
