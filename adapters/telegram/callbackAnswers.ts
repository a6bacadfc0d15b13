import type { Api } from "grammy";
import type { Logger } from "pino";
import { truncateText } from "../../src/text/graphemes.js";

/** Telegram shows at most 200 characters of a callback answer. */
const TOAST_MAX = 200;

export function clipToast(text: string): string {
  return truncateText(text, TOAST_MAX, "…");
}

/**
 * Answers each callback query exactly once, and soon: the core's toast when it comes in time, else a
 * short interim toast at the deadline (the press may wait behind a lesson being delivered to the same
 * chat, and the user's button spins until Telegram hears an answer).
 */
export class CallbackAnswers {
  private readonly open = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly api: () => Api,
    private readonly log: Logger,
    private readonly deadlineMs = 1500,
  ) {}

  /** Starts the clock for a query as soon as its update arrives. */
  arm(queryId: string, interim: string): void {
    if (this.open.has(queryId)) return;
    const timer = setTimeout(() => void this.answer(queryId, interim), this.deadlineMs);
    timer.unref();
    this.open.set(queryId, timer);
  }

  /** Answers the query unless it was answered already. */
  async answer(queryId: string, toast: string): Promise<void> {
    const timer = this.open.get(queryId);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.open.delete(queryId);
    try {
      await this.api().answerCallbackQuery(queryId, toast ? { text: clipToast(toast) } : {});
    } catch (err) {
      this.log.warn({ error: err instanceof Error ? err.message : String(err) }, "callback query not answered");
    }
  }

  /** Queries still waiting for an answer. */
  get pending(): number {
    return this.open.size;
  }
}
