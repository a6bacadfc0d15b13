/**
 * End to end (issue 18 §3): the real `npm start` process on a fake Discord that recommends 2 shards
 * with max_concurrency 1 — a DM learner and a study group on each shard, up to the daily lesson at the
 * /time set, delivered while shard 1's session is dropped and held; /healthz names discord until that
 * shard resumes. Then `doctor` and a bad DISCORD_SHARDS.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PermissionFlagsBits } from "discord-api-types/v10";
import { FakeDiscord, type GuildRecord } from "../fakes/discord/index.js";
import { IDENTIFY_SLACK_MS, IDENTIFY_WINDOW_MS } from "../fakes/discord/shards.js";
import { freePort } from "../helpers/net.js";
import { writeTestCourse } from "./course.js";
import { botEnv, discordHealthOf, healthOf, healthOfWhen, killAll, nextMinuteUtc, startBotProcess, stopBotProcess } from "./e2eHarness.js";
import { answerOf, posts, tempDir, visibleText } from "./harness.js";

const root = resolve(import.meta.dirname, "../..");
const tmp = tempDir("sau-phut-dc-shards-");
let f: FakeDiscord | undefined;

afterAll(async () => {
  killAll();
  await f?.close();
  tmp.cleanup();
});

describe("GIVEN npm start against a fake Discord that recommends 2 shards, max_concurrency 1", () => {
  it("THEN both shards open a window apart, a DM and a channel on each shard are served, and the daily lesson reaches every chat once while shard 1 is down; /healthz says so until it resumes", async () => {
    const fake = (f = await FakeDiscord.start({ shards: 2, maxConcurrency: 1 }));
    const admin = fake.addUser({ username: "thu", globalName: "Thư" });
    const learner = fake.addUser({ username: "lan", globalName: "Lan" });
    const guilds: GuildRecord[] = [0, 1].map((k) => fake.addGuild({ name: `Nhóm ${k}`, shard: k }));
    for (const g of guilds) fake.addMember(g.id, admin.id, { permissions: PermissionFlagsBits.ManageChannels });
    const channels = guilds.map((g) => fake.world.guildChannels(g)[0]!.id);
    const metricsPort = await freePort();

    const env = botEnv(fake, { dataDir: join(tmp.dir, "data"), contentDir: writeTestCourse(join(tmp.dir, "content")), guildId: "", extra: { METRICS_PORT: String(metricsPort) } });
    const bot = startBotProcess(env);
    expect(await bot.logged("connected to Discord", 60_000)).toMatchObject({ shards: 2 });
    await bot.logged("bot running", 30_000);
    const [first, second] = fake.identifies;
    expect([first?.shard, second?.shard, fake.identifies.length]).toEqual([[0, 2], [1, 2], 2]);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(IDENTIFY_WINDOW_MS - IDENTIFY_SLACK_MS);
    expect(fake.identifies.filter((i) => i.refused)).toEqual([]);
    expect(bot.lines.filter((l) => l.includes('"msg":"gateway shard ready"'))).toHaveLength(2);
    expect(await healthOf(metricsPort)).toEqual({ status: 200, failing: [] });
    expect(await discordHealthOf(metricsPort)).toBe("connected, 2 shards");

    // ── A DM learner (shard 0) and a channel on each shard, all at the next minute ──
    const answer = async (ix: ReturnType<FakeDiscord["slashCommand"]>) => (await answerOf(fake, ix, 10_000))[0]!.message.content;
    expect(await answer(fake.slashCommand({ name: "start", userId: learner.id, dm: true }))).toContain("Toán cho học máy");
    for (const channelId of channels) expect(await answer(fake.slashCommand({ name: "subscribe", userId: admin.id, channelId }))).toContain("Toán cho học máy");
    const { hhmm } = nextMinuteUtc();
    expect(await answer(fake.slashCommand({ name: "time", userId: learner.id, dm: true, options: { time: hhmm } }))).toContain(hhmm);
    for (const channelId of channels) expect(await answer(fake.slashCommand({ name: "time", userId: admin.id, channelId, options: { time: hhmm } }))).toContain(hhmm);

    // ── Shard 1 dropped and held before the minute: the bot's RESUME waits ──
    fake.dropShard(1, { hold: true });
    await fake.waitFor(() => fake.gateway.heldResumes === 1, 10_000, "shard 1's RESUME, held");
    expect(await healthOf(metricsPort)).toEqual({ status: 503, failing: ["discord"] });
    expect(await discordHealthOf(metricsPort)).toBe("not connected: shard 1 (Resuming) of 2 down");
    // The operator's log names the shard: one outage line, not one per retry.
    const outageLines = () => bot.lines.filter((l) => l.includes('"msg":"cannot reach Discord'));
    await fake.waitFor(() => outageLines().length > 0, 10_000, "the outage logged");
    const outage = outageLines();
    expect(outage).toEqual([expect.stringMatching(/cannot reach Discord: gateway ws:\/\/127\.0\.0\.1:\d+: .* \(shard 1 of 2\); retrying/)]);

    const dm = fake.dmChannelOf(learner.id)!;
    const chats = [dm, ...channels];
    await fake.waitFor(() => chats.every((c) => posts(fake, c).length > 0), 80_000, "the daily lesson in every chat");
    for (const c of chats) expect(visibleText(posts(fake, c)[0]!)).toContain("Vectơ và phép cộng");
    // Shard 0 and the DMs are served meanwhile.
    expect(await answer(fake.slashCommand({ name: "progress", userId: admin.id, channelId: channels[0]! }))).toContain("Vectơ và phép cộng");
    expect(await answer(fake.slashCommand({ name: "progress", userId: learner.id, dm: true }))).toContain("Vectơ và phép cộng");
    expect(fake.gateway.heldResumes).toBe(1);

    // ── Released: shard 1 resumes (no new IDENTIFY), /healthz is 200 again, its server is served ──
    fake.releaseShard(1);
    await fake.waitFor(() => fake.resumes.length === 1, 10_000, "shard 1 resumed");
    expect(await healthOfWhen(metricsPort, (h) => h.status === 200, 10_000)).toEqual({ status: 200, failing: [] });
    expect(await discordHealthOf(metricsPort)).toBe("connected, 2 shards");
    expect(await bot.logged("Discord answers again", 10_000)).toMatchObject({ level: 30 });
    expect(await answer(fake.slashCommand({ name: "progress", userId: admin.id, channelId: channels[1]! }))).toContain("Vectơ và phép cộng");
    expect(fake.identifies).toHaveLength(2);

    expect(await stopBotProcess(bot)).toBe(0);
    expect(chats.map((c) => posts(fake, c).length)).toEqual([1, 1, 1]);
    for (const ix of fake.interactions) expect(ix.ackLatencyMs, `${ix.kind} ${ix.name}`).toBeLessThan(3000);
    expect(fake.rejections).toEqual([]);
    expect(bot.lines.filter((l) => l.includes(fake.token))).toEqual([]);

    // ── doctor tells the shards the bot would open (asynchronously: the fake answers from this process) ──
    const doctor = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli.ts", "doctor"], { cwd: root, env: { ...env, DISCORD_SHARDS: "3" }, encoding: "utf8" });
    expect(doctor.stdout).toMatch(/^✔ discord: .*3 shard\(s\) by DISCORD_SHARDS \(Discord recommends 2\), 1 identify\(s\) per 5 s/m);
  }, 180_000);

  it("THEN a DISCORD_SHARDS that is not a count stops the start with one line, exit code 2", async () => {
    const fake = f ?? (f = await FakeDiscord.start());
    const refused = startBotProcess(botEnv(fake, { dataDir: join(tmp.dir, "data-2"), contentDir: writeTestCourse(join(tmp.dir, "content-2")), guildId: "", extra: { DISCORD_SHARDS: "many" } }));
    expect(await refused.exit).toBe(2);
    const lines = refused.lines.filter((l) => l.trim() !== "");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('DISCORD_SHARDS: "many" is not a shard count (a whole number from 1) or auto');
  }, 30_000);
});
