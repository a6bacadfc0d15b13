/**
 * Discord's rate limits as the fake enforces them: a global budget per bot per second (interaction
 * callbacks and webhook-token routes are exempt, as on Discord) and fixed-window buckets per route
 * and major parameter (the channel). Every answer carries the bucket's X-RateLimit-* headers, so
 * @discordjs/rest queues exactly as it would against Discord.
 */
import { createHash } from "node:crypto";

export interface BucketLimit {
  limit: number;
  windowMs: number;
}

export interface RateLimitOptions {
  /** Requests per second for the bot, all routes together. Default 50. */
  globalPerSecond?: number;
  /** POST /channels/{id}/messages per channel. Default 5 per 5000 ms. */
  channelMessages?: BucketLimit;
  /** Every other bucketed route, per route and major parameter. Default 50 per 1000 ms. */
  otherRoutes?: BucketLimit;
}

export interface LimitVerdict {
  headers: Record<string, string>;
  /** Set when the request must be answered 429. */
  tooMany?: { retryAfterMs: number; global: boolean; body: { message: string; retry_after: number; global: boolean } };
}

interface Window {
  count: number;
  resetAt: number;
}

export class RateLimiter {
  globalPerSecond: number;
  readonly channelMessages: BucketLimit;
  readonly otherRoutes: BucketLimit;
  /** How many 429s were answered, global ones included. */
  tooManyCount = 0;
  private global: Window = { count: 0, resetAt: 0 };
  private readonly windows = new Map<string, Window>();

  constructor(opts: RateLimitOptions = {}) {
    this.globalPerSecond = opts.globalPerSecond ?? 50;
    this.channelMessages = opts.channelMessages ?? { limit: 5, windowMs: 5000 };
    this.otherRoutes = opts.otherRoutes ?? { limit: 50, windowMs: 1000 };
  }

  /**
   * Counts one request. `bucket` names the route's bucket (null: no bucket, as for interaction
   * callbacks); `major` is its major parameter; `globalExempt` skips the global budget.
   */
  take(bucket: string | null, major: string, globalExempt: boolean, now = Date.now()): LimitVerdict {
    if (!globalExempt) {
      if (now >= this.global.resetAt) this.global = { count: 0, resetAt: now + 1000 };
      if (this.global.count >= this.globalPerSecond) {
        const retryAfterMs = this.global.resetAt - now;
        this.tooManyCount++;
        return {
          headers: { "Retry-After": retryHeader(retryAfterMs), "X-RateLimit-Global": "true", "X-RateLimit-Scope": "global" },
          tooMany: { retryAfterMs, global: true, body: { message: "You are being rate limited.", retry_after: seconds(retryAfterMs), global: true } },
        };
      }
      this.global.count++;
    }
    if (bucket === null) return { headers: {} };
    const limit = bucket === "channel-messages" ? this.channelMessages : this.otherRoutes;
    const key = `${bucket}:${major}`;
    let w = this.windows.get(key);
    if (!w || now >= w.resetAt) {
      w = { count: 0, resetAt: now + limit.windowMs };
      this.windows.set(key, w);
    }
    const resetAfterMs = w.resetAt - now;
    const headers: Record<string, string> = {
      "X-RateLimit-Limit": String(limit.limit),
      "X-RateLimit-Reset": (w.resetAt / 1000).toFixed(3),
      "X-RateLimit-Reset-After": seconds(resetAfterMs).toFixed(3),
      "X-RateLimit-Bucket": bucketHash(bucket),
    };
    if (w.count >= limit.limit) {
      this.tooManyCount++;
      headers["X-RateLimit-Remaining"] = "0";
      headers["Retry-After"] = retryHeader(resetAfterMs);
      headers["X-RateLimit-Scope"] = "user";
      return { headers, tooMany: { retryAfterMs: resetAfterMs, global: false, body: { message: "You are being rate limited.", retry_after: seconds(resetAfterMs), global: false } } };
    }
    w.count++;
    headers["X-RateLimit-Remaining"] = String(limit.limit - w.count);
    return { headers };
  }

  /** Forget all windows (a restart of the fake keeps them, as Discord would). */
  reset(): void {
    this.global = { count: 0, resetAt: 0 };
    this.windows.clear();
  }
}

function seconds(ms: number): number {
  return Math.max(0, Math.round(ms)) / 1000;
}

/** Discord's Retry-After header is whole seconds, rounded up; the body's retry_after is exact. */
function retryHeader(ms: number): string {
  return String(Math.max(1, Math.ceil(ms / 1000)));
}

function bucketHash(bucket: string): string {
  return createHash("sha1").update(bucket).digest("hex").slice(0, 32);
}
