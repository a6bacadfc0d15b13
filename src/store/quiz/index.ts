/** The quiz and spaced-review tables, one module each (plain SQL in one place per table). */
import type { SqlDatabase } from "../sql.js";
import { AskRepository } from "./asks.js";
import { CardRepository } from "./cards.js";
import { QuestionRegistry } from "./questions.js";
import { ReviewLog } from "./reviewLog.js";
import { ScoreRepository } from "./scores.js";

export type { Ask, AskPurpose, AskStatus, Card, CardKey, CardState, DueCard, NewAsk, ReviewEntry, ScoreRow } from "./types.js";
export type { AnswerStats } from "./reviewLog.js";
export type { OfferedQuestion } from "./questions.js";

export class QuizStore {
  readonly questions: QuestionRegistry;
  readonly cards: CardRepository;
  readonly asks: AskRepository;
  readonly log: ReviewLog;
  readonly scores: ScoreRepository;

  constructor(db: SqlDatabase) {
    this.questions = new QuestionRegistry(db);
    this.cards = new CardRepository(db);
    this.asks = new AskRepository(db);
    this.log = new ReviewLog(db);
    this.scores = new ScoreRepository(db);
  }
}
