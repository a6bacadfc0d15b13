import type { Api } from "grammy";
import type { QuizPrompt, SendResult } from "../../src/learning/index.js";
import { toSendError } from "./errors.js";

/**
 * A quiz question as a Telegram quiz poll: `correct_option_ids` (0-based, increasing; several right
 * options need `allows_multiple_answers`), the explanation Telegram shows after an answer, and
 * `is_anonymous: false` except in channels, which take anonymous polls only — so `poll_answer` tells
 * who answered what. Returns the poll's id with the message's: answers name only the poll. `where`: the
 * options every send method shares (the topic, allow_paid_broadcast).
 */
export async function sendQuizPoll(
  api: Api,
  chatId: number | string,
  where: { message_thread_id?: number; allow_paid_broadcast?: true },
  quiz: QuizPrompt,
  token: string,
): Promise<SendResult> {
  try {
    const sent = await api.sendPoll(
      chatId,
      quiz.question,
      quiz.options.map((text) => ({ text })),
      {
        type: "quiz",
        is_anonymous: quiz.anonymous,
        correct_option_ids: quiz.answers.map((k) => k - 1),
        ...(quiz.answers.length > 1 ? { allows_multiple_answers: true } : {}),
        ...(quiz.explain ? { explanation: quiz.explain } : {}),
        ...where,
      },
    );
    return { ok: true, messageId: String(sent.message_id), ...(sent.poll ? { pollId: sent.poll.id } : {}) };
  } catch (err) {
    return { ok: false, error: toSendError(err, { rich: false, paid: where.allow_paid_broadcast === true }, token) };
  }
}
