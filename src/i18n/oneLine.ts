import { truncateText } from "../text/graphemes.js";

/** A text (a course's description) as one line of at most `max` characters. */
export function oneLine(text: string, max = 140): string {
  return truncateText(text.replace(/\s+/g, " ").trim(), max, "…");
}
