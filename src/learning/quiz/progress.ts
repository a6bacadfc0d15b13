import { nextDueAt } from "../../schedule/dueTime.js";
import { localDay } from "../../schedule/zonedTime.js";
import type { Store } from "../../store/store.js";
import type { Subscriber } from "../../store/types.js";
import { retrievability } from "./fsrs.js";

/**
 * /progress's quiz line for one learner: questions answered and the share right (practice left out),
 * cards due by the end of their local day, and the mean FSRS retrievability of their reviewed cards —
 * how much of it they would recall now. Undefined before their first answer.
 */
export function quizProgressOf(store: Store, sub: Subscriber, memberId: string, now: number): { answered: number; percent: number; due: number; recall: number | null } | undefined {
  const stats = store.quiz.log.stats(sub.id, memberId);
  const cards = store.quiz.cards.active(sub.id, memberId);
  if (stats.answered === 0 && cards.length === 0) return undefined;
  const endOfToday = nextDueAt({ hour: 0, minute: 0 }, sub.timeZone, now, localDay(now, sub.timeZone));
  const reviewed = cards.filter((card) => card.lastReview !== null);
  const recall = reviewed.length ? Math.round((100 * reviewed.reduce((sum, card) => sum + retrievability(card, now), 0)) / reviewed.length) : null;
  return {
    answered: stats.answered,
    percent: stats.answered ? Math.round((100 * stats.right) / stats.answered) : 0,
    due: cards.filter((card) => card.dueAt < endOfToday).length,
    recall,
  };
}
