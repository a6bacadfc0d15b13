/**
 * sendPoll as Telegram checks it (Bot API 10: question 1–300 characters, 2–12 options of 1–100, a quiz's
 * correct_option_ids strictly increasing and in range, explanation ≤ 200 characters and 2 line feeds,
 * channels only anonymous), and the polls sent, so that `updates.pollAnswer` can answer one as a user.
 */
import type { Message, Poll } from "grammy/types";
import type { MethodHandler } from "./context.js";
import { badRequest } from "./errors.js";
import { record, sendTarget } from "./sendMethods.js";

export interface FakePoll {
  poll: Poll;
  chatId: number;
  messageId: number;
  /** Users who answered (a quiz takes one answer each). */
  voters: Set<number>;
}

export const POLL_LIMITS = { question: 300, minOptions: 2, maxOptions: 12, option: 100, explanation: 200, explanationLineFeeds: 2 } as const;

let pollSerial = 5_000_000_000_000_000_000n;

const text = (v: unknown): string => (typeof v === "string" ? v : typeof v === "object" && v !== null && typeof (v as { text?: unknown }).text === "string" ? (v as { text: string }).text : "");

/** The handler, recording each poll in `polls` by its id. */
export function sendPoll(polls: Map<string, FakePoll>): MethodHandler {
  return (ctx) => {
    const target = sendTarget(ctx);
    const p = ctx.params;
    const question = p.string("question") ?? "";
    if (!question.trim()) throw badRequest("poll question must be non-empty");
    if (question.length > POLL_LIMITS.question) throw badRequest("poll question is too long");
    const rawOptions = p.object("options", "poll options");
    if (!Array.isArray(rawOptions)) throw badRequest("can't parse poll options JSON object");
    const options = rawOptions.map(text);
    if (options.length < POLL_LIMITS.minOptions || options.length > POLL_LIMITS.maxOptions) throw badRequest(`poll must have ${POLL_LIMITS.minOptions}-${POLL_LIMITS.maxOptions} options`);
    if (options.some((o) => !o.trim() || o.length > POLL_LIMITS.option)) throw badRequest("poll options length must not exceed 100");
    const type = p.string("type") ?? "regular";
    if (type !== "quiz" && type !== "regular") throw badRequest("wrong poll type specified");
    const anonymous = p.raw("is_anonymous") === undefined ? true : p.bool("is_anonymous");
    if (!anonymous && target.chat.chat.type === "channel") throw badRequest("non-anonymous polls can't be sent to channel chats");
    const multiple = p.bool("allows_multiple_answers");
    const correctRaw = p.object("correct_option_ids", "correct option identifiers");
    const correct = correctRaw === undefined ? (p.int("correct_option_id") === undefined ? undefined : [p.int("correct_option_id")!]) : correctRaw;
    if (type === "quiz") {
      if (!Array.isArray(correct) || correct.length === 0) throw badRequest("quiz poll must have correct_option_ids");
      const ids = correct as unknown[];
      if (ids.some((k, i) => typeof k !== "number" || !Number.isInteger(k) || k < 0 || k >= options.length || (i > 0 && k <= (ids[i - 1] as number)))) throw badRequest("wrong correct option identifiers specified");
      if (ids.length > 1 && !multiple) throw badRequest("quiz with several correct options must allow multiple answers");
    } else if (correct !== undefined) throw badRequest("correct option identifiers can be specified only for quizzes");
    const explanation = p.string("explanation");
    if (explanation !== undefined) {
      if (type !== "quiz") throw badRequest("explanation can be specified only for quizzes");
      if (explanation.length > POLL_LIMITS.explanation) throw badRequest("explanation is too long");
      if ((explanation.match(/\n/g) ?? []).length > POLL_LIMITS.explanationLineFeeds) throw badRequest("explanation can't have more than 2 line feeds");
    }
    ctx.takeSendSlot(target.chat);
    const id = String(pollSerial++);
    const poll = {
      id,
      question,
      options: options.map((o) => ({ text: o, voter_count: 0 })),
      total_voter_count: 0,
      is_closed: false,
      is_anonymous: anonymous,
      type,
      allows_multiple_answers: multiple,
      ...(type === "quiz" ? { correct_option_ids: correct as number[] } : {}),
      ...(explanation ? { explanation } : {}),
    } as unknown as Poll;
    const message = { ...ctx.world.outgoing(target.chat, target.threadId, Math.floor(ctx.arrivedAt / 1000)), poll, ...(target.markup ? { reply_markup: target.markup } : {}) } as Message;
    polls.set(id, { poll, chatId: target.chat.chat.id, messageId: message.message_id, voters: new Set() });
    ctx.commit(target.chat, [record(ctx, target, message, { text: question, poll: { id, question, options, anonymous, type, correct: (correct as number[] | undefined) ?? [], ...(explanation ? { explanation } : {}) } })]);
    return message;
  };
}
