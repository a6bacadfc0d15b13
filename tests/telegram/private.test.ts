/**
 * The adapter in a private chat, in-process against the fake Bot API: commands, one rich message per
 * lesson with its buttons, presses answered and recorded, uploads reused, anything else answered.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import type { SentMessage } from "../fakes/telegram/server.js";
import { startBot, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  if (h) {
    expect(h.tg.internalErrors).toEqual([]);
    // Every message the bot sent passed the fake's validation.
    expect(h.tg.rejections.filter((r) => r.status === 400)).toEqual([]);
    expect(h.logs.filter((l) => l.includes(h!.tg.token.split(":")[1]!))).toEqual([]);
    await h.close();
    h = undefined;
  }
});

const texts = (sent: SentMessage[]): string[] => sent.map((s) => s.text ?? "");

async function say(user: User, text: string, count: number): Promise<SentMessage[]> {
  const before = h!.tg.sentTo(user.id).length;
  h!.tg.updates.text(user, text);
  await h!.tg.waitFor(() => h!.tg.sentTo(user.id).length >= before + count);
  return h!.tg.sentTo(user.id).slice(before);
}

async function press(user: User, message: SentMessage, data: string): Promise<string | undefined> {
  const before = h!.tg.callbackAnswers.length;
  h!.tg.updates.callbackQuery(user, { chatId: message.chatId, messageId: message.messageId }, data);
  const answer = await h!.tg.waitFor(() => h!.tg.callbackAnswers[before]);
  return answer.text;
}

const buttonData = (m: SentMessage): string[] => (m.replyMarkup?.inline_keyboard.flat() ?? []).map((b) => ("callback_data" in b ? b.callback_data : ""));

describe("Telegram adapter: a private chat", () => {
  it("GIVEN /start, /next, /resources, ✅ THEN the welcome, one rich lesson with its buttons, the links, a recorded press", async () => {
    h = await startBot();
    const ann = h.tg.addUser({ first_name: "Ann" });
    const [welcome] = await say(ann, "/start", 1);
    expect(welcome!.text).toContain("Welcome to Optimisation in six minutes");

    const [lesson, ...more] = await say(ann, "/next", 1);
    // Updates of one chat are handled in order: once /resources is answered, /next has sent all it sends.
    h.tg.updates.text(ann, "/resources");
    const resources = await h.tg.waitFor(() => h!.tg.sentTo(ann.id).find((m) => m.text?.includes("Further reading")));
    expect(more).toEqual([]);
    expect(h.tg.sentTo(ann.id)).toEqual([welcome, lesson, resources]);
    expect(lesson!.method).toBe("sendRichMessage");
    expect(lesson!.rich!.html).toContain("<tg-math-block>");
    expect(lesson!.rich!.html).toContain('<img src="tg://photo?id=p1"/>');
    expect(lesson!.rich!.media).toEqual([{ id: "p1", type: "photo", fileId: expect.stringMatching(/^AgAC/) }]);
    expect(lesson!.replyMarkup!.inline_keyboard.flat().map((b) => b.text)).toEqual(["✅ Done", "▶ Next", "📚 Resources"]);
    const [done] = buttonData(lesson!);

    expect(await press(ann, lesson!, done!)).toBe("✅ Marked as learned: Gradient descent by hand. 🔥 Streak: 1");
    expect(await press(ann, lesson!, done!)).toBe("You had already marked “Gradient descent by hand” as learned.");
    expect(resources!.text).toContain("Further reading for Gradient descent by hand");
    expect(resources!.text).toContain("Optimisation notes");
    expect(resources!.text).toContain("Course handbook");
    // Link previews stay off in replies as in lessons.
    const request = h.tg.requests.filter((r) => r.method === "sendMessage").at(-1)!;
    expect(request.params!.link_preview_options).toEqual({ is_disabled: true });
  });

  it("GIVEN the same figure in a later lesson and another chat THEN it is uploaded once and sent by file_id after", async () => {
    h = await startBot();
    const ann = h.tg.addUser();
    const bob = h.tg.addUser();
    await say(ann, "/start", 1);
    const [first] = await say(ann, "/next", 1);
    const [second] = await say(ann, "/next", 1);
    await say(bob, "/start", 1);
    const [third] = await say(bob, "/next", 1);
    const fileId = first!.rich!.media[0]!.fileId;
    expect(second!.rich!.media[0]!.fileId).toBe(fileId);
    expect(third!.rich!.media[0]!.fileId).toBe(fileId);
    const richRequests = h.tg.requests.filter((r) => r.method === "sendRichMessage");
    // Only the first request carried the file; the later ones name it.
    expect(JSON.stringify(richRequests[0]!.params!.rich_message)).not.toContain(fileId);
    expect((richRequests[1]!.params!.rich_message as { media: { media: { media: string } }[] }).media[0]!.media.media).toBe(fileId);
    await h.learning.delivery.idle();
    expect(h.adapter.counters).toEqual({ uploads: 1, reuses: 2 });
    // Stored by the hash of the file's bytes, for the next process too.
    const rendering = h.course.rendering("rich")!;
    const figure = join(rendering.mediaDir, rendering.course.lessons[0]!.messages[0]!.rich!.media[0]!.image);
    expect(h.store.uploads.get("telegram", createHash("sha256").update(readFileSync(figure)).digest("hex"))).toBe(fileId);
  });

  it("GIVEN a ✅ under an older lesson, forged data, a ▶ under the current lesson THEN that lesson is recorded, a polite refusal, the next lesson", async () => {
    h = await startBot();
    const ann = h.tg.addUser();
    await say(ann, "/start", 1);
    const [one] = await say(ann, "/next", 1);
    const [two] = await say(ann, "/next", 1);
    expect(await press(ann, one!, buttonData(one!)[0]!)).toContain("Gradient descent by hand");
    expect(await press(ann, two!, "done:999999")).toBe("This button no longer works. /help lists the commands.");
    expect(await press(ann, two!, "rm -rf /")).toBe("This button no longer works. /help lists the commands.");
    const before = h.tg.sentTo(ann.id).length;
    expect(await press(ann, two!, buttonData(two!)[1]!)).toBe("▶ Here comes the next lesson.");
    const three = await h.tg.waitFor(() => h!.tg.sentTo(ann.id)[before]);
    expect(three.rich!.html).toContain("<h1>Momentum</h1>");
    const [progress] = await say(ann, "/progress", 1);
    expect(progress!.text).toContain("Lesson 3/3");
  });

  it("GIVEN a press queued behind a slow lesson in its chat THEN it is answered within the deadline and still recorded after", async () => {
    h = await startBot();
    const ann = h.tg.addUser();
    await say(ann, "/start", 1);
    const [one] = await say(ann, "/next", 1);
    h.tg.setLatency((method) => (method === "sendRichMessage" ? 3000 : 0));
    h.tg.updates.text(ann, "/next");
    await h.tg.waitFor(() => h!.tg.sentTo(ann.id).length === 3);
    const pressedAt = Date.now();
    expect(await press(ann, one!, buttonData(one!)[0]!)).toBe("⏳");
    expect(Date.now() - pressedAt).toBeLessThan(2500);
    h.tg.setLatency(0);
    await h.tg.waitFor(() => h!.store.completions.lessonsDone(h!.store.subscribers.find("telegram", String(ann.id), "")!.id, h!.course.id).has("2025-03-01-gradient-descent"), 10_000);
    // One answer per query: the core's own toast, arriving late, was not sent a second time.
    expect(h.tg.rejections.filter((r) => r.method === "answerCallbackQuery")).toEqual([]);
  });

  it("GIVEN stickers, photos, edits, plain text and 10 KB of text THEN each gets the helpful answer, never silence", async () => {
    h = await startBot();
    const ann = h.tg.addUser();
    const start = h.tg.updates.text(ann, "/start");
    await h.tg.waitFor(() => h!.tg.sentTo(ann.id).length === 1);
    h.tg.updates.sticker(ann);
    h.tg.updates.photo(ann, "look");
    h.tg.updates.editedMessage(start, "/stop");
    h.tg.updates.text(ann, "hello there");
    h.tg.updates.text(ann, "x".repeat(10_000));
    h.tg.updates.text(ann, "/nonsense");
    await h.tg.waitFor(() => h!.tg.sentTo(ann.id).length === 7);
    const answers = texts(h.tg.sentTo(ann.id).slice(1));
    expect(answers.slice(0, 5)).toEqual(Array(5).fill("I understand commands only. /help lists them; /next sends a lesson."));
    expect(answers[5]).toBe("I don't know the command /nonsense. /help lists what I understand.");
    // The edit to /stop did not unsubscribe.
    expect(h.store.subscribers.find("telegram", String(ann.id), "")!.status).toBe("active");
  });

  it("GIVEN the bot registers its commands THEN vi, en and default menus for private chats and groups, and nothing set again on a restart", async () => {
    h = await startBot();
    const keys = [...h.tg.registeredCommands.keys()].sort();
    expect(keys).toEqual(["all_group_chats|", "all_group_chats|en", "all_group_chats|vi", "all_private_chats|", "all_private_chats|en", "all_private_chats|vi", "default|", "default|en", "default|vi"]);
    expect(h.tg.registeredCommands.get("all_private_chats|vi")!.find((c) => c.command === "next")!.description).toBe("Học bài tiếp theo ngay");
    expect(h.tg.registeredCommands.get("all_group_chats|")!.find((c) => c.command === "next")!.description).toBe("The next lesson now");
    const sets = h.tg.requests.filter((r) => r.method === "setMyCommands").length;
    expect(sets).toBe(9);
    const again = await startBot({ tg: h.tg });
    expect(h.tg.requests.filter((r) => r.method === "setMyCommands").length).toBe(sets);
    await again.adapter.stop();
    again.store.close();
  });
});
