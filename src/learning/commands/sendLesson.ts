import { recordLearning } from "../activity.js";
import type { CommandContext } from "../context.js";
import { followedBy, type Followed } from "../followed.js";
import { lessonMessageCount } from "../lessonMessages.js";
import { keepsDays, computeNextDue } from "../schedulingRules.js";
import type { Subscriber } from "../../store/types.js";

/**
 * Sends lesson `index` of a followed course now (on demand) and makes it the chat's current lesson
 * there; the daily lessons continue after it. The place moves in the same transaction that writes the
 * ledger row, then the delivery runs (awaited, so replies that follow arrive after the lesson).
 */
export async function sendLessonNow(c: CommandContext, f: Followed, index: number): Promise<void> {
  const { store, delivery } = c.deps;
  const sub = c.sub!;
  const { view } = f;
  const lesson = view.lesson(index)!;
  // A daily lesson still queued for this chat goes first (deliveries of one chat run in order).
  const queued = store.ledger.openFor(sub.id);
  if (queued?.status === "pending") void delivery.run(queued.id);
  const id = store.transaction(() => {
    store.ledger.supersedeFailed(sub.id, view.id, c.now);
    f.follow.position = lesson.id;
    f.follow.positionOrdinal = index;
    store.follows.move(sub.id, view.id, lesson.id, index, c.now);
    // A learner back from the end of the course gets daily lessons again.
    const nextDueAt = sub.nextDueAt ?? computeNextDue(sub, followedBy(store, sub, c.catalogue), c.now, keepsDays(store, sub));
    store.subscribers.update(sub.id, { nextDueAt }, c.now);
    sub.nextDueAt = nextDueAt;
    return store.ledger.create(
      {
        subscriberId: sub.id,
        kind: "lesson",
        courseId: view.id,
        lessonId: lesson.id,
        trigger: "on_demand",
        dueAt: null,
        messageCount: lessonMessageCount(lesson, view.format),
      },
      c.now,
    );
  });
  await delivery.run(id);
}

/** /next also counts as having learned the lesson it moves past (streak; in a private chat, a completion). */
export function movePast(c: CommandContext, sub: Subscriber, lesson: { courseId: string; lessonId: string }): void {
  const { user, chat } = c.incoming;
  const member = chat.kind === "private" ? { id: user.id, name: user.name } : undefined;
  recordLearning(c.deps.store, sub, lesson, "next", member, c.now);
}
