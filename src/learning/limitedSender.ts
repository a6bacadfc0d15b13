import type { LessonFormat } from "../contract/lessons.js";
import type { Clock } from "../schedule/clock.js";
import { RateLimiter, type PaidBudget, type RateLimits } from "./rateLimiter.js";
import type { OutgoingMessage, SendResult, Sender } from "./sender.js";
import type { ChatAddress } from "../contract/chat.js";

/** The paid budget of a limiter, told when the platform refuses to take payment. */
export interface PaidBroadcastBudget extends PaidBudget {
  /** The platform refused a paid broadcast (an empty balance): messages stay within the free rate. */
  refused(now: number, detail: string | undefined): void;
}

/**
 * Wraps an adapter's sender so every message (lessons and replies alike) passes the rate limiter. With
 * a paid budget, every send granted while it is open goes as a paid broadcast; one the platform refuses
 * for payment closes the budget and goes again at the free rate, so no message fails for it.
 */
export function rateLimited(sender: Sender, limits: RateLimits | undefined, clock: Clock, paid?: PaidBroadcastBudget): Sender {
  if (!limits) return sender;
  const limiter = new RateLimiter(limits, clock, paid);
  const once = async (to: ChatAddress, message: OutgoingMessage): Promise<SendResult> => {
    const grant = await limiter.acquire(to);
    try {
      return await sender.send(to, message, grant.paidBroadcast ? { paidBroadcast: true } : {});
    } finally {
      grant.release();
    }
  };
  return {
    platform: sender.platform,
    ...(sender.features ? { features: sender.features } : {}),
    ...(sender.acceptsFormat ? { acceptsFormat: (format: LessonFormat) => sender.acceptsFormat!(format) } : {}),
    async send(to: ChatAddress, message: OutgoingMessage): Promise<SendResult> {
      const result = await once(to, message);
      if (result.ok || result.error.kind !== "paid_refused" || !paid) return result;
      paid.refused(clock.now(), result.error.detail);
      return once(to, message);
    },
  };
}
