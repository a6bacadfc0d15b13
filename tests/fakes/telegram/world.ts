/**
 * The chats the fake knows: private chats (one per user), groups, supergroups with forum topics,
 * channels; who is a member with which status; where the bot stands; message ids per chat.
 */
import type { Chat, Message, User } from "grammy/types";
import { badRequest, forbidden } from "./errors.js";

export type MemberStatus = "creator" | "administrator" | "member" | "left" | "kicked";
export type ChatKind = "private" | "group" | "supergroup" | "channel";

export interface FakeChat {
  chat: Chat;
  /** Users' statuses (the bot's is `botStatus`). */
  members: Map<number, MemberStatus>;
  botStatus: MemberStatus;
  /** Forum topics: message_thread_id → name. */
  topics: Map<number, string>;
  /** Private chats: the user deleted their account. */
  deactivated: boolean;
  /** Set when a group became a supergroup: sends answer 400 with this id. */
  migratedTo?: number;
  lastMessageId: number;
  /** Messages the bot sent here, for callback queries and edits. */
  messages: Map<number, Message>;
}

export interface GroupOptions {
  title?: string;
  username?: string;
  /** Members and their statuses; the first user given `creator` owns the chat. */
  members?: ReadonlyArray<readonly [User, MemberStatus]>;
  /** The bot's own status (default: member in groups, administrator in channels). */
  bot?: MemberStatus;
  /** Supergroups: a forum with topics. */
  forum?: boolean;
}

export class World {
  readonly users = new Map<number, User>();
  readonly chats = new Map<number, FakeChat>();
  private readonly usernames = new Map<string, number>();
  private nextUserId = 100_000_001;
  private nextGroupId = 4_000_000_001;
  private nextSupergroupId = 1_001_000_000_001;

  constructor(readonly bot: User) {}

  addUser(user: Partial<User> = {}): User {
    const id = user.id ?? this.nextUserId++;
    const full: User = { id, is_bot: false, first_name: user.first_name ?? `User ${id}`, ...user };
    this.users.set(id, full);
    if (full.username) this.usernames.set(full.username.toLowerCase(), id);
    if (!full.is_bot && !this.chats.has(id)) {
      const chat: Chat = { id, type: "private", first_name: full.first_name, ...(full.last_name ? { last_name: full.last_name } : {}), ...(full.username ? { username: full.username } : {}) };
      this.chats.set(id, this.fresh(chat, "member"));
    }
    return full;
  }

  addChat(kind: Exclude<ChatKind, "private">, options: GroupOptions = {}, id?: number): FakeChat {
    const chatId = id ?? (kind === "group" ? -this.nextGroupId++ : -this.nextSupergroupId++);
    const title = options.title ?? `${kind} ${-chatId}`;
    const chat: Chat =
      kind === "group"
        ? { id: chatId, type: "group", title }
        : kind === "channel"
          ? { id: chatId, type: "channel", title, ...(options.username ? { username: options.username } : {}) }
          : { id: chatId, type: "supergroup", title, ...(options.username ? { username: options.username } : {}), ...(options.forum ? { is_forum: true } : {}) };
    const fake = this.fresh(chat, options.bot ?? (kind === "channel" ? "administrator" : "member"));
    for (const [user, status] of options.members ?? []) {
      if (!this.users.has(user.id)) this.addUser(user);
      fake.members.set(user.id, status);
    }
    this.chats.set(chatId, fake);
    if (options.username) this.usernames.set(options.username.toLowerCase(), chatId);
    return fake;
  }

  private fresh(chat: Chat, botStatus: MemberStatus): FakeChat {
    return { chat, members: new Map(), botStatus, topics: new Map(), deactivated: false, lastMessageId: 0, messages: new Map() };
  }

  /** The chat a `chat_id` names, or 400 `chat not found`. */
  resolve(chatId: number | string): FakeChat {
    const id = typeof chatId === "string" ? this.usernames.get(chatId.slice(1).toLowerCase()) : chatId;
    const chat = id === undefined ? undefined : this.chats.get(id);
    if (!chat) throw badRequest("chat not found");
    return chat;
  }

  /** What Telegram answers when the bot may not post in this chat (nothing when it may). */
  assertCanSend(fake: FakeChat): void {
    const type = fake.chat.type;
    if (fake.migratedTo !== undefined) throw badRequest("group chat was upgraded to a supergroup chat", { migrate_to_chat_id: fake.migratedTo });
    if (type === "private") {
      if (fake.deactivated) throw forbidden("user is deactivated");
      if (fake.botStatus === "kicked") throw forbidden("bot was blocked by the user");
      return;
    }
    if (fake.botStatus === "kicked") throw forbidden(`bot was kicked from the ${type} chat`);
    if (fake.botStatus === "left") throw forbidden(`bot is not a member of the ${type} chat`);
    if (type === "channel" && fake.botStatus === "member") throw badRequest("need administrator rights in the channel chat");
  }

  /** Checks `message_thread_id`: only an existing topic of a forum supergroup. */
  assertThread(fake: FakeChat, threadId: number | undefined): void {
    if (threadId === undefined) return;
    if (!fake.topics.has(threadId)) throw badRequest("message thread not found");
  }

  nextMessageId(fake: FakeChat): number {
    return ++fake.lastMessageId;
  }

  /** The envelope of a message the bot sends now: id, date, chat, sender, topic. */
  outgoing(fake: FakeChat, threadId: number | undefined, date: number): Message {
    const sender = fake.chat.type === "channel" ? { sender_chat: fake.chat } : { from: this.bot };
    const topic = threadId !== undefined ? { message_thread_id: threadId, is_topic_message: true as const } : {};
    return { message_id: this.nextMessageId(fake), date, chat: fake.chat, ...sender, ...topic } as Message;
  }
}
