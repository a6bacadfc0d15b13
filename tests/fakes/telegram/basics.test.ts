import { Api } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "./server.js";
import { apiError } from "./testHelpers.js";

let tg: FakeTelegram;
let api: Api;

beforeEach(async () => {
  tg = await FakeTelegram.start({ rateLimits: { perChat: { count: 1000, windowMs: 1000 }, global: { count: 1000, windowMs: 1000 } } });
  api = new Api(tg.token, { apiRoot: tg.apiRoot });
});
afterEach(async () => {
  expect(tg.internalErrors).toEqual([]);
  await tg.stop();
});

describe("fake Bot API: the protocol", () => {
  it("answers getMe with the bot", async () => {
    const me = await api.getMe();
    expect(me).toMatchObject({ id: tg.botInfo.id, is_bot: true, username: "sauphut_test_bot" });
  });

  it("refuses an unknown token with 401 Unauthorized", async () => {
    const e = await apiError(new Api("1:wrong", { apiRoot: tg.apiRoot }).getMe());
    expect([e.error_code, e.description]).toEqual([401, "Unauthorized"]);
  });

  it("answers 404 for an unknown method and 501 for a real one it does not fake", async () => {
    const raw = api.raw as unknown as Record<string, (payload: object) => Promise<unknown>>;
    const unknown = await apiError(raw.sendSmokeSignal!({}));
    expect([unknown.error_code, unknown.description]).toEqual([404, "Not Found: method not found"]);
    const edit = await apiError(api.editMessageText(1, 1, "x"));
    expect(edit.error_code).toBe(501);
  });

  it("reads method names case-insensitively, as Telegram does", async () => {
    const res = await fetch(`${tg.apiRoot}/bot${tg.token}/GETME`);
    expect(await res.json()).toMatchObject({ ok: true, result: { id: tg.botInfo.id } });
  });
});

describe("fake Bot API: sendMessage", () => {
  it("accepts valid HTML and answers a real Message with text and entities", async () => {
    const ann = tg.addUser({ first_name: "Ann" });
    const m = await api.sendMessage(ann.id, '<b>Bài 1</b>: <a href="https://example.com/?a=1&amp;b=2">tensor</a>', {
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: [[{ text: "Xong", callback_data: "done:1" }]] },
      link_preview_options: { is_disabled: true },
    });
    expect(m.text).toBe("Bài 1: tensor");
    expect(m.entities).toEqual([
      { type: "bold", offset: 0, length: 5 },
      { type: "text_link", offset: 7, length: 6, url: "https://example.com/?a=1&b=2" },
    ]);
    expect(m.chat).toEqual({ id: ann.id, type: "private", first_name: "Ann" });
    expect(m.from?.id).toBe(tg.botInfo.id);
    expect(m.reply_markup?.inline_keyboard[0]?.[0]).toEqual({ text: "Xong", callback_data: "done:1" });
    const second = await api.sendMessage(ann.id, "hai");
    expect(second.message_id).toBe(m.message_id + 1);
    expect(tg.sentTo(ann.id).map((s) => s.text)).toEqual(["Bài 1: tensor", "hai"]);
  });

  it("refuses HTML Telegram cannot parse with 400 can't parse entities", async () => {
    const ann = tg.addUser();
    const e = await apiError(api.sendMessage(ann.id, "line<br>next", { parse_mode: "HTML" }));
    expect(e.error_code).toBe(400);
    expect(e.description).toBe('Bad Request: can\'t parse entities: Unsupported start tag "br" at byte offset 4');
    expect(tg.rejections.at(-1)).toMatchObject({ method: "sendMessage", status: 400 });
    expect(tg.sent).toEqual([]);
  });

  it("counts length after entity parsing: 4096 characters pass, 4097 are too long", async () => {
    const ann = tg.addUser();
    await api.sendMessage(ann.id, `<b>${"a".repeat(4096)}</b>`, { parse_mode: "HTML" });
    const e = await apiError(api.sendMessage(ann.id, "&amp;".repeat(4097), { parse_mode: "HTML" }));
    expect(e.description).toBe("Bad Request: message is too long");
    expect((await apiError(api.sendMessage(ann.id, "  "))).description).toBe("Bad Request: message text is empty");
  });

  it("refuses a chat it does not know and callback data over 64 bytes", async () => {
    expect((await apiError(api.sendMessage(424242, "x"))).description).toBe("Bad Request: chat not found");
    const ann = tg.addUser();
    const e = await apiError(api.sendMessage(ann.id, "x", { reply_markup: { inline_keyboard: [[{ text: "b", callback_data: "d".repeat(65) }]] } }));
    expect(e.description).toBe("Bad Request: BUTTON_DATA_INVALID");
  });

  it("sends into existing forum topics only", async () => {
    const forum = tg.addSupergroup({ title: "Học nhóm", forum: true });
    const plain = tg.addSupergroup({ title: "Plain" });
    const topic = tg.addTopic(forum.id, "Bài học");
    const m = await api.sendMessage(forum.id, "x", { message_thread_id: topic });
    expect(m).toMatchObject({ message_thread_id: topic, is_topic_message: true });
    expect(m.message_id).toBeGreaterThan(topic);
    expect((await apiError(api.sendMessage(forum.id, "x", { message_thread_id: topic + 100 }))).description).toBe("Bad Request: message thread not found");
    expect((await apiError(api.sendMessage(plain.id, "x", { message_thread_id: 1 }))).description).toBe("Bad Request: message thread not found");
    expect(tg.sent[0]).toMatchObject({ chatId: forum.id, threadId: topic, method: "sendMessage" });
  });

  it("posts in channels as the channel, with no from", async () => {
    const channel = tg.addChannel({ title: "Kênh", username: "kenh_hoc" });
    const m = await api.sendMessage("@kenh_hoc", "chào kênh");
    expect(m.sender_chat?.id).toBe(channel.id);
    expect(m.from).toBeUndefined();
  });
});

