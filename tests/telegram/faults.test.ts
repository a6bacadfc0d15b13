/**
 * The adapter when Telegram misbehaves, in-process against the fake Bot API: an older server without
 * sendRichMessage, a refused rich message, 429 storms, 5xx, a restart of the API mid-delivery, a user
 * blocking the bot mid-delivery; classic lessons with photos and albums.
 */
import type { User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import type { SentMessage } from "../fakes/telegram/server.js";
import { startBot, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  if (h) {
    expect(h.tg.internalErrors).toEqual([]);
    await h.close();
    h = undefined;
  }
});

async function say(user: User, text: string, count: number, timeoutMs = 5000): Promise<SentMessage[]> {
  const before = h!.tg.sentTo(user.id).length;
  h!.tg.updates.text(user, text);
  await h!.tg.waitFor(() => h!.tg.sentTo(user.id).length >= before + count, timeoutMs);
  return h!.tg.sentTo(user.id).slice(before);
}

const logged = (msg: string): string[] => h!.logs.filter((l) => l.includes(msg));
/** The classic lesson 1 as the reader gets it: text, the figure, an album of two formulas, the footer with the buttons. */
const classicLesson1 = ["sendMessage", "sendPhoto", "sendMediaGroup", "sendMediaGroup", "sendMessage"];

describe("Telegram adapter: rich messages refused", () => {
  it("GIVEN a server without sendRichMessage THEN the lesson arrives as classic messages, logged once, and later lessons skip rich", async () => {
    h = await startBot();
    h.tg.setRichMessages(false);
    const ann = h.tg.addUser();
    await say(ann, "/start", 1);
    const lesson = await say(ann, "/next", 5);
    expect(lesson.map((m) => m.method)).toEqual(classicLesson1);
    expect(lesson[0]!.text).toContain("Gradient descent by hand");
    expect(lesson.at(-1)!.replyMarkup!.inline_keyboard.flat().map((b) => b.text)).toEqual(["✅ Done", "▶ Next", "📚 Resources"]);
    const second = await say(ann, "/next", 2);
    expect(second.map((m) => m.method)).toEqual(["sendMessage", "sendPhoto"]);
    await h.learning.delivery.idle();
    expect(h.tg.requests.filter((r) => r.method === "sendRichMessage")).toHaveLength(1);
    expect(logged("has no sendRichMessage")).toHaveLength(1);
    // The figure was uploaded once, for lesson 1's photo, and reused by file_id in lesson 2.
    expect(second[1]!.photo!.at(-1)!.file_id).toBe(lesson[1]!.photo!.at(-1)!.file_id);
  });

  it("GIVEN one rich message refused with 400 THEN its HTML is logged, that lesson arrives classic, the next one rich again", async () => {
    h = await startBot();
    const undo = h.tg.refuseRich((rich) => rich.html.includes("Gradient descent"), "RICH_MESSAGE_INVALID");
    const ann = h.tg.addUser();
    await say(ann, "/start", 1);
    const lesson = await say(ann, "/next", 5);
    expect(lesson.map((m) => m.method)).toEqual(classicLesson1);
    const line = JSON.parse(logged("rich message refused")[0]!) as { html: string; error: string };
    expect(line.html).toContain("<h1>Gradient descent by hand</h1>");
    expect(line.error).toContain("RICH_MESSAGE_INVALID");
    undo();
    const [next] = await say(ann, "/next", 1);
    expect(next!.method).toBe("sendRichMessage");
  });

  it("GIVEN TELEGRAM_LESSON_FORMAT=classic THEN lessons are classic messages and buttons sit on the last one", async () => {
    h = await startBot({ format: "classic" });
    const ann = h.tg.addUser();
    await say(ann, "/start", 1);
    const lesson = await say(ann, "/next", 5);
    expect(lesson.map((m) => m.method)).toEqual(classicLesson1);
    expect(h.tg.requests.some((r) => r.method === "sendRichMessage")).toBe(false);
    const text = h.tg.requests.find((r) => r.method === "sendMessage" && String(r.params?.text).includes("Gradient"))!;
    expect(text.params!.parse_mode).toBe("HTML");
    expect(text.params!.link_preview_options).toEqual({ is_disabled: true });
  });
});

