import { truncateText } from "../text/graphemes.js";

/** "/time@SauPhutBot 07:30" → { name: "time", args: "07:30" }; undefined when not a command. */
export interface ParsedCommand {
  name: string;
  args: string;
}

const maxArgs = 200;

export function parseCommand(text: string): ParsedCommand | undefined {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith("/")) return undefined;
  const firstLine = truncateText(trimmed.split("\n", 1)[0]!, 1000);
  const m = /^\/([^\s@]*)(?:@\S*)?\s*(.*)$/s.exec(firstLine);
  if (!m) return undefined;
  return { name: m[1]!.toLowerCase(), args: truncateText(m[2]!.trim(), maxArgs) };
}
