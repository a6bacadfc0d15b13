/** Failures a test can ask the fake for: 429 storms, 5xx answers, latency, refused rich messages. */
import { ApiError } from "./errors.js";
import type { RichRefusal, RichSubmission } from "./richMessage.js";

/** The methods that send messages: only they count against rate limits and meet 429 storms. */
export const SEND_METHODS: ReadonlySet<string> = new Set(["sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup", "sendRichMessage"]);

export interface ServerErrorOptions {
  /** HTTP status (default 500). */
  status?: number;
  description?: string;
  /** Which methods fail: "send" (default) for the message-sending ones, "all", or a list. */
  methods?: "send" | "all" | readonly string[];
}

export class Faults {
  private floodCalls = 0;
  private floodUntil = 0;
  private floodRetryAfter = 1;
  private serverErrors: { remaining: number; status: number; description: string; applies: (method: string) => boolean } | undefined;
  private readonly refusals = new Set<RichRefusal>();
  /** True: sendRichMessage answers 404 like a Bot API server older than 10.1. */
  richDisabled = false;
  /** Milliseconds to hold each answer, by method. */
  latency: (method: string) => number = () => 0;

  flood(options: { calls?: number; forMs?: number; retryAfter?: number }): void {
    this.floodCalls = options.calls ?? 0;
    this.floodUntil = options.forMs ? Date.now() + options.forMs : 0;
    this.floodRetryAfter = Math.max(1, Math.ceil(options.retryAfter ?? 1));
  }

  /** retry_after of a forced 429 for this send, or 0. */
  takeFlood(now: number): number {
    if (this.floodCalls > 0) {
      this.floodCalls--;
      return this.floodRetryAfter;
    }
    return now < this.floodUntil ? this.floodRetryAfter : 0;
  }

  failNext(calls: number, options: ServerErrorOptions = {}): void {
    const methods = options.methods ?? "send";
    const list = methods === "send" ? SEND_METHODS : methods === "all" ? undefined : new Set(methods);
    this.serverErrors = { remaining: calls, status: options.status ?? 500, description: options.description ?? "Internal Server Error", applies: (m) => !list || list.has(m) };
  }

  takeServerError(method: string): ApiError | undefined {
    const e = this.serverErrors;
    if (!e || e.remaining <= 0 || !e.applies(method)) return undefined;
    e.remaining--;
    return new ApiError(e.status, e.description);
  }

  refuseRich(refusal: RichRefusal): () => void {
    this.refusals.add(refusal);
    return () => this.refusals.delete(refusal);
  }

  readonly richRefusal: RichRefusal = (rich: RichSubmission) => {
    for (const refuse of this.refusals) {
      const reason = refuse(rich);
      if (reason !== undefined) return reason;
    }
    return undefined;
  };
}
