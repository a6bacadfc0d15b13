import type { Chat, Message, MessageEntity, User } from "grammy/types";
import { COMMAND_MENU, type ChatAddress, type ChatKind } from "../../src/learning/index.js";
import { truncateText } from "../../src/text/graphemes.js";

/** Telegram's chat types as the core's kinds: basic groups and supergroups are both study groups. */
export function chatKind(type: Chat["type"]): ChatKind {
  return type === "private" ? "private" : type === "channel" ? "channel" : "group";
}

/**
 * Where a message was written: the chat, and in a forum the topic. A reply in an ordinary group
 * also carries a message_thread_id, but only forum topics are places of their own.
 */
export function addressOf(chat: Chat, message?: Pick<Message, "message_thread_id" | "is_topic_message">): ChatAddress {
  const address: ChatAddress = { platform: "telegram", chatId: String(chat.id), kind: chatKind(chat.type) };
  if (message?.is_topic_message && message.message_thread_id !== undefined) address.threadId = String(message.message_thread_id);
  return address;
}

/** How a member is shown in a group's members table. */
export function displayName(user: Pick<User, "first_name" | "last_name" | "username" | "id">): string {
  const full = [user.first_name, user.last_name].filter((s) => s && s.trim()).join(" ").trim();
  return truncateText(full || (user.username ? `@${user.username}` : `#${user.id}`), 64);
}

const knownCommands = new Set(COMMAND_MENU.map((c) => c.name));

export type CommandTarget =
  /** A command for this bot: hand the text to the core. */
  | "ours"
  /** A command for another bot, or an unknown one nobody named us for in a shared chat: ignore. */
  | "other"
  /** Not a command. */
  | "none";

/**
 * Whether a message is a command for this bot. `/next@thisbot` is ours, `/next@otherbot` is not; in
 * groups and channels a bare `/name` is ours only when we have such a command (other bots there
 * have their own), while in a private chat every command is ours to answer.
 */
export function commandTarget(text: string | undefined, entities: readonly MessageEntity[] | undefined, botUsername: string, kind: ChatKind): CommandTarget {
  if (text === undefined) return "none";
  const head = entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (!head) return "none";
  const m = /^\/([^@\s]+)(?:@(\S+))?$/.exec(text.slice(0, head.length));
  if (!m) return "none";
  const addressee = m[2];
  if (addressee !== undefined) return addressee.toLowerCase() === botUsername.toLowerCase() ? "ours" : "other";
  if (kind === "private") return "ours";
  return knownCommands.has(m[1]!.toLowerCase()) ? "ours" : "other";
}

/** The sender of a group message is the group itself (an anonymous admin) or a linked channel. */
export function sentAsChat(message: Pick<Message, "sender_chat" | "chat">): boolean {
  return message.sender_chat !== undefined && message.sender_chat.id === message.chat.id;
}
