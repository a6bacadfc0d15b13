import type { LessonFormat } from "../contract/lessons.js";
import type { Clock } from "../schedule/clock.js";
import { RateLimiter, type RateLimits } from "./rateLimiter.js";
import type { OutgoingMessage, SendResult, Sender } from "./sender.js";
import type { ChatAddress } from "../contract/chat.js";

/** Wraps an adapter's sender so every message (lessons and replies alike) passes the rate limiter. */
export function rateLimited(sender: Sender, limits: RateLimits | undefined, clock: Clock): Sender {
  if (!limits) return sender;
  const limiter = new RateLimiter(limits, clock);
  return {
    platform: sender.platform,
    ...(sender.features ? { features: sender.features } : {}),
    ...(sender.acceptsFormat ? { acceptsFormat: (format: LessonFormat) => sender.acceptsFormat!(format) } : {}),
    async send(to: ChatAddress, message: OutgoingMessage): Promise<SendResult> {
      const release = await limiter.acquire(to);
      try {
        return await sender.send(to, message);
      } finally {
        release();
      }
    },
  };
}
