import type { Logger } from "pino";
import type { Store } from "../store/store.js";
import type { Subscriber } from "../store/types.js";

/**
 * Follows a chat to its new id (a Telegram group upgraded to a supergroup): the subscription, its
 * progress and its members' table stay with it. If a subscriber already exists at the new id, this
 * one is retired instead.
 */
export function moveChat(store: Store, sub: Subscriber, newChatId: string, now: number, log: Logger): void {
  const clash = store.subscribers.find(sub.platform, newChatId, sub.threadId);
  if (clash && clash.id !== sub.id) {
    store.subscribers.update(sub.id, { status: "stopped", nextDueAt: null }, now);
    log.warn({ subscriberId: sub.id, into: clash.id }, "moved chat already subscribed; old subscription stopped");
    return;
  }
  store.subscribers.update(sub.id, { chatId: newChatId }, now);
  sub.chatId = newChatId;
}
