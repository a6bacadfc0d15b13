import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { run } from "@grammyjs/runner";
import { Bot, webhookCallback } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "./server.js";
import { apiError } from "./testHelpers.js";

let tg: FakeTelegram;

beforeEach(async () => {
  tg = await FakeTelegram.start({ rateLimits: { perChat: { count: 1000, windowMs: 1000 }, global: { count: 1000, windowMs: 1000 }, perGroup: { count: 1000, windowMs: 1000 } } });
});
afterEach(async () => {
  expect(tg.internalErrors).toEqual([]);
  await tg.stop();
});

const newBot = (): Bot => new Bot(tg.token, { client: { apiRoot: tg.apiRoot }, botInfo: tg.botInfo });

describe("fake Bot API: long polling with bot.start()", () => {
  it("delivers injected updates in order, wakes a waiting poll at once, and confirms them on stop", async () => {
    const ann = tg.addUser({ first_name: "Ann" });
    const owner = tg.addUser({ first_name: "Owner" });
    const group = tg.addGroup({ title: "Nhóm", members: [[owner, "creator"], [ann, "member"]] });
    const forum = tg.addSupergroup({ title: "Diễn đàn", forum: true, members: [[owner, "creator"]] });
    const topic = tg.addTopic(forum.id, "Bài học");
    const channel = tg.addChannel({ title: "Kênh" });

    const bot = newBot();
    const seen: string[] = [];
    bot.command("start", async (ctx) => {
      seen.push(`start ${ctx.chat.type}`);
      await ctx.reply("Chào bạn");
    });
    bot.command("next", (ctx) => void seen.push(`next ${ctx.chat.type} ${ctx.msg.message_thread_id ?? "-"} ${ctx.match}`));
    bot.on("channel_post:text", (ctx) => void seen.push(`post ${ctx.channelPost.sender_chat.id === channel.id} ${ctx.channelPost.from === undefined}`));
    bot.on("edited_message:text", (ctx) => void seen.push(`edited ${ctx.editedMessage.text}`));
    bot.on("message:sticker", () => void seen.push("sticker"));
    bot.on("message:photo", (ctx) => void seen.push(`photo ${ctx.msg.caption}`));

    const start = tg.updates.command(ann, "start");
    tg.updates.command(ann, "next", { chatId: group.id, args: "3" });
    const running = bot.start({ timeout: 30 });
    await tg.waitFor(() => seen.length === 2);

    // The bot now waits in a 30 s long poll: a new update must arrive without waiting for it.
    const injectedAt = Date.now();
    tg.updates.command(owner, "next", { chatId: forum.id, threadId: topic });
    await tg.waitFor(() => seen.length === 3);
    expect(Date.now() - injectedAt).toBeLessThan(1000);

    tg.updates.channelPost(channel.id, "bài mới");
    tg.updates.editedMessage(start, "/start again");
    tg.updates.sticker(ann);
    tg.updates.photo(ann, "ảnh");
    await tg.waitFor(() => seen.length === 7);
    await bot.stop();
    await running;

    expect(seen).toEqual(["start private", "next group - 3", `next supergroup ${topic} `, "post true true", "edited /start again", "sticker", "photo ảnh"]);
    expect(tg.sent.map((s) => [s.chatId, s.text])).toEqual([[ann.id, "Chào bạn"]]);
    expect(tg.pendingUpdates).toBe(0);
    expect(tg.requests.filter((r) => r.method === "getUpdates").length).toBeGreaterThanOrEqual(3);
  });

  it("gives /next@botname in a group to bot.command, and ignores commands to another bot", async () => {
    const ann = tg.addUser();
    const group = tg.addGroup({ members: [[ann, "creator"]] });
    const bot = newBot();
    const seen: string[] = [];
    bot.command("next", (ctx) => void seen.push(ctx.msg.text));
    bot.on("message:text", (ctx, next) => (ctx.msg.text.startsWith("/next@other") ? void seen.push("ignored") : next()));
    tg.updates.text(ann, "/next@other_bot", { chatId: group.id });
    const update = tg.updates.command(ann, "next", { chatId: group.id });
    expect(update.message?.text).toBe(`/next@${tg.botInfo.username}`);
    expect(update.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: `/next@${tg.botInfo.username}`.length }]);
    const running = bot.start();
    await tg.waitFor(() => seen.length === 2);
    await bot.stop();
    await running;
    expect(seen).toEqual(["ignored", `/next@${tg.botInfo.username}`]);
  });

  it("answers a second concurrent getUpdates by ending the first with 409 Conflict", async () => {
    const bot = newBot();
    const first = bot.api.getUpdates({ timeout: 5 });
    await new Promise((r) => setTimeout(r, 50));
    const second = bot.api.getUpdates({ timeout: 0 });
    expect((await apiError(first)).error_code).toBe(409);
    expect(await second).toEqual([]);
  });
});

