/** What a method handler of the fake gets, and the records the fake keeps of what it accepted. */
import type { Document, InlineKeyboardMarkup, Message, PhotoSize } from "grammy/types";
import type { RichStats } from "../../validators/telegramRich.js";
import type { FileStore } from "./files.js";
import type { Params } from "./params.js";
import type { FakeChat, World } from "./world.js";

/** One accepted outgoing message, as the reader would get it. */
export interface SentMessage {
  method: string;
  chatId: number;
  threadId?: number;
  messageId: number;
  /** Date.now() when the request arrived. */
  at: number;
  /** The text or caption as the reader sees it (tags dropped, entities decoded). */
  text?: string;
  /** The HTML as sent (parse_mode HTML); absent when `keepBodies` is off. */
  html?: string;
  photo?: PhotoSize[];
  document?: Document;
  mediaGroupId?: string;
  rich?: {
    /** Absent when `keepBodies` is off. */
    html?: string;
    /** Each media entry and the file it was bound to. */
    media: { id: string; type: string; fileId: string }[];
    stats: RichStats;
  };
  replyMarkup?: InlineKeyboardMarkup;
  /** A poll (sendPoll): its id, and what a reader sees and Telegram judges. */
  poll?: { id: string; question: string; options: string[]; anonymous: boolean; type: string; correct: number[]; explanation?: string };
  /** The Message answered to the bot; absent when `keepBodies` is off. */
  message?: Message;
  /** Sent with allow_paid_broadcast. */
  paidBroadcast?: true;
  /** Paid for (past the free rate): on the first record of the request. */
  charged?: true;
}

export interface CallContext {
  method: string;
  params: Params;
  /** Date.now() at arrival: rate windows count from here. */
  arrivedAt: number;
  world: World;
  files: FileStore;
  /** Aborted when the client goes away (a long poll then ends). */
  signal: AbortSignal;
  /** Takes a send slot in the rate windows of this chat, or throws 429. */
  takeSendSlot(chat: FakeChat): void;
  /** Records accepted messages (in `sent`, and in the chat for callbacks and edits); drops bodies unless `keepBodies`. */
  commit(chat: FakeChat, records: SentMessage[]): void;
}

export type MethodHandler = (ctx: CallContext) => unknown;
