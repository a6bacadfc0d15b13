/**
 * What Telegram and Discord would reject, checked the way they check it: Telegram's HTML parse
 * mode rules (tag whitelist, nesting, escaping), text and caption limits, album sizes and photo
 * dimensions; Discord's content and attachment limits. Plus the engine's own promise that no
 * raw markup leaks into the prose.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ChatMessage, Platform } from "../../src/contract/lessons.js";
import { telegramHtmlErrors, telegramVisibleLength } from "../validators/telegramHtml.js";

export { telegramHtmlErrors, telegramVisibleLength };

function pngSize(file: string): { width: number; height: number } | null {
  const buf = readFileSync(file);
  if (buf.length < 24 || buf.readUInt32BE(0) !== 0x89504e47) return null;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** Every reason a platform would refuse this message. `outDir` is where image paths point. */
export function messageErrors(msg: ChatMessage, platform: Platform, outDir: string): string[] {
  const errors: string[] = [];
  const images = msg.images ?? [];
  const text = msg.text ?? "";
  if (!images.length && !text.trim()) errors.push("empty message");
  if (images.length > 10) errors.push(`${images.length} images in one message (max 10)`);
  for (const img of images) {
    const file = join(outDir, img);
    if (!existsSync(file)) {
      errors.push(`image ${img} does not exist`);
      continue;
    }
    if (statSync(file).size > 10 * 1024 * 1024) errors.push(`image ${img} is over 10 MB`);
    const size = /\.png$/i.test(file) ? pngSize(file) : null;
    if (platform === "telegram" && size) {
      const { width: w, height: h } = size;
      if (w + h > 10000 || w / h > 20 || h / w > 20) errors.push(`photo ${img} is ${w}×${h}: outside Telegram's limits`);
    }
  }
  if (platform === "telegram") {
    errors.push(...telegramHtmlErrors(text));
    const limit = images.length ? 1024 : 4096;
    const len = telegramVisibleLength(text);
    if (len > limit) errors.push(`${images.length ? "caption" : "text"} is ${len} characters (max ${limit})`);
  } else if (platform === "discord") {
    if (text.length > 2000) errors.push(`content is ${text.length} characters (max 2000)`);
  }
  return errors;
}

export const LEFTOVERS = ["{:", "{%", "$$", "\\(", "\\[", "[!NOTE]", "[!TIP]", "[!WARNING]", "[!IMPORTANT]", "[!CAUTION]", "<div", "<!--", "\\begin{", "<img", "<br", "<details", "<summary"];

/** Markup that leaked into what the reader sees outside code. */
export function leftoverMarkup(msg: ChatMessage, platform: Platform): string[] {
  let text = msg.text ?? "";
  if (platform === "telegram") {
    text = text
      .replace(/<pre>[\s\S]*?<\/pre>/g, "")
      .replace(/<code>[\s\S]*?<\/code>/g, "")
      .replace(/<[^>]+>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
  } else {
    text = text.replace(/```[\s\S]*?```/g, "").replace(/``[^`]*``|`[^`\n]*`/g, "").replace(/\\([\\*_~`|[\]<>#.-])/g, "$1");
  }
  const found = LEFTOVERS.filter((l) => text.includes(l));
  // "{{" also opens a set of sets in maths; a Liquid expression looks like `{{ name }}` or `{{ x | filter }}`.
  if (/\{\{\s*[\w.'"/-]+\s*(\||\}\})/.test(text)) found.push("{{ liquid }}");
  // A Markdown link the parser did not take: `[text](#anchor)`, `[text](https://…)`, `[text](/path)`.
  if (/\[[^\]\n]+\]\((?:https?:|#|\/)/.test(text)) found.push("[text](link)");
  return found;
}