describe("fake Bot API: callbacks, membership, migration", () => {
  it("routes a button press to the bot, which answers it and edits the keyboard", async () => {
    const ann = tg.addUser();
    const bot = newBot();
    bot.callbackQuery(/^done:(\d+)$/, async (ctx) => {
      await ctx.answerCallbackQuery({ text: `Xong bài ${ctx.match[1]}` });
      await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } });
    });
    const lesson = await bot.api.sendMessage(ann.id, "Bài 4", { reply_markup: { inline_keyboard: [[{ text: "Xong", callback_data: "done:4" }]] } });
    tg.updates.callbackQuery(ann, lesson, "done:4");
    const running = bot.start();
    await tg.waitFor(() => tg.requests.some((r) => r.method === "editMessageReplyMarkup"));
    await bot.stop();
    await running;
    expect(tg.callbackAnswers).toEqual([expect.objectContaining({ text: "Xong bài 4" })]);
    expect(tg.chat(ann.id).messages.get(lesson.message_id)?.reply_markup).toBeUndefined();
    expect(tg.rejections).toEqual([]);
    const twice = await apiError(bot.api.answerCallbackQuery(tg.callbackAnswers[0]!.callback_query_id));
    expect(twice.description).toBe("Bad Request: query is too old and response timeout expired or query ID is invalid");
  });

  it("reports the bot's membership changes as my_chat_member and enforces them", async () => {
    const ann = tg.addUser();
    const owner = tg.addUser();
    const group = tg.addGroup({ members: [[owner, "creator"]] });
    const bot = newBot();
    const changes: string[] = [];
    bot.on("my_chat_member", (ctx) => void changes.push(`${ctx.chat.type} ${ctx.myChatMember.old_chat_member.status}->${ctx.myChatMember.new_chat_member.status}`));
    tg.blockBot(ann.id);
    tg.kickBot(group.id);
    const running = bot.start();
    await tg.waitFor(() => changes.length === 2);
    expect((await apiError(bot.api.sendMessage(ann.id, "x"))).description).toBe("Forbidden: bot was blocked by the user");
    expect((await apiError(bot.api.sendMessage(group.id, "x"))).description).toBe("Forbidden: bot was kicked from the group chat");
    tg.unblockBot(ann.id);
    await tg.waitFor(() => changes.length === 3);
    await bot.api.sendMessage(ann.id, "lại chào");
    await bot.stop();
    await running;
    expect(changes).toEqual(["private member->kicked", "group member->kicked", "private kicked->member"]);
    expect(tg.rejections.map((r) => r.status)).toEqual([403, 403]);
  });

  it("upgrades a group: the old id answers 400 with migrate_to_chat_id, the bot sees the migrate service messages", async () => {
    const owner = tg.addUser();
    const group = tg.addGroup({ members: [[owner, "creator"]] });
    const bot = newBot();
    const migrations: [number, number][] = [];
    bot.on("message:migrate_to_chat_id", (ctx) => void migrations.push([ctx.chat.id, ctx.msg.migrate_to_chat_id]));
    bot.on("message:migrate_from_chat_id", (ctx) => void migrations.push([ctx.chat.id, ctx.msg.migrate_from_chat_id]));
    const supergroup = tg.upgradeToSupergroup(group.id);
    const e = await apiError(bot.api.sendMessage(group.id, "x"));
    expect([e.error_code, e.description, e.parameters.migrate_to_chat_id]).toEqual([400, "Bad Request: group chat was upgraded to a supergroup chat", supergroup.id]);
    expect(String(supergroup.id)).toMatch(/^-100\d+$/);
    const running = bot.start();
    await tg.waitFor(() => migrations.length === 2);
    await bot.stop();
    await running;
    expect(migrations).toEqual([[group.id, supergroup.id], [supergroup.id, group.id]]);
    await bot.api.sendMessage(supergroup.id, "ở nhóm mới");
  });
});

describe("fake Bot API: webhook and runner", () => {
  let hook: Server | undefined;
  afterEach(async () => {
    if (hook) await new Promise((r) => hook!.close(r));
    hook = undefined;
  });

  it("POSTs updates to the webhook with the secret token header; getUpdates then conflicts", async () => {
    const ann = tg.addUser();
    const bot = newBot();
    const seen: string[] = [];
    bot.command("start", (ctx) => void seen.push(ctx.msg.text));
    hook = createServer(webhookCallback(bot, "http", { secretToken: "s3cr3t_token" }));
    await new Promise<void>((r) => hook!.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    await bot.api.setWebhook(url, { secret_token: "s3cr3t_token" });
    tg.updates.command(ann, "start");
    tg.updates.command(ann, "start", { args: "again" });
    // The handler runs before the webhook's answer reaches the fake: wait for both answers too.
    await tg.waitFor(() => seen.length === 2 && tg.webhookDeliveries.length === 2);
    expect(seen).toEqual(["/start", "/start again"]);
    expect(tg.webhookDeliveries.map((d) => d.status)).toEqual([200, 200]);
    expect((await bot.api.getWebhookInfo()).url).toBe(url);
    expect((await apiError(bot.api.getUpdates())).error_code).toBe(409);
    await bot.api.setWebhook(url, { secret_token: "another_one" });
    tg.updates.command(ann, "start");
    await tg.waitFor(() => tg.webhookDeliveries.length >= 3);
    expect(tg.webhookDeliveries[2]!.status).toBe(401);
    await bot.api.deleteWebhook({ drop_pending_updates: true });
  });

  it("serves @grammyjs/runner's concurrent polling", async () => {
    const users = Array.from({ length: 5 }, () => tg.addUser());
    const bot = newBot();
    const seen = new Set<number>();
    bot.command("next", (ctx) => void seen.add(ctx.from!.id));
    const runner = run(bot);
    for (const u of users) tg.updates.command(u, "next");
    await tg.waitFor(() => seen.size === 5);
    await runner.stop();
    expect([...seen].sort()).toEqual(users.map((u) => u.id).sort());
  });
});