describe("Telegram adapter: errors on the way", () => {
  it("GIVEN a 429 storm during /next THEN the lesson arrives whole, once, after the retry_after waits", async () => {
    h = await startBot({ format: "classic" });
    const ann = h.tg.addUser();
    await say(ann, "/start", 1);
    h.tg.flood({ calls: 3, retryAfter: 1 });
    const lesson = await say(ann, "/next", 5, 15_000);
    await h.learning.delivery.idle();
    expect(lesson.map((m) => m.method)).toEqual(classicLesson1);
    expect(h.tg.sentTo(ann.id)).toHaveLength(6);
    expect(h.tg.counters.tooManyRequests).toBe(3);
    expect(logged("rate limited by the platform")).toHaveLength(3);
  });

  it("GIVEN 5xx answers and the API restarted mid-delivery THEN every message arrives, in order", async () => {
    h = await startBot({ format: "classic" });
    const ann = h.tg.addUser();
    await say(ann, "/start", 1);
    h.tg.failNext(2, { status: 502, description: "Bad Gateway" });
    h.tg.setLatency((method) => (method === "sendPhoto" ? 300 : 0));
    h.tg.updates.text(ann, "/next");
    await h.tg.waitFor(() => h!.tg.requests.some((r) => r.method === "sendMessage" && r.status === 200 && r.chatId === ann.id && h!.tg.sentTo(ann.id).length >= 2));
    // The fake applies a request, then holds its answer: once the photo is applied, it is in flight.
    await h.tg.waitFor(() => h!.tg.sentTo(ann.id).some((m) => m.method === "sendPhoto"));
    await h.tg.restart();
    h.tg.setLatency(0);
    await h.tg.waitFor(() => h!.tg.sentTo(ann.id).length >= 6, 15_000);
    await h.learning.delivery.idle();
    const methods = h.tg.sentTo(ann.id).slice(1).map((m) => m.method);
    // The photo in flight at the restart may have been applied and is then sent again: never lost.
    expect(methods.filter((m) => m !== "sendPhoto")).toEqual(classicLesson1.filter((m) => m !== "sendPhoto"));
    expect(methods.filter((m) => m === "sendPhoto").length).toBeGreaterThanOrEqual(1);
    expect(methods.filter((m) => m === "sendPhoto").length).toBeLessThanOrEqual(2);
    expect(h.tg.counters.serverErrors).toBe(2);
    // The restart cut a request: a network error, mapped to transient and retried by the ledger.
    expect(logged("Network request for").length).toBeGreaterThanOrEqual(1);
  });

  it("GIVEN the user blocks the bot mid-delivery THEN the rest is not sent, the chat is marked unreachable, nothing crashes", async () => {
    h = await startBot({ format: "classic" });
    const ann = h.tg.addUser();
    await say(ann, "/start", 1);
    h.tg.setLatency((method) => (method === "sendPhoto" ? 200 : 0));
    h.tg.updates.text(ann, "/next");
    await h.tg.waitFor(() => h!.tg.sentTo(ann.id).length >= 2);
    h.tg.blockBot(ann.id);
    await h.learning.delivery.idle();
    await h.tg.waitFor(() => h!.store.subscribers.find("telegram", String(ann.id), "")?.status === "unreachable");
    expect(h.tg.sentTo(ann.id).length).toBeLessThan(6);
    expect(h.tg.rejections.every((r) => r.status === 403 && r.description === "Forbidden: bot was blocked by the user")).toBe(true);
    h.tg.setLatency(0);
    h.tg.unblockBot(ann.id);
    const [back] = await say(ann, "/start", 1);
    expect(back!.text).toContain("Welcome back");
  });
});
