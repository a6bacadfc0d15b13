/**
 * Updates waiting for the bot: long polling (`getUpdates` with offset, limit, timeout,
 * allowed_updates; a newer poll ends the older one with 409 as Telegram does) or a webhook
 * (POSTs with `X-Telegram-Bot-Api-Secret-Token`, retried a few times, in order).
 */
import type { Update } from "grammy/types";
import { ApiError, badRequest } from "./errors.js";
import type { Params } from "./params.js";

/** Update types sent when allowed_updates is empty or was never given. */
const DEFAULT_EXCLUDED = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

interface Poll {
  resolve(updates: Update[]): void;
  reject(error: ApiError): void;
  timer: NodeJS.Timeout;
  offset: number;
  limit: number;
}

export interface WebhookDelivery {
  updateId: number;
  status: number | "error";
  attempt: number;
  error?: string;
}

export interface WebhookOptions {
  /** Attempts per update before it is dropped (default 5). */
  maxAttempts: number;
  /** Pause between attempts, ms (default 100). */
  retryDelayMs: number;
}

export class UpdateQueue {
  private queue: Update[] = [];
  private head = 0;
  private lastId = 0;
  private allowed: ReadonlySet<string> | undefined;
  private poll: Poll | undefined;
  private webhook: { url: string; secret?: string } | undefined;
  private delivering = false;
  private paused = false;
  /** Every webhook POST the fake made, with its outcome. */
  readonly deliveries: WebhookDelivery[] = [];

  constructor(private readonly webhookOptions: WebhookOptions) {}

  get pending(): number {
    return this.queue.length - this.head;
  }

  get webhookUrl(): string | undefined {
    return this.webhook?.url;
  }

  /** Queues an update (numbering it) unless allowed_updates excludes its type; returns it either way. */
  inject(update: Omit<Update, "update_id"> & { update_id?: number }): Update {
    const full = { ...update, update_id: ++this.lastId } as Update;
    const type = Object.keys(full).find((k) => k !== "update_id") ?? "";
    const wanted = this.allowed ? this.allowed.has(type) : !DEFAULT_EXCLUDED.has(type);
    if (!wanted) return full;
    this.queue.push(full);
    this.wake();
    void this.deliver();
    return full;
  }

  async getUpdates(params: Params, signal: AbortSignal): Promise<Update[]> {
    if (this.webhook) throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    const offset = params.int("offset") ?? 0;
    const limit = Math.min(100, Math.max(1, params.int("limit") ?? 100));
    const timeout = Math.max(0, params.int("timeout") ?? 0);
    this.setAllowed(params.object("allowed_updates", "allowed updates"));
    this.confirm(offset);
    this.supersede(new ApiError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"));
    const ready = this.take(limit);
    if (ready.length || timeout === 0) return ready;
    return new Promise<Update[]>((resolve, reject) => {
      const poll: Poll = {
        resolve,
        reject,
        offset,
        limit,
        timer: setTimeout(() => this.finish(poll, []), timeout * 1000),
      };
      this.poll = poll;
      signal.addEventListener("abort", () => this.finish(poll, []), { once: true });
    });
  }

  /**
   * Ends the waiting poll with 409. A client that aborted its poll and at once sent a new one
   * (grammY's bot.stop()) may not have been noticed yet: the short grace lets its abort win.
   */
  private supersede(error: ApiError): void {
    const poll = this.poll;
    if (!poll) return;
    this.poll = undefined;
    clearTimeout(poll.timer);
    setTimeout(() => poll.reject(error), 20);
  }

  private finish(poll: Poll, updates: Update[]): void {
    clearTimeout(poll.timer);
    if (this.poll === poll) this.poll = undefined;
    poll.resolve(updates);
  }

  private wake(): void {
    const poll = this.poll;
    if (poll) this.finish(poll, this.take(poll.limit));
  }

  /** Forgets every update before `offset` (a negative offset keeps only the last -offset). */
  private confirm(offset: number): void {
    if (offset < 0) this.head = Math.max(this.head, this.queue.length + offset);
    else while (this.head < this.queue.length && this.queue[this.head]!.update_id < offset) this.head++;
    if (this.head > 1024) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  private take(limit: number): Update[] {
    return this.queue.slice(this.head, this.head + limit);
  }

  private setAllowed(value: unknown): void {
    if (value === undefined) return;
    if (!Array.isArray(value)) throw badRequest("can't parse allowed updates JSON array");
    this.allowed = value.length ? new Set(value.map(String)) : undefined;
  }

  setWebhook(params: Params): true {
    const url = params.string("url") ?? "";
    const secret = params.string("secret_token");
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) throw badRequest("secret token contains unallowed characters");
    if (url && !/^https?:\/\/\S+$/.test(url)) throw badRequest("bad webhook: invalid webhook URL specified");
    this.setAllowed(params.object("allowed_updates", "allowed updates"));
    if (params.bool("drop_pending_updates")) this.dropPending();
    this.webhook = url ? { url, ...(secret ? { secret } : {}) } : undefined;
    if (this.webhook) {
      this.supersede(new ApiError(409, "Conflict: terminated by setWebhook request"));
      void this.deliver();
    }
    return true;
  }

  deleteWebhook(params: Params): true {
    if (params.bool("drop_pending_updates")) this.dropPending();
    this.webhook = undefined;
    return true;
  }

  webhookInfo(): { url: string; has_custom_certificate: boolean; pending_update_count: number; last_error_message?: string } {
    const lastError = [...this.deliveries].reverse().find((d) => d.error !== undefined);
    return { url: this.webhook?.url ?? "", has_custom_certificate: false, pending_update_count: this.pending, ...(lastError?.error ? { last_error_message: lastError.error } : {}) };
  }

  private dropPending(): void {
    this.queue = [];
    this.head = 0;
  }

  /** Stops handing out updates (the API is down): polls end, webhook deliveries wait. */
  pause(): void {
    this.paused = true;
    const poll = this.poll;
    if (poll) this.finish(poll, []);
  }

  resume(): void {
    this.paused = false;
    void this.deliver();
  }

  private async deliver(): Promise<void> {
    if (this.delivering || this.paused) return;
    this.delivering = true;
    try {
      while (this.webhook && !this.paused && this.pending) {
        const update = this.queue[this.head]!;
        const hook = this.webhook;
        let delivered = false;
        for (let attempt = 1; attempt <= this.webhookOptions.maxAttempts && !delivered && !this.paused; attempt++) {
          const outcome = await post(hook, update);
          this.deliveries.push({ updateId: update.update_id, attempt, ...outcome });
          delivered = typeof outcome.status === "number" && outcome.status >= 200 && outcome.status < 300;
          if (!delivered) await new Promise((r) => setTimeout(r, this.webhookOptions.retryDelayMs));
        }
        if ((delivered || !this.paused) && this.queue[this.head] === update) this.head++;
      }
    } finally {
      this.delivering = false;
    }
  }
}

async function post(hook: { url: string; secret?: string }, update: Update): Promise<{ status: number | "error"; error?: string }> {
  try {
    const res = await fetch(hook.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(hook.secret ? { "x-telegram-bot-api-secret-token": hook.secret } : {}) },
      body: JSON.stringify(update),
    });
    await res.arrayBuffer();
    return res.ok ? { status: res.status } : { status: res.status, error: `Wrong response from the webhook: ${res.status} ${res.statusText}` };
  } catch (e) {
    return { status: "error", error: `Connection failed: ${(e as Error).message}` };
  }
}
