/**
 * Attribute rules of rich-message HTML that need more than a name list: link targets and the
 * inline buttons (`<tg-button>`, RichMessageButton in rich.d.ts).
 */

import type { RichElement } from "./richHtmlTree.js";

export type RichMediaKind = "photo" | "video" | "audio" | "document";
/** Media tags and the kind of tg:// link each shows. */
export const MEDIA: Readonly<Record<string, RichMediaKind>> = { img: "photo", video: "video", audio: "audio", "tg-document": "document" };

/** `<img src="tg://emoji?id=…" alt="…">` is an inline custom emoji, not a medium. */
export function isEmojiImage(el: RichElement): boolean {
  return el.name === "img" && /^tg:\/\/emoji\?id=\d+$/.test(String(el.attrs.get("src") ?? ""));
}

/** Which attributes a tag takes: "value" (`start="3"`) or "flag" (bare, like `checked`). */
export type AttrSpec = Readonly<Record<string, "value" | "flag">>;

/** Why an `<a href>` target is refused, or null. In-document `#name` links are checked by the caller. */
export function checkHref(href: string): string | null {
  if (/^https?:\/\/[^\s/?#]+[^\s]*$/i.test(href)) return null;
  if (/^mailto:[^\s@]+@[^\s@]+$/i.test(href)) return null;
  if (/^tel:\+?[0-9][0-9 ()-]*$/i.test(href)) return null;
  if (/^tg:\/\/user\?id=\d+$/.test(href)) return null;
  return `<a href="${href}"> must be http(s), mailto:, tel:, tg://user?id= or #name`;
}

const BUTTON_TYPES: Readonly<Record<string, AttrSpec>> = {
  url: { url: "value" },
  callback_data: { data: "value" },
  web_app: { url: "value" },
  login_url: { url: "value", "forward-text": "value", "request-write-access": "flag" },
  switch_inline_query: { query: "value" },
  switch_inline_query_current_chat: { query: "value" },
  switch_inline_query_chosen_chat: { query: "value", "allow-user-chats": "flag", "allow-bot-chats": "flag", "allow-group-chats": "flag", "allow-channel-chats": "flag" },
  copy_text: { text: "value" },
  disabled: {},
};
const STYLES = new Set(["danger", "success", "primary", "link"]);

/**
 * Problems of a `<tg-button>`'s attributes. Assumptions: the per-type attribute is required
 * (`query` may be empty); web_app and login_url need HTTPS; copy_text text is 1–256 characters
 * (CopyTextButton).
 */
export function checkButton(attrs: ReadonlyMap<string, string | true>): string[] {
  const problems: string[] = [];
  const type = attrs.get("type");
  const spec = typeof type === "string" ? BUTTON_TYPES[type] : undefined;
  if (typeof type !== "string" || !spec) return [`<tg-button type="${String(type ?? "")}"> is not a button type`];
  for (const [key, value] of attrs) {
    if (key === "type") continue;
    if (key === "style") {
      if (value === true || !STYLES.has(value)) problems.push(`<tg-button style="${String(value)}"> must be danger, success, primary or link`);
      else if (value === "link" && type !== "callback_data") problems.push('style="link" is for callback buttons only');
      continue;
    }
    const kind = spec[key];
    if (!kind) problems.push(`<tg-button type="${type}"> has no attribute "${key}"`);
    else if ((kind === "flag") !== (value === true)) problems.push(`<tg-button ${key}> ${kind === "flag" ? "takes no value" : "needs a value"}`);
  }
  const value = (key: string): string | undefined => {
    const v = attrs.get(key);
    return typeof v === "string" ? v : undefined;
  };
  const url = value("url");
  if (type === "url" && !(url && /^(?:https?|tg):\/\/[^\s]+$/i.test(url))) problems.push('<tg-button type="url"> needs an http(s) or tg:// url');
  if ((type === "web_app" || type === "login_url") && !(url && /^https:\/\/[^\s]+$/i.test(url))) problems.push(`<tg-button type="${type}"> needs an https url`);
  const data = value("data");
  if (type === "callback_data" && !(data && Buffer.byteLength(data) <= 64)) problems.push("callback data must be 1–64 bytes");
  if (type.startsWith("switch_inline") && value("query") === undefined) problems.push(`<tg-button type="${type}"> needs query`);
  const text = value("text");
  if (type === "copy_text" && !(text && text.length <= 256)) problems.push("copy_text text must be 1–256 characters");
  return problems;
}
