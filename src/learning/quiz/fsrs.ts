/**
 * The spaced-review schedule: FSRS-6 (ts-fsrs) for a bot that writes once a day. Short-term steps are
 * off (else "Again" would be due in a minute); fuzz is off so a schedule can be tested and explained.
 * A right answer rates the card Good, a wrong one Again.
 */
import { createEmptyCard, fsrs, Rating, type Card as FsrsCard, type Grade } from "ts-fsrs";
import type { CardState } from "../../store/quiz/index.js";

const scheduler = fsrs({ request_retention: 0.9, enable_short_term: false, enable_fuzz: false });

function toFsrs(s: CardState): FsrsCard {
  return {
    due: new Date(s.dueAt),
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: 0,
    scheduled_days: s.scheduledDays,
    learning_steps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state,
    ...(s.lastReview !== null ? { last_review: new Date(s.lastReview) } : {}),
  };
}

function fromFsrs(c: FsrsCard): CardState {
  return {
    dueAt: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    lastReview: c.last_review ? c.last_review.getTime() : null,
  };
}

/** A new card (never reviewed), as of `now`. */
export function newCard(now: number): CardState {
  return fromFsrs(createEmptyCard(new Date(now)));
}

/** The card after an answer at `now`: right → Good, wrong → Again. */
export function rate(card: CardState, right: boolean, now: number): { state: CardState; rating: number } {
  const rating: Grade = right ? Rating.Good : Rating.Again;
  return { state: fromFsrs(scheduler.next(toFsrs(card), new Date(now), rating).card), rating };
}

/** The probability (0–1) that the learner recalls the card at `now`; 0 for a card never reviewed. */
export function retrievability(card: CardState, now: number): number {
  if (card.lastReview === null) return 0;
  return scheduler.get_retrievability(toFsrs(card), new Date(now), false);
}
