/**
 * Several courses on Discord, in-process against the fake with the real discord.js client: the
 * catalogue as a Components V2 message (a button a course, a select menu past five), autocomplete of
 * /follow, /leave, /next and /goto, /next asking which, and a channel where only members with Manage
 * Channels choose.
 */
import { join } from "node:path";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/courseLoader.js";
import { Catalogue } from "../../src/learning/catalogue.js";
import { CourseView } from "../../src/learning/courseView.js";
import type { FakeDiscord, InteractionRecord, SentMessage } from "../fakes/discord/index.js";
import { writeSecondCourse } from "../telegram/course.js";
import { messagePayloadErrors } from "../validators/discordComponents.js";
import { answerOf, type Bot, botSuite, buttonsOf, posts, tempDir, visibleText } from "./harness.js";

const suite = botSuite();
const tmp = tempDir("sau-phut-dc-courses-");
let two: Catalogue;
let bot: Bot | undefined;

beforeAll(async () => {
  const second = await loadCatalogue({
    platform: "discord",
    formats: ["components", "classic"],
    contentDir: writeSecondCourse(join(tmp.dir, "probability")),
    dataDir: tmp.dir,
    courseJson: undefined,
    log: pino({ level: "silent" }),
  });
  // The test course ("Toán cho học máy", Vietnamese: the bot speaks Vietnamese to new chats), then "probability".
  two = new Catalogue("discord", [suite.course, ...second.courses]);
}, 60_000);

/** Seven courses: the test course under seven ids, for the select menu. */
function seven(): Catalogue {
  const r = suite.course.rendering("components")!;
  return new Catalogue(
    "discord",
    Array.from({ length: 7 }, (_, k) => new CourseView([{ ...r, course: { ...r.course, id: `khoa-${k + 1}`, title: `Khóa ${k + 1}` } }])),
  );
}

/** The options of the select menus in a message. */
function selectOptions(m: SentMessage): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c)) return c.forEach(walk);
    if (typeof c !== "object" || c === null) return;
    const o = c as { type?: number; options?: { label: string; value: string }[]; components?: unknown };
    if (o.type === 3) out.push(...(o.options ?? []));
    walk(o.components);
  };
  walk(m.payload.components);
  return out;
}

function menuId(m: SentMessage): string {
  const rows = m.payload.components as { type: number; components?: { type: number; custom_id: string }[] }[];
  return rows.flatMap((r) => r.components ?? []).find((c) => c.type === 3)!.custom_id;
}

const valid = (m: SentMessage): void => expect(messagePayloadErrors(m.payload, [])).toEqual([]);

async function choices(f: FakeDiscord, ix: InteractionRecord): Promise<{ name: string; value: string | number }[]> {
  await f.waitFor(() => ix.choices !== undefined, 5000, `choices for ${ix.name}`);
  return ix.choices!;
}

