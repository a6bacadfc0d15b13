/**
 * Classic HTML (already validated) → the `text` and `entities` Telegram returns in the Message.
 * Offsets and lengths are UTF-16 code units, as in the Bot API.
 */
import type { MessageEntity } from "grammy/types";
import { decodeClassicEntities } from "../../validators/telegramHtml.js";

const SIMPLE: Readonly<Record<string, MessageEntity["type"]>> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  span: "spoiler",
  code: "code",
  pre: "pre",
};

interface Open {
  name: string;
  offset: number;
  attrs: Record<string, string>;
}

export function htmlToEntities(html: string): { text: string; entities: MessageEntity[] } {
  let text = "";
  const entities: MessageEntity[] = [];
  const stack: Open[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>|[^<]+/g)) {
    if (!m[2]) {
      text += decodeClassicEntities(m[0]);
      continue;
    }
    const name = m[2].toLowerCase();
    if (m[1] !== "/") {
      const attrs: Record<string, string> = {};
      for (const a of (m[3] ?? "").matchAll(/([\w-]+)(?:="([^"]*)")?/g)) attrs[a[1]!] = decodeClassicEntities(a[2] ?? "");
      stack.push({ name, offset: text.length, attrs });
      continue;
    }
    const open = stack.pop();
    if (!open || open.offset === text.length) continue;
    const span = { offset: open.offset, length: text.length - open.offset };
    const inPre = stack.at(-1)?.name === "pre";
    if (name === "code" && inPre) {
      // <pre><code class="language-x"> is one pre entity with a language.
      const language = /^language-(.+)$/.exec(open.attrs.class ?? "")?.[1];
      if (language) stack.at(-1)!.attrs.language = language;
      continue;
    }
    if (name === "a") entities.push({ type: "text_link", ...span, url: open.attrs.href ?? "" });
    else if (name === "pre") entities.push({ type: "pre", ...span, ...(open.attrs.language ? { language: open.attrs.language } : {}) });
    else if (name === "blockquote") entities.push({ type: "expandable" in open.attrs ? "expandable_blockquote" : "blockquote", ...span });
    else if (name === "tg-emoji") entities.push({ type: "custom_emoji", ...span, custom_emoji_id: open.attrs["emoji-id"] ?? "" });
    else if (name === "tg-time") entities.push({ type: "date_time", ...span, unix_time: Number(open.attrs.unix), date_time_format: (open.attrs.format ?? "") as "r" });
    else {
      const type = SIMPLE[name];
      if (type) entities.push({ type, ...span } as MessageEntity);
    }
  }
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

/** Plain text sent without parse_mode: Telegram still marks a leading /command. */
export function plainEntities(text: string): MessageEntity[] {
  const command = /^\/[a-zA-Z0-9_]{1,32}(?:@\w+)?/.exec(text);
  return command ? [{ type: "bot_command", offset: 0, length: command[0].length }] : [];
}
