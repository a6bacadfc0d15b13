import pino, { type Logger } from "pino";

/**
 * The process logger: JSON lines to stderr (so the console chat on stdout stays clean). Token-like
 * fields are redacted wherever they appear; Secret values print as [redacted] anyway.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { app: "sau-phut" },
      redact: {
        paths: ["token", "*.token", "*.*.token", "telegramToken", "discordToken", "*.telegramToken", "*.discordToken", "headers.authorization"],
        censor: "[redacted]",
      },
    },
    pino.destination({ dest: 2, sync: true }),
  );
}

export type { Logger };
