/**
 * sendMessage, sendPhoto, sendDocument, sendMediaGroup: the chat may be posted to, the topic
 * exists, the HTML parses, the text fits, the files are what they claim; then one send slot.
 */
import type { InlineKeyboardMarkup, Message, MessageEntity } from "grammy/types";
import { telegramHtmlErrors } from "../../validators/telegramHtml.js";
import { htmlToEntities, plainEntities } from "./classicEntities.js";
import type { CallContext, MethodHandler, SentMessage } from "./context.js";
import { badRequest } from "./errors.js";
import type { Params } from "./params.js";
import { checkReplyMarkup } from "./replyMarkup.js";
import type { FakeChat } from "./world.js";

export interface Target {
  chat: FakeChat;
  threadId?: number;
  markup?: InlineKeyboardMarkup;
}

/** Chat, topic and markup checks every send method shares. */
export function sendTarget(ctx: CallContext): Target {
  const chat = ctx.world.resolve(ctx.params.chatId());
  ctx.world.assertCanSend(chat);
  const threadId = ctx.params.int("message_thread_id");
  ctx.world.assertThread(chat, threadId);
  const markup = checkReplyMarkup(ctx.params.object("reply_markup", "reply keyboard markup"));
  const preview = ctx.params.object("link_preview_options", "link preview options");
  if (preview !== undefined && (typeof preview !== "object" || preview === null || Array.isArray(preview))) throw badRequest("can't parse link preview options JSON object");
  const reply = ctx.params.object("reply_parameters", "reply parameters") as { message_id?: unknown } | undefined;
  if (reply !== undefined && !(typeof reply.message_id === "number" && reply.message_id > 0 && reply.message_id <= chat.lastMessageId)) throw badRequest("message to be replied not found");
  return { chat, ...(threadId !== undefined ? { threadId } : {}), ...(markup ? { markup } : {}) };
}

export interface Formatted {
  text: string;
  entities: MessageEntity[];
  html?: string;
}

/** Text or caption with its parse mode, checked against `limit` characters after parsing. */
export function formatText(raw: string, parseMode: string | undefined, limit: number, tooLong: string): Formatted {
  let out: Formatted;
  if (!parseMode) out = { text: raw, entities: plainEntities(raw) };
  else if (parseMode.toLowerCase() === "html") {
    const errors = telegramHtmlErrors(raw);
    if (errors.length) throw badRequest(`can't parse entities: ${errors[0]}`);
    out = { ...htmlToEntities(raw), html: raw };
  } else throw badRequest(`unsupported parse_mode "${parseMode}" (the fake checks HTML only)`);
  if (out.text.length > limit) throw badRequest(tooLong);
  return out;
}

function caption(params: Params, prefix = ""): Formatted | undefined {
  const raw = params.string(`${prefix}caption`);
  if (raw === undefined || raw === "") return undefined;
  return formatText(raw, params.string(`${prefix}parse_mode`), 1024, "message caption is too long");
}

