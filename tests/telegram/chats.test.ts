/**
 * The adapter in study groups, forum topics and channels, in-process against the fake Bot API:
 * admins and members, /next@bot and /next@otherbot, presses recorded per member, the bot removed
 * and added back, a group upgraded to a supergroup, and updates by webhook.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { Secret } from "../../src/config.js";
import type { SentMessage } from "../fakes/telegram/server.js";
import { startBot, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  if (h) {
    expect(h.tg.internalErrors).toEqual([]);
    expect(h.tg.rejections.filter((r) => r.status === 400 && !/upgraded to a supergroup/.test(r.description))).toEqual([]);
    await h.close();
    h = undefined;
  }
});

async function command(user: User, chatId: number, name: string, count: number, extra: { args?: string; threadId?: number; mention?: boolean } = {}): Promise<SentMessage[]> {
  const before = h!.tg.sentTo(chatId).length;
  h!.tg.updates.command(user, name, { chatId, ...extra });
  await h!.tg.waitFor(() => h!.tg.sentTo(chatId).length >= before + count);
  return h!.tg.sentTo(chatId).slice(before);
}

async function press(user: User, message: SentMessage, action: number): Promise<string | undefined> {
  const before = h!.tg.callbackAnswers.length;
  const button = message.replyMarkup!.inline_keyboard.flat()[action]!;
  h!.tg.updates.callbackQuery(user, { chatId: message.chatId, messageId: message.messageId }, "callback_data" in button ? button.callback_data : "");
  return (await h!.tg.waitFor(() => h!.tg.callbackAnswers[before])).text;
}

const settle = (ms = 200): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe("Telegram adapter: study groups", () => {
  it("GIVEN admins and members THEN only admins run /next, /next@otherbot is ignored, every member's ✅ is recorded by name, /progress lists them", async () => {
    h = await startBot();
    const owner = h.tg.addUser({ first_name: "Lan", last_name: "Nguyen" });
    const member = h.tg.addUser({ first_name: "Minh" });
    const group = h.tg.addSupergroup({ title: "Study", members: [[owner, "creator"], [member, "member"]] });

    expect((await command(member, group.id, "start", 1))[0]!.text).toBe("Only the admins of this chat can do that.");
    expect((await command(owner, group.id, "start", 1))[0]!.text).toContain("Welcome to");
    expect((await command(member, group.id, "next", 1))[0]!.text).toBe("Only the admins of this chat can do that.");
    h.tg.updates.text(owner, "/next@other_bot", { chatId: group.id });
    h.tg.updates.text(owner, "/weather", { chatId: group.id });
    h.tg.updates.text(owner, "good morning all", { chatId: group.id });
    const [lesson] = await command(owner, group.id, "next", 1);
    await settle();
    expect(h.tg.sentTo(group.id).length).toBe(4);
    expect(lesson!.method).toBe("sendRichMessage");
    expect(lesson!.text ?? "").toBe("");

    expect(await press(member, lesson!, 0)).toContain("Marked as learned");
    expect(await press(owner, lesson!, 0)).toContain("Marked as learned");
    expect(await press(member, lesson!, 0)).toContain("had already marked");
    expect(await press(member, lesson!, 1)).toBe("Only the admins of this chat can do that.");
    const [progress] = await command(member, group.id, "progress", 1);
    expect(progress!.text).toContain("Members");
    expect(progress!.text).toContain("• Lan Nguyen: 1 done");
    expect(progress!.text).toContain("• Minh: 1 done");
    // Admin status came from getChatMember, asked once per member and cached.
    expect(h.tg.requests.filter((r) => r.method === "getChatMember").length).toBe(2);
  });

  it("GIVEN /start in a forum topic THEN lessons go to that topic; other topics have their own subscription", async () => {
    h = await startBot();
    const owner = h.tg.addUser();
    const forum = h.tg.addSupergroup({ title: "Forum", forum: true, members: [[owner, "creator"]] });
    const topic = h.tg.addTopic(forum.id, "Lessons");
    await command(owner, forum.id, "start", 1, { threadId: topic });
    const [lesson] = await command(owner, forum.id, "next", 1, { threadId: topic });
    expect(lesson!.threadId).toBe(topic);
    expect(lesson!.method).toBe("sendRichMessage");
    const [outside] = await command(owner, forum.id, "next", 1);
    expect(outside!.threadId).toBeUndefined();
    expect(outside!.text).toContain("not subscribed");
    expect(await press(owner, lesson!, 0)).toContain("Marked as learned");
  });

  it("GIVEN the bot removed from a group THEN the subscription stops; added back and /start again resumes at the old lesson", async () => {
    h = await startBot();
    const owner = h.tg.addUser();
    const group = h.tg.addGroup({ members: [[owner, "creator"]] });
    await command(owner, group.id, "start", 1);
    await command(owner, group.id, "next", 1);
    h.tg.removeBot(group.id);
    await h.tg.waitFor(() => h!.store.subscribers.find("telegram", String(group.id), "")?.status === "unreachable");
    h.tg.addBot(group.id);
    const [back] = await command(owner, group.id, "start", 1);
    expect(back!.text).toContain("Welcome back");
    expect(back!.text).toContain("lesson 1 of 3");
  });

  it("GIVEN a group upgraded to a supergroup THEN the subscription, progress and members' table follow it", async () => {
    h = await startBot();
    const owner = h.tg.addUser({ first_name: "Owner" });
    const group = h.tg.addGroup({ members: [[owner, "creator"]] });
    await command(owner, group.id, "start", 1);
    const [lesson] = await command(owner, group.id, "next", 1);
    await press(owner, lesson!, 0);
    const supergroup = h.tg.upgradeToSupergroup(group.id);
    await h.tg.waitFor(() => h!.store.subscribers.find("telegram", String(supergroup.id), ""));
    const [progress] = await command(owner, supergroup.id, "progress", 1);
    expect(progress!.text).toContain("Lesson 1/3");
    expect(progress!.text).toContain("• Owner: 1 done");
  });

  it("GIVEN a lesson sent to a group that was upgraded meanwhile THEN the 400 with migrate_to_chat_id moves it and the lesson arrives in the supergroup", async () => {
    h = await startBot();
    const owner = h.tg.addUser();
    const group = h.tg.addGroup({ members: [[owner, "creator"]] });
    await command(owner, group.id, "start", 1);
    // The migration's service messages are not seen: the bot stops polling first.
    await h.adapter.stop();
    const supergroup = h.tg.upgradeToSupergroup(group.id);
    const sub = h.store.subscribers.find("telegram", String(group.id), "")!;
    h.store.subscribers.update(sub.id, { nextDueAt: Date.now() - 1000 }, Date.now());
    h.learning.scheduler.tick();
    await h.tg.waitFor(() => h!.tg.sentTo(supergroup.id).length === 1);
    expect(h.tg.sentTo(supergroup.id)[0]!.method).toBe("sendRichMessage");
    expect(h.store.subscribers.get(sub.id)!.chatId).toBe(String(supergroup.id));
  });
});

describe("Telegram adapter: channels", () => {
  it("GIVEN /start posted in a channel THEN it subscribes, lessons are posted there, readers' ✅ are recorded by name", async () => {
    h = await startBot();
    const reader = h.tg.addUser({ first_name: "Reader" });
    const channel = h.tg.addChannel({ title: "Daily ML" });
    h.tg.updates.channelPost(channel.id, "/start");
    await h.tg.waitFor(() => h!.tg.sentTo(channel.id).length === 1);
    expect(h.tg.sentTo(channel.id)[0]!.text).toContain("Welcome to");
    h.tg.updates.channelPost(channel.id, "/next");
    const lesson = await h.tg.waitFor(() => h!.tg.sentTo(channel.id)[1]);
    expect(lesson.method).toBe("sendRichMessage");
    expect(await press(reader, lesson, 0)).toContain("Marked as learned");
    expect(await press(reader, lesson, 1)).toBe("Only the admins of this chat can do that.");
    h.tg.updates.channelPost(channel.id, "today's news, not a command");
    h.tg.updates.channelPost(channel.id, "/progress");
    const progress = await h.tg.waitFor(() => h!.tg.sentTo(channel.id)[2]);
    expect(progress.text).toContain("• Reader: 1 done");
  });
});

describe("Telegram adapter: webhook", () => {
  it("GIVEN a webhook THEN updates arrive with the secret token; a request without it is refused with 401 and handled by no one", async () => {
    const free = createServer();
    await new Promise<void>((r) => free.listen(0, "127.0.0.1", r));
    const port = (free.address() as AddressInfo).port;
    await new Promise((r) => free.close(r));
    const url = `http://127.0.0.1:${port}/telegram/hook`;
    h = await startBot({ webhook: { url, secret: new Secret("hook_secret_123"), port, host: "127.0.0.1" } });
    expect(h.tg.requests.some((r) => r.method === "setWebhook" && r.params?.secret_token === "hook_secret_123")).toBe(true);
    expect(h.tg.requests.some((r) => r.method === "getUpdates")).toBe(false);
    const ann = h.tg.addUser();
    h.tg.updates.command(ann, "start");
    await h.tg.waitFor(() => h!.tg.sentTo(ann.id).length === 1);
    await h.tg.waitFor(() => h!.tg.webhookDeliveries.length === 1);
    expect(h.tg.webhookDeliveries[0]!.status).toBe(200);

    const forged = { update_id: 999_999, message: { message_id: 1, date: 0, chat: { id: ann.id, type: "private", first_name: "x" }, from: ann, text: "/next", entities: [{ type: "bot_command", offset: 0, length: 5 }] } };
    for (const headers of [{}, { "x-telegram-bot-api-secret-token": "wrong" }] as Record<string, string>[]) {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(forged) });
      expect(res.status).toBe(401);
    }
    await settle(300);
    expect(h.tg.sentTo(ann.id)).toHaveLength(1);
    expect(h.adapter.isConnected()).toBe(true);
    expect(h.tg.rejections).toEqual([]);
    const closing = Date.now();
    await h.close();
    h = undefined;
    expect(Date.now() - closing).toBeLessThan(1000);
  });
});
