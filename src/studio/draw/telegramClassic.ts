/**
 * Telegram's HTML parse mode (classic text messages and captions): the formatting tags it knows,
 * drawn like the rich ones, newlines kept as the client keeps them. `<span class="tg-spoiler">` is
 * its second spelling of a spoiler; anything else is a labelled placeholder.
 */
import { RICH_HANDLERS, drawTelegramHtml, type Handler, type RichDrawContext } from "./telegramRich.js";
import { attrOf } from "./tags.js";
import { placeholder } from "./placeholder.js";

const PARSE_MODE_TAGS = ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler", "code", "pre", "blockquote", "a"] as const;

const CLASSIC_HANDLERS: Readonly<Record<string, Handler>> = {
  ...Object.fromEntries(PARSE_MODE_TAGS.map((t) => [t, RICH_HANDLERS[t]!])),
  span: (el, w) => (attrOf(el, "class") === "tg-spoiler" ? RICH_HANDLERS["tg-spoiler"]!(el, w) : placeholder("<span> without class=\"tg-spoiler\"", w.children(el))),
};

/** A classic message's text (or caption) as the client shows it. */
export function drawTelegramClassic(text: string, ctx: RichDrawContext): string {
  return drawTelegramHtml(text, CLASSIC_HANDLERS, ctx);
}
