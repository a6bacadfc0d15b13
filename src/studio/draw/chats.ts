/**
 * A lesson as each app shows it: its lessons.json messages in order, drawn by the drawer of their
 * format, with what the senders add (Telegram's inline keyboard, Discord's Action Row, the footer
 * message an album needs), then its quiz. What is shown for a message depends on that message only.
 */
import type { ChatMessage, LessonFormat, Platform, RenderedLesson } from "../../contract/lessons.js";
import type { EngineLesson } from "../../build/renderCourse.js";
import { escapeAttr, escapeHtml } from "../../text/html.js";
import type { View } from "../model.js";
import { drawComponents, type AnyComponent } from "./discordComponents.js";
import { drawDiscordMarkdown } from "./discordMarkdown.js";
import { placeholder } from "./placeholder.js";
import { drawDiscordQuiz, drawTelegramQuiz } from "./quiz.js";
import { drawTelegramClassic } from "./telegramClassic.js";
import { drawTelegramRich } from "./telegramRich.js";

/**
 * What the learning core and the platform senders add to a lesson's messages, built by their own
 * code (adapters/studio/extras.ts). `language` is the course's language code ("vi", "en").
 */
export interface SendExtras {
  /** Telegram's inline keyboard (rows of buttons). */
  telegramKeyboard: (language: string) => { text: string }[][];
  /** The Action Row Discord's sender appends. */
  discordRow: (language: string) => AnyComponent;
  /** The footer message the core sends when the last message cannot carry buttons (an album), in the platform's markup; else null. */
  footer: (lesson: RenderedLesson, at: { format: LessonFormat; platform: Platform; k: number; n: number; language: string }) => string | null;
}

export interface ChatContext {
  view: View;
  lesson: EngineLesson;
  /** The lesson's place in its course (0-based) and the course's size, for the footer message. */
  index: number;
  size: number;
  /** The course's language code: the bot's own words (buttons, footer) are in it. */
  language: string;
  extras: SendExtras;
  mediaUrl: (image: string) => string;
  /** Prefix for in-message names (footnotes), unique on the page. */
  idPrefix: string;
}

const img = (src: string, alt: string, cls: string): string => `<img class="${cls}" src="${escapeAttr(src)}" alt="${escapeAttr(alt)}">`;

function telegramKeyboard(ctx: ChatContext): string {
  const rows = ctx.extras.telegramKeyboard(ctx.language);
  return `<div class="tg-keyboard">${rows.map((r) => `<div class="tg-kb-row">${r.map((b) => `<span class="tg-kb-button">${escapeHtml(b.text)}</span>`).join("")}</div>`).join("")}</div>`;
}

function footer(ctx: ChatContext, format: LessonFormat): string | null {
  return ctx.extras.footer(ctx.lesson, { format, platform: ctx.view.platform, k: ctx.index + 1, n: ctx.size, language: ctx.language });
}

function telegramClassicMessage(m: ChatMessage, i: number, ctx: ChatContext): string {
  const images = m.images ?? [];
  const photos = images.length
    ? `<div class="tg-photos n${Math.min(images.length, 4)}">${images.map((p, k) => img(ctx.mediaUrl(p), m.alt?.[k] ?? "", "tg-photo")).join("")}</div>`
    : "";
  const text = m.text ? `<div class="tg-text">${drawTelegramClassic(m.text, { mediaUrl: ctx.mediaUrl, idPrefix: `${ctx.idPrefix}${i}-` })}</div>` : "";
  return `<div class="tg-msg${images.length ? " tg-media" : ""}" data-message="${i}">${photos}${text}</div>`;
}

function telegramRichMessage(m: ChatMessage, i: number, ctx: ChatContext): string {
  if (!m.rich) return `<div class="tg-msg" data-message="${i}">${placeholder("a message without rich HTML in a rich lesson")}</div>`;
  return `<div class="tg-msg tg-rich-msg" data-message="${i}"><div class="tg-rich">${drawTelegramRich(m.rich, { mediaUrl: ctx.mediaUrl, idPrefix: `${ctx.idPrefix}${i}-` })}</div></div>`;
}

