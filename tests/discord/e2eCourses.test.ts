/**
 * End to end (issue 15 §4): the real `npm start` process against the fake Discord, with a blog of two
 * series — two courses. /start in DMs shows the catalogue (Components V2, a button a course), the
 * learner follows both (a button, /follow with autocomplete), /next asks which, the daily lessons of
 * both arrive at the /time set, one is left; in a channel only a member with Manage Channels
 * chooses.
 */
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FakeDiscord, type InteractionRecord, type SentMessage } from "../fakes/discord/index.js";
import { engineCatalogue, writeSeriesSite } from "../helpers/seriesSite.js";
import { messagePayloadErrors } from "../validators/discordComponents.js";
import { botEnv, killAll, nextMinuteUtc, startBotProcess, stopBotProcess } from "./e2eHarness.js";
import { answerOf, buttonsOf, populate, posts, tempDir, visibleText } from "./harness.js";

const tmp = tempDir("sau-phut-dc-e2e-courses-");
const site = writeSeriesSite(join(tmp.dir, "series"));
// What the engine calls the two courses (their ids, titles, lessons), asked the way an author would.
const engine = engineCatalogue(site, join(tmp.dir, "probe"));
let fake: FakeDiscord | undefined;

afterAll(async () => {
  killAll();
  await fake?.close();
  tmp.cleanup();
});

/** The real process answers within the e2e tests' 10 s. */
const answer = (f: FakeDiscord, ix: InteractionRecord, count = 1): Promise<SentMessage[]> => answerOf(f, ix, 10_000, count);

describe("GIVEN the bot started with npm start on a blog of two series, against the fake Discord", () => {
  it("THEN a DM learner follows both, is asked which for /next, gets the daily lessons of both, leaves one; in a channel only Manage Channels chooses", async () => {
    expect(engine.version).toBe(3);
    expect(engine.courses).toHaveLength(2);
    const [first, second] = engine.courses as [(typeof engine.courses)[0], (typeof engine.courses)[0]];
    fake = await FakeDiscord.start();
    const f = fake;
    const { guild, channelId, admin, member, learner } = populate(f);
    const bot = startBotProcess(botEnv(f, { dataDir: join(tmp.dir, "data"), contentDir: site, guildId: guild.id, extra: { DISCORD_LESSON_FORMAT: "classic" } }));
    await bot.logged("bot running", 60_000);
    await f.waitFor(() => f.commandWrites(guild.id) === 1 && f.commandWrites() === 1, 5000, "the commands registered");

    // ── DM: /start greets and shows the catalogue, a button a course ──
    const [greeting, catalogue] = await answer(f, f.slashCommand({ name: "start", userId: learner.id, dm: true }), 2);
    expect(greeting!.message.content).toContain("Choose the courses you want");
    expect(catalogue!.componentsV2).toBe(true);
    expect(messagePayloadErrors(catalogue!.payload, [])).toEqual([]);
    expect(visibleText(catalogue!)).toContain(`1. **${first.title}**`);
    const [followFirst, followSecond] = buttonsOf(catalogue!);
    expect([followFirst, followSecond]).toEqual([`c:follow:${first.id}`, `c:follow:${second.id}`]);
    expect((await answer(f, f.pressButton({ userId: learner.id, messageId: catalogue!.messageId, customId: followFirst! })))[0]!.message.content).toContain(`You now follow **${first.title}**`);
    const auto = f.autocomplete({ name: "follow", userId: learner.id, dm: true, focused: "course", partial: "" });
    await f.waitFor(() => auto.choices !== undefined, 5000, "the courses offered");
    expect(auto.choices!.map((c) => c.value)).toEqual([first.id, second.id]);
    const followed = await answer(f, f.slashCommand({ name: "follow", userId: learner.id, dm: true, options: { course: second.id } }));
    expect(followed[0]!.message.content).toContain(`You now follow **${second.title}**`);

    // ── /next asks which; the button posts that course's lesson ──
    const [which] = await answer(f, f.slashCommand({ name: "next", userId: learner.id, dm: true }));
    expect(visibleText(which!)).toContain("Which course?");
    await answer(f, f.pressButton({ userId: learner.id, messageId: which!.messageId, customId: `c:next:${second.id}` }));
    const dm = f.dmChannelOf(learner.id)!;
    await f.waitFor(() => posts(f, dm).length === 1, 10_000, "the lesson in the DM");
    expect(visibleText(posts(f, dm)[0]!)).toContain(second.lessons[0]);

    // ── A channel: a member's press is refused for them alone; the admin's follows ──
    const [, channelCatalogue] = await answer(f, f.slashCommand({ name: "start", userId: admin.id, channelId }), 2);
    const refused = await answer(f, f.pressButton({ userId: member.id, messageId: channelCatalogue!.messageId, customId: followSecond! }));
    expect(refused[0]).toMatchObject({ ephemeral: true });
    expect(refused[0]!.message.content).toContain("Manage Channels");
    const chosen = await answer(f, f.pressButton({ userId: admin.id, messageId: channelCatalogue!.messageId, customId: followSecond! }));
    expect(chosen[0]).toMatchObject({ ephemeral: false });

    // ── The daily lessons of both at the minute set, in catalogue order ──
    const { hhmm, at } = nextMinuteUtc();
    expect((await answer(f, f.slashCommand({ name: "time", userId: learner.id, dm: true, options: { time: hhmm } })))[0]!.message.content).toContain(hhmm);
    await f.waitFor(() => posts(f, dm).length === 3, 80_000, "the daily lessons of both courses");
    const [, one, two] = posts(f, dm);
    expect(one!.at).toBeGreaterThanOrEqual(at);
    expect(visibleText(one!)).toContain(first.lessons[0]);
    expect(visibleText(two!)).toContain(second.lessons[1]);

    const left = await answer(f, f.slashCommand({ name: "leave", userId: learner.id, dm: true, options: { course: first.id } }));
    expect(left[0]!.message.content).toContain(`You left **${first.title}**`);

    for (const ix of f.interactions) expect(ix.ackLatencyMs, `${ix.kind} ${ix.name}`).toBeLessThan(3000);
    expect(f.rejections).toEqual([]);
    expect(await stopBotProcess(bot)).toBe(0);
    expect(bot.lines.filter((l) => l.includes(f.token))).toEqual([]);
  }, 150_000);
});
