import { Writable } from "node:stream";
import pino, { type Logger } from "pino";

/** A bot token inside a URL (`…/bot123456:AA…/method`), whoever's it is. */
const TOKEN_IN_URL = /\/bot\d{3,}:[A-Za-z0-9_-]{20,}/g;

/**
 * Every log line as written: the configured secrets (tokens, webhook secret) replaced wherever they
 * appear — in a message, an error, a URL — and any bot token inside a URL too.
 */
export function scrubSecrets(line: string, secrets: readonly string[]): string {
  let out = line.replace(TOKEN_IN_URL, "/bot[redacted]");
  for (const s of secrets) if (s.length >= 8) out = out.split(s).join("[redacted]");
  return out;
}

/**
 * The process logger: JSON lines to stderr (so the console chat on stdout stays clean). Token-like
 * fields are redacted by name, Secret values print as [redacted], and every line is scrubbed of the
 * secrets' values before it is written.
 */
export function createLogger(level: string, secrets: readonly string[] = [], dest: NodeJS.WritableStream = process.stderr): Logger {
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      dest.write(scrubSecrets(String(chunk), secrets));
      done();
    },
  });
  return pino(
    {
      level,
      base: { app: "sau-phut" },
      redact: {
        paths: ["token", "*.token", "*.*.token", "secret", "*.secret", "headers.authorization", "*.headers.authorization", "config.headers.Authorization"],
        censor: "[redacted]",
      },
    },
    sink,
  );
}

export type { Logger };
