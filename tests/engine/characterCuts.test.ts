/**
 * Cuts never fall inside a character. Text longer than a message (or a label longer than its
 * field) is cut; a cut between the two UTF-16 halves of an emoji leaves lone surrogates that
 * Telegram and Discord refuse, and a cut between a letter and its combining accent (Vietnamese
 * written in NFD) shows a bare accent. Each case puts the character right at the limit.
 */
import { describe, it, expect } from "vitest";
import { cutHtml, cutMarkdown } from "../../src/render/cut.js";
import { splitReplies } from "../../src/learning/splitReply.js";
import { clip } from "../../src/learning/commands/settings.js";
import { parseCommand } from "../../src/learning/parseCommand.js";
import { clipToast } from "../../adapters/telegram/callbackAnswers.js";
import { displayName } from "../../adapters/telegram/incoming.js";
import { buttonRow } from "../../adapters/discord/payload.js";
import { graphemes, truncateText } from "../../src/text/graphemes.js";
import { post, render } from "./helpers.js";

const EMOJI = "🧠";
/** "ọ" as NFD: o + combining dot below. */
const NFD_O = "o\u0323";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The problems a chat platform would have with a piece of text: lone surrogates, a leading bare accent. */
function brokenCharacters(pieces: string[]): string[] {
  const out: string[] = [];
  pieces.forEach((p, i) => {
    if (LONE_SURROGATE.test(p)) out.push(`piece ${i} has a lone surrogate`);
    if (/^(?:<[^>]*>)*\p{M}/u.test(p)) out.push(`piece ${i} starts with a bare combining mark`);
  });
  return out;
}

const textOf = (pieces: string[]): string => pieces.join("").replace(/<[^>]*>/g, "").replace(/\s+/g, "");

describe("cutting long text into messages", () => {
  it("GIVEN Telegram HTML of emoji with no space, one unit off the limit THEN every piece is whole characters and none is lost", () => {
    const html = "x" + EMOJI.repeat(60);
    const pieces = cutHtml(html, 51);
    expect(pieces.length).toBeGreaterThan(1);
    expect(brokenCharacters(pieces)).toEqual([]);
    expect(textOf(pieces)).toBe(html);
  });

  it("GIVEN Telegram HTML of Vietnamese in NFD THEN no piece starts with an accent torn from its letter", () => {
    const html = `<b>${("H" + NFD_O + "c").repeat(40)}</b>`;
    const pieces = cutHtml(html, 50);
    expect(brokenCharacters(pieces)).toEqual([]);
    expect(textOf(pieces)).toBe(textOf([html]));
  });

  it("GIVEN a Discord line of emoji longer than a message THEN it is cut between emoji", () => {
    const line = "x" + EMOJI.repeat(80);
    const pieces = cutMarkdown(line, 101);
    expect(pieces.length).toBeGreaterThan(1);
    expect(brokenCharacters(pieces)).toEqual([]);
    expect(textOf(pieces)).toBe(line);
  });

  it("GIVEN a post with a paragraph of emoji longer than a message THEN every classic message on both platforms is well formed", async () => {
    const body = "x" + EMOJI.repeat(2500) + "\n";
    for (const platform of ["telegram", "discord"] as const) {
      const r = await render({ "_posts/2026-03-01-emoji.md": post("title: Emoji", body) }, platform);
      const texts = r.lessons.flatMap((l) => l.messages.map((m) => m.text ?? ""));
      expect(texts.length, platform).toBeGreaterThan(1);
      expect(brokenCharacters(texts), platform).toEqual([]);
      expect(texts.join("").split(EMOJI).length - 1, platform).toBe(2500);
    }
  }, 60_000);
});

describe("cutting replies and labels", () => {
  it("GIVEN a reply whose single line is longer than a Discord message THEN the pieces are whole emoji", () => {
    const text = "x" + EMOJI.repeat(1500);
    const pieces = splitReplies([{ text }], "discord").map((r) => r.text!);
    expect(pieces.length).toBeGreaterThan(1);
    expect(brokenCharacters(pieces)).toEqual([]);
    expect(pieces.join("")).toBe(text);
  });

  it("GIVEN labels, names, toasts and echoed input with an emoji at the limit THEN each is cut before it", () => {
    const long = (n: number): string => "x".repeat(n - 1) + EMOJI + "tail";
    const row = buttonRow([{ text: long(80), data: "done:1" }]);
    const cut = [
      clipToast(long(199)),
      displayName({ id: 1, first_name: long(64) }),
      clip(long(40)),
      parseCommand(`/announce ${long(200)}`)!.args,
      row.components[0]!.label!,
      truncateText(long(1024), 1024, "…"),
    ];
    expect(brokenCharacters(cut)).toEqual([]);
    for (const s of cut) expect(s.startsWith("x".repeat(30))).toBe(true);
  });

  it("GIVEN one character made of hundreds of marks THEN it is given out code point by code point", () => {
    const zalgo = "a" + "\u0301".repeat(300);
    const parts = [...graphemes(zalgo)];
    expect(parts.join("")).toBe(zalgo);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThanOrEqual(32);
  });
});
