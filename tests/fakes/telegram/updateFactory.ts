/**
 * Realistic updates to inject: what users do (commands in private chats, groups, forum topics;
 * button presses; edits; stickers and photos), channel posts, the bot's own membership changes
 * and group migrations. Each builder registers what it implies in the world (a user who writes
 * has a private chat; a message takes the chat's next message id) and injects the update.
 */
import type { Chat, Message, MessageEntity, Update, User } from "grammy/types";
import { chatMember } from "./chatMethods.js";
import type { FakePoll } from "./polls.js";
import type { MemberStatus, World } from "./world.js";

export type Inject = (update: Omit<Update, "update_id">) => Update;

export interface MessageOptions {
  /** The chat the message is written in (default: the sender's private chat). */
  chatId?: number;
  /** Forum topic: sets message_thread_id and is_topic_message. */
  threadId?: number;
  /** Explicit entities (default: a bot_command entity for a leading /command). */
  entities?: MessageEntity[];
}

export class UpdateFactory {
  private callbackSerial = 0;

  constructor(
    private readonly world: World,
    private readonly inject: Inject,
    /** callback_query ids the bot has not answered yet (false) or has (true). */
    private readonly callbacks: Map<string, boolean>,
    private readonly now: () => number,
    /** The polls the bot sent, by id. */
    private readonly polls: Map<string, FakePoll> = new Map(),
  ) {}

  /**
   * A user answers a poll the bot sent: `poll_answer` with 0-based option ids. Telegram sends none for
   * anonymous polls and takes one answer per user in a quiz: both are refused here.
   */
  pollAnswer(from: User, pollId: string, optionIds: number[]): Update {
    const found = this.polls.get(pollId);
    if (!found) throw new Error(`the bot sent no poll ${pollId}`);
    if (found.poll.is_anonymous) throw new Error(`poll ${pollId} is anonymous: Telegram sends no poll_answer for it`);
    if (found.poll.type === "quiz" && found.voters.has(from.id)) throw new Error(`user ${from.id} already answered quiz ${pollId}`);
    if (optionIds.length === 0 || optionIds.some((k) => k < 0 || k >= found.poll.options.length) || (optionIds.length > 1 && !found.poll.allows_multiple_answers)) {
      throw new Error(`poll ${pollId} takes no answer ${JSON.stringify(optionIds)}`);
    }
    if (!this.world.users.has(from.id)) this.world.addUser(from);
    found.voters.add(from.id);
    return this.inject({ poll_answer: { poll_id: pollId, user: from, option_ids: optionIds, option_persistent_ids: optionIds.map(String) } } as Omit<Update, "update_id">);
  }

  private chatOf(from: User, chatId: number | undefined): Chat {
    if (!this.world.users.has(from.id)) this.world.addUser(from);
    return this.world.resolve(chatId ?? from.id).chat;
  }

  private envelope(chat: Chat, threadId: number | undefined): Pick<Message, "message_id" | "date" | "chat"> & Partial<Message> {
    const fake = this.world.resolve(chat.id);
    return { message_id: this.world.nextMessageId(fake), date: this.now(), chat, ...(threadId !== undefined ? { message_thread_id: threadId, is_topic_message: true } : {}) };
  }

  /** A text message from a user; a leading /command gets its bot_command entity. */
  text(from: User, text: string, options: MessageOptions = {}): Update {
    const chat = this.chatOf(from, options.chatId);
    const command = /^\/[a-zA-Z0-9_]{1,32}(?:@\w+)?/.exec(text);
    const entities = options.entities ?? (command ? [{ type: "bot_command" as const, offset: 0, length: command[0].length }] : []);
    const message = { ...this.envelope(chat, options.threadId), from, text, ...(entities.length ? { entities } : {}) } as Message;
    return this.inject({ message } as Omit<Update, "update_id">);
  }

  /**
   * `/command args` from a user. In groups and supergroups the command is addressed to the bot
   * (`/next@botname`) unless `mention: false`.
   */
  command(from: User, command: string, options: MessageOptions & { args?: string; mention?: boolean } = {}): Update {
    const chat = this.chatOf(from, options.chatId);
    const mention = options.mention ?? chat.type !== "private";
    const head = `/${command.replace(/^\//, "")}${mention ? `@${this.world.bot.username}` : ""}`;
    return this.text(from, options.args ? `${head} ${options.args}` : head, { ...options, chatId: chat.id });
  }

