/**
 * End to end, the faults (issue 8 §6): the real bot process against the fake Discord through 429
 * bursts, a missing permission, closed DMs, a V2 message refused, the fake restarted mid-delivery,
 * and the bot killed with SIGKILL mid-delivery. The scenarios run in order on one fake and one data
 * folder, as one bot's life.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OverwriteType, PermissionFlagsBits } from "discord-api-types/v10";
import { FakeDiscord, type GuildRecord, type InteractionRecord, type SentMessage, type UserRecord } from "../fakes/discord/index.js";
import { writeTestCourse } from "./course.js";
import { botEnv, healthOf, healthOfWhen, killAll, startBotProcess, stopBotProcess, type BotProcess, type Health } from "./e2eHarness.js";
import { freePort } from "../helpers/net.js";
import { buttonsOf, posts, tempDir, visibleText } from "./harness.js";

const tmp = tempDir("sau-phut-dc-faults-");
let f: FakeDiscord;
let guild: GuildRecord;
let admin: UserRecord;
let noFilesChannel: string;
let env: NodeJS.ProcessEnv;
let metricsPort: number;
/** Every bot process of this file, for the token check at the end. */
const processes: BotProcess[] = [];
let bot: BotProcess;

async function answer(ix: InteractionRecord, timeoutMs = 15_000): Promise<SentMessage[]> {
  await f.waitFor(() => f.sent.some((s) => s.interactionId === ix.id), timeoutMs, `an answer to ${ix.name}`);
  return f.sent.filter((s) => s.interactionId === ix.id);
}

/** Resolves once the fake holds the `n`th message posted to `channelId` in its injected delay: that message is in flight. */
function nthPostHeld(channelId: () => string, n: number): Promise<unknown> {
  return f.waitFor(() => f.delayed.filter((r) => r.method === "POST" && r.path === `/channels/${channelId()}/messages`).length >= n, 10_000, `message ${n} held in flight`);
}

async function learnerWithStart(name: string): Promise<UserRecord> {
  const user = f.addUser({ username: name });
  await answer(f.slashCommand({ name: "start", userId: user.id, dm: true }));
  return user;
}

const health = () => healthOf(metricsPort);
const healthWhen = (until: (h: Health) => boolean, timeoutMs: number) => healthOfWhen(metricsPort, until, timeoutMs);

beforeAll(async () => {
  f = await FakeDiscord.start();
  guild = f.addGuild({ name: "Nhóm Toán" });
  admin = f.addUser({ username: "thu", globalName: "Thư" });
  f.addMember(guild.id, admin.id, { permissions: PermissionFlagsBits.ManageChannels });
  noFilesChannel = f.addChannel(guild.id, { name: "khong-tep", overwrites: [{ id: f.bot.id, type: OverwriteType.Member, allow: "0", deny: String(PermissionFlagsBits.AttachFiles) }] }).id;
  metricsPort = await freePort();
  env = botEnv(f, { dataDir: join(tmp.dir, "data"), contentDir: writeTestCourse(join(tmp.dir, "content")), guildId: guild.id, extra: { METRICS_PORT: String(metricsPort) } });
  bot = startBotProcess(env);
  processes.push(bot);
  await bot.logged("bot running", 60_000);
});

afterAll(async () => {
  killAll();
  await f?.close();
  tmp.cleanup();
});

