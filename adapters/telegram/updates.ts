import { sequentialize } from "@grammyjs/runner";
import type { Bot, Context } from "grammy";
import type { CallbackQuery, Message } from "grammy/types";
import type { Logger } from "pino";
import {
  catalogFor,
  isChoiceData,
  languageFrom,
  markupFor,
  parseLessonButton,
  type Courses,
  type Incoming,
  type LearningCore,
  type Sender,
} from "../../src/learning/index.js";
import type { AdminCache } from "./admins.js";
import type { CallbackAnswers } from "./callbackAnswers.js";
import { addressOf, chatKind, commandTarget, displayName, sentAsChat } from "./incoming.js";

export interface UpdateDeps {
  core: LearningCore;
  /** The rate-limited sender: replies queue behind lessons like every message. */
  sender: Sender;
  courses: Courses;
  admins: AdminCache;
  answers: CallbackAnswers;
  log: Logger;
  describe: (err: unknown) => string;
}

/** Updates of one chat (one forum topic) are handled in order; different chats concurrently. */
export function orderKey(ctx: Context): string | undefined {
  const chat = ctx.chat;
  if (!chat) return undefined;
  const msg = ctx.msg ?? ctx.callbackQuery?.message;
  const topic = msg && "is_topic_message" in msg && msg.is_topic_message ? msg.message_thread_id : undefined;
  return topic === undefined ? String(chat.id) : `${chat.id}/${topic}`;
}

/** Wires every kind of update the bot takes to the learning core. */
export function installHandlers(bot: Bot, deps: UpdateDeps): void {
  const { core, log } = deps;
  const interim = (data: string | undefined): string => {
    const t = catalogFor(languageFrom(deps.courses.for("telegram").language));
    const action = parseLessonButton(data ?? "")?.action;
    return action === "next" ? t.nextToast(markupFor("console")) : action === "res" ? t.resourcesToast(markupFor("console")) : "⏳";
  };
  // Before the per-chat queue: a press waiting behind a lesson in its chat still gets a quick answer.
  bot.on("callback_query", (ctx, next) => {
    deps.answers.arm(ctx.callbackQuery.id, interim(ctx.callbackQuery.data));
    return next();
  });
  bot.use(sequentialize(orderKey));

  bot.on("message", (ctx) => onMessage(ctx.message, deps, bot.botInfo.username, false));
  bot.on("edited_message", (ctx) => onMessage(ctx.editedMessage, deps, bot.botInfo.username, true));
  bot.on("channel_post", (ctx) => onMessage(ctx.channelPost, deps, bot.botInfo.username, false));
  bot.on("callback_query", (ctx) => onPress(ctx.callbackQuery, deps));
  // A quiz poll answered (non-anonymous polls only): the member's answer, recorded by poll id.
  bot.on("poll_answer", async (ctx) => {
    const { poll_id: pollId, user, option_ids: options } = ctx.pollAnswer;
    if (user) await core.pollAnswer(pollId, { id: String(user.id), name: displayName(user) }, options);
  });
  bot.on("my_chat_member", (ctx) => {
    const { chat, new_chat_member: member } = ctx.myChatMember;
    // Blocked by the user (private: "kicked"), removed from a group or channel.
    if (member.status === "kicked" || member.status === "left") {
      const n = core.chatsGone("telegram", [String(chat.id)]);
      log.info({ chatId: chat.id, status: member.status, subscribers: n }, "the bot can no longer write to this chat");
    } else log.info({ chatId: chat.id, status: member.status }, "the bot's membership changed");
  });
  bot.catch((e) => log.error({ updateId: e.ctx.update.update_id, error: deps.describe(e.error) }, "update not handled"));
}

async function onMessage(msg: Message, deps: UpdateDeps, botUsername: string, edited: boolean): Promise<void> {
  const { core, log } = deps;
  if (msg.migrate_to_chat_id !== undefined) {
    core.chatMoved("telegram", String(msg.chat.id), String(msg.migrate_to_chat_id));
    log.info({ from: msg.chat.id, to: msg.migrate_to_chat_id }, "group upgraded to a supergroup");
    return;
  }
  if (msg.migrate_from_chat_id !== undefined) {
    core.chatMoved("telegram", String(msg.migrate_from_chat_id), String(msg.chat.id));
    return;
  }
  const chat = addressOf(msg.chat, msg);
  const text = msg.text;
  const target = edited ? "none" : commandTarget(text, msg.entities, botUsername, chat.kind);
  if (target === "other") return;
  // Outside private chats the bot answers commands only (privacy mode: it sees little else anyway).
  if (target === "none" && chat.kind !== "private") return;
  if (target === "none" && !hasContent(msg)) return;
  const incoming: Incoming = {
    chat,
    user: await author(msg, deps, target === "ours"),
    // A private chat's non-command (text, sticker, photo, an edit) gets the core's helpful answer.
    ...(!edited && text !== undefined ? { text } : {}),
  };
  await core.respond(incoming, deps.sender);
}

/** A message a person wrote (not a service message about the chat itself). */
function hasContent(msg: Message): boolean {
  return msg.from !== undefined && !msg.from.is_bot && msg.new_chat_members === undefined && msg.left_chat_member === undefined && msg.pinned_message === undefined;
}

async function author(msg: Message, deps: UpdateDeps, command: boolean): Promise<Incoming["user"]> {
  const kind = chatKind(msg.chat.type);
  // Channel posts come from the channel (only its admins post); an anonymous admin writes as the group.
  if (kind === "channel" || sentAsChat(msg) || !msg.from) {
    const as = msg.sender_chat ?? msg.chat;
    return { id: String(as.id), name: ("title" in as && as.title) || String(as.id), isAdmin: kind === "channel" || sentAsChat(msg) };
  }
  const isAdmin = kind === "private" ? true : command ? await deps.admins.isAdmin(msg.chat.id, msg.from.id) : false;
  return { id: String(msg.from.id), name: displayName(msg.from), isAdmin };
}

async function onPress(query: CallbackQuery, deps: UpdateDeps): Promise<void> {
  const { core, answers, log } = deps;
  const message = query.message;
  if (!message) {
    // A button of an inline-mode message: not one of ours.
    await answers.answer(query.id, catalogFor("en").buttonStale(markupFor("console")));
    return;
  }
  const chat = addressOf(message.chat, "is_topic_message" in message ? message : undefined);
  // ▶ Next and a course choice (follow, leave, next …) need to know who is an admin (they change what the
  // whole group gets); anyone may press ✅ or 📚.
  const data = query.data ?? "";
  const needsAdmin = chat.kind !== "private" && (parseLessonButton(data)?.action === "next" || isChoiceData(data));
  const isAdmin = chat.kind === "private" || (needsAdmin && (await deps.admins.isAdmin(message.chat.id, query.from.id)));
  const incoming: Incoming = { chat, user: { id: String(query.from.id), name: displayName(query.from), isAdmin }, button: query.data ?? "" };
  let replies;
  try {
    const answer = await core.press(incoming);
    await answers.answer(query.id, answer.toast);
    replies = answer.replies;
  } catch (err) {
    log.error({ error: deps.describe(err) }, "button press failed");
    await answers.answer(query.id, catalogFor("en").internalError(markupFor("console")));
    return;
  }
  for (const reply of replies) {
    const result = await deps.sender.send(chat, reply);
    if (!result.ok) log.warn({ chatId: chat.chatId, error: result.error.kind }, "reply to a button not sent");
  }
}