  /** A post in a channel: `channel_post` with sender_chat and no from. */
  channelPost(chatId: number, text: string): Update {
    const chat = this.world.resolve(chatId).chat;
    const command = /^\/[a-zA-Z0-9_]{1,32}(?:@\w+)?/.exec(text);
    const entities = command ? [{ type: "bot_command" as const, offset: 0, length: command[0].length }] : [];
    return this.inject({ channel_post: { ...this.envelope(chat, undefined), sender_chat: chat, text, ...(entities.length ? { entities } : {}) } as Message } as Omit<Update, "update_id">);
  }

  /** A press on an inline button of a message the bot sent (the Message, or its chat and id). */
  callbackQuery(from: User, message: Message | { chatId: number; messageId: number }, data: string): Update {
    const found = "message_id" in message ? message : this.world.resolve(message.chatId).messages.get(message.messageId);
    if (!found) throw new Error(`the bot sent no message ${JSON.stringify(message)}`);
    if (!this.world.users.has(from.id)) this.world.addUser(from);
    const id = `${this.world.bot.id}${String(++this.callbackSerial).padStart(9, "0")}`;
    this.callbacks.set(id, false);
    return this.inject({ callback_query: { id, from, message: found, chat_instance: String(-found.chat.id * 7 + 3), data } } as Omit<Update, "update_id">);
  }

  /** The bot's status changed in a chat (my_chat_member); `by` is who did it. */
  myChatMember(chatId: number, by: User, status: MemberStatus): Update {
    const fake = this.world.resolve(chatId);
    const old = fake.botStatus;
    fake.botStatus = status;
    const type = fake.chat.type;
    return this.inject({
      my_chat_member: { chat: fake.chat, from: by, date: this.now(), old_chat_member: chatMember(this.world.bot, old, type), new_chat_member: chatMember(this.world.bot, status, type) },
    } as Omit<Update, "update_id">);
  }

  /** An edit of a message a user sent earlier (given as the update that carried it). */
  editedMessage(original: Update, text: string): Update {
    const message = original.message;
    if (!message) throw new Error("editedMessage needs an update with a message");
    return this.inject({ edited_message: { ...message, text, edit_date: this.now() } as Message } as Omit<Update, "update_id">);
  }

  /** A sticker from a user. */
  sticker(from: User, options: MessageOptions = {}): Update {
    const chat = this.chatOf(from, options.chatId);
    const sticker = { file_id: `CAACAgIAAxkBAA${this.callbackSerial++}`, file_unique_id: "AgADsticker", type: "regular" as const, width: 512, height: 512, is_animated: false, is_video: false, emoji: "👍" };
    return this.inject({ message: { ...this.envelope(chat, options.threadId), from, sticker } as Message } as Omit<Update, "update_id">);
  }

  /** A photo from a user, with an optional caption. */
  photo(from: User, caption?: string, options: MessageOptions = {}): Update {
    const chat = this.chatOf(from, options.chatId);
    const serial = this.callbackSerial++;
    const photo = [
      { file_id: `AgACAgIAAxkBAAuser${serial}s`, file_unique_id: `AQADuser${serial}s`, width: 90, height: 60, file_size: 1200 },
      { file_id: `AgACAgIAAxkBAAuser${serial}m`, file_unique_id: `AQADuser${serial}m`, width: 320, height: 213, file_size: 14000 },
    ];
    return this.inject({ message: { ...this.envelope(chat, options.threadId), from, photo, ...(caption ? { caption } : {}) } as Message } as Omit<Update, "update_id">);
  }

  /** The two service messages of a group becoming a supergroup. */
  migration(groupId: number, supergroupId: number, by: User): [Update, Update] {
    const group = this.world.resolve(groupId).chat;
    const supergroup = this.world.resolve(supergroupId).chat;
    const from = this.inject({ message: { ...this.envelope(group, undefined), from: by, migrate_to_chat_id: supergroupId } as Message } as Omit<Update, "update_id">);
    const to = this.inject({ message: { ...this.envelope(supergroup, undefined), from: by, migrate_from_chat_id: groupId } as Message } as Omit<Update, "update_id">);
    return [from, to];
  }
}
