/**
 * A learner's questions, one at a time: in a private chat (and a group member's own review) the next
 * question is asked once the previous one is answered. Each question asked through the ledger is a
 * `quiz` delivery (the day's first review question rides in the `review` delivery with its header).
 */
import type { Store } from "../../store/store.js";
import type { Subscriber } from "../../store/types.js";
import type { Ask } from "../../store/quiz/index.js";
import type { Catalogue } from "../catalogue.js";
import type { OutgoingMessage } from "../sender.js";
import { findQuestion } from "./questionBook.js";
import { questionMessage } from "./prompt.js";

/** What asking the next question gave: a delivery to start, or (an ephemeral review) messages to reply with. */
export interface Next {
  deliveryId?: number;
  replies: OutgoingMessage[];
}

/** The question of an ask as a message, where it is asked; undefined when the question is gone from the content. */
export function askMessage(ask: Ask, sub: Subscriber, catalogue: Catalogue): OutgoingMessage | undefined {
  const found = findQuestion(catalogue, ask.courseId, ask.questionId);
  if (!found) return undefined;
  return questionMessage(ask.id, found.question, { platform: sub.platform, language: sub.language, kind: ask.chatId ? "private" : sub.kind });
}

/**
 * Opens the learner's next queued question when none is open (call inside the transaction that closed
 * the previous one). Through the ledger it becomes a `quiz` delivery, started by the caller.
 */
export function askNext(store: Store, sub: Subscriber, memberId: string, catalogue: Catalogue, now: number): Next {
  const pending = store.quiz.asks.pending(sub.id, memberId);
  if (pending.some((a) => a.status === "open")) return { replies: [] };
  for (const next of pending) {
    const message = askMessage(next, sub, catalogue);
    if (!message) {
      // Edited away since it was queued: it is never asked.
      store.quiz.asks.setStatus(next.id, "closed", now);
      continue;
    }
    store.quiz.asks.setStatus(next.id, "open", now);
    if (next.via === "reply") return { replies: [message] };
    const deliveryId = store.ledger.create(
      { subscriberId: sub.id, kind: "quiz", courseId: next.courseId, lessonId: String(next.id), trigger: "on_demand", dueAt: null, messageCount: 1 },
      now,
    );
    return { deliveryId, replies: [] };
  }
  return { replies: [] };
}
