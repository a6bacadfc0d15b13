/**
 * End to end under faults: the real bot process (classic lessons of five messages, so a delivery has
 * a middle) against the fake Bot API. A user blocking the bot mid-delivery, a 429 storm, a group
 * upgraded to a supergroup, the API restarted mid-delivery, and the bot killed with SIGKILL
 * mid-delivery and started again on the same data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegram, type SentMessage } from "../fakes/telegram/server.js";
import { BotProcess } from "./botProcess.js";
import { command, e2eDirs, eventually, labels, press, query, roomy } from "./e2e.helpers.js";

let tg: FakeTelegram;
let bot: BotProcess;
const processes: BotProcess[] = [];
let dirs: ReturnType<typeof e2eDirs>;

const startBot = async (): Promise<BotProcess> => {
  const p = new BotProcess(BotProcess.env(tg, dirs.dataDir, dirs.contentDir, { TELEGRAM_LESSON_FORMAT: "classic" }));
  processes.push(p);
  await p.ready();
  return p;
};

beforeAll(async () => {
  tg = await FakeTelegram.start({ rateLimits: { global: roomy, perChat: { count: 20, windowMs: 1000 }, perGroup: { count: 200, windowMs: 60_000 } } });
  dirs = e2eDirs();
  bot = await startBot();
}, 90_000);

afterAll(async () => {
  bot.kill("SIGTERM");
  expect((await bot.exited).code).toBe(0);
  for (const p of processes) expect(p.leaks(tg.token)).toEqual([]);
  expect(tg.internalErrors).toEqual([]);
  // Every message was valid; the 4xx seen are the faults made here.
  expect(tg.rejections.filter((r) => r.status === 400 && !/upgraded to a supergroup/.test(r.description))).toEqual([]);
  await tg.stop();
  dirs.cleanup();
}, 30_000);

/** Classic lesson 1: its text, the figure, an album of two formulas (one request), the footer with the buttons. */
const LESSON_1 = ["sendMessage", "sendPhoto", "sendMediaGroup", "sendMessage"];

/** The requests a chat received, an album counted once. */
function requestsOf(messages: SentMessage[]): SentMessage[] {
  return messages.filter((m, i) => m.mediaGroupId === undefined || messages.findIndex((o) => o.mediaGroupId === m.mediaGroupId) === i);
}

const statusOf = (chatId: number): string | undefined => query<{ status: string }>(dirs.dataDir, "SELECT status FROM subscribers WHERE chat_id = ?", String(chatId))[0]?.status;

