/**
 * Chats as every layer names them: where a message goes and in which language the bot speaks there.
 * Shared by the learning core, the store, i18n and the adapters; pure types.
 */
import type { Platform } from "./lessons.js";

export type ChatKind = "private" | "group" | "channel";
/** The language of the bot's own words in a chat. */
export type Language = "vi" | "en";

/** Where messages go: a chat on a platform, optionally a forum topic / thread inside it. */
export interface ChatAddress {
  platform: Platform;
  chatId: string;
  threadId?: string;
  /** Groups and channels have their own, slower rate limits. */
  kind: ChatKind;
}

export function addressOf(s: { platform: Platform; chatId: string; threadId: string; kind: ChatKind }): ChatAddress {
  return s.threadId
    ? { platform: s.platform, chatId: s.chatId, threadId: s.threadId, kind: s.kind }
    : { platform: s.platform, chatId: s.chatId, kind: s.kind };
}
