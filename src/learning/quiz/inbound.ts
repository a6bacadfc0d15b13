/**
 * Answers as they arrive from the platforms — a pressed option (Discord), a typed number (console), a
 * Telegram poll answer — and the group's Review button, turned into what the learner is told.
 */
import { markupFor, type Markup } from "../../i18n/index.js";
import type { CommandContext } from "../context.js";
import type { ButtonAnswer } from "../core.js";
import { startFor } from "../commands/review.js";
import { recordAnswer, type AnswerOutcome } from "./answering.js";
import { feedback, parseQuizAnswer, parseReviewButton } from "./prompt.js";

/** Whether pressed data is a quiz option or a Review button. */
export function isQuizData(data: string): boolean {
  return parseQuizAnswer(data) !== undefined || parseReviewButton(data) !== undefined;
}

/** What the learner is told about an answer (plain text: a toast, an ephemeral reply, a console line). */
export function answerText(c: Pick<CommandContext, "t" | "language">, out: AnswerOutcome, plain: Markup = markupFor("console")): string {
  switch (out.kind) {
    case "recorded":
      return feedback(out.question ?? { options: [], explain: "" }, out.ask.correct, out.right, c.language, plain);
    case "already":
      return c.t.quizAlready(plain, { correct: out.right });
    case "not_yours":
      return c.t.quizNotYours(plain);
    case "invalid":
      return c.t.quizBadAnswer(plain, { n: out.options, multiple: out.ask.correct.length > 1 });
    case "unknown":
      return c.t.buttonStale(plain);
    default:
      return out satisfies never;
  }
}

/** A press on a question's option or on a group's Review button. */
export async function pressQuiz(c: CommandContext, data: string): Promise<ButtonAnswer> {
  const plain = markupFor("console");
  const { store, courses, delivery } = c.deps;
  const option = parseQuizAnswer(data);
  if (option) {
    const { user } = c.incoming;
    const out = recordAnswer(store, courses, option.askId, { id: user.id, name: user.name }, option.chosen, c.now);
    if (out.kind === "recorded" && out.next.deliveryId !== undefined) void delivery.run(out.next.deliveryId);
    return { toast: answerText(c, out), replies: out.kind === "recorded" ? out.next.replies : [] };
  }
  const review = parseReviewButton(data);
  const d = review && store.ledger.get(review.deliveryId);
  if (!d || !c.sub || d.subscriberId !== c.sub.id || d.kind !== "review") return { toast: c.t.buttonStale(plain), replies: [] };
  const replies = await startFor(c, false, plain);
  // The review itself (questions to answer) goes under the press; a notice about it is the toast.
  return replies.some((r) => r.quiz) ? { toast: "", replies } : { toast: replies.map((r) => r.text ?? "").join("\n"), replies: [] };
}

/** A number typed in a chat with an open question of this learner: its answer. Undefined when it is none. */
export function typedAnswer(c: CommandContext): string | undefined {
  const typed = (c.incoming.text ?? "").trim();
  if (!c.sub || !/^\d{1,2}(?:\s*[,;\s]\s*\d{1,2}){0,11}$/.test(typed)) return undefined;
  const open = c.deps.store.quiz.asks.pending(c.sub.id, c.incoming.user.id).find((a) => a.status === "open" && a.chatId === "" && a.via === "ledger");
  if (!open) return undefined;
  const chosen = typed.split(/[,;\s]+/).map(Number);
  const { user } = c.incoming;
  const out = recordAnswer(c.deps.store, c.deps.courses, open.id, { id: user.id, name: user.name }, chosen, c.now);
  if (out.kind === "recorded" && out.next.deliveryId !== undefined) c.later.push(out.next.deliveryId);
  return answerText(c, out, c.m);
}

/** A Telegram poll answer: recorded for the member who gave it (the poll says nothing back to them). */
export function pollAnswered(c: Pick<CommandContext, "deps" | "now">, pollId: string, user: { id: string; name: string }, optionIds: readonly number[]): number | undefined {
  const ask = c.deps.store.quiz.asks.byPoll(pollId);
  if (!ask || optionIds.length === 0) {
    c.deps.log.debug({ pollId }, "an answer to a poll no question is known by (sent before a crash, or retracted)");
    return undefined;
  }
  const out = recordAnswer(c.deps.store, c.deps.courses, ask.id, user, optionIds.map((i) => i + 1), c.now);
  if (out.kind !== "recorded") c.deps.log.debug({ pollId, outcome: out.kind }, "poll answer not counted");
  return out.kind === "recorded" ? out.next.deliveryId : undefined;
}
