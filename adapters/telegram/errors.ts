import { GrammyError, HttpError } from "grammy";
import type { SendError } from "../../src/learning/index.js";
import { ConfigError } from "../../src/contract/configError.js";
import { redactSecrets, secretParts } from "../../src/text/redact.js";

/** 400s that mean the bot may not post here until an admin changes something. */
const MISSING_RIGHTS = /not enough rights|need administrator rights|have no rights|CHAT_WRITE_FORBIDDEN|CHAT_SEND_\w+_FORBIDDEN/i;
/** 400s that mean the chat (or the topic) the subscription names is gone. */
const CHAT_GONE = /chat not found|message thread not found|TOPIC_DELETED|PEER_ID_INVALID/i;
/** 400s that mean a stored file_id no longer works (another bot token, a wiped local server). */
const BAD_FILE_ID = /wrong file identifier|wrong remote file|FILE_REFERENCE_|file_id/i;

/**
 * What a refusal of a paid broadcast for payment may say. Telegram does not document it; these are the
 * words its payment errors use (BALANCE_TOO_LOW, Stars), and 402 Payment Required.
 */
const PAYMENT_REFUSED = /balance|\bstars?\b|payment|paid.?broadcast/i;

export interface ErrorContext {
  /** The message was a rich message: a refusal of it is a refusal of the format. */
  rich: boolean;
  /** The message was sent as a paid broadcast: a refusal for payment means "send it at the free rate". */
  paid?: boolean;
}

/**
 * Telegram's answer (or the network's failure) as the core's typed error. The ledger and the
 * limiter own retries: nothing here waits or tries again.
 */
export function toSendError(err: unknown, at: ErrorContext, token: string): SendError {
  if (err instanceof GrammyError) {
    const detail = `${err.method}: ${err.error_code} ${err.description}`;
    const p = err.parameters;
    if (err.error_code === 429) return { kind: "rate_limited", retryAfter: p.retry_after ?? 1, detail };
    if (p.migrate_to_chat_id !== undefined) return { kind: "chat_moved", newChatId: String(p.migrate_to_chat_id), detail };
    if (err.error_code >= 500 || err.error_code === 401) return { kind: "transient", detail };
    if (at.paid && (err.error_code === 402 || (err.error_code === 400 && PAYMENT_REFUSED.test(err.description)))) return { kind: "paid_refused", detail };
    if (err.error_code === 404 && at.rich) return { kind: "format_refused", detail };
    if (MISSING_RIGHTS.test(err.description)) return { kind: "forbidden", detail };
    if (err.error_code === 403 || CHAT_GONE.test(err.description)) return { kind: "unreachable", detail };
    if (err.error_code === 400 && BAD_FILE_ID.test(err.description)) return { kind: "transient", detail };
    if (at.rich && err.error_code === 400) return { kind: "format_refused", detail };
    return { kind: "rejected", detail };
  }
  if (err instanceof HttpError) return { kind: "transient", detail: safeErrorText(err, token) };
  // Not an answer of the platform: a missing image file, a bug. The same message would fail again.
  return { kind: "rejected", detail: safeErrorText(err, token) };
}

/** A stored file_id was refused: forget it so the next attempt uploads the file again. */
export function isBadFileId(err: unknown): boolean {
  return err instanceof GrammyError && err.error_code === 400 && BAD_FILE_ID.test(err.description);
}

/**
 * An error as one line for the log, with the bot token cut out wherever it hides (the URL inside a
 * network error's cause names it).
 */
export function safeErrorText(err: unknown, token: string): string {
  let text: string;
  if (err instanceof HttpError) {
    const cause = err.error instanceof Error ? err.error.message : String(err.error);
    text = `${err.message} ${cause}`;
  } else if (err instanceof Error) text = `${err.name}: ${err.message}`;
  else text = String(err);
  return redactSecrets(text, token ? secretParts(token) : []).slice(0, 1000);
}

/** Telegram's answer when the token is wrong or revoked: a ConfigError naming TELEGRAM_BOT_TOKEN, else undefined. */
export function tokenRefusal(err: unknown): ConfigError | undefined {
  if (!(err instanceof GrammyError) || (err.error_code !== 401 && err.error_code !== 404)) return undefined;
  return new ConfigError([
    `TELEGRAM_BOT_TOKEN: the Bot API refused the token (${err.error_code} ${err.description}); copy the bot's current token from @BotFather (/mybots → API Token)`,
  ]);
}

/**
 * Why getMe or a long poll failed, in the few words the log shows: the network's own reason, never
 * the request URL (it names the token), or Telegram's answer.
 */
export function connectionCause(err: unknown, token: string): string {
  if (err instanceof GrammyError) return `${err.method}: ${err.error_code} ${err.description}`;
  if (err instanceof HttpError) {
    const inner = err.error as { message?: string; code?: string } | undefined;
    const reason = /reason: (.*)$/.exec(inner?.message ?? "")?.[1] ?? inner?.code ?? inner?.message ?? err.message;
    return redactSecrets(reason, secretParts(token));
  }
  return safeErrorText(err, token);
}
