/**
 * Code-heavy lessons keep the six-minute promise: every line of code a learner is shown takes its
 * 5 s, blank lines within the code too. Counted here from what the learner gets (the lines inside
 * each message's code blocks and the words around them), not from the engine's own model.
 */
import { describe, it, expect } from "vitest";
import { post, render } from "./helpers.js";

/** A 90-line function in blocks of three statements, each followed by a blank line. */
function longCode(): string {
  const lines: string[] = [];
  for (let i = 0; lines.length < 90; i++) lines.push(...(i % 4 === 3 ? [""] : [`    total_${i} = step(total_${i - 1 < 0 ? 0 : i - 1}, batch[${i}])`]));
  return ["def train(batch):", ...lines.slice(0, 88), "    return total"].join("\n");
}

const words = (n: number): string => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

/** Minutes a learner needs for a rendered Telegram classic lesson: 5 s per code line shown, 200 words a minute. */
function shownMinutes(texts: string[]): { minutes: number; codeLines: number; statements: number } {
  const html = texts.join("\n");
  const code = [...html.matchAll(/<pre>(?:<code[^>]*>)?([\s\S]*?)(?:<\/code>)?<\/pre>/g)].map((m) => m[1]!);
  const codeLines = code.reduce((n, c) => n + c.split("\n").length, 0);
  const statements = code.reduce((n, c) => n + c.split("\n").filter((l) => l.trim()).length, 0);
  const prose = html.replace(/<pre>[\s\S]*?<\/pre>/g, " ").replace(/<[^>]+>/g, " ");
  const proseWords = prose.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  return { minutes: (codeLines * 5) / 60 + proseWords / 200, codeLines, statements };
}

describe("a lesson with a long code block", () => {
  it("GIVEN 90 lines of code (blank lines within) and a hundred words THEN no lesson shows more than six minutes of it", async () => {
    const body = `${words(50)}.\n\n\`\`\`python\n${longCode()}\n\`\`\`\n\n${words(50)}.\n`;
    const r = await render({ "_posts/2026-03-01-train.md": post("title: Training loop", body) }, "telegram");
    const lessons = r.lessons.map((l) => ({ id: l.id, model: l.minutes, ...shownMinutes(l.messages.map((m) => m.text ?? "")) }));
    // Every line with code is shown (a blank line where the block is cut may go).
    expect(lessons.reduce((n, l) => n + l.statements, 0)).toBe(longCode().split("\n").filter((l) => l.trim()).length);
    for (const l of lessons) {
      expect(l.minutes, l.id).toBeLessThanOrEqual(6);
      // The model times at least the code it shows.
      expect(l.model * 60 + 3, l.id).toBeGreaterThanOrEqual(l.codeLines * 5);
    }
  });
});