describe("end to end under faults", () => {
  it("a user blocks the bot mid-delivery: the rest is not sent, the chat is unreachable, the bot goes on serving others", async () => {
    const user = tg.addUser({ first_name: "Leaving" });
    await command(tg, user, "start", 1);
    tg.setLatency((method) => (method === "sendPhoto" ? 500 : 0));
    tg.updates.command(user, "next");
    await tg.waitFor(() => tg.sentTo(user.id).some((m) => m.method === "sendPhoto"), 10_000);
    tg.blockBot(user.id);
    await eventually(() => expect(statusOf(user.id)).toBe("unreachable"), 10_000);
    tg.setLatency(0);
    expect(requestsOf(tg.sentTo(user.id)).map((m) => m.method)).toEqual(["sendMessage", "sendMessage", "sendPhoto"]);
    expect(tg.rejections.filter((r) => Number(r.chatId) === user.id).map((r) => r.description)).toEqual(["Forbidden: bot was blocked by the user"]);
    const other = tg.addUser();
    expect((await command(tg, other, "start", 1))[0]!.text).toContain("Welcome");
  });

  it("a 429 storm during /next: the lesson arrives whole, in order, once", async () => {
    const user = tg.addUser({ first_name: "Patient" });
    await command(tg, user, "start", 1);
    const before = tg.counters.tooManyRequests;
    tg.flood({ calls: 4, retryAfter: 1 });
    const lesson = await command(tg, user, "next", 5, { timeoutMs: 20_000 });
    expect(requestsOf(lesson).map((m) => m.method)).toEqual(LESSON_1);
    expect(lesson[0]!.text).toContain("Gradient descent by hand");
    expect(labels(lesson.at(-1))).toEqual(["✅ Done", "▶ Next", "📚 Resources"]);
    expect(tg.counters.tooManyRequests - before).toBe(4);
    // Updates of one chat are handled in order: once /resources is answered, /next has sent all it sends.
    tg.updates.command(user, "resources");
    const resources = await tg.waitFor(() => tg.sentTo(user.id).find((m) => m.text?.includes("Further reading")), 10_000);
    expect(tg.sentTo(user.id).indexOf(resources)).toBe(6);
  }, 30_000);

  it("a group upgraded to a supergroup keeps its subscription, progress and members' table", async () => {
    const owner = tg.addUser({ first_name: "Owner" });
    const member = tg.addUser({ first_name: "Member" });
    const group = tg.addGroup({ title: "Basic group", members: [[owner, "creator"], [member, "member"]] });
    await command(tg, owner, "start", 1, { chatId: group.id });
    const lesson = await command(tg, owner, "next", 5, { chatId: group.id });
    expect(await press(tg, member, lesson.at(-1)!, 0)).toContain("Marked as learned");
    const supergroup = tg.upgradeToSupergroup(group.id);
    await eventually(() => expect(statusOf(supergroup.id)).toBe("active"), 10_000);
    const [progress] = await command(tg, member, "progress", 1, { chatId: supergroup.id });
    expect(progress!.text).toContain("Lesson 1/3");
    expect(progress!.text).toContain("• Member: 1 done");
    const next = await command(tg, owner, "next", 2, { chatId: supergroup.id });
    expect(next[0]!.text).toContain("Choosing the learning rate");
  });

  it("the API restarted mid-delivery: every message arrives, only the one in flight possibly twice", async () => {
    const user = tg.addUser({ first_name: "Steady" });
    await command(tg, user, "start", 1);
    tg.setLatency((method) => (method === "sendMediaGroup" ? 800 : 0));
    tg.updates.command(user, "next");
    await tg.waitFor(() => tg.sentTo(user.id).some((m) => m.method === "sendMediaGroup"), 10_000);
    await tg.restart();
    tg.setLatency(0);
    await tg.waitFor(() => requestsOf(tg.sentTo(user.id)).filter((m) => m.method === "sendMessage").length === 3, 20_000);
    const methods = requestsOf(tg.sentTo(user.id).slice(1)).map((m) => m.method);
    expect(methods.filter((m) => m !== "sendMediaGroup")).toEqual(["sendMessage", "sendPhoto", "sendMessage"]);
    expect(methods.filter((m) => m === "sendMediaGroup").length).toBeGreaterThanOrEqual(1);
    expect(methods.filter((m) => m === "sendMediaGroup").length).toBeLessThanOrEqual(2);
    await bot.waitForLine("transient send error");
  }, 30_000);

  it("the bot killed with SIGKILL mid-delivery and started again: nothing lost, only the message in flight possibly twice", async () => {
    const user = tg.addUser({ first_name: "Crash" });
    await command(tg, user, "start", 1);
    const sets = tg.requests.filter((r) => r.method === "setMyCommands").length;
    tg.setLatency((method) => (method === "sendMediaGroup" ? 5000 : 0));
    tg.updates.command(user, "next");
    // The album has been applied by the API; its answer is held back, so the bot has not recorded it.
    await tg.waitFor(() => tg.sentTo(user.id).some((m) => m.method === "sendMediaGroup"), 10_000);
    bot.kill("SIGKILL");
    expect((await bot.exited).signal).toBe("SIGKILL");
    tg.setLatency(0);
    expect(query<{ sent_count: number; status: string }>(dirs.dataDir, "SELECT d.sent_count, d.status FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE s.chat_id = ?", String(user.id))).toEqual([{ sent_count: 2, status: "pending" }]);

    bot = await startBot();
    await tg.waitFor(() => requestsOf(tg.sentTo(user.id)).filter((m) => m.method === "sendMessage").length === 3, 20_000);
    const methods = requestsOf(tg.sentTo(user.id).slice(1)).map((m) => m.method);
    expect(methods).toEqual(["sendMessage", "sendPhoto", "sendMediaGroup", "sendMediaGroup", "sendMessage"]);
    expect(labels(tg.sentTo(user.id).at(-1))).toEqual(["✅ Done", "▶ Next", "📚 Resources"]);
    await eventually(() => expect(query(dirs.dataDir, "SELECT d.status FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE s.chat_id = ?", String(user.id))).toEqual([{ status: "done" }]));
    // The restarted bot found its command menus unchanged and set none.
    expect(tg.requests.filter((r) => r.method === "setMyCommands").length).toBe(sets);
  }, 90_000);
});

describe("end to end: start-up errors", () => {
  it("a webhook URL that is not https stops the start with a clear message naming the variable, and no token", async () => {
    const p = new BotProcess(BotProcess.env(tg, dirs.dataDir, dirs.contentDir, { TELEGRAM_WEBHOOK_URL: "http://bot.example.org/hook" }));
    expect((await p.exited).code).toBe(2);
    expect(p.lines.join("\n")).toContain('TELEGRAM_WEBHOOK_URL: "http://bot.example.org/hook" must be an https URL');
    expect(p.leaks(tg.token)).toEqual([]);
  });
});
