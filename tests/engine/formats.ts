/**
 * The checks of every lesson format in one place: what the platform would refuse (classic
 * messages, Telegram rich messages, Discord Components V2), raw markup that leaked into what the
 * reader sees, and the reader's text (for the word checks).
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ChatMessage, LessonFormat, Platform } from "../../src/contract/lessons.js";
import { describePayloadErrors, IS_COMPONENTS_V2, messagePayloadErrors } from "../validators/discordComponents.js";
import { richMessageErrors } from "../validators/telegramRich.js";
import { LEFTOVERS, leftoverMarkup, messageErrors } from "./validate.js";

/** Text Displays anywhere in a Components V2 message, and the gallery items' descriptions. */
export function componentTexts(msg: ChatMessage): { texts: string[]; descriptions: string[]; urls: string[] } {
  const texts: string[] = [];
  const descriptions: string[] = [];
  const urls: string[] = [];
  const walk = (cs: unknown[]): void => {
    for (const c of cs as { type: number; content?: string; components?: unknown[]; items?: { media: { url: string }; description?: string }[] }[]) {
      if (c.type === 10 && c.content !== undefined) texts.push(c.content);
      if (c.components) walk(c.components);
      for (const it of c.items ?? []) {
        urls.push(it.media.url);
        if (it.description) descriptions.push(it.description);
      }
    }
  };
  walk(msg.components ?? []);
  return { texts, descriptions, urls };
}

/** Every reason the platform would refuse this message in this format; `outDir` is where files are. */
export function formatErrors(msg: ChatMessage, platform: Platform, format: LessonFormat, outDir: string): string[] {
  const missing = (rel: string): string[] => {
    const file = join(outDir, rel);
    if (!existsSync(file)) return [`file ${rel} does not exist`];
    return statSync(file).size > 10 * 1024 * 1024 ? [`file ${rel} is over 10 MB`] : [];
  };
  switch (format) {
    case "classic":
      return messageErrors(msg, platform, outDir);
    case "rich": {
      if (!msg.rich) return ["a rich lesson message without `rich`"];
      return [...richMessageErrors({ html: msg.rich.html, media: msg.rich.media.map((m) => ({ id: m.id, type: "photo" })) }), ...msg.rich.media.flatMap((m) => missing(m.image))];
    }
    case "components": {
      if (!msg.components) return ["a components lesson message without `components`"];
      const files = msg.files ?? [];
      // The adapter appends an Action Row of three buttons to the last message: check with it.
      const row = { type: 1, components: ["done", "next", "res"].map((d) => ({ type: 2, style: 2, label: d, custom_id: `${d}:1` })) };
      const payload = { flags: IS_COMPONENTS_V2, components: [...msg.components, row] };
      return [...describePayloadErrors(messagePayloadErrors(payload, files.map((f) => f.name))), ...files.flatMap((f) => missing(f.image))];
    }
    default:
      return format satisfies never;
  }
}

/** What the reader sees of a rich message, code and formulas taken out. */
function richProse(html: string): string {
  return html
    .replace(/<pre>[\s\S]*?<\/pre>/g, " ")
    .replace(/<code>[\s\S]*?<\/code>/g, " ")
    .replace(/<tg-math(?:-block)?>[\s\S]*?<\/tg-math(?:-block)?>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/** Markup that leaked into what the reader sees outside code and formulas. */
export function formatLeftovers(msg: ChatMessage, platform: Platform, format: LessonFormat): string[] {
  if (format === "classic") return leftoverMarkup(msg, platform);
  const text = format === "rich" ? richProse(msg.rich?.html ?? "") : componentTexts(msg).texts.join("\n");
  if (format === "components") return leftoverMarkup({ text }, "discord");
  const found = LEFTOVERS.filter((l) => text.includes(l));
  if (/\{\{\s*[\w.'"/-]+\s*(\||\}\})/.test(text)) found.push("{{ liquid }}");
  return found;
}

/** The words a reader gets from one message: its text, and what its images show in words. */
export function readerText(msg: ChatMessage, platform: Platform, format: LessonFormat): string {
  switch (format) {
    case "classic": {
      let t = msg.text ?? "";
      if (platform === "telegram") t = t.replace(/<[^>]+>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
      else t = t.replace(/\\([\\*_~`|[\]<>#.-])/g, "$1");
      return [t, ...(msg.alt ?? [])].join(" ");
    }
    case "rich": {
      const html = msg.rich?.html ?? "";
      const text = html.replace(/<[^>]+>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
      return [text, ...(msg.rich?.media ?? []).map((m) => m.alt ?? "")].join(" ");
    }
    case "components": {
      const { texts, descriptions } = componentTexts(msg);
      return [...texts.map((t) => t.replace(/\\([\\*_~`|[\]<>#.-])/g, "$1")), ...descriptions].join(" ");
    }
    default:
      return format satisfies never;
  }
}
