import { performance } from "node:perf_hooks";
import type { ResponseLike } from "discord.js";
import { describe, expect, it } from "vitest";
import { pacedRequests, RequestPacer } from "../../adapters/discord/requestPacer.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
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

describe("GIVEN the pacer of every REST request", () => {
  it("THEN request k + max starts a full window after request k was answered, however long requests take", async () => {
    const pacer = new RequestPacer(5, 100);
    const spans: { start: number; end: number }[] = [];
    const send = pacedRequests(pacer, async () => {
      const start = performance.now();
      await sleep(2 + Math.random() * 8);
      spans.push({ start, end: performance.now() });
      return noContent();
    });
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 20 }, () => send("http://127.0.0.1/api/v10/channels/1/messages", {})));
    spans.sort((a, b) => a.start - b.start);
    const ends = spans.map((s) => s.end).sort((a, b) => a - b);
    for (let k = 5; k < spans.length; k++) expect(spans[k]!.start - ends[k - 5]!).toBeGreaterThanOrEqual(99);
    // 20 requests, 5 per 100 ms: three full windows wait, so at least 300 ms; the first five go at once.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(300);
    expect(spans.slice(0, 5).every((s) => s.start - t0 < 20)).toBe(true);
    expect(pacer.queued).toBe(0);
  });

  it("THEN interaction callbacks and follow-ups are not held (Discord does not count them)", async () => {
    const pacer = new RequestPacer(1, 10_000);
    let calls = 0;
    const send = pacedRequests(pacer, async () => {
      calls++;
      return noContent();
    });
    await send("http://127.0.0.1/api/v10/channels/1/messages", {});
    const t0 = performance.now();
    await send("http://127.0.0.1/api/v10/interactions/2/tok/callback", {});
    await send("http://127.0.0.1/api/v10/webhooks/3/tok/messages/@original", {});
    expect(performance.now() - t0).toBeLessThan(50);
    expect(calls).toBe(3);
    expect(pacer.queued).toBe(0);
  });
});
