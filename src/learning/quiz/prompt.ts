/** Quiz messages as the core hands them to adapters: the question, the review's header, the feedback. */
import { catalogFor, markupFor, type Markup } from "../../i18n/index.js";
import type { Platform, QuizQuestion } from "../../contract/lessons.js";
import type { ChatKind, Language } from "../../contract/chat.js";
import type { OutgoingMessage } from "../sender.js";

/** Discord's option buttons and select menus carry this: the ask and the option chosen (1-based). */
export function quizAnswerData(askId: number, option: number): string {
  return `qa:${askId}:${option}`;
}

/** "qa:12:3" → ask 12, options [3]; a select menu with several right options gives "qa:12:1,3". */
export function parseQuizAnswer(data: string): { askId: number; chosen: number[] } | undefined {
  const m = /^qa:(\d{1,15}):(\d{1,2}(?:,\d{1,2}){0,11})$/.exec(data);
  return m ? { askId: Number(m[1]), chosen: m[2]!.split(",").map(Number) } : undefined;
}

/** The group's Review button: names the review delivery it came with. */
export function reviewButtonData(deliveryId: number): string {
  return `rv:${deliveryId}`;
}

export function parseReviewButton(data: string): { deliveryId: number } | undefined {
  const m = /^rv:(\d{1,15})$/.exec(data);
  return m ? { deliveryId: Number(m[1]) } : undefined;
}

/**
 * One question as a message: the structured quiz for Telegram's polls and Discord's buttons, and the
 * numbered options as text for the console. Channels (Telegram) take anonymous polls only.
 */
export function questionMessage(askId: number, q: QuizQuestion, opts: { platform: Platform; language: Language; kind: ChatKind }): OutgoingMessage {
  const t = catalogFor(opts.language);
  const multiple = q.answers.length > 1;
  return {
    text: t.quizQuestion(markupFor(opts.platform), { question: q.question, options: q.options, multiple }),
    quiz: { askId, question: q.question, options: q.options, answers: q.answers, explain: q.explain, anonymous: opts.platform === "telegram" && opts.kind === "channel" },
  };
}

/** What the learner is told after answering: right, or wrong and the right answer; then the explanation. */
export function feedback(q: Pick<QuizQuestion, "options" | "explain">, correct: number[], right: boolean, language: Language, m: Markup): string {
  const t = catalogFor(language);
  if (right) return t.quizRight(m, { explain: q.explain });
  const answer = correct.map((k) => q.options[k - 1] ?? String(k)).join(" · ");
  return t.quizWrong(m, { answer, explain: q.explain });
}
