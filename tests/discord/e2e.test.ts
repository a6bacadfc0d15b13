/**
 * End to end (issue 8 §6): the real `npm start` process against the fake Discord — a learner in DMs
 * and a study group's channel, up to the daily lesson that arrives by itself at the /time set.
 */
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ChannelType } from "discord-api-types/v10";
import { FakeDiscord, type InteractionRecord, type SentMessage } from "../fakes/discord/index.js";
import { messagePayloadErrors } from "../validators/discordComponents.js";
import { writeTestCourse } from "./course.js";
import { botEnv, killAll, nextMinuteUtc, startBotProcess, stopBotProcess, type BotProcess } from "./e2eHarness.js";
import { answerOf, buttonsOf, populate, posts, tempDir, visibleText } from "./harness.js";

const tmp = tempDir("sau-phut-dc-e2e-");
let fake: FakeDiscord | undefined;
let bot: BotProcess | undefined;

afterAll(async () => {
  killAll();
  await fake?.close();
  tmp.cleanup();
});

/** The real process answers within the e2e tests' 10 s. */
const answer = (f: FakeDiscord, ix: InteractionRecord, timeoutMs = 10_000): Promise<SentMessage[]> => answerOf(f, ix, timeoutMs);

describe("GIVEN the bot started with npm start against the fake Discord", () => {
  it("THEN a DM learner and a study group get commands, buttons and the daily lesson at their /time; every interaction answered within 3 s; no token in the output", async () => {
    fake = await FakeDiscord.start();
    const f = fake;
    const { guild, channelId, admin, member, learner } = populate(f);

    bot = startBotProcess(botEnv(f, { dataDir: join(tmp.dir, "data"), contentDir: writeTestCourse(join(tmp.dir, "content")), guildId: guild.id }));
    await bot.logged("bot running", 60_000);
    expect(f.identifies.map((i) => i.intents)).toEqual([1]); // Guilds only
    await f.waitFor(() => f.commandWrites(guild.id) === 1 && f.commandWrites() === 1, 5000, "the commands registered");

    // ── DM: /start, /next (a V2 lesson with galleries and buttons), ✅, /resources ──
    expect((await answer(f, f.slashCommand({ name: "start", userId: learner.id, dm: true })))[0]!.message.content).toContain("Toán cho học máy");
    const next = await answer(f, f.slashCommand({ name: "next", userId: learner.id, dm: true }));
    expect(next[0]!.message.content).toBe("📖 Bài học đã được gửi.");
    const dm = f.dmChannelOf(learner.id)!;
    const [lesson] = posts(f, dm);
    expect(lesson!.componentsV2).toBe(true);
    expect(lesson!.files.map((f) => f.contentType)).toEqual(["image/png", "image/png"]);
    expect(JSON.stringify(lesson!.payload.components)).toContain('"type":12');
    expect(messagePayloadErrors(lesson!.payload, lesson!.files.map((x) => x.name))).toEqual([]);
    const [done] = buttonsOf(lesson!);
    const toast = await answer(f, f.pressButton({ userId: learner.id, messageId: lesson!.messageId, customId: done! }));
    expect(toast[0]).toMatchObject({ ephemeral: true });
    expect(toast[0]!.message.content).toContain("Vectơ và phép cộng");
    const reading = await answer(f, f.slashCommand({ name: "resources", userId: learner.id, dm: true }));
    expect(reading[0]!.message.content).toContain("https://vi.wikipedia.org/wiki/Vect%C6%A1");

    // ── Channel: /subscribe without and with Manage Channels, lesson threads on ──
    const refused = await answer(f, f.slashCommand({ name: "subscribe", userId: member.id, channelId }));
    expect(refused[0]).toMatchObject({ ephemeral: true });
    expect(refused[0]!.message.content).toContain("Manage Channels");
    const welcome = await answer(f, f.slashCommand({ name: "subscribe", userId: admin.id, channelId }));
    expect(welcome[0]).toMatchObject({ ephemeral: false });
    await answer(f, f.slashCommand({ name: "threads", userId: admin.id, channelId, options: { mode: "on" } }));

    // ── The daily lesson at the next minute, in the DM and in the channel ──
    const { hhmm } = nextMinuteUtc();
    expect((await answer(f, f.slashCommand({ name: "time", userId: learner.id, dm: true, options: { time: hhmm } })))[0]!.message.content).toContain(hhmm);
    expect((await answer(f, f.slashCommand({ name: "time", userId: admin.id, channelId, options: { time: hhmm } })))[0]!.message.content).toContain(hhmm);
    const daily = await f.waitFor(() => posts(f, channelId)[0], 80_000, "the channel's daily lesson");
    expect(visibleText(daily)).toContain("Vectơ và phép cộng");
    await f.waitFor(() => posts(f, dm).length === 2, 10_000, "the DM's daily lesson");
    expect(visibleText(posts(f, dm)[1]!)).toContain("Đạo hàm trong một phút");
    const thread = await f.waitFor(() => f.world.channels.get(daily.messageId), 5000, "the lesson's thread");
    expect(thread).toMatchObject({ type: ChannelType.PublicThread, name: "Vectơ và phép cộng" });

    // ── Members press ✅; /progress shows the members' table to everyone ──
    const doneInChannel = buttonsOf(daily).find((id) => id.startsWith("done:"))!;
    for (const who of [admin, member]) await answer(f, f.pressButton({ userId: who.id, messageId: daily.messageId, customId: doneInChannel }));
    const progress = await answer(f, f.slashCommand({ name: "progress", userId: member.id, channelId }));
    expect(progress[0]).toMatchObject({ ephemeral: false });
    expect(progress[0]!.message.content).toMatch(/Thư: 1/);
    expect(progress[0]!.message.content).toMatch(/Nam: 1/);

    // ── Every interaction acknowledged within 3 s, every message valid, no token anywhere ──
    expect(f.interactions).toHaveLength(12);
    for (const ix of f.interactions) expect(ix.ackLatencyMs, `${ix.kind} ${ix.name}`).toBeLessThan(3000);
    expect(f.rejections).toEqual([]);
    expect(await stopBotProcess(bot)).toBe(0);
    expect(bot.lines.some((l) => l.includes("stopped"))).toBe(true);
    expect(bot.lines.filter((l) => l.includes(f.token))).toEqual([]);
  }, 150_000);

  it("THEN a token without DISCORD_APPLICATION_ID stops the start with one clear line, exit code 2, the token never printed", async () => {
    const f = fake ?? (fake = await FakeDiscord.start());
    const env = botEnv(f, { dataDir: join(tmp.dir, "data-2"), contentDir: join(tmp.dir, "content"), guildId: "" });
    delete env.DISCORD_APPLICATION_ID;
    delete env.DISCORD_GUILD_ID;
    const refused = startBotProcess(env);
    expect(await refused.exit).toBe(2);
    const lines = refused.lines.filter((l) => l.trim() !== "");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("DISCORD_APPLICATION_ID: required with DISCORD_BOT_TOKEN");
    expect(lines[0]).not.toContain(f.token);
  }, 30_000);
});
