import { recordLearning } from "../activity.js";
import type { CommandContext } from "../context.js";
import { lessonMessageCount } from "../lessonMessages.js";
import { computeNextDue } from "../schedulingRules.js";
import type { Subscriber } from "../../store/types.js";

/**
 * Sends lesson `index` now (on demand) and makes it the current lesson; the daily lessons continue
 * after it. The position moves in the same transaction that writes the ledger row, then the delivery
 * runs (awaited, so replies that follow arrive after the lesson).
 */
export async function sendLessonNow(c: CommandContext, sub: Subscriber, index: number): Promise<void> {
  const { store, delivery } = c.deps;
  const lesson = c.course.lesson(index)!;
  // A daily lesson still queued for this chat goes first (deliveries of one chat run in order).
  const queued = store.ledger.openFor(sub.id);
  if (queued?.status === "pending") void delivery.run(queued.id);
  const id = store.transaction(() => {
    store.ledger.supersedeFailed(sub.id, c.now);
    sub.position = lesson.id;
    sub.positionOrdinal = index;
    // A learner back from the end of the course gets daily lessons again.
    const nextDueAt = sub.nextDueAt ?? computeNextDue(sub, c.course, c.now);
    store.subscribers.update(sub.id, { position: lesson.id, positionOrdinal: index, nextDueAt }, c.now);
    sub.nextDueAt = nextDueAt;
    return store.ledger.create(
      {
        subscriberId: sub.id,
        kind: "lesson",
        lessonId: lesson.id,
        trigger: "on_demand",
        dueAt: null,
        messageCount: lessonMessageCount(lesson, c.course.course.format),
      },
      c.now,
    );
  });
  await delivery.run(id);
}

/** /next also counts as having learned the lesson it moves past (streak; in a private chat, a completion). */
export function movePast(c: CommandContext, sub: Subscriber, lessonId: string): void {
  const { user, chat } = c.incoming;
  const member = chat.kind === "private" ? { id: user.id, name: user.name } : undefined;
  recordLearning(c.deps.store, sub, lessonId, "next", member, c.now);
}
