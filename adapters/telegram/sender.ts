import type { Api } from "grammy";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import type { Logger } from "pino";
import type { Button, ChatAddress, Choice, OutgoingMessage, SendOptions, SendResult, Sender } from "../../src/learning/index.js";
import { isBadFileId, safeErrorText, toSendError } from "./errors.js";
import { richFileIds } from "./richFileIds.js";
import { sendQuizPoll } from "./quizPoll.js";
import type { MediaSource, MediaUploads } from "./uploads.js";

/** How much of a refused rich message's HTML goes into the log line. */
const LOGGED_HTML = 40_000;

/** Telegram refuses a keyboard of more than 100 buttons. */
const MAX_KEYBOARD_BUTTONS = 100;

/** A lesson's buttons side by side in one row; a choice among courses one button a row (titles are long). */
export function inlineKeyboard(buttons: readonly Button[] | undefined, choices?: readonly Choice[]): InlineKeyboardMarkup | undefined {
  if (choices?.length) return { inline_keyboard: choices.slice(0, MAX_KEYBOARD_BUTTONS).map((c) => [{ text: c.label, callback_data: c.data }]) };
  if (!buttons?.length) return undefined;
  return { inline_keyboard: [buttons.map((b) => ({ text: b.text, callback_data: b.data }))] };
}

/** Numeric ids as numbers (what the Bot API documents), @usernames as they are. */
export function chatIdOf(to: ChatAddress): number | string {
  return /^-?\d+$/.test(to.chatId) ? Number(to.chatId) : to.chatId;
}

/**
 * The options every send method takes alike: the topic, and `allow_paid_broadcast` when the limiter
 * granted the send as a paid broadcast. Spread them into every send call (sendPoll too).
 */
function sendOptions(to: ChatAddress, options: SendOptions | undefined): { message_thread_id?: number; allow_paid_broadcast?: true } {
  return {
    ...(to.threadId && /^\d+$/.test(to.threadId) ? { message_thread_id: Number(to.threadId) } : {}),
    ...(options?.paidBroadcast ? { allow_paid_broadcast: true as const } : {}),
  };
}

const largestPhoto = (m: Message | undefined): string | undefined => m?.photo?.at(-1)?.file_id;

/**
 * The Telegram sender: one OutgoingMessage → one Bot API call (sendRichMessage, sendMessage, sendPhoto
 * or sendMediaGroup), Telegram's answer → the core's typed result. Never retries and never waits:
 * the core's limiter and ledger do that with the errors returned here.
 */
export class TelegramSender implements Sender {
  readonly platform = "telegram" as const;
  private richAvailable = true;

  constructor(
    private readonly api: () => Api,
    private readonly uploads: MediaUploads,
    private readonly log: Logger,
    private readonly token: string,
  ) {}

  /** False for "rich" once the server answered sendRichMessage as an unknown method. */
  acceptsFormat(format: string): boolean {
    return format !== "rich" || this.richAvailable;
  }

  async send(to: ChatAddress, message: OutgoingMessage, options?: SendOptions): Promise<SendResult> {
    if (message.quiz) return sendQuizPoll(this.api(), chatIdOf(to), sendOptions(to, options), message.quiz, this.token);
    let sources: MediaSource[] = [];
    const rich = message.rich !== undefined;
    try {
      const paths = message.rich ? message.rich.media.map((m) => m.file) : (message.images ?? []);
      sources = await this.uploads.sourcesFor(paths);
      const id = await this.dispatch(to, message, sources, options);
      this.uploads.count(sources);
      return { ok: true, messageId: String(id) };
    } catch (err) {
      for (const s of sources) this.uploads.settle(s, undefined);
      if (isBadFileId(err)) this.uploads.forget(sources);
      const error = toSendError(err, { rich, paid: options?.paidBroadcast === true }, this.token);
      if (rich && error.kind === "format_refused") this.richRefused(err, message.rich!.html, error.detail);
      return { ok: false, error };
    }
  }

  private richRefused(err: unknown, html: string, detail: string | undefined): void {
    const unknownMethod = typeof err === "object" && err !== null && (err as { error_code?: unknown }).error_code === 404;
    if (unknownMethod) {
      if (this.richAvailable) this.log.warn({ error: detail }, "this Bot API server has no sendRichMessage: lessons go out as classic messages from now on");
      this.richAvailable = false;
      return;
    }
    this.log.warn({ error: detail, html: html.slice(0, LOGGED_HTML), htmlLength: html.length }, "rich message refused; sending the lesson as classic messages");
  }

  private async dispatch(to: ChatAddress, m: OutgoingMessage, sources: MediaSource[], options: SendOptions | undefined): Promise<number> {
    const api = this.api();
    const chatId = chatIdOf(to);
    const where = sendOptions(to, options);
    const markup = inlineKeyboard(m.buttons, m.choices);
    const keyboard = markup ? { reply_markup: markup } : {};
    if (m.rich) {
      const media = m.rich.media.map((item, i) => ({ id: item.id, media: { type: "photo" as const, media: sources[i]!.media } }));
      const sent = await api.sendRichMessage(chatId, { html: m.rich.html, ...(media.length ? { media } : {}) }, { ...where, ...keyboard });
      if (sources.some((s) => s.uploading)) {
        const ids = richFileIds(m.rich.html, sent.rich_message.blocks);
        m.rich.media.forEach((item, i) => this.uploads.settle(sources[i]!, ids.get(item.id)));
      }
      return sent.message_id;
    }
    const caption = m.text ? { caption: m.text, parse_mode: "HTML" as const } : {};
    if (sources.length === 1) {
      const sent = await api.sendPhoto(chatId, sources[0]!.media, { ...caption, ...where, ...keyboard });
      this.uploads.settle(sources[0]!, largestPhoto(sent));
      return sent.message_id;
    }
    if (sources.length > 1) {
      // Albums carry no buttons: the core puts them on a footer message after the album.
      if (markup) this.log.warn({ chatId: to.chatId }, "buttons on an album are dropped");
      const items = sources.map((s, i) => ({ type: "photo" as const, media: s.media, ...(i === 0 ? caption : {}) }));
      const sent = await api.sendMediaGroup(chatId, items, where);
      sources.forEach((s, i) => this.uploads.settle(s, largestPhoto(sent[i])));
      return sent[0]?.message_id ?? 0;
    }
    const sent = await api.sendMessage(chatId, m.text ?? "", { parse_mode: "HTML", link_preview_options: { is_disabled: true }, ...where, ...keyboard });
    return sent.message_id;
  }

  /** For log lines about errors outside sends. */
  describe(err: unknown): string {
    return safeErrorText(err, this.token);
  }
}