function telegram(ctx: ChatContext, drawMessage: (m: ChatMessage, i: number, ctx: ChatContext) => string): string {
  const { messages } = ctx.lesson;
  const tail = footer(ctx, ctx.view.format);
  const drawn = messages.map((m, i) => drawMessage(m, i, ctx));
  if (tail !== null) drawn.push(`<div class="tg-msg" data-footer><div class="tg-text">${drawTelegramClassic(tail, { mediaUrl: ctx.mediaUrl, idPrefix: ctx.idPrefix })}</div></div>`);
  if (drawn.length) drawn[drawn.length - 1] += telegramKeyboard(ctx);
  const quiz = (ctx.lesson.quiz ?? []).map(drawTelegramQuiz);
  return `<div class="tg-chat">${drawn.join("")}${quiz.length ? `<div class="chat-divider" data-studio-note>after ✅: the quiz</div>${quiz.join("")}` : ""}</div>`;
}

function discordHeader(): string {
  return `<div class="dc-head"><span class="dc-avatar">6′</span><span class="dc-name">Sáu Phút</span><span class="dc-app">APP</span><span class="dc-time">Today at 07:00</span></div>`;
}

function discord(ctx: ChatContext, drawMessage: (m: ChatMessage, last: boolean) => string): string {
  const { messages } = ctx.lesson;
  const tail = footer(ctx, ctx.view.format);
  const drawn = messages.map((m, i) => `<div class="dc-msg" data-message="${i}">${drawMessage(m, tail === null && i === messages.length - 1)}</div>`);
  if (tail !== null) drawn.push(`<div class="dc-msg" data-footer>${drawMessage({ text: tail }, true)}</div>`);
  const quiz = (ctx.lesson.quiz ?? []).map(drawDiscordQuiz);
  return `<div class="dc-chat">${discordHeader()}${drawn.join("")}${quiz.length ? `<div class="chat-divider" data-studio-note>after ✅: the quiz</div>${quiz.join("")}` : ""}</div>`;
}

function discordComponentsMessage(m: ChatMessage, last: boolean, ctx: ChatContext): string {
  const row = last ? [ctx.extras.discordRow(ctx.language)] : [];
  if (!m.components) return drawDiscordClassicMessage(m, last, ctx);
  return `<div class="dc-v2">${drawComponents([...(m.components as unknown as AnyComponent[]), ...row], { files: m.files ?? [], mediaUrl: ctx.mediaUrl })}</div>`;
}

function drawDiscordClassicMessage(m: ChatMessage, last: boolean, ctx: ChatContext): string {
  const content = m.text ? `<div class="dc-text">${drawDiscordMarkdown(m.text)}</div>` : "";
  const images = m.images ?? [];
  const attachments = images.length
    ? `<div class="dc-gallery n${Math.min(images.length, 4)}">${images.map((p, k) => `<div class="dc-gallery-item">${img(ctx.mediaUrl(p), m.alt?.[k] ?? "", "dc-gallery-img")}</div>`).join("")}</div>`
    : "";
  const row = last ? drawComponents([ctx.extras.discordRow(ctx.language)], { files: [], mediaUrl: ctx.mediaUrl }) : "";
  return content + attachments + row;
}

/** The lesson as the view's app shows it. */
export function drawChat(ctx: ChatContext): string {
  switch (ctx.view.key) {
    case "telegram-rich":
      return telegram(ctx, telegramRichMessage);
    case "telegram-classic":
      return telegram(ctx, telegramClassicMessage);
    case "discord-components":
      return discord(ctx, (m, last) => discordComponentsMessage(m, last, ctx));
    case "discord-classic":
      return discord(ctx, (m, last) => drawDiscordClassicMessage(m, last, ctx));
    default:
      return ctx.view satisfies never;
  }
}
