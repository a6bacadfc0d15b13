/**
 * sendRichMessage (Bot API 10.1): `rich_message.html` checked by the rich validator, each
 * `media[k]` resolved (an `attach://` upload, a known file_id or a URL) and bound to its
 * `tg://…?id=` links; the Message answered carries `rich_message.blocks` with those files.
 */
import type { PhotoSize } from "grammy/types";
import { checkRichMessage, type RichCheck } from "../../validators/telegramRich.js";
import type { MethodHandler } from "./context.js";
import { badRequest } from "./errors.js";
import type { FileKind } from "./files.js";
import { RichBlockBuilder, type ResolvedMedium } from "./richBlocks.js";
import { record, sendTarget } from "./sendMethods.js";

/** What a refusal predicate sees of a rich message. */
export interface RichSubmission {
  chatId: number;
  html: string;
  media: { id: string; type: string }[];
}

/** Returns a description (without "Bad Request: ") to refuse the message, or undefined. */
export type RichRefusal = (rich: RichSubmission) => string | undefined;

const MEDIA_TYPES = new Set<string>(["photo", "video", "animation", "audio", "document", "voice"]);

/** The checks of the last rich messages seen, by HTML and media: one lesson broadcast to many chats is checked once. */
const recentChecks = new Map<string, RichCheck>();

function checkOnce(html: string, media: readonly { id: string; type: string }[]): RichCheck {
  const key = `${media.map((m) => `${m.id}:${m.type}`).join(",")}\n${html}`;
  let check = recentChecks.get(key);
  if (!check) {
    check = checkRichMessage({ html, media });
    if (recentChecks.size >= 32) recentChecks.clear();
    recentChecks.set(key, check);
  }
  return check;
}
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function sendRichMessage(refusal: RichRefusal): MethodHandler {
  return (ctx) => {
    const target = sendTarget(ctx);
    const rich = ctx.params.object("rich_message", "rich message");
    if (!isObject(rich)) throw badRequest("rich_message is empty");
    const given = (["html", "markdown", "blocks"] as const).filter((k) => rich[k] !== undefined);
    if (given.length !== 1) throw badRequest("exactly one of html, markdown or blocks must be specified");
    if (given[0] !== "html") throw badRequest(`rich_message.${given[0]} is not supported by the fake Bot API (it checks html only)`);
    if (typeof rich.html !== "string") throw badRequest("rich_message.html must be a string");
    const html = rich.html;
    const rawMedia = rich.media ?? [];
    if (!Array.isArray(rawMedia)) throw badRequest("can't parse rich message media JSON array");
    const entries = rawMedia.map((m: unknown) => {
      const media = isObject(m) ? m.media : undefined;
      if (!isObject(m) || typeof m.id !== "string" || !isObject(media) || !MEDIA_TYPES.has(String(media.type))) throw badRequest("can't parse InputRichMessageMedia JSON object");
      return { id: m.id, type: String(media.type), media: media.media };
    });

    const check = checkOnce(html, entries);
    if (check.errors.length) throw badRequest(`can't parse rich message: ${check.errors[0]}${check.errors.length > 1 ? ` (and ${check.errors.length - 1} more)` : ""}`);
    const refused = refusal({ chatId: target.chat.chat.id, html, media: entries.map(({ id, type }) => ({ id, type })) });
    if (refused !== undefined) throw badRequest(refused);

    const bound = new Map<string, ResolvedMedium & { fileId: string; type: string }>();
    for (const e of entries) {
      const source = ctx.params.media(e.media);
      if (e.type === "photo") {
        const photo: PhotoSize[] = ctx.files.photo(source);
        bound.set(e.id, { photo, fileId: photo.at(-1)?.file_id ?? "", type: e.type });
      } else {
        const f = ctx.files.file(e.type as Exclude<FileKind, "photo">, source);
        bound.set(e.id, { file: { file_id: f.fileId, file_unique_id: f.uniqueId, file_size: f.size }, fileId: f.fileId, type: e.type });
      }
    }
    ctx.takeSendSlot(target.chat);

    const builder = new RichBlockBuilder((el) => {
      const src = String(el.attrs.get("src") ?? "");
      const id = /^tg:\/\/\w+\?id=(.+)$/.exec(src)?.[1];
      if (id !== undefined) return bound.get(id) ?? {};
      if (el.name === "img") return { photo: ctx.files.photo({ kind: "url", url: src }) };
      const f = ctx.files.file(el.name === "video" ? "video" : el.name === "audio" ? "audio" : "document", { kind: "url", url: src });
      return { file: { file_id: f.fileId, file_unique_id: f.uniqueId, file_size: f.size } };
    });
    const message = {
      ...ctx.world.outgoing(target.chat, target.threadId, Math.floor(ctx.arrivedAt / 1000)),
      rich_message: { blocks: builder.flow(check.root.children), ...(rich.is_rtl === true ? { is_rtl: true } : {}) },
      ...(target.markup ? { reply_markup: target.markup } : {}),
    };
    const media = entries.map((e) => ({ id: e.id, type: e.type, fileId: bound.get(e.id)?.fileId ?? "" }));
    ctx.commit(target.chat, [record(ctx, target, message, { rich: { html, media, stats: check.stats } })]);
    return message;
  };
}
