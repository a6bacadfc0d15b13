/**
 * The one redaction every printed line goes through: log lines (src/log.ts), what the command line
 * prints (src/cli/output.ts) and the start-up's own lines (src/main.ts).
 */

/** A Telegram bot token inside a URL (`…/bot123456:AA…/getMe`, the colon maybe %3A), whoever's it is. */
const TOKEN_IN_URL = /\/bot\d{3,}(?::|%3A)[A-Za-z0-9_-]{20,}/gi;

/** Shorter values are not treated as secrets: replacing them would blank out ordinary words. */
const MIN_SECRET_LENGTH = 8;

/**
 * `text` with every secret value replaced by [redacted], wherever it appears (a message, an error, a
 * URL), and any bot token inside a URL too.
 *
 *   redactSecrets("GET /bot123:AAH…/getMe failed", [])  →  "GET /bot[redacted]/getMe failed"
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(TOKEN_IN_URL, "/bot[redacted]");
  for (const s of secrets) if (s.length >= MIN_SECRET_LENGTH) out = out.split(s).join("[redacted]");
  return out;
}

/**
 * The values to hide for one token: the token itself and the part that is the secret on its own —
 * after the colon of a Telegram token (the digits before it are the bot's public id), the last dot
 * part of a Discord token (the first is the bot's id in base64).
 */
export function secretParts(token: string): string[] {
  const parts = [token];
  const telegramSecret = /^\d+:(.+)$/.exec(token)?.[1];
  if (telegramSecret) parts.push(telegramSecret);
  const dots = token.split(".");
  if (dots.length === 3 && dots[2]!.length >= 20) parts.push(dots[2]!);
  // Longest first, so a token is replaced whole rather than leaving its public id beside the mark.
  return parts.sort((a, b) => b.length - a.length);
}
