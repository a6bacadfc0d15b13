/** The messages of the quiz deliveries (a question, the day's review, the weekly leaderboard), built when sent. */
import { catalogFor, markupFor } from "../../i18n/index.js";
import type { Store } from "../../store/store.js";
import type { Delivery, Subscriber } from "../../store/types.js";
import type { ChatAddress } from "../../contract/chat.js";
import type { Catalogue } from "../catalogue.js";
import type { OutgoingMessage } from "../sender.js";
import { leaderboardText } from "./leaderboard.js";
import { reviewButtonData } from "./prompt.js";
import { reviewHeader } from "./review.js";
import { askMessage } from "./session.js";

export interface QuizDelivery {
  messages: OutgoingMessage[];
  /** Set when the messages go elsewhere than the subscriber's chat: a group member's private chat. */
  to?: ChatAddress;
}

/** Undefined when what the delivery names is gone (the ask, or its question edited away). */
export function quizDeliveryMessages(store: Store, d: Delivery, sub: Subscriber, catalogue: Catalogue | undefined, reviewPerDay: number, now: number): QuizDelivery | undefined {
  const t = catalogFor(sub.language);
  const m = markupFor(sub.platform);
  if (d.kind === "leaderboard") return { messages: [{ text: leaderboardText(store, sub, d.lessonId, true, now) }] };
  if (d.kind === "review" && d.lessonId === "") {
    // A group's notice: each member reviews their own cards, from the button.
    const n = store.quiz.cards.dueInChats([sub.id], now, reviewPerDay).length;
    if (n === 0) return { messages: [] };
    return { messages: [{ text: t.reviewGroupHeader(m, { n }), buttons: [{ text: t.reviewButton({ n }), data: reviewButtonData(d.id) }] }] };
  }
  const ask = store.quiz.asks.get(Number(d.lessonId));
  const question = ask && catalogue && askMessage(ask, sub, catalogue);
  if (!ask || !question) return undefined;
  const to: ChatAddress | undefined = ask.chatId ? { platform: sub.platform, chatId: ask.chatId, kind: "private" } : undefined;
  let messages = [question];
  if (d.kind === "review") {
    const n = store.quiz.asks.pending(sub.id, ask.memberId).length;
    messages = [reviewHeader(sub, Math.max(n, 1), ask.purpose === "practice"), question];
  }
  return { messages, ...(to ? { to } : {}) };
}
