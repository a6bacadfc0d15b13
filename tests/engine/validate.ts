/**
 * What Telegram and Discord would reject, checked the way they check it: Telegram's HTML parse
 * mode rules (tag whitelist, nesting, escaping), text and caption limits, album sizes and photo
 * dimensions; Discord's content and attachment limits. Plus the engine's own promise that no
 * raw markup leaks into the prose.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ChatMessage, Platform } from "../../src/model.js";

const TG_TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote", "tg-spoiler", "span", "tg-emoji"]);
const TG_FORMATTING = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler", "span"]);

/** Problems Telegram's HTML parser would raise for this text (empty when it parses). */
export function telegramHtmlErrors(html: string): string[] {
  const errors: string[] = [];
  const stack: string[] = [];
  const re = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w-]+(?:="[^"]*")?)*)\s*>|<|&(?:(lt|gt|amp|quot)|#(\d+)|#x([0-9a-fA-F]+));|&/g;
  for (const m of html.matchAll(re)) {
    const tok = m[0];
    if (tok === "<") {
      errors.push(`unescaped "<" at ${m.index}`);
      continue;
    }
    if (tok === "&") {
      errors.push(`unescaped "&" at ${m.index}`);
      continue;
    }
    if (tok.startsWith("&")) continue;
    const closing = m[1] === "/";
    const name = m[2]!.toLowerCase();
    const attrs = m[3] ?? "";
    if (!TG_TAGS.has(name)) {
      errors.push(`unsupported tag <${name}>`);
      continue;
    }
    if (closing) {
      if (stack.at(-1) !== name) errors.push(`</${name}> does not close <${stack.at(-1) ?? "nothing"}>`);
      else stack.pop();
      continue;
    }
    const parent = stack.at(-1);
    if (name === "a" && !/\shref="[^"]+"/.test(attrs)) errors.push("<a> without href");
    if (name === "a" && /\shref="([^"]*)"/.test(attrs) && !/^(https?|tg|mailto):/.test(/\shref="([^"]*)"/.exec(attrs)![1]!)) errors.push("<a> href is not an absolute URL");
    if (name === "span" && !/class="tg-spoiler"/.test(attrs)) errors.push("<span> without class tg-spoiler");
    if (name === "code" && attrs.trim() && !(parent === "pre" && /^\s*class="language-[\w+#-]+"\s*$/.test(attrs))) errors.push("<code class> outside <pre>");
    if (name === "blockquote" && stack.includes("blockquote")) errors.push("nested <blockquote>");
    if (name === "blockquote" && attrs.trim() && attrs.trim() !== "expandable") errors.push("bad <blockquote> attribute");
    if (parent === "code" || parent === "a") errors.push(`<${name}> inside <${parent}>`);
    if (parent === "pre" && name !== "code") errors.push(`<${name}> inside <pre>`);
    if (stack.includes("pre") && TG_FORMATTING.has(name)) errors.push(`<${name}> inside <pre>`);
    stack.push(name);
  }
  if (stack.length) errors.push(`unclosed tags: ${stack.join(", ")}`);
  return errors;
}

export function telegramVisibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, "").replace(/&(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi, "x").length;
}

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

const LEFTOVERS = ["{:", "{%", "$$", "\\(", "\\[", "[!NOTE]", "[!TIP]", "[!WARNING]", "[!IMPORTANT]", "[!CAUTION]", "<div", "<!--", "\\begin{", "<img", "<br", "<details", "<summary"];

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
