import { formatLocalDateTime } from "../../i18n/index.js";
import { text, type CommandContext, type Reply } from "../context.js";
import { startReview, type ReviewWhere } from "../quiz/review.js";

/**
 * Where a learner's review happens: in a private chat, there; a group member's is their own — in the
 * private chat with the bot, or (Discord) shown to them alone as answers to their press.
 */
export function reviewPlace(c: CommandContext): ReviewWhere {
  const { chat, user } = c.incoming;
  if (chat.kind === "private") return { chatId: "", via: "ledger" };
  return c.deps.delivery.featuresOf(chat.platform).ephemeralReplies ? { chatId: "", via: "reply" } : { chatId: user.id, via: "ledger" };
}

/**
 * /review: the learner's cards due now, one question at a time; /review all: practice on any of their
 * cards (the weakest first) without moving their schedule. Also the group's Review button.
 */
export async function review(c: CommandContext): Promise<Reply[]> {
  const arg = c.args.trim().toLowerCase();
  const practice = arg === "all" || arg === "tất cả";
  if (arg && !practice) return [text(c.t.reviewUsage(c.m))];
  return startFor(c, practice, c.m);
}

/** Starts the asker's review; the answer for them (in a group on Telegram, after trying their private chat). */
export async function startFor(c: CommandContext, practice: boolean, m = c.m): Promise<Reply[]> {
  const sub = c.sub!;
  const where = reviewPlace(c);
  const started = startReview(c.deps.store, sub, c.incoming.user.id, c.catalogue, where, practice, c.now);
  switch (started.kind) {
    case "no_cards":
      return [text(c.t.reviewNoCards(m))];
    case "nothing_due": {
      const next = started.nextDueAt === null ? undefined : formatLocalDateTime(started.nextDueAt, sub.timeZone, c.language);
      return [text(c.t.reviewNothingDue(m, next ? { next } : {}))];
    }
    case "started":
      if (started.deliveryId === undefined) return started.replies;
      if (!where.chatId) {
        c.later.push(started.deliveryId);
        return [];
      }
      // A group member's review, in their private chat: Telegram lets a bot write there only after they started it.
      return (await c.deps.delivery.run(started.deliveryId)) === "done" ? [text(c.t.reviewInPrivate(m))] : [text(c.t.reviewNeedsPrivate(m))];
    default:
      return started satisfies never;
  }
}
