import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import type { SendError } from "../../src/learning/index.js";

/** Discord's JSON error codes the sender tells apart. */
export const DiscordCode = {
  UnknownChannel: 10003,
  UnknownUser: 10013,
  MissingAccess: 50001,
  CannotDmUser: 50007,
  MissingPermissions: 50013,
  InvalidFormBody: 50035,
} as const;

export interface SendContext {
  /** The message was a Components V2 payload: a 50035 means the format, not the text. */
  componentsV2: boolean;
  /** The permission the bot lacks where it posted, when the cache can tell (for 50013). */
  missingPermission: () => string | undefined;
}

/**
 * What a failed post means for the core (issue 8 §4): 429 → rate_limited, 50007 / 10003 / unknown
 * user → unreachable, 50001 / 50013 → forbidden with the permission, 50035 on a V2 message →
 * format_refused, 5xx and network failures → transient, other 4xx → rejected.
 */
export function sendErrorOf(err: unknown, ctx: SendContext): SendError {
  if (err instanceof RateLimitError) {
    return { kind: "rate_limited", retryAfter: Math.max(0, err.retryAfter) / 1000, detail: `${err.global ? "global" : err.route} limit` };
  }
  if (err instanceof DiscordAPIError) {
    const detail = `${err.status} ${err.code}: ${err.message}`.slice(0, 300);
    if (err.status === 429) return { kind: "rate_limited", retryAfter: retryAfterOf(err.rawError), detail };
    switch (err.code) {
      case DiscordCode.CannotDmUser:
      case DiscordCode.UnknownChannel:
      case DiscordCode.UnknownUser:
        return { kind: "unreachable", detail };
      case DiscordCode.MissingAccess:
        return { kind: "forbidden", permission: "View Channel", detail };
      case DiscordCode.MissingPermissions:
        return { kind: "forbidden", permission: ctx.missingPermission() ?? "Send Messages", detail };
      case DiscordCode.InvalidFormBody:
        return ctx.componentsV2 ? { kind: "format_refused", detail } : { kind: "rejected", detail };
    }
    // A refused token breaks every send, not this message: wait for someone to fix it, skip nothing.
    if (err.status === 401 || err.status >= 500) return { kind: "transient", detail };
    return { kind: "rejected", detail };
  }
  if (err instanceof HTTPError) return { kind: "transient", detail: `${err.status} ${err.message}`.slice(0, 300) };
  return { kind: "transient", detail: describeNetworkError(err) };
}

function retryAfterOf(raw: unknown): number {
  const v = typeof raw === "object" && raw !== null ? (raw as { retry_after?: unknown }).retry_after : undefined;
  return typeof v === "number" && v >= 0 ? v : 1;
}

/** "UND_ERR_SOCKET: other side closed": the error's code and message, never a request's headers. */
export function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return String(err).slice(0, 200);
  const cause = (err as { cause?: unknown }).cause;
  const code = (err as { code?: unknown }).code ?? (cause instanceof Error ? (cause as { code?: unknown }).code : undefined);
  const causeText = cause instanceof Error ? `: ${cause.message}` : "";
  return `${typeof code === "string" ? `${code}: ` : ""}${err.message}${causeText}`.slice(0, 300);
}
