import type { Platform } from "../contract/lessons.js";
import { dialectFor } from "../text/dialect.js";

/**
 * How UI strings are marked up per platform: Telegram HTML parse mode, Discord Markdown, plain text
 * for the console. Catalog entries escape every value they insert through `esc`. The escaping and
 * formatting are the lesson renderer's own (`src/text/dialect.ts`), so the two never drift apart.
 */
export interface Markup {
  esc(text: string): string;
  /** Bold; `html` is already escaped / marked up. */
  b(html: string): string;
  code(text: string): string;
  link(title: string, url: string): string;
}

function fromRenderer(platform: Platform): Markup {
  const m = dialectFor(platform);
  return {
    esc: (t) => m.escape(t),
    b: (h) => m.bold(h),
    code: (t) => m.code(t),
    link: (title, url) => m.link(m.escape(title), url),
  };
}

const telegram = fromRenderer("telegram");
const discord = fromRenderer("discord");
// In the terminal a command needs no quoting, and a list of links reads best as "title — url".
const plain: Markup = {
  ...fromRenderer("console"),
  code: (t) => t,
  link: (title, url) => (title && title !== url ? `${title} — ${url}` : url),
};

export function markupFor(platform: Platform): Markup {
  switch (platform) {
    case "telegram":
      return telegram;
    case "discord":
      return discord;
    case "console":
      return plain;
    default:
      return platform satisfies never;
  }
}
