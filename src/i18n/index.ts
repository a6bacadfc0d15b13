import type { Language } from "../contract/chat.js";
import type { Catalog } from "./catalog.js";
import { en } from "./en.js";
import { vi } from "./vi.js";

export type { Catalog, Schedule } from "./catalog.js";
export { markupFor, type Markup } from "./markup.js";

export const languages: readonly Language[] = ["vi", "en"];

export function catalogFor(language: Language): Catalog {
  return language === "vi" ? vi : en;
}

/** "vi" for Vietnamese course codes ("vi", "vi-VN"), otherwise "en". */
export function languageFrom(code: string | undefined): Language {
  return code?.toLowerCase().startsWith("vi") ? "vi" : "en";
}

export function parseLanguage(text: string): Language | undefined {
  const t = text.trim().toLowerCase();
  if (t === "vi" || t === "vn" || t === "tiếng việt" || t === "vietnamese") return "vi";
  if (t === "en" || t === "english") return "en";
  return undefined;
}

/** Local date and time for messages: "Tue, 14 Jan, 07:00" / "Th 3, 14 thg 1, 07:00". */
export function formatLocalDateTime(ms: number, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(language === "vi" ? "vi-VN" : "en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(ms));
}
