/** What the fake saw and answered, for tests to assert on, and waiting for it to happen. */
import type { CallbackAnswer } from "./chatMethods.js";
import type { SentMessage } from "./context.js";
import type { ApiError } from "./errors.js";

export interface RequestRecord {
  method: string;
  status: number;
  /** Date.now() at arrival. */
  at: number;
  ms: number;
  chatId?: number | string;
  description?: string;
  params?: Record<string, unknown>;
}

export interface Rejection {
  method: string;
  status: number;
  description: string;
  at: number;
  chatId?: number | string;
  params?: Record<string, unknown>;
}

/** The most of `records` that arrived within any one second (their `at`): a rate as the platform saw it. */
export function peakPerSecond(records: readonly { at: number }[]): number {
  const at = records.map((r) => r.at).sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < at.length; i++) {
    while (at[i]! - at[j]! >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

export class FakeRecords {
  /** Every accepted outgoing message, in order. */
  readonly sent: SentMessage[] = [];
  /** Every API call, with its HTTP status. */
  readonly requests: RequestRecord[] = [];
  /** Every 4xx answer the fake gave, with its description. */
  readonly rejections: Rejection[] = [];
  readonly callbackAnswers: CallbackAnswer[] = [];
  /** Exceptions inside the fake itself (answered 500): a test should expect none. */
  readonly internalErrors: Error[] = [];
  readonly counters = { requests: 0, messages: 0, rejections: 0, tooManyRequests: 0, serverErrors: 0 };
  private readonly waiters = new Set<() => void>();

  protected countError(method: string, error: ApiError, at: number, chatId: number | string | undefined, params: Record<string, unknown> | undefined): void {
    if (error.code === 429) this.counters.tooManyRequests++;
    if (error.code >= 500) this.counters.serverErrors++;
    if (error.code >= 400 && error.code < 500) {
      this.counters.rejections++;
      this.rejections.push({ method, status: error.code, description: error.description, at, ...(chatId !== undefined ? { chatId } : {}), ...(params ? { params } : {}) });
    }
  }

  /** The messages accepted for one chat. */
  sentTo(chatId: number): SentMessage[] {
    return this.sent.filter((s) => s.chatId === chatId);
  }

  /** Resolves with the predicate's first truthy value, checked after every request and update. */
  waitFor<T>(predicate: () => T | false | null | undefined, timeoutMs = 5000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters.delete(check);
      };
      const check = (): void => {
        try {
          const value = predicate();
          if (value !== false && value !== null && value !== undefined) {
            finish();
            resolve(value);
          }
        } catch (e) {
          finish();
          reject(e as Error);
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`waitFor: not true within ${timeoutMs} ms (sent ${this.sent.length}, rejections ${this.rejections.length})`));
      }, timeoutMs);
      const poll = setInterval(check, 25);
      this.waiters.add(check);
      check();
    });
  }

  protected notify(): void {
    for (const check of [...this.waiters]) check();
  }

  clearRecords(): void {
    for (const list of [this.sent, this.requests, this.rejections, this.callbackAnswers, this.internalErrors] as unknown[][]) list.length = 0;
    for (const key of Object.keys(this.counters) as (keyof typeof this.counters)[]) this.counters[key] = 0;
  }
}
