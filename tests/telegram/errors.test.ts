/** Telegram's real error answers (from the fake, through grammY) as the core's typed send errors. */
import { Bot } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { safeErrorText, toSendError } from "../../adapters/telegram/errors.js";
import { FakeTelegram } from "../fakes/telegram/server.js";

let tg: FakeTelegram;
let bot: Bot;
beforeEach(async () => {
  tg = await FakeTelegram.start();
  bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot }, botInfo: tg.botInfo });
});
afterEach(async () => {
  await tg.stop();
});

async function errorOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (e) {
    return e;
  }
  throw new Error("the call succeeded");
}

describe("Telegram errors → send errors", () => {
  it("maps 429, 403s, migration, missing rights, gone chats, bad HTML and unknown methods", async () => {
    const ann = tg.addUser();
    const gone = tg.addUser();
    tg.deactivateUser(gone.id);
    const group = tg.addGroup();
    tg.upgradeToSupergroup(group.id);
    const kicked = tg.addGroup();
    tg.kickBot(kicked.id);
    const channel = tg.addChannel({ bot: "member" });
    const kinds = async (call: () => Promise<unknown>, rich = false): Promise<unknown> => toSendError(await errorOf(call), { rich }, tg.token);

    tg.flood({ calls: 1, retryAfter: 7 });
    expect(await kinds(() => bot.api.sendMessage(ann.id, "hi"))).toMatchObject({ kind: "rate_limited", retryAfter: 7 });
    expect(await kinds(() => bot.api.sendMessage(gone.id, "hi"))).toMatchObject({ kind: "unreachable", detail: expect.stringContaining("user is deactivated") });
    expect(await kinds(() => bot.api.sendMessage(kicked.id, "hi"))).toMatchObject({ kind: "unreachable", detail: expect.stringContaining("kicked") });
    expect(await kinds(() => bot.api.sendMessage(group.id, "hi"))).toMatchObject({ kind: "chat_moved", newChatId: expect.stringMatching(/^-100\d+$/) });
    expect(await kinds(() => bot.api.sendMessage(channel.id, "hi"))).toMatchObject({ kind: "forbidden" });
    expect(await kinds(() => bot.api.sendMessage(123, "hi"))).toMatchObject({ kind: "unreachable", detail: expect.stringContaining("chat not found") });
    expect(await kinds(() => bot.api.sendMessage(ann.id, "<br>", { parse_mode: "HTML" }))).toMatchObject({ kind: "rejected" });
    expect(await kinds(() => bot.api.sendRichMessage(ann.id, { html: "<p>a<img src=\"x\"/></p>" }), true)).toMatchObject({ kind: "format_refused" });
    tg.setRichMessages(false);
    expect(await kinds(() => bot.api.sendRichMessage(ann.id, { html: "<p>a</p>" }), true)).toMatchObject({ kind: "format_refused", detail: expect.stringContaining("404") });
    tg.failNext(1, { status: 500 });
    expect(await kinds(() => bot.api.sendMessage(ann.id, "hi"))).toMatchObject({ kind: "transient" });
  });

  it("GIVEN the API unreachable THEN a transient error whose text names no token", async () => {
    const ann = tg.addUser();
    await tg.stop();
    const err = await errorOf(() => bot.api.sendMessage(ann.id, "hi"));
    const mapped = toSendError(err, { rich: false }, tg.token);
    expect(mapped.kind).toBe("transient");
    const text = safeErrorText(err, tg.token);
    expect(text).toContain("sendMessage");
    // The cause names the URL, token included; the log line must not.
    expect(String((err as { error?: Error }).error?.message ?? "")).toContain(tg.token);
    expect(text).not.toContain(tg.token);
    expect(text).not.toContain(tg.token.split(":")[1]!);
  });
});
