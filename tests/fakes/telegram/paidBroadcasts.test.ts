import { Api } from "grammy";
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

describe("fake Bot API: paid broadcasts", () => {
  it("GIVEN 40 sends at once without allow_paid_broadcast THEN 30 pass and 10 get 429, whatever the balance", async () => {
    const { tg, api } = await start({ stars: { balance: 100 } });
    const users = Array.from({ length: 40 }, () => tg.addUser());
    const results = await Promise.allSettled(users.map((u) => api.sendMessage(u.id, "bài")));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(30);
    expect(tg.counters.tooManyRequests).toBe(10);
    expect(tg.stars.paidMessages).toBe(0);
  });

  it("GIVEN 40 sends at once with allow_paid_broadcast THEN all pass, the 10 past the free rate paid for; per-chat limits stay", async () => {
    const { tg, api } = await start({ stars: { balance: 100 } });
    const users = Array.from({ length: 40 }, () => tg.addUser());
    await Promise.all(users.map((u) => api.sendMessage(u.id, "bài", { allow_paid_broadcast: true })));
    expect(tg.sent).toHaveLength(40);
    expect(tg.sent.every((s) => s.paidBroadcast)).toBe(true);
    expect(tg.sent.filter((s) => s.charged)).toHaveLength(10);
    expect(tg.stars.paidMessages).toBe(10);
    expect(await api.getMyStarBalance()).toEqual({ amount: 99 });
    expect((await apiError(api.sendMessage(users[0]!.id, "lại", { allow_paid_broadcast: true }))).error_code).toBe(429);
  });

  it("GIVEN the paid rate THEN sends carrying the parameter stop at it (1000 a second by default, 50 here)", async () => {
    const { tg, api } = await start({ stars: { balance: 100 }, rateLimits: { paidGlobal: { count: 50, windowMs: 1000 } } });
    const users = Array.from({ length: 60 }, () => tg.addUser());
    const results = await Promise.allSettled(users.map((u) => api.sendMessage(u.id, "bài", { allow_paid_broadcast: true })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(50);
    expect(tg.counters.tooManyRequests).toBe(10);
    expect(tg.stars.paidMessages).toBe(20);
  });

  it("GIVEN an empty balance THEN a send past the free rate is refused as configured and takes no slot", async () => {
    const { tg, api } = await start({ stars: { balance: 0.2 } });
    const users = Array.from({ length: 34 }, () => tg.addUser());
    for (const u of users.slice(0, 30)) await api.sendMessage(u.id, "miễn phí", { allow_paid_broadcast: true });
    expect(tg.stars.paidMessages).toBe(0);
    await api.sendRichMessage(users[30]!.id, { html: "<p>một</p>" }, { allow_paid_broadcast: true });
    await api.sendMessage(users[31]!.id, "hai", { allow_paid_broadcast: true });
    expect(tg.stars.paidMessages).toBe(2);
    const refused = await apiError(api.sendMessage(users[32]!.id, "hết", { allow_paid_broadcast: true }));
    expect([refused.error_code, refused.description]).toEqual([400, "Bad Request: BALANCE_TOO_LOW"]);
    tg.setPaidRefusal({ code: 402, description: "Payment Required: not enough Stars for a paid broadcast" });
    const again = await apiError(api.sendMessage(users[33]!.id, "hết", { allow_paid_broadcast: true }));
    expect([again.error_code, again.description]).toEqual([402, "Payment Required: not enough Stars for a paid broadcast"]);
    expect(await api.getMyStarBalance()).toEqual({ amount: 0 });
    // The refused send took no slot: topped up, the same chat gets its message within the same second.
    tg.setStarBalance(1.5);
    expect(await api.getMyStarBalance()).toEqual({ amount: 1, nanostar_amount: 500_000_000 });
    await api.sendMessage(users[32]!.id, "có rồi", { allow_paid_broadcast: true });
    expect(tg.sentTo(users[32]!.id).map((s) => s.text)).toEqual(["có rồi"]);
  });
});
