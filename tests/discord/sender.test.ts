import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { OverwriteType, PermissionFlagsBits } from "discord-api-types/v10";
import type { ChatAddress, OutgoingMessage, SendResult } from "../../src/learning/index.js";
import { type Bot, botSuite } from "./harness.js";

const suite = botSuite();
let bot: Bot | undefined;

/** The first lesson's first message as the core hands it over, in components (with its two images) or classic. */
function lessonMessage(format: "components" | "classic"): OutgoingMessage {
  const rendering = suite.course.rendering(format)!;
  const m = rendering.course.lessons[0]!.messages[0]!;
  const abs = (p: string) => resolve(rendering.mediaDir, p);
  if (format === "components") return { components: m.components!, files: m.files!.map((f) => ({ name: f.name, file: abs(f.image), ...(f.alt ? { alt: f.alt } : {}) })) };
  return { text: m.text!, ...(m.images ? { images: m.images.map(abs), alt: m.alt ?? [] } : {}) };
}

const channel = (chatId: string): ChatAddress => ({ platform: "discord", chatId, kind: "group" });
const dm = (userId: string): ChatAddress => ({ platform: "discord", chatId: userId, kind: "private" });
const errorOf = (r: SendResult) => (r.ok ? undefined : r.error);

describe("GIVEN the Discord sender and Discord's answers", () => {
  it("THEN a DM is opened once per person, and a person who takes no DMs is unreachable (50007)", async () => {
    bot = await suite.start();
    const { fake, adapter, learner, member } = bot;
    expect(await adapter.sender.send(dm(learner.id), { text: "một" })).toMatchObject({ ok: true });
    expect(await adapter.sender.send(dm(learner.id), { text: "hai" })).toMatchObject({ ok: true });
    expect(fake.requests.filter((r) => r.route === "POST /users/@me/channels")).toHaveLength(1);
    expect(fake.messagesIn(fake.dmChannelOf(learner.id)!).map((m) => m.content)).toEqual(["một", "hai"]);
    fake.blockDMs(member.id);
    expect(errorOf(await adapter.sender.send(dm(member.id), { text: "ba" }))).toMatchObject({ kind: "unreachable" });
  });

  it("THEN a missing permission is forbidden with its name (50013 from the channel's overwrites, 50001), a deleted channel unreachable (10003)", async () => {
    let noFiles = "";
    // A channel whose overwrites deny the bot Attach Files, known to discord.js from GUILD_CREATE.
    bot = await suite.start({
      before: (f, g) => void (noFiles = f.addChannel(g.id, { name: "no-files", overwrites: [{ id: f.bot.id, type: OverwriteType.Member, allow: "0", deny: String(PermissionFlagsBits.AttachFiles) }] }).id),
    });
    const { fake, adapter, guild } = bot;
    expect(errorOf(await adapter.sender.send(channel(noFiles), lessonMessage("components")))).toMatchObject({ kind: "forbidden", permission: "Attach Files" });
    expect(await adapter.sender.send(channel(noFiles), { text: "chữ thôi" })).toMatchObject({ ok: true });

    const hidden = fake.addChannel(guild.id, { name: "hidden" });
    fake.denyChannel(hidden.id, 50001);
    expect(errorOf(await adapter.sender.send(channel(hidden.id), { text: "x" }))).toMatchObject({ kind: "forbidden", permission: "View Channel" });

    const gone = fake.addChannel(guild.id, { name: "gone" });
    fake.deleteChannel(gone.id);
    expect(errorOf(await adapter.sender.send(channel(gone.id), { text: "x" }))).toMatchObject({ kind: "unreachable" });
    expect(fake.rejections.map((r) => r.code).sort()).toEqual([10003, 50001, 50013]);
  });

  it("THEN 5xx answers and a Discord that is down are transient, and posting works again once it is back", async () => {
    bot = await suite.start();
    const { fake, adapter, channelId } = bot;
    fake.failNextRequests(2, { status: 502 });
    expect(await adapter.sender.send(channel(channelId), { text: "qua được" })).toMatchObject({ ok: true });
    fake.failNextRequests(4, { status: 500 });
    expect(errorOf(await adapter.sender.send(channel(channelId), { text: "x" }))).toMatchObject({ kind: "transient" });
    await fake.stopRest();
    expect(errorOf(await adapter.sender.send(channel(channelId), { text: "x" }))).toMatchObject({ kind: "transient" });
    await fake.startRest();
    expect(await adapter.sender.send(channel(channelId), { text: "lại được" })).toMatchObject({ ok: true });
    expect(fake.messagesIn(channelId).map((m) => m.content)).toEqual(["qua được", "lại được"]);
  });

  it("THEN a refused V2 payload (50035) is format_refused and logged with the payload, a refused classic one rejected", async () => {
    bot = await suite.start();
    const { fake, adapter, channelId } = bot;
    const undo = fake.rejectPayloads((p) => Array.isArray(p.components) && ((Number(p.flags) & (1 << 15)) !== 0));
    expect(errorOf(await adapter.sender.send(channel(channelId), lessonMessage("components")))).toMatchObject({ kind: "format_refused" });
    const logged = bot.logs.find((l) => l.msg === "Discord refused a Components V2 message");
    expect(JSON.stringify(logged?.payload)).toContain("Vectơ và phép cộng");
    undo();
    expect(await adapter.sender.send(channel(channelId), lessonMessage("classic"))).toMatchObject({ ok: true });
    expect(errorOf(await adapter.sender.send(channel(channelId), { text: "x".repeat(2001) }))).toMatchObject({ kind: "rejected" });
  });

  it("THEN a channel's sixth message within 5 s is rate_limited with the time left (the core waits for it), never a 429 from Discord", async () => {
    bot = await suite.start();
    const { fake, adapter, channelId } = bot;
    const results: SendResult[] = [];
    for (let k = 1; k <= 6; k++) results.push(await adapter.sender.send(channel(channelId), { text: `tin ${k}` }));
    expect(results.slice(0, 5).every((r) => r.ok)).toBe(true);
    const limited = errorOf(results[5]!);
    expect(limited).toMatchObject({ kind: "rate_limited" });
    expect(limited?.kind === "rate_limited" && limited.retryAfter).toBeGreaterThan(0);
    expect(limited?.kind === "rate_limited" && limited.retryAfter).toBeLessThanOrEqual(5.1);
    expect(fake.tooManyRequests).toBe(0);
    expect(fake.messagesIn(channelId)).toHaveLength(5);
  });
});
