import { Writable } from "node:stream";
import pino, { type Logger } from "pino";
import { redactSecrets } from "./text/redact.js";

/**
 * The process logger: JSON lines to stderr (so the console chat on stdout stays clean). Token-like
 * fields are redacted by name, Secret values print as [redacted], and every line is scrubbed of the
 * secrets' values before it is written.
 */
export function createLogger(level: string, secrets: readonly string[] = [], dest: NodeJS.WritableStream = process.stderr): Logger {
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      dest.write(redactSecrets(String(chunk), secrets));
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
