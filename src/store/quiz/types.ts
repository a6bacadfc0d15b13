/** Rows of the quiz tables (issue 16): cards, questions as asked, answers, weekly scores. */

/** A card's FSRS memory state, as persisted (times in UTC ms). */
export interface CardState {
  dueAt: number;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  /** FSRS state: 0 new, 1 learning, 2 review, 3 relearning. */
  state: number;
  lastReview: number | null;
}

/** `retired`: its question was edited or removed; kept with its history, never asked again. */
export type CardStatus = "active" | "retired";

/** One question remembered by one learner: a person in a private chat, a member in a group. */
export interface Card extends CardState {
  id: number;
  subscriberId: number;
  memberId: string;
  courseId: string;
  lessonId: string;
  questionId: string;
  status: CardStatus;
  createdAt: number;
  updatedAt: number;
}

/** A card as the daily review claim selects it: what is needed to ask it, read from the index alone. */
export type DueCard = Pick<Card, "id" | "subscriberId" | "memberId" | "courseId" | "questionId" | "dueAt">;

/** What a card is for: identity of the learner and the question. */
export type CardKey = Pick<Card, "subscriberId" | "memberId" | "courseId" | "questionId">;

export type AskPurpose = "lesson" | "review" | "practice";
/**
 * `queued`: waits for the learner's previous question to be answered; `open`: asked, awaiting an
 * answer; `answered`; `closed`: a newer session took its place (a late answer is still recorded).
 */
export type AskStatus = "queued" | "open" | "answered" | "closed";

/** A question as asked: to whom, where, why, and (Telegram) the poll that carries it. */
export interface Ask {
  id: number;
  subscriberId: number;
  /** The learner asked; "" when posted once for every member of a group or channel. */
  memberId: string;
  /** "" the subscriber's own chat; else the private chat of a group's member (their own review). */
  chatId: string;
  courseId: string;
  lessonId: string;
  questionId: string;
  /** The right options, 1-based: answers are judged even after the question was edited away. */
  correct: number[];
  purpose: AskPurpose;
  /** `ledger`: sent as a delivery; `reply`: shown as the answer to a press (Discord's ephemeral review). */
  via: "ledger" | "reply";
  status: AskStatus;
  pollId: string | null;
  createdAt: number;
  updatedAt: number;
}

export type NewAsk = Omit<Ask, "id" | "pollId" | "createdAt" | "updatedAt" | "status"> & { status: "queued" | "open" };

/** One answer, and what it did to the card. */
export interface ReviewEntry {
  askId: number;
  subscriberId: number;
  memberId: string;
  memberName: string;
  courseId: string;
  questionId: string;
  /** Null when the schedule did not move: practice, or a question retired meanwhile. */
  cardId: number | null;
  purpose: AskPurpose;
  /** The options chosen, 1-based. */
  chosen: number[];
  correct: boolean;
  /** FSRS rating applied (1 Again, 3 Good), null when none. */
  rating: number | null;
  /** The card after the answer. */
  after: CardState | null;
  /** The chat's local day. */
  day: string;
  at: number;
}

export interface ScoreRow {
  memberId: string;
  memberName: string;
  answered: number;
  right: number;
}
