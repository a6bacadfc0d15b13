/**
 * How each platform writes formatted text. A renderer only ever goes through this interface,
 * so a new target (Telegram rich messages, Discord components) is one more implementation.
 */
import type { Platform } from "../contract/lessons.js";
import { escapeAttr, escapeHtml } from "./html.js";

export interface Dialect {
  platform: Platform;
  /** Text message limit, counted as `visibleLength`. */
  textLimit: number;
  /** Caption (Telegram) or content-with-attachments (Discord) limit. */
  captionLimit: number;
  /** Telegram shows a caption under the photos; Discord shows content above its attachments. */
  captionPosition: "after" | "before";
  escape(s: string): string;
  bold(s: string): string;
  italic(s: string): string;
  strike(s: string): string;
  code(s: string): string;
  link(text: string, url: string): string;
  pre(code: string, lang: string): string;
  /** A block quote around already-rendered lines. */
  quote(rendered: string, opts?: { expandable?: boolean }): string;
  /** Length as the platform counts it against its limits. */
  visibleLength(s: string): number;
}


export const telegramDialect: Dialect = {
  platform: "telegram",
  textLimit: 4096,
  captionLimit: 1024,
  captionPosition: "after",
  escape: escapeHtml,
  bold: (s) => (s ? `<b>${s}</b>` : s),
  italic: (s) => (s ? `<i>${s}</i>` : s),
  strike: (s) => (s ? `<s>${s}</s>` : s),
  code: (s) => `<code>${escapeHtml(s)}</code>`,
  // Entities may not nest inside <a>: the text is given already rendered but stripped of tags.
  link: (text, url) => `<a href="${escapeAttr(url)}">${text.replace(/<[^>]+>/g, "")}</a>`,
  pre: (code, lang) =>
    lang
      ? `<pre><code class="language-${lang.replace(/[^\w+#-]/g, "")}">${escapeHtml(code)}</code></pre>`
      : `<pre>${escapeHtml(code)}</pre>`,
  quote: (r, opts) => `<blockquote${opts?.expandable ? " expandable" : ""}>${r}</blockquote>`,
  visibleLength: (s) =>
    s
      .replace(/<[^>]*>/g, "")
      .replace(/&(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi, "x").length,
};

const discordEscape = (s: string): string =>
  s
    .replace(/([\\*_~`|[\]<>])/g, "\\$1")
    // Line-start syntax only counts when a space follows: "# ", "> ", "- ", "-# ", "1. ".
    .replace(/^(\s*)([#>-])(?=#?\s)/gm, "$1\\$2")
    .replace(/^(\s*\d+)\.(?=\s)/gm, "$1\\.");

export const discordDialect: Dialect = {
  platform: "discord",
  textLimit: 2000,
  captionLimit: 2000,
  captionPosition: "before",
  escape: discordEscape,
  bold: (s) => (s ? `**${s}**` : s),
  italic: (s) => (s ? `*${s}*` : s),
  strike: (s) => (s ? `~~${s}~~` : s),
  code: (s) => (s.includes("`") ? `\`\` ${s} \`\`` : `\`${s}\``),
  // Angle brackets keep Discord from unfurling every link into an embed.
  link: (text, url) => `[${text.replace(/[[\]]/g, "")}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)`,
  pre: (code, lang) => {
    const body = code.replace(/```/g, "`\u200b``");
    return "```" + lang.replace(/[^\w+#-]/g, "") + "\n" + body + "\n```";
  },
  quote: (r) =>
    r
      .split("\n")
      .map((l) => (l ? `> ${l}` : ">"))
      .join("\n"),
  visibleLength: (s) => s.length,
};

/** Plain text for the terminal chat: no markup to hide, links spelled out. */
export const consoleDialect: Dialect = {
  platform: "console",
  textLimit: 4000,
  captionLimit: 4000,
  captionPosition: "before",
  escape: (s) => s,
  bold: (s) => s,
  italic: (s) => s,
  strike: (s) => s,
  code: (s) => `\`${s}\``,
  link: (text, url) => (text && text !== url ? `${text} <${url}>` : url),
  pre: (code, lang) => ["```" + lang, code, "```"].join("\n"),
  quote: (r) =>
    r
      .split("\n")
      .map((l) => `│ ${l}`)
      .join("\n"),
  visibleLength: (s) => s.length,
};

export function dialectFor(platform: Platform): Dialect {
  switch (platform) {
    case "telegram":
      return telegramDialect;
    case "discord":
      return discordDialect;
    case "console":
      return consoleDialect;
    default:
      return platform satisfies never;
  }
}