describe("GIVEN the bot process and a misbehaving Discord", () => {
  it("WHEN Discord answers a burst of 429s THEN every learner's lesson still arrives exactly once", async () => {
    const learners = [];
    for (let k = 0; k < 6; k++) learners.push(await learnerWithStart(`hv${k}`));
    f.setGlobalLimit(2);
    f.resetRateLimits();
    const asked = learners.map((u) => f.slashCommand({ name: "next", userId: u.id, dm: true }));
    for (const ix of asked) await answer(ix, 30_000);
    f.setGlobalLimit(50);
    expect(f.tooManyRequests).toBeGreaterThan(0);
    for (const u of learners) expect(posts(f, f.dmChannelOf(u.id)!).map((m) => visibleText(m).includes("Vectơ và phép cộng"))).toEqual([true]);
  }, 60_000);

  it("WHEN the bot lacks Attach Files in a subscribed channel THEN /next says so and the admin who subscribed is told once by DM", async () => {
    await answer(f.slashCommand({ name: "subscribe", userId: admin.id, channelId: noFilesChannel }));
    const said = await answer(f.slashCommand({ name: "next", userId: admin.id, channelId: noFilesChannel }));
    expect(said[0]!.message.content).toContain("Attach Files");
    const notice = await f.waitFor(() => f.messagesIn(f.dmChannelOf(admin.id) ?? "")[0], 5000, "the DM to the admin");
    expect(notice.content).toContain("Attach Files");
    expect(posts(f, noFilesChannel)).toEqual([]);
  });

  it("WHEN a learner's DMs are closed THEN /next tells them how to open them and nothing is posted", async () => {
    const closed = await learnerWithStart("dong");
    f.blockDMs(closed.id);
    const said = await answer(f.slashCommand({ name: "next", userId: closed.id, dm: true }));
    expect(said[0]!.message.content).toContain("tin nhắn trực tiếp");
    expect(posts(f, f.dmChannelOf(closed.id)!)).toEqual([]);
  });

  it("WHEN Discord refuses a Components V2 lesson (50035) THEN the bot logs the payload and the learner gets it classic", async () => {
    const learner = await learnerWithStart("co-dien");
    const from = bot.lines.length;
    f.rejectPayloads((p) => (Number(p.flags) & (1 << 15)) !== 0, { times: 1 });
    await answer(f.slashCommand({ name: "next", userId: learner.id, dm: true }));
    const lesson = posts(f, f.dmChannelOf(learner.id)!);
    expect(lesson.map((m) => m.componentsV2)).toEqual([false, false]);
    expect(lesson[0]!.message.content).toContain("Vectơ và phép cộng");
    const logged = await bot.logged("Discord refused a Components V2 message", 5000, from);
    expect(JSON.stringify(logged.payload)).toContain('"flags":32768');
  });

  it("WHEN the gateway goes down THEN /healthz answers 503 naming discord, and 200 again once the bot is back", async () => {
    expect(await health()).toEqual({ status: 200, failing: [] });
    await f.stopGateway();
    expect(await healthWhen((h) => h.status !== 200, 5000)).toEqual({ status: 503, failing: ["discord"] });
    await f.startGateway();
    expect(await healthWhen((h) => h.status === 200, 15_000)).toEqual({ status: 200, failing: [] });
  }, 30_000);

  it("WHEN the fake Discord restarts mid-delivery THEN the lesson completes after it is back, and the gateway comes back too", async () => {
    const learner = await learnerWithStart("khoi-dong-lai");
    f.setDelay((req) => (req.method === "POST" && /^\/channels\/\d+\/messages$/.test(req.path) ? 1200 : 0));
    const goto = f.slashCommand({ name: "goto", userId: learner.id, dm: true, options: { lesson: "3" } });
    const dm = () => f.dmChannelOf(learner.id) ?? "";
    await f.waitFor(() => posts(f, dm()).length === 1, 10_000, "the lesson's first message");
    await nthPostHeld(dm, 2);
    const sessions = f.identifies.length + f.resumes.length;
    await f.restart();
    f.setDelay(0);
    await answer(goto, 30_000);
    const lesson = posts(f, dm());
    // The restart cut the second message's request (recorded with no status), then it was sent again.
    expect(f.requests.filter((r) => r.status === 0 && r.path === `/channels/${dm()}/messages`)).toHaveLength(1);
    expect(lesson.map((m) => visibleText(m).includes("Ma trận và phép nhân"))).toEqual([true, false]);
    expect(lesson).toHaveLength(2);
    // The gateway is back (resumed or identified again): a command is answered within 3 s.
    await f.waitFor(() => f.identifies.length + f.resumes.length > sessions, 20_000, "the gateway session back");
    const progress = f.slashCommand({ name: "progress", userId: learner.id, dm: true });
    expect((await answer(progress))[0]!.message.content).toContain("3/3");
    expect(progress.ackLatencyMs).toBeLessThan(3000);
  }, 60_000);

  it("WHEN the bot is killed with SIGKILL mid-delivery and started again THEN nothing is lost and only the message in flight may arrive twice", async () => {
    const learner = await learnerWithStart("kill-9");
    f.setDelay((req) => (req.method === "POST" && req.path === `/channels/${f.dmChannelOf(learner.id)}/messages` ? 1500 : 0));
    const writes = f.commandWrites(guild.id) + f.commandWrites();
    f.slashCommand({ name: "goto", userId: learner.id, dm: true, options: { lesson: "3" } });
    const dm = f.dmChannelOf(learner.id)!;
    await f.waitFor(() => posts(f, dm).length === 1, 10_000, "the lesson's first message");
    await nthPostHeld(() => dm, 2);
    bot.proc.kill("SIGKILL");
    await bot.exit;
    f.setDelay(0);

    bot = startBotProcess(env);
    processes.push(bot);
    await bot.logged("bot running", 60_000);
    await bot.logged("resuming unfinished deliveries", 5000);
    // The lesson's last message carries its buttons: once it is posted, the delivery is over.
    await f.waitFor(() => posts(f, dm).some((m) => buttonsOf(m).length > 0), 15_000, "the rest of the lesson");
    expect(f.requests.filter((r) => r.status === 0 && r.path === `/channels/${dm}/messages`)).toHaveLength(1);
    const texts = posts(f, dm).map((m) => visibleText(m));
    const first = texts.filter((t) => t.includes("Ma trận và phép nhân")).length;
    expect(first).toBe(1);
    expect(texts.length - first).toBeGreaterThanOrEqual(1); // the second message arrived
    expect(texts.length - first).toBeLessThanOrEqual(2); // at most twice: it was in flight
    expect(texts[0]).toContain("Ma trận và phép nhân");
    // The restart found the commands registered: nothing was written again.
    expect(f.commandWrites(guild.id) + f.commandWrites()).toBe(writes);
  }, 90_000);

  it("THEN only the provoked refusals happened, every interaction was acknowledged within 3 s, and no output line holds the token", async () => {
    expect(await stopBotProcess(bot)).toBe(0);
    const refusals = f.rejections.filter((r) => r.status !== 429).map((r) => r.code);
    expect(new Set(refusals)).toEqual(new Set([50013, 50007, 50035]));
    expect(refusals.filter((c) => c === 50035)).toHaveLength(1);
    for (const ix of f.interactions) expect(ix.ackLatencyMs, `${ix.kind} ${ix.name}`).toBeLessThan(3000);
    const lines = processes.flatMap((p) => p.lines);
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.filter((l) => l.includes(f.token))).toEqual([]);
  });
});
