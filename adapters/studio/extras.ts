/**
 * What the senders add to a lesson's last message, built by the senders' own code so the preview
 * shows what a chat gets: Telegram's inline keyboard and Discord's Action Row of ✅ ▶ 📚.
 */
import { buttonRow } from "../discord/payload.js";
import { inlineKeyboard } from "../telegram/sender.js";
import { lessonButtons } from "../../src/learning/lessonMessages.js";
import type { SendExtras } from "../../src/studio/draw/chats.js";
import type { AnyComponent } from "../../src/studio/draw/discordComponents.js";

/** The delivery id a button carries does not change what it looks like. */
const ANY_DELIVERY = 0;

export const sendExtras: SendExtras = {
  telegramKeyboard: (language) => inlineKeyboard(lessonButtons(ANY_DELIVERY, language))?.inline_keyboard ?? [],
  discordRow: (language) => buttonRow(lessonButtons(ANY_DELIVERY, language)) as unknown as AnyComponent,
};
