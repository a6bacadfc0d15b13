import type { ResponseLike } from "discord.js";
import { describe, expect, it } from "vitest";
import { pacedRequests, RequestPacer } from "../../adapters/discord/requestPacer.js";
import { VirtualClock } from "../../src/schedule/virtualClock.js";
import { settle } from "../learning/helpers.js";

/** A 204 answer, as discord.js's request functions return it. */
const noContent = (): ResponseLike => ({
  body: null,
  bodyUsed: false,
  ok: true,
  status: 204,
  statusText: "No Content",
  headers: new Headers(),
  arrayBuffer: async () => new ArrayBuffer(0),
  json: async () => ({}),
  text: async () => "",
});

const MESSAGES = "http://127.0.0.1/api/v10/channels/1/messages";

describe("GIVEN the pacer of every REST request, on the virtual clock", () => {
  it("THEN request k + max starts a full window after request k was answered, however long requests take", async () => {
    const clock = new VirtualClock(0);
    const pacer = new RequestPacer(5, 100, clock);
    const spans: { start: number; end: number }[] = [];
    // Latencies from 2 to 40 ms in a fixed, uneven order: answers come back out of order.
    const latency = [7, 31, 2, 40, 13, 5, 22, 37, 3, 18];
    let n = 0;
    const send = pacedRequests(pacer, async () => {
      const start = clock.now();
      await clock.sleep(latency[n++ % latency.length]!);
      spans.push({ start, end: clock.now() });
      return noContent();
    });
    await settle(clock, Promise.all(Array.from({ length: 20 }, () => send(MESSAGES, {}))));
    expect(spans).toHaveLength(20);
    const starts = spans.map((s) => s.start).sort((a, b) => a - b);
    const ends = spans.map((s) => s.end).sort((a, b) => a - b);
    for (let k = 5; k < starts.length; k++) expect(starts[k]! - ends[k - 5]!).toBeGreaterThanOrEqual(100);
    // The first five go at once; 20 requests at 5 per 100 ms wait three full windows at least.
    expect(starts.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(starts[15]!).toBeGreaterThanOrEqual(300);
    expect(pacer.queued).toBe(0);
  });

  it("THEN a request waits no longer than its window asks: the sixth starts exactly one window after the first answer", async () => {
    const clock = new VirtualClock(1_000);
    const pacer = new RequestPacer(5, 100, clock);
    const starts: number[] = [];
    const send = pacedRequests(pacer, async () => {
      starts.push(clock.now());
      await clock.sleep(10);
      return noContent();
    });
    await settle(clock, Promise.all(Array.from({ length: 6 }, () => send(MESSAGES, {}))));
    expect(starts).toEqual([1000, 1000, 1000, 1000, 1000, 1110]);
  });

  it("THEN while the oldest request is unanswered no further one starts, however long it takes", async () => {
    const clock = new VirtualClock(0);
    const pacer = new RequestPacer(1, 100, clock);
    const starts: number[] = [];
    const send = pacedRequests(pacer, async () => {
      starts.push(clock.now());
      await clock.sleep(starts.length === 1 ? 5_000 : 1);
      return noContent();
    });
    await settle(clock, Promise.all([send(MESSAGES, {}), send(MESSAGES, {})]));
    expect(starts).toEqual([0, 5_100]);
  });

  it("THEN interaction callbacks and follow-ups are not held (Discord does not count them)", async () => {
    const clock = new VirtualClock(0);
    const pacer = new RequestPacer(1, 10_000, clock);
    const calls: number[] = [];
    const send = pacedRequests(pacer, async () => {
      calls.push(clock.now());
      return noContent();
    });
    await settle(clock, send(MESSAGES, {}));
    await settle(clock, send("http://127.0.0.1/api/v10/interactions/2/tok/callback", {}));
    await settle(clock, send("http://127.0.0.1/api/v10/webhooks/3/tok/messages/@original", {}));
    expect(calls).toEqual([0, 0, 0]);
    expect(pacer.queued).toBe(0);
  });
});
