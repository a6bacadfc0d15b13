import type { Platform } from "../model.js";
import type { ChatAddress } from "./types.js";

/** An inline button under a message. `data` comes back to the core as `Incoming.button`. */
export interface Button {
  text: string;
  /** Short (≤ 64 bytes: Telegram's callback_data limit), e.g. "done:42". */
  data: string;
}

/** One message as the core hands it to an adapter. */
export interface OutgoingMessage {
  /** In the platform's markup: Telegram HTML, Discord Markdown, plain text for the console. */
  text?: string;
  /** Absolute paths of image files: one photo, or an album of 2–10. */
  images?: string[];
  buttons?: Button[];
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
  | { kind: "rejected"; detail?: string };

export type SendResult = { ok: true; messageId: string } | { ok: false; error: SendError };

/** The outgoing port each adapter implements: send one message to one chat. Must not throw. */
export interface Sender {
  readonly platform: Platform;
  send(to: ChatAddress, message: OutgoingMessage): Promise<SendResult>;
}

export function describeSendError(e: SendError): string {
  switch (e.kind) {
    case "rate_limited":
      return `rate_limited(${e.retryAfter}s)${e.detail ? `: ${e.detail}` : ""}`;
    case "chat_moved":
      return `chat_moved(${e.newChatId})${e.detail ? `: ${e.detail}` : ""}`;
    case "unreachable":
    case "transient":
    case "rejected":
      return e.detail ? `${e.kind}: ${e.detail}` : e.kind;
    default:
      return e satisfies never;
  }
}
