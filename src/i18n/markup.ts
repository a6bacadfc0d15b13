import type { Platform } from "../model.js";

/**
 * How UI strings are marked up per platform: Telegram HTML parse mode, Discord Markdown, plain text
 * for the console. Catalog entries escape every value they insert through `esc`.
 */
export interface Markup {
  esc(text: string): string;
  /** Bold; `html` is already escaped / marked up. */
  b(html: string): string;
  code(text: string): string;
  link(title: string, url: string): string;
}

const telegram: Markup = {
  esc: (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
  b: (h) => `<b>${h}</b>`,
  code: (t) => `<code>${telegram.esc(t)}</code>`,
  link: (title, url) => `<a href="${telegram.esc(url).replace(/"/g, "&quot;")}">${telegram.esc(title)}</a>`,
};

const discord: Markup = {
  esc: (t) => t.replace(/([\\*_~`|>#\[\]()-])/g, "\\$1"),
  b: (h) => `**${h}**`,
  code: (t) => `\`${t.replace(/`/g, "ˋ")}\``,
  // Angle brackets keep Discord from unfurling a preview of every link.
  link: (title, url) => `[${discord.esc(title)}](<${url}>)`,
};

const plain: Markup = {
  esc: (t) => t,
  b: (h) => h,
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
