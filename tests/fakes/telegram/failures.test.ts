import { Api, HttpError } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "./server.js";
import { apiError } from "./testHelpers.js";

let tg: FakeTelegram | undefined;
afterEach(async () => {
  expect(tg?.internalErrors).toEqual([]);
  await tg?.stop();
  tg = undefined;
});

async function start(options: Parameters<typeof FakeTelegram.start>[0] = {}): Promise<{ tg: FakeTelegram; api: Api }> {
  tg = await FakeTelegram.start(options);
  return { tg, api: new Api(tg.token, { apiRoot: tg.apiRoot }) };
}

describe("fake Bot API: rate limits", () => {
  it("answers 429 with retry_after once a chat got its one message this second", async () => {
    const { tg, api } = await start();
    const ann = tg.addUser();
    await api.sendMessage(ann.id, "một");
    const e = await apiError(api.sendMessage(ann.id, "hai"));
    expect([e.error_code, e.description, e.parameters.retry_after]).toEqual([429, "Too Many Requests: retry after 1", 1]);
    expect(tg.counters.tooManyRequests).toBe(1);
    await new Promise((r) => setTimeout(r, 1000));
    await api.sendMessage(ann.id, "hai");
    expect(tg.sentTo(ann.id).map((s) => s.text)).toEqual(["một", "hai"]);
  });

  it("holds all chats together to 30 messages a second", async () => {
    const { tg, api } = await start();
    const users = Array.from({ length: 31 }, () => tg.addUser());
    const results = await Promise.allSettled(users.map((u) => api.sendMessage(u.id, "bài")));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(30);
    expect(tg.counters.tooManyRequests).toBe(1);
  });

  it("holds a group to 20 messages a minute, with retry_after in whole seconds up to a minute", async () => {
    const { tg, api } = await start({ rateLimits: { perChat: { count: 100, windowMs: 1000 } } });
    const group = tg.addGroup();
    for (let i = 0; i < 20; i++) await api.sendMessage(group.id, `tin ${i}`);
    const e = await apiError(api.sendMessage(group.id, "tin 21"));
    expect(e.error_code).toBe(429);
    expect(e.parameters.retry_after).toBeGreaterThanOrEqual(59);
    expect(e.parameters.retry_after).toBeLessThanOrEqual(60);
  });

  it("scales with the benchmark's limits (10 a second per chat)", async () => {
    const { tg, api } = await start({ rateLimits: { global: { count: 300, windowMs: 1000 }, perChat: { count: 10, windowMs: 1000 }, perGroup: { count: 200, windowMs: 60_000 } } });
    const ann = tg.addUser();
    const results = await Promise.allSettled(Array.from({ length: 11 }, (_, i) => api.sendMessage(ann.id, `m${i}`)));
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
  });

  it("counts only sends: reads and callbacks never meet a 429", async () => {
    const { tg, api } = await start();
    const ann = tg.addUser();
    await api.sendMessage(ann.id, "x");
    for (let i = 0; i < 5; i++) await api.getChat(ann.id);
    expect(tg.counters.tooManyRequests).toBe(0);
  });
});

describe("fake Bot API: injected failures", () => {
  it("gives a 429 storm for the next N sends, then for a duration", async () => {
    const { tg, api } = await start({ rateLimits: { perChat: { count: 100, windowMs: 1000 } } });
    const ann = tg.addUser();
    tg.flood({ calls: 2, retryAfter: 3 });
    expect((await apiError(api.sendMessage(ann.id, "a"))).parameters.retry_after).toBe(3);
    expect((await apiError(api.sendMessage(ann.id, "a"))).error_code).toBe(429);
    await api.sendMessage(ann.id, "a");
    tg.flood({ forMs: 300 });
    expect((await apiError(api.sendMessage(ann.id, "b"))).description).toBe("Too Many Requests: retry after 1");
    await new Promise((r) => setTimeout(r, 350));
    await api.sendMessage(ann.id, "b");
    expect(tg.counters.tooManyRequests).toBe(3);
  });

  it("answers 5xx for the next N send calls without touching other methods", async () => {
    const { tg, api } = await start();
    const ann = tg.addUser();
    tg.failNext(2, { status: 502, description: "Bad Gateway" });
    await api.getMe();
    expect((await apiError(api.sendMessage(ann.id, "x"))).error_code).toBe(502);
    expect((await apiError(api.sendRichMessage(ann.id, { html: "<p>x</p>" }))).error_code).toBe(502);
    await api.sendMessage(ann.id, "x");
    expect(tg.counters.serverErrors).toBe(2);
    expect(tg.sent).toHaveLength(1);
  });

  it("refuses deactivated users, channels the bot left, and channels where it is no admin", async () => {
    const { tg, api } = await start();
    const ann = tg.addUser();
    tg.deactivateUser(ann.id);
    expect((await apiError(api.sendMessage(ann.id, "x"))).description).toBe("Forbidden: user is deactivated");
    const left = tg.addChannel();
    tg.removeBot(left.id);
    expect((await apiError(api.sendMessage(left.id, "x"))).description).toBe("Forbidden: bot is not a member of the channel chat");
    const readOnly = tg.addChannel({ bot: "member" });
    expect((await apiError(api.sendMessage(readOnly.id, "x"))).description).toBe("Bad Request: need administrator rights in the channel chat");
  });

  it("goes away on stop(): the request in flight is reset (though applied), new ones are refused; restart() serves the same port", async () => {
    const { tg, api } = await start({ rateLimits: { perChat: { count: 100, windowMs: 1000 } } });
    const ann = tg.addUser();
    const root = tg.apiRoot;
    await api.sendMessage(ann.id, "trước");
    tg.setLatency((method) => (method === "sendMessage" ? 500 : 0));
    const inFlight = api.sendMessage(ann.id, "đang gửi").catch((e: unknown) => e);
    await tg.waitFor(() => tg.sent.length === 2);
    const stoppedAt = Date.now();
    await tg.stop();
    expect(Date.now() - stoppedAt).toBeLessThan(1000);
    expect(await inFlight).toBeInstanceOf(HttpError);
    expect(tg.sent.map((s) => s.text)).toEqual(["trước", "đang gửi"]);
    expect(await api.getMe().catch((e: unknown) => e)).toBeInstanceOf(HttpError);
    await tg.restart();
    tg.setLatency(0);
    expect(tg.apiRoot).toBe(root);
    const after = await api.sendMessage(ann.id, "sau");
    expect(after.message_id).toBe(3);
  });
});
