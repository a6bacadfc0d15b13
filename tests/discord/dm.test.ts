import { describe, expect, it } from "vitest";
import { MessageFlags } from "discord-api-types/v10";
import { messagePayloadErrors } from "../validators/discordComponents.js";
import { answerOf, answerText, type Bot, botSuite, buttonsOf, posts, visibleText } from "./harness.js";

const suite = botSuite();
let bot: Bot | undefined;

/** Every Media Gallery item's media URL in a V2 payload. */
function galleryUrls(components: unknown): string[] {
  const urls: string[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c)) return c.forEach(walk);
    if (typeof c !== "object" || c === null) return;
    const o = c as { type?: number; items?: { media: { url: string } }[]; components?: unknown };
    if (o.type === 12) for (const item of o.items ?? []) urls.push(item.media.url);
    walk(o.components);
  };
  walk(components);
  return urls;
}

describe("GIVEN a person learning alone in the bot's DMs", () => {
  it("WHEN they /start and /next THEN a welcome, then a valid Components V2 lesson with galleries and buttons arrives in the DM", async () => {
    bot = await suite.start();
    const { fake, learner } = bot;
    const start = fake.slashCommand({ name: "start", userId: learner.id, dm: true });
    const welcome = await answerOf(fake, start);
    expect(welcome[0]).toMatchObject({ via: "interaction-reply", ephemeral: false });
    expect(welcome[0]!.message.content).toContain("Toán cho học máy");

    const next = fake.slashCommand({ name: "next", userId: learner.id, dm: true });
    const confirmation = await answerOf(fake, next, 10_000);
    expect(next.ackType).toBe(5); // deferred at once: the lesson goes through the ledger first
    expect(confirmation[0]).toMatchObject({ via: "interaction-edit", ephemeral: true });
    expect(confirmation[0]!.message.content).toBe("📖 Bài học đã được gửi.");

    const dm = fake.dmChannelOf(learner.id)!;
    const [lesson, ...more] = posts(fake, dm);
    expect(more).toEqual([]);
    expect(lesson!.componentsV2).toBe(true);
    expect(lesson!.flags & MessageFlags.IsComponentsV2).toBeTruthy();
    expect(visibleText(lesson!)).toContain("Vectơ và phép cộng");
    // The formula and the figure are uploaded with the message and shown in galleries in their place.
    const urls = galleryUrls(lesson!.payload.components);
    expect(urls).toHaveLength(2);
    expect(urls.map((u) => u.replace("attachment://", "")).sort()).toEqual(lesson!.files.map((f) => f.name).sort());
    expect(lesson!.files.every((f) => f.contentType === "image/png" && f.size > 100)).toBe(true);
    // A container (call-out) with an accent colour, and the three buttons in an Action Row at the end.
    const top = lesson!.payload.components as { type: number; accent_color?: number }[];
    expect(top.some((c) => c.type === 17 && typeof c.accent_color === "number")).toBe(true);
    expect(top.at(-1)!.type).toBe(1);
    expect(buttonsOf(lesson!).map((id) => id.split(":")[0])).toEqual(["done", "next", "res"]);
    expect(messagePayloadErrors(lesson!.payload, lesson!.files.map((f) => f.name))).toEqual([]);
    expect(fake.rejections).toEqual([]);
    for (const ix of fake.interactions) expect(ix.ackLatencyMs).toBeLessThan(3000);
  });

  it("WHEN they press ✅, 📚 and ▶ THEN ✅ answers privately, 📚 lists the reading, ▶ posts the next lesson", async () => {
    bot = await suite.start();
    const { fake, learner } = bot;
    await answerOf(fake, fake.slashCommand({ name: "start", userId: learner.id, dm: true }));
    await answerOf(fake, fake.slashCommand({ name: "next", userId: learner.id, dm: true }), 10_000);
    const dm = fake.dmChannelOf(learner.id)!;
    const lesson = posts(fake, dm)[0]!;
    const [done, next, res] = buttonsOf(lesson);

    const pressDone = fake.pressButton({ userId: learner.id, messageId: lesson.messageId, customId: done! });
    const toast = await answerOf(fake, pressDone);
    expect(toast[0]).toMatchObject({ via: "interaction-reply", ephemeral: true });
    expect(toast[0]!.message.content).toContain("Vectơ và phép cộng");
    expect(toast[0]!.message.content).toMatch(/🔥/);

    const pressRes = fake.pressButton({ userId: learner.id, messageId: lesson.messageId, customId: res! });
    const reading = await fake.waitFor(() => {
      const m = fake.sent.filter((s) => s.interactionId === pressRes.id);
      return m.length >= 2 ? m : undefined;
    }, 5000, "the resources follow-up");
    expect(reading[1]!.via).toBe("follow-up");
    expect(reading[1]!.message.content).toContain("https://vi.wikipedia.org/wiki/Vect%C6%A1");
    expect(reading[1]!.message.content).toContain("https://example.org/so-tay");

    const pressNext = fake.pressButton({ userId: learner.id, messageId: lesson.messageId, customId: next! });
    await answerOf(fake, pressNext, 10_000);
    expect(pressNext.ackType).toBe(5);
    await fake.waitFor(() => posts(fake, dm).length === 2, 5000, "the second lesson");
    expect(visibleText(posts(fake, dm)[1]!)).toContain("Đạo hàm trong một phút");
    expect(fake.rejections).toEqual([]);
  });

  it("WHEN they /goto by a title typed into autocomplete THEN the choices name the lessons and the chosen one is posted", async () => {
    bot = await suite.start();
    const { fake, learner } = bot;
    await answerOf(fake, fake.slashCommand({ name: "start", userId: learner.id, dm: true }));
    const ac = fake.autocomplete({ name: "goto", userId: learner.id, dm: true, focused: "lesson", partial: "ma tran" });
    await fake.waitFor(() => ac.choices, 3000, "autocomplete choices");
    expect(ac.choices).toEqual([{ name: "3. Ma trận và phép nhân", value: "3" }]);
    const zones = fake.autocomplete({ name: "timezone", userId: learner.id, dm: true, focused: "zone", partial: "ho chi" });
    await fake.waitFor(() => zones.choices, 3000, "zone choices");
    expect(zones.choices![0]).toEqual({ name: "Asia/Ho_Chi_Minh", value: "Asia/Ho_Chi_Minh" });

    await answerOf(fake, fake.slashCommand({ name: "goto", userId: learner.id, dm: true, options: { lesson: "3" } }), 10_000);
    const dm = fake.dmChannelOf(learner.id)!;
    await fake.waitFor(() => posts(fake, dm).length === 2, 5000, "both messages of lesson 3");
    expect(visibleText(posts(fake, dm)[0]!)).toContain("Ma trận và phép nhân");
    // The buttons are on the last message of the lesson only.
    expect(buttonsOf(posts(fake, dm)[0]!)).toEqual([]);
    expect(buttonsOf(posts(fake, dm)[1]!)).toHaveLength(3);

    const tz = await answerText(fake, fake.slashCommand({ name: "timezone", userId: learner.id, dm: true, options: { zone: "Europe/Berlin" } }));
    expect(tz).toContain("Europe/Berlin");
    const time = await answerText(fake, fake.slashCommand({ name: "time", userId: learner.id, dm: true, options: { time: "21:15" } }));
    expect(time).toContain("21:15");
    const lang = await answerText(fake, fake.slashCommand({ name: "lang", userId: learner.id, dm: true, options: { language: "en" } }));
    expect(lang).toBe("🇬🇧 Language set to English.");
    const progress = await answerText(fake, fake.slashCommand({ name: "progress", userId: learner.id, dm: true }));
    expect(progress).toContain("Lesson **3/3**");
    expect(fake.rejections).toEqual([]);
  });
});