describe("GIVEN two courses on Discord", () => {
  it("WHEN a learner in DMs lists, follows, autocompletes and asks for /next THEN a V2 catalogue with a button a course, the follows, the choices and the lesson of the course picked", async () => {
    bot = await suite.start({ catalogue: two });
    const { fake, learner } = bot;
    const [catalogue] = await answerOf(fake, fake.slashCommand({ name: "courses", userId: learner.id, dm: true }));
    expect(catalogue!.componentsV2).toBe(true);
    valid(catalogue!);
    expect(visibleText(catalogue!)).toContain("1. **Toán cho học máy**");
    expect(visibleText(catalogue!)).toContain("Tiếng Anh · 2 bài");
    expect(buttonsOf(catalogue!)).toEqual([`c:follow:${suite.course.id}`, "c:follow:probability"]);

    const [followed] = await answerOf(fake, fake.pressButton({ userId: learner.id, messageId: catalogue!.messageId, customId: "c:follow:probability" }));
    expect(followed!.message.content).toContain("Bạn đã đăng ký **Probability in six minutes**");

    // /follow's autocomplete offers every course; /leave's and /next's the followed ones.
    const all = await choices(fake, fake.autocomplete({ name: "follow", userId: learner.id, dm: true, focused: "course", partial: "" }));
    expect(all).toEqual([
      { name: "1. Toán cho học máy", value: suite.course.id },
      { name: "2. Probability in six minutes", value: "probability" },
    ]);
    expect(await choices(fake, fake.autocomplete({ name: "follow", userId: learner.id, dm: true, focused: "course", partial: "toan" }))).toEqual([all[0]]);
    const [second] = await answerOf(fake, fake.slashCommand({ name: "follow", userId: learner.id, dm: true, options: { course: suite.course.id } }));
    expect(second!.message.content).toContain("Bạn đã đăng ký **Toán cho học máy**");
    expect(await choices(fake, fake.autocomplete({ name: "next", userId: learner.id, dm: true, focused: "course", partial: "" }))).toHaveLength(2);
    const lessons = await choices(fake, fake.autocomplete({ name: "goto", userId: learner.id, dm: true, focused: "lesson", partial: "bayes" }));
    expect(lessons).toEqual([{ name: "Probability in six minutes: 2. Bayes in one line", value: "probability 2" }]);

    // /next with two followed asks which; the button posts that course's lesson.
    const [which] = await answerOf(fake, fake.slashCommand({ name: "next", userId: learner.id, dm: true }));
    expect(visibleText(which!)).toContain("Khóa học nào?");
    valid(which!);
    expect(buttonsOf(which!)).toEqual([`c:next:${suite.course.id}`, "c:next:probability"]);
    const press = fake.pressButton({ userId: learner.id, messageId: which!.messageId, customId: "c:next:probability" });
    const [posted] = await answerOf(fake, press, 10_000);
    expect(press.ackType).toBe(5); // a lesson: deferred at once
    expect(posted!.message.content).toBe("📖 Bài học đã được gửi.");
    const dm = fake.dmChannelOf(learner.id)!;
    expect(visibleText(posts(fake, dm)[0]!)).toContain("Events and outcomes");

    // The picked lesson of /goto names its course.
    await answerOf(fake, fake.slashCommand({ name: "goto", userId: learner.id, dm: true, options: { lesson: "probability 2" } }), 10_000);
    expect(visibleText(posts(fake, dm)[1]!)).toContain("Bayes in one line");
    const [left] = await answerOf(fake, fake.slashCommand({ name: "leave", userId: learner.id, dm: true, options: { course: "probability" } }));
    expect(left!.message.content).toContain("Bạn đã rời **Probability in six minutes**");
    expect(fake.rejections).toEqual([]);
    for (const ix of fake.interactions) expect(ix.ackLatencyMs, ix.name).toBeLessThan(3000);
  });

  it("WHEN a channel chooses THEN a member's press is refused for them alone, naming Manage Channels, and an admin's follows for everyone to see", async () => {
    bot = await suite.start({ catalogue: two });
    const { fake, admin, member, channelId } = bot;
    const start = fake.slashCommand({ name: "start", userId: admin.id, channelId });
    // The greeting, then the catalogue as a follow-up.
    await fake.waitFor(() => fake.sent.filter((s) => s.interactionId === start.id).length === 2, 5000, "the greeting and the catalogue");
    const [greeting, catalogue] = await answerOf(fake, start);
    expect(greeting!.message.content).toContain("Chào mừng bạn! Hãy chọn các khóa học");
    expect(greeting).toMatchObject({ ephemeral: false });
    expect(catalogue).toMatchObject({ componentsV2: true, ephemeral: false });
    const refused = await answerOf(fake, fake.pressButton({ userId: member.id, messageId: catalogue!.messageId, customId: "c:follow:probability" }));
    expect(refused[0]).toMatchObject({ ephemeral: true });
    expect(refused[0]!.message.content).toContain("Manage Channels");
    const accepted = await answerOf(fake, fake.pressButton({ userId: admin.id, messageId: catalogue!.messageId, customId: "c:follow:probability" }));
    expect(accepted[0]).toMatchObject({ ephemeral: false });
    expect(accepted[0]!.message.content).toContain("Bạn đã đăng ký **Probability in six minutes**");
    expect(fake.rejections).toEqual([]);
  });
});

describe("GIVEN seven courses on Discord", () => {
  it("WHEN /courses THEN a select menu lists them (past five buttons), and choosing one follows it", async () => {
    bot = await suite.start({ catalogue: seven() });
    const { fake, learner } = bot;
    const [catalogue] = await answerOf(fake, fake.slashCommand({ name: "courses", userId: learner.id, dm: true }));
    valid(catalogue!);
    expect(buttonsOf(catalogue!)).toEqual([]);
    const options = selectOptions(catalogue!);
    expect(options.map((o) => o.label)).toEqual(["Đăng ký: Khóa 1", "Đăng ký: Khóa 2", "Đăng ký: Khóa 3", "Đăng ký: Khóa 4", "Đăng ký: Khóa 5", "Đăng ký: Khóa 6", "Đăng ký: Khóa 7"]);
    const chosen = fake.chooseOption({ userId: learner.id, messageId: catalogue!.messageId, customId: menuId(catalogue!), values: ["c:follow:khoa-6"] });
    const [followed] = await answerOf(fake, chosen);
    expect(followed!.message.content).toContain("Bạn đã đăng ký **Khóa 6**");
    expect(fake.rejections).toEqual([]);
  });
});
