import type { Platform } from "../contract/lessons.js";
import type { OutgoingMessage } from "./sender.js";
import { graphemeBoundary } from "../text/graphemes.js";

/** Text limits of one message (Telegram 4096, Discord 2000), with room to spare for markup. */
const limits: Record<Platform, number> = { telegram: 4000, discord: 1900, console: 100_000 };

/**
 * Splits long text replies (a big members' table, many resources) into several messages at line
 * breaks, so no reply exceeds the platform's limit. A single over-long line is cut hard.
 */
export function splitReplies(replies: OutgoingMessage[], platform: Platform): OutgoingMessage[] {
  const max = limits[platform];
  const out: OutgoingMessage[] = [];
  for (const reply of replies) {
    if (reply.text === undefined || reply.text.length <= max || reply.images?.length) {
      out.push(reply);
      continue;
    }
    const chunks: string[] = [];
    let current = "";
    for (const line of reply.text.split("\n")) {
      for (let piece = line; ; ) {
        const room = max - current.length - (current ? 1 : 0);
        if (piece.length <= room) {
          current = current ? `${current}\n${piece}` : piece;
          break;
        }
        if (current) {
          chunks.push(current);
          current = "";
          continue;
        }
        // A line longer than a message: cut hard, but never inside a character.
        const at = Math.max(1, graphemeBoundary(piece, max));
        chunks.push(piece.slice(0, at));
        piece = piece.slice(at);
      }
    }
    if (current) chunks.push(current);
    // Buttons and choices stay under the last piece.
    chunks.forEach((text, i) =>
      out.push(i === chunks.length - 1 ? { text, ...(reply.buttons ? { buttons: reply.buttons } : {}), ...(reply.choices ? { choices: reply.choices } : {}) } : { text }),
    );
  }
  return out;
}
