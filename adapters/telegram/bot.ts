import { Bot } from "grammy";
import type { TelegramConfig } from "../../src/config.js";
import { retryUntilConnected, type OutageLog } from "../../src/ops/reconnect.js";
import { connectionCause, tokenRefusal } from "./errors.js";

/** The update types the bot asks for (Telegram remembers the last list given); poll_answer: who answered a quiz. */
export const ALLOWED_UPDATES = ["message", "edited_message", "channel_post", "callback_query", "my_chat_member", "poll_answer"] as const;

/**
 * The grammY bot: pointed at TELEGRAM_API_ROOT when set (a local Bot API server or a test fake).
 * No auto-retry or throttler plugin: the core's limiter and ledger own pacing and retries.
 */
export function createBot(config: TelegramConfig): Bot {
  return new Bot(config.token.reveal(), {
    client: {
      ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}),
      // Above the 30 s long poll, far below grammY's 500 s: a hung send becomes a transient error.
      timeoutSeconds: 60,
    },
  });
}

/**
 * getMe (and for long polling deleteWebhook) until the Bot API answers. Our own retries rather than
 * grammY's `bot.init()`, which retries network errors for up to 20 minutes without a word: here each
 * failure reaches the outage log, the wait is capped at a minute, and a refused token ends the start
 * with a ConfigError.
 */
export async function connectBot(bot: Bot, opts: { token: string; longPolling: boolean; outage: OutageLog; signal?: AbortSignal }): Promise<void> {
  const { signal } = opts;
  // grammY types its signal with the abort-controller shim; Node's own is what it receives at run time.
  const grammySignal = signal as Parameters<Bot["api"]["getMe"]>[0];
  bot.botInfo = await retryUntilConnected({
    attempt: async () => {
      const me = await bot.api.getMe(grammySignal);
      if (opts.longPolling) await bot.api.deleteWebhook(undefined, grammySignal);
      return me;
    },
    causeOf: (err) => {
      const refused = tokenRefusal(err);
      if (refused) throw refused;
      return connectionCause(err, opts.token);
    },
    outage: opts.outage,
    ...(signal ? { signal } : {}),
  });
  opts.outage.recovered();
}
