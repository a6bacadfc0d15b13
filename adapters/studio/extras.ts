/**
 * What the learning core and the senders add to a lesson's messages, built by their own code so the
 * preview shows what a chat gets: Telegram's inline keyboard and Discord's Action Row of ✅ ▶ 📚, and
 * the footer message that carries them after an album.
 */
import { buttonRow } from "../discord/payload.js";
import { inlineKeyboard } from "../telegram/sender.js";
import { catalogFor, languageFrom, markupFor } from "../../src/learning/index.js";
import { lessonButtons, lessonMessageCount } from "../../src/learning/lessonMessages.js";
import type { SendExtras } from "../../src/studio/draw/chats.js";
import type { AnyComponent } from "../../src/studio/draw/discordComponents.js";

/** The delivery id a button carries does not change what it looks like. */
const ANY_DELIVERY = 0;

export const sendExtras: SendExtras = {
  telegramKeyboard: (language) => inlineKeyboard(lessonButtons(ANY_DELIVERY, languageFrom(language)))?.inline_keyboard ?? [],
  discordRow: (language) => buttonRow(lessonButtons(ANY_DELIVERY, languageFrom(language))) as unknown as AnyComponent,
  footer: (lesson, at) =>
    lessonMessageCount(lesson, at.format) === lesson.messages.length ? null : catalogFor(languageFrom(at.language)).lessonFooter(markupFor(at.platform), { k: at.k, n: at.n }),
};
