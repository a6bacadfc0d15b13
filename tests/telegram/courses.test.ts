/**
 * Several courses on Telegram, in-process against the fake Bot API with the real grammY client: the
 * catalogue as an inline keyboard (a Follow button a course, one a row), following by button and by
 * number, /next asking which, a deep link, and a group where only admins choose.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { User } from "grammy/types";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/courseLoader.js";
import { Catalogue } from "../../src/learning/catalogue.js";
import type { SentMessage } from "../fakes/telegram/server.js";
import { writeCourse, writeSecondCourse } from "./course.js";
import { startBot, type Harness } from "./harness.js";

let h: Harness | undefined;
let catalogue: Catalogue;
const base = mkdtempSync(join(tmpdir(), "sau-phut-tgcourses-"));

beforeAll(async () => {
  // Two content folders rendered by the engine, offered as one catalogue: "optimisation", then "probability".
  const render = (folder: string, write: (dir: string) => string) =>
    loadCatalogue({ platform: "telegram", formats: ["rich", "classic"], contentDir: write(join(base, folder)), dataDir: join(base, `data-${folder}`), courseJson: undefined, log: pino({ level: "silent" }) });
  const [a, b] = [await render("optimisation", writeCourse), await render("probability", writeSecondCourse)];
  catalogue = new Catalogue("telegram", [...a.courses, ...b.courses]);
}, 60_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));
afterEach(async () => {
  if (h) {
    expect(h.tg.internalErrors).toEqual([]);
    expect(h.tg.rejections).toEqual([]);
    await h.close();
    h = undefined;
  }
});

async function command(user: User, chatId: number, name: string, count: number, args?: string): Promise<SentMessage[]> {
  const before = h!.tg.sentTo(chatId).length;
  h!.tg.updates.command(user, name, { chatId, ...(args ? { args } : {}) });
  await h!.tg.waitFor(() => h!.tg.sentTo(chatId).length >= before + count);
  return h!.tg.sentTo(chatId).slice(before);
}

/** Presses a button of `message` by its label; resolves with the callback answer and the next `count` messages in the chat. */
async function press(user: User, message: SentMessage, label: string, count: number): Promise<{ toast: string | undefined; posted: SentMessage[] }> {
  const answers = h!.tg.callbackAnswers.length;
  const before = h!.tg.sentTo(message.chatId).length;
  const button = message.replyMarkup!.inline_keyboard.flat().find((b) => b.text === label)!;
  h!.tg.updates.callbackQuery(user, { chatId: message.chatId, messageId: message.messageId }, "callback_data" in button ? button.callback_data : "");
  const answer = await h!.tg.waitFor(() => h!.tg.callbackAnswers[answers]);
  await h!.tg.waitFor(() => h!.tg.sentTo(message.chatId).length >= before + count);
  return { toast: answer.text, posted: h!.tg.sentTo(message.chatId).slice(before) };
}

const rows = (m: SentMessage | undefined): string[][] => (m?.replyMarkup?.inline_keyboard ?? []).map((row) => row.map((b) => b.text));

describe("GIVEN a catalogue of two courses on Telegram", () => {
  it("WHEN a learner starts, follows both, asks for /next and uses a deep link THEN the buttons, the lessons and the answers are right", async () => {
    h = await startBot({ catalogue });
    const ann = h.tg.addUser({ first_name: "Ann" });
    const [greeting, list] = await command(ann, ann.id, "start", 2);
    expect(greeting!.text).toContain("Choose the courses you want");
    expect(list!.text).toContain("Optimisation in six minutes");
    expect(list!.text).toContain("English · 3 lessons");
    expect(list!.text).toContain("· probability");
    // One Follow button a course, one a row.
    expect(rows(list)).toEqual([["Follow: Optimisation in six minutes"], ["Follow: Probability in six minutes"]]);

    const followed = await press(ann, list!, "Follow: Probability in six minutes", 1);
    expect(followed.toast).toBeUndefined();
    expect(followed.posted[0]!.text).toContain("You now follow Probability in six minutes: 2 lessons");
    expect((await command(ann, ann.id, "follow", 1, "1"))[0]!.text).toContain("You now follow Optimisation in six minutes");
    expect((await command(ann, ann.id, "follow", 1, "1"))[0]!.text).toContain("You already follow");

    // /next with two followed asks which, a button a course (catalogue order); the press sends that course's lesson.
    const [which] = await command(ann, ann.id, "next", 1);
    expect(which!.text).toContain("Which course?");
    expect(rows(which)).toEqual([["Optimisation in six minutes"], ["Probability in six minutes"]]);
    const { posted } = await press(ann, which!, "Probability in six minutes", 1);
    expect(posted[0]!.method).toBe("sendRichMessage");
    expect(posted[0]!.rich!.html).toContain("Events and outcomes");
    expect((await command(ann, ann.id, "next", 1, "optimisation"))[0]!.rich!.html).toContain("Gradient descent by hand");

    // /courses marks both; /leave takes one off.
    expect(rows((await command(ann, ann.id, "courses", 1))[0])).toEqual([["✅ Optimisation in six minutes"], ["✅ Probability in six minutes"]]);
    expect((await command(ann, ann.id, "leave", 1, "probability"))[0]!.text).toContain("You left Probability in six minutes");

    // t.me/bot?start=probability arrives as "/start probability": a new learner follows it at once.
    const bob = h.tg.addUser({ first_name: "Bob" });
    const [welcome] = await command(bob, bob.id, "start", 1, "probability");
    expect(welcome!.text).toContain("Welcome to Probability in six minutes");
    expect(h.store.follows.of(h.store.subscribers.find("telegram", String(bob.id), "")!.id).map((f) => f.courseId)).toEqual(["probability"]);
  });

  it("WHEN a study group chooses THEN a member's press is refused and an admin's follows the course for the group", async () => {
    h = await startBot({ catalogue });
    const owner = h.tg.addUser({ first_name: "Lan" });
    const member = h.tg.addUser({ first_name: "Minh" });
    const group = h.tg.addSupergroup({ title: "Study", members: [[owner, "creator"], [member, "member"]] });
    const [, list] = await command(owner, group.id, "start", 2);
    const refused = await press(member, list!, "Follow: Optimisation in six minutes", 1);
    expect(refused.posted[0]!.text).toBe("Only the admins of this chat can do that.");
    const accepted = await press(owner, list!, "Follow: Optimisation in six minutes", 1);
    expect(accepted.posted[0]!.text).toContain("You now follow Optimisation in six minutes");
    expect((await command(member, group.id, "courses", 1))[0]!.text).toContain("Optimisation in six minutes ✅");
    expect((await command(member, group.id, "leave", 1, "1"))[0]!.text).toBe("Only the admins of this chat can do that.");
  });
});