/** The record of one accepted message. */
export function record(ctx: CallContext, target: Target, message: Message, extra: Partial<SentMessage>): SentMessage {
  return {
    method: ctx.method,
    chatId: target.chat.chat.id,
    ...(target.threadId !== undefined ? { threadId: target.threadId } : {}),
    messageId: message.message_id,
    at: ctx.arrivedAt,
    ...extra,
    ...(target.markup ? { replyMarkup: target.markup } : {}),
    message,
  };
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

function captionFields(c: Formatted | undefined): Partial<Message> {
  return c ? { caption: c.text, ...(c.entities.length ? { caption_entities: c.entities } : {}) } : {};
}

export const sendMessage: MethodHandler = (ctx) => {
  const target = sendTarget(ctx);
  const raw = ctx.params.string("text") ?? "";
  if (!raw.trim()) throw badRequest("message text is empty");
  const text = formatText(raw, ctx.params.string("parse_mode"), 4096, "message is too long");
  const given = ctx.params.object("entities", "message entities");
  if (given !== undefined && !Array.isArray(given)) throw badRequest("can't parse message entities JSON array");
  if (given && !ctx.params.string("parse_mode")) text.entities = given as MessageEntity[];
  if (!text.text.trim()) throw badRequest("message text is empty");
  ctx.takeSendSlot(target.chat);
  const preview = ctx.params.object("link_preview_options") as Message["link_preview_options"];
  const message = {
    ...ctx.world.outgoing(target.chat, target.threadId, seconds(ctx.arrivedAt)),
    text: text.text,
    ...(text.entities.length ? { entities: text.entities } : {}),
    ...(preview ? { link_preview_options: preview } : {}),
    ...(target.markup ? { reply_markup: target.markup } : {}),
  } as Message;
  ctx.commit(target.chat, [record(ctx, target, message, { text: text.text, ...(text.html !== undefined ? { html: text.html } : {}) })]);
  return message;
};

export const sendPhoto: MethodHandler = (ctx) => {
  const target = sendTarget(ctx);
  const cap = caption(ctx.params);
  const photo = ctx.files.photo(ctx.params.topLevelMedia("photo"));
  ctx.takeSendSlot(target.chat);
  const message = {
    ...ctx.world.outgoing(target.chat, target.threadId, seconds(ctx.arrivedAt)),
    photo,
    ...captionFields(cap),
    ...(ctx.params.bool("has_spoiler") ? { has_media_spoiler: true } : {}),
    ...(ctx.params.bool("show_caption_above_media") ? { show_caption_above_media: true } : {}),
    ...(target.markup ? { reply_markup: target.markup } : {}),
  } as Message;
  ctx.commit(target.chat, [record(ctx, target, message, { photo, ...(cap ? { text: cap.text } : {}), ...(cap?.html !== undefined ? { html: cap.html } : {}) })]);
  return message;
};

export const sendDocument: MethodHandler = (ctx) => {
  const target = sendTarget(ctx);
  const cap = caption(ctx.params);
  const document = ctx.files.document(ctx.params.topLevelMedia("document"));
  ctx.takeSendSlot(target.chat);
  const message = {
    ...ctx.world.outgoing(target.chat, target.threadId, seconds(ctx.arrivedAt)),
    document,
    ...captionFields(cap),
    ...(target.markup ? { reply_markup: target.markup } : {}),
  } as Message;
  ctx.commit(target.chat, [record(ctx, target, message, { document, ...(cap ? { text: cap.text } : {}), ...(cap?.html !== undefined ? { html: cap.html } : {}) })]);
  return message;
};

let mediaGroupSerial = 13_000_000_000_000_000n;

export const sendMediaGroup: MethodHandler = (ctx) => {
  const target = sendTarget(ctx);
  const media = ctx.params.object("media", "InputMedia");
  if (!Array.isArray(media) || media.length < 2 || media.length > 10) throw badRequest("media must include 2-10 items");
  const items = media as { type?: unknown; media?: unknown; caption?: unknown; parse_mode?: unknown }[];
  const types = new Set(items.map((m) => m.type));
  for (const type of types) if (!["photo", "video", "document", "audio"].includes(String(type))) throw badRequest(`unsupported media type "${String(type)}" in the album`);
  if (types.size > 1 && types.has("document")) throw badRequest("document can't be mixed with other media types");
  if (types.size > 1 && types.has("audio")) throw badRequest("audio can't be mixed with other media types");
  const prepared = items.map((item) => {
    const cap = typeof item.caption === "string" && item.caption ? formatText(item.caption, typeof item.parse_mode === "string" ? item.parse_mode : undefined, 1024, "message caption is too long") : undefined;
    const source = ctx.params.media(item.media);
    if (item.type === "photo") return { cap, fields: { photo: ctx.files.photo(source) } };
    if (item.type === "document") return { cap, fields: { document: ctx.files.document(source) } };
    const f = ctx.files.file(item.type === "video" ? "video" : "audio", source);
    const file = { file_id: f.fileId, file_unique_id: f.uniqueId, file_size: f.size };
    return { cap, fields: item.type === "video" ? { video: { ...file, width: 0, height: 0, duration: 0 } } : { audio: { ...file, duration: 0 } } };
  });
  ctx.takeSendSlot(target.chat);
  const mediaGroupId = String(mediaGroupSerial++);
  const messages = prepared.map(({ cap, fields }) => ({ ...ctx.world.outgoing(target.chat, target.threadId, seconds(ctx.arrivedAt)), media_group_id: mediaGroupId, ...fields, ...captionFields(cap) }) as Message);
  ctx.commit(
    target.chat,
    messages.map((m, k) => {
      const { cap, fields } = prepared[k]!;
      const media = "photo" in fields ? { photo: fields.photo } : "document" in fields ? { document: fields.document } : {};
      return record(ctx, target, m, { mediaGroupId, ...media, ...(cap ? { text: cap.text } : {}), ...(cap?.html !== undefined ? { html: cap.html } : {}) });
    }),
  );
  return messages;
};
