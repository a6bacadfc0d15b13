/**
 * reply_markup as Telegram checks it: inline keyboards (each button one action, callback_data
 * 1–64 bytes, http(s)/tg URLs), reply keyboards, keyboard removal and force-reply.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import { badRequest } from "./errors.js";

const ACTIONS = ["url", "callback_data", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay"] as const;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function checkInlineButton(button: unknown): void {
  if (!isObject(button) || typeof button.text !== "string") throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  if (!button.text.trim()) throw badRequest("BUTTON_TEXT_INVALID");
  const actions = ACTIONS.filter((a) => button[a] !== undefined);
  if (actions.length !== 1) throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  const data = button.callback_data;
  if (actions[0] === "callback_data" && (typeof data !== "string" || !data || Buffer.byteLength(data) > 64)) throw badRequest("BUTTON_DATA_INVALID");
  const url = button.url;
  if (actions[0] === "url" && (typeof url !== "string" || !/^(?:https?|tg):\/\/\S+$/i.test(url))) throw badRequest("BUTTON_URL_INVALID");
}

/** Returns the markup to echo in the Message (inline keyboards only), or throws 400. */
export function checkReplyMarkup(markup: unknown): InlineKeyboardMarkup | undefined {
  if (markup === undefined) return undefined;
  if (!isObject(markup)) throw badRequest("can't parse reply keyboard markup JSON object");
  if ("inline_keyboard" in markup) {
    const rows = markup.inline_keyboard;
    if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r))) throw badRequest("can't parse inline keyboard markup JSON object");
    const buttons = (rows as unknown[][]).flat();
    if (buttons.length > 100) throw badRequest("reply markup is too long");
    for (const b of buttons) checkInlineButton(b);
    const kept = (rows as InlineKeyboardButton[][]).filter((r) => r.length);
    return kept.length ? { inline_keyboard: kept } : undefined;
  }
  if ("keyboard" in markup) {
    const rows = markup.keyboard;
    if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r) || r.some((b) => typeof b !== "string" && !(isObject(b) && typeof b.text === "string")))) throw badRequest("can't parse keyboard markup JSON object");
    return undefined;
  }
  if (markup.remove_keyboard === true || markup.force_reply === true) return undefined;
  throw badRequest("can't parse reply keyboard markup JSON object");
}
