/**
 * Reading chats and members (getChat, getChatMember, getChatAdministrators), answering callback
 * queries, editing a sent message's inline keyboard, chat actions.
 */
import type { ChatFullInfo, ChatMember, Message, User } from "grammy/types";
import type { MethodHandler } from "./context.js";
import { badRequest, forbidden } from "./errors.js";
import { checkReplyMarkup } from "./replyMarkup.js";
import type { FakeChat, MemberStatus, World } from "./world.js";

/** A ChatMember object of the given status, with the rights a real one would show. */
export function chatMember(user: User, status: MemberStatus, chatType: string): ChatMember {
  switch (status) {
    case "creator":
      return { status, user, is_anonymous: false };
    case "administrator":
      return {
        status,
        user,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: true,
        can_manage_video_chats: true,
        can_restrict_members: true,
        can_promote_members: false,
        can_change_info: true,
        can_invite_users: true,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
        can_send_welcome_messages: false,
        ...(chatType === "channel" ? { can_post_messages: true, can_edit_messages: true } : { can_pin_messages: true }),
        ...(chatType === "supergroup" ? { can_manage_topics: true } : {}),
      };
    case "kicked":
      return { status, user, until_date: 0 };
    default:
      return { status, user };
  }
}

/** What the bot may read of a chat it was removed from: the same refusals as sending. */
function readable(world: World, chatId: number | string): FakeChat {
  const chat = world.resolve(chatId);
  if (chat.migratedTo !== undefined) throw badRequest("group chat was upgraded to a supergroup chat", { migrate_to_chat_id: chat.migratedTo });
  if (chat.chat.type !== "private" && chat.botStatus === "kicked") throw forbidden(`bot was kicked from the ${chat.chat.type} chat`);
  if (chat.chat.type !== "private" && chat.botStatus === "left") throw forbidden(`bot is not a member of the ${chat.chat.type} chat`);
  return chat;
}

function memberListOpen(chat: FakeChat): void {
  if (chat.chat.type === "channel" && chat.botStatus !== "administrator" && chat.botStatus !== "creator") throw badRequest("member list is inaccessible");
}

export const getChat: MethodHandler = (ctx) => {
  const chat = readable(ctx.world, ctx.params.chatId());
  return {
    ...chat.chat,
    accent_color_id: 0,
    max_reaction_count: 11,
    accepted_gift_types: { unlimited_gifts: false, limited_gifts: false, unique_gifts: false, premium_subscription: false, gifts_from_channels: false },
  } as ChatFullInfo;
};

export const getChatMember: MethodHandler = (ctx) => {
  const chat = readable(ctx.world, ctx.params.chatId());
  const userId = ctx.params.int("user_id");
  const user = userId === undefined ? undefined : userId === ctx.world.bot.id ? ctx.world.bot : ctx.world.users.get(userId);
  if (!user) throw badRequest("user not found");
  if (user.id === ctx.world.bot.id) return chatMember(user, chat.botStatus, chat.chat.type);
  if (chat.chat.type === "private") {
    if (user.id !== chat.chat.id) throw badRequest("user not found");
    return chatMember(user, "member", "private");
  }
  memberListOpen(chat);
  return chatMember(user, chat.members.get(user.id) ?? "left", chat.chat.type);
};

export const getChatAdministrators: MethodHandler = (ctx) => {
  const chat = readable(ctx.world, ctx.params.chatId());
  if (chat.chat.type === "private") throw badRequest("there are no administrators in the private chat");
  memberListOpen(chat);
  const admins: ChatMember[] = [];
  for (const [id, status] of chat.members) {
    const user = ctx.world.users.get(id);
    if (user && (status === "creator" || status === "administrator")) admins.push(chatMember(user, status, chat.chat.type));
  }
  if (chat.botStatus === "administrator") admins.push(chatMember(ctx.world.bot, "administrator", chat.chat.type));
  return admins;
};

export interface CallbackAnswer {
  callback_query_id: string;
  text?: string;
  show_alert?: boolean;
  url?: string;
}

/** answerCallbackQuery over the queries injected as updates; each may be answered once. */
export function answerCallbackQuery(pending: Map<string, boolean>, answers: CallbackAnswer[]): MethodHandler {
  return (ctx) => {
    const id = ctx.params.string("callback_query_id") ?? "";
    if (pending.get(id) !== false) throw badRequest("query is too old and response timeout expired or query ID is invalid");
    const text = ctx.params.string("text");
    if (text !== undefined && text.length > 200) throw badRequest("MESSAGE_TOO_LONG");
    pending.set(id, true);
    answers.push({ callback_query_id: id, ...(text !== undefined ? { text } : {}), ...(ctx.params.bool("show_alert") ? { show_alert: true } : {}), ...(ctx.params.string("url") ? { url: ctx.params.string("url")! } : {}) });
    return true;
  };
}

export const editMessageReplyMarkup: MethodHandler = (ctx) => {
  if (ctx.params.has("inline_message_id")) throw badRequest("the fake Bot API does not implement inline messages");
  const chat = ctx.world.resolve(ctx.params.chatId());
  ctx.world.assertCanSend(chat);
  const id = ctx.params.int("message_id");
  const message = id === undefined ? undefined : chat.messages.get(id);
  if (!message) throw badRequest("message to edit not found");
  const markup = checkReplyMarkup(ctx.params.object("reply_markup", "reply keyboard markup"));
  if (JSON.stringify(markup) === JSON.stringify(message.reply_markup)) throw badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
  const edited = { ...message, edit_date: Math.floor(ctx.arrivedAt / 1000) } as Message;
  if (markup) edited.reply_markup = markup;
  else delete edited.reply_markup;
  chat.messages.set(edited.message_id, edited);
  return edited;
};

const ACTIONS = new Set(["typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note"]);

export const sendChatAction: MethodHandler = (ctx) => {
  const chat = ctx.world.resolve(ctx.params.chatId());
  ctx.world.assertCanSend(chat);
  if (!ACTIONS.has(ctx.params.string("action") ?? "")) throw badRequest("wrong parameter action in request");
  return true;
};
