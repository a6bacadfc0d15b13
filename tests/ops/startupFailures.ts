import { expect } from "vitest";
import type { BotProcess } from "../telegram/botProcess.js";

/**
 * What an operator sees of a start that cannot go on: the process exits 2 and prints exactly ONE line
 * that is not a JSON log line — no stack trace — and no line shows a secret (whole, or its secret
 * part: after a Telegram token's colon, a Discord token's last part). Returns that line.
 */
export async function oneLineFailure(bot: BotProcess, secrets: readonly string[]): Promise<string> {
  const exit = await bot.exited;
  const plain = bot.lines.filter((l) => !l.startsWith("{"));
  expect(exit.code, bot.lines.slice(-10).join("\n")).toBe(2);
  expect(plain, bot.lines.slice(-10).join("\n")).toHaveLength(1);
  expect(bot.lines.filter((l) => /^\s+at /.test(l))).toEqual([]);
  for (const s of secrets) {
    const parts = [s, s.split(":")[1] ?? "", s.split(".")[2] ?? ""].filter((p) => p.length >= 8);
    expect(bot.lines.filter((l) => parts.some((p) => l.includes(p)))).toEqual([]);
  }
  return plain[0]!;
}
