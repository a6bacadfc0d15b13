import type { APIMessageTopLevelComponent } from "discord-api-types/v10";
import type { LessonFormat, Platform } from "../contract/lessons.js";
import type { ChatAddress } from "../contract/chat.js";

/** An inline button under a message. `data` comes back to the core as `Incoming.button`. */
export interface Button {
  text: string;
  /** Short (≤ 64 bytes: Telegram's callback_data limit), e.g. "done:42". */
  data: string;
}

/**
 * One option of a choice among courses (/courses, or "which course?"): a button per course where the
 * platform has buttons, a select menu where there are many (Discord), a command to type (console).
 */
export interface Choice {
  /** The button's label, e.g. "Follow: Deep learning" (≤ 64 characters). */
  label: string;
  /** Comes back to the core as `Incoming.button` (≤ 64 bytes: Telegram's callback_data limit). */
  data: string;
  /** The same choice typed as a command, e.g. "/follow dl-pytorch". */
  command: string;
  /** One short line about the option, where the platform shows one (a select menu's description, ≤ 100). */
  description?: string;
}

/**
 * A quiz question as each platform asks it: a Telegram quiz poll (anonymous in channels), a Discord
 * Components V2 message with a button per option (a select menu past five, or when several options are
 * right), numbered options on the console (the message's `text` says them, to be answered by typing).
 */
export interface QuizPrompt {
  /** Names the question as asked: Discord's buttons carry `quizAnswerData(askId, k)`. */
  askId: number;
  /** Plain text (formulas already in Unicode), ≤ 300 characters. */
  question: string;
  /** 2–10 options of ≤ 80 characters. */
  options: string[];
  /** The right options, 1-based. */
  answers: number[];
  /** ≤ 200 characters; "" when none. */
  explain: string;
  /** Telegram channels take anonymous polls only: nobody's answer comes back. */
  anonymous: boolean;
}

/**
 * One message as the core hands it to an adapter. A classic message has `text` and/or `images`; a
 * Telegram rich message has `rich`; a Discord Components V2 message has `components` and `files`.
 * Every file path is absolute.
 */
export interface OutgoingMessage {
  /** In the platform's markup: Telegram HTML, Discord Markdown, plain text for the console. */
  text?: string;
  /** Absolute paths of image files: one photo, or an album of 2–10. */
  images?: string[];
  /** What each image shows, in words (alt text). */
  alt?: string[];
  /** A Telegram rich message: HTML, and the images its `tg://photo?id=ID` links name. */
  rich?: { html: string; media: { id: string; file: string; alt?: string }[] };
  /** A Discord Components V2 message (the adapter sets the flag and appends `buttons` as an Action Row). */
  components?: APIMessageTopLevelComponent[];
  /** Files a Components V2 message shows through `attachment://NAME`. */
  files?: { name: string; file: string; alt?: string }[];
  buttons?: Button[];
  /** A choice among courses, shown under the text (never together with `buttons`). */
  choices?: Choice[];
  /** A quiz question; `text` then holds it as numbered options for platforms without polls or buttons. */
  quiz?: QuizPrompt;
  /** The first message of a lesson in a chat that discusses each lesson in a thread of its own. */
  thread?: { name: string };
}

/** Why a send failed, as the adapter understood the platform's answer. */
export type SendError =
  /** 429: wait `retryAfter` seconds, then try again. */
  | { kind: "rate_limited"; retryAfter: number; detail?: string }
  /** Blocked, kicked, deactivated, chat gone: stop sending to this chat. */
  | { kind: "unreachable"; detail?: string }
  /** A group became a supergroup (Telegram): the same chat now has another id. */
  | { kind: "chat_moved"; newChatId: string; detail?: string }
  /** Network trouble, 5xx, timeouts: worth retrying. */
  | { kind: "transient"; detail?: string }
  /** The platform refused this message (400): retrying the same message will not help. */
  | { kind: "rejected"; detail?: string }
  /**
   * The platform refused this message's format (a rich message to a server without sendRichMessage, a
   * Components V2 payload Discord answers with 50035): the same lesson in the fallback format may pass.
   */
  | { kind: "format_refused"; detail?: string }
  /** The bot lacks a permission in this chat (Discord 50001 / 50013): someone has to fix it. */
  | { kind: "forbidden"; permission?: string; detail?: string }
  /**
   * The platform would not take payment for a paid broadcast (Telegram: the bot's Star balance is
   * empty): the same message without `paidBroadcast`, at the free rate, will pass.
   */
  | { kind: "paid_refused"; detail?: string };

/** How one message is sent, beside what it says. */
export interface SendOptions {
  /**
   * Send it as a paid broadcast (Telegram's `allow_paid_broadcast`): above the free overall rate it
   * costs Stars. Only the rate limiter sets it, on every send it grants while paid broadcasts are on.
   */
  paidBroadcast?: boolean;
}

/** `pollId`: Telegram's id of the quiz poll sent (its answers name only the poll). */
export type SendResult = { ok: true; messageId: string; pollId?: string } | { ok: false; error: SendError };

/** The outgoing port each adapter implements: send one message to one chat. Must not throw. */
export interface Sender {
  readonly platform: Platform;
  send(to: ChatAddress, message: OutgoingMessage, options?: SendOptions): Promise<SendResult>;
  /**
   * Whether lessons in `format` can be sent at all (false once the platform said it does not know the
   * format, e.g. an older Telegram Bot API server without sendRichMessage). Absent: every format.
   */
  acceptsFormat?(format: LessonFormat): boolean;
  /** What the platform offers beyond messages. */
  readonly features?: SenderFeatures;
}

export interface SenderFeatures {
  /** A channel's lesson may open a discussion thread (Discord). */
  lessonThreads?: boolean;
  /** An answer to a press can be shown to the presser alone (Discord's ephemeral replies): a group member's review happens there. */
  ephemeralReplies?: boolean;
}

export function describeSendError(e: SendError): string {
  switch (e.kind) {
    case "rate_limited":
      return `rate_limited(${e.retryAfter}s)${e.detail ? `: ${e.detail}` : ""}`;
    case "chat_moved":
      return `chat_moved(${e.newChatId})${e.detail ? `: ${e.detail}` : ""}`;
    case "forbidden":
      return `forbidden${e.permission ? `(${e.permission})` : ""}${e.detail ? `: ${e.detail}` : ""}`;
    case "unreachable":
    case "transient":
    case "rejected":
    case "format_refused":
    case "paid_refused":
      return e.detail ? `${e.kind}: ${e.detail}` : e.kind;
    default:
      return e satisfies never;
  }
}