describe("fake Bot API: commands and chats", () => {
  it("keeps commands per scope and language and checks them", async () => {
    const group = tg.addGroup();
    await api.setMyCommands([{ command: "next", description: "Bài tiếp" }], { language_code: "vi" });
    await api.setMyCommands([{ command: "next", description: "Next lesson" }], { scope: { type: "chat", chat_id: group.id } });
    expect(await api.getMyCommands({ language_code: "vi" })).toEqual([{ command: "next", description: "Bài tiếp" }]);
    expect(await api.getMyCommands()).toEqual([]);
    expect(tg.registeredCommands.get(`chat:${group.id}|`)).toEqual([{ command: "next", description: "Next lesson" }]);
    expect((await apiError(api.setMyCommands([{ command: "Next", description: "x" }]))).description).toBe("Bad Request: BOT_COMMAND_INVALID");
    expect((await apiError(api.setMyCommands([{ command: "next", description: "" }]))).description).toBe("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID");
    const many = Array.from({ length: 101 }, (_, i) => ({ command: `c${i}`, description: "x" }));
    expect((await apiError(api.setMyCommands(many))).description).toBe("Bad Request: BOT_COMMANDS_TOO_MUCH");
    await api.deleteMyCommands({ language_code: "vi" });
    expect(await api.getMyCommands({ language_code: "vi" })).toEqual([]);
  });

  it("answers getChat, getChatMember and getChatAdministrators from the members it was given", async () => {
    const owner = tg.addUser({ first_name: "Owner" });
    const admin = tg.addUser({ first_name: "Admin" });
    const member = tg.addUser({ first_name: "Member" });
    const group = tg.addSupergroup({ title: "Lớp", members: [[owner, "creator"], [admin, "administrator"], [member, "member"]], bot: "administrator" });
    expect(await api.getChat(group.id)).toMatchObject({ id: group.id, type: "supergroup", title: "Lớp" });
    expect((await api.getChatMember(group.id, member.id)).status).toBe("member");
    expect((await api.getChatMember(group.id, tg.addUser().id)).status).toBe("left");
    const admins = await api.getChatAdministrators(group.id);
    expect(admins.map((a) => [a.user.first_name, a.status])).toEqual([["Owner", "creator"], ["Admin", "administrator"], ["Sáu Phút Test", "administrator"]]);
    const ann = tg.addUser();
    expect((await apiError(api.getChatAdministrators(ann.id))).description).toBe("Bad Request: there are no administrators in the private chat");
    const channel = tg.addChannel({ bot: "member" });
    expect((await apiError(api.getChatAdministrators(channel.id))).description).toBe("Bad Request: member list is inaccessible");
  });
});
