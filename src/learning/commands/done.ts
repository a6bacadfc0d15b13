import { recordLearning } from "../activity.js";
import { text, type CommandContext, type Reply } from "../context.js";

/**
 * "Done" (the ✅ button under a lesson, or /done for the current lesson): records that this learner
 * learned the lesson — in a group, as that member — and counts the day for the streak. The button
 * names its own lesson, so ✅ under an older lesson records that one.
 */
export function done(c: CommandContext, lessonIdOfButton?: string): Reply[] {
  const sub = c.sub!;
  let lessonId = lessonIdOfButton;
  if (lessonId === undefined) {
    const index = c.course.indexOfPosition(sub.position, sub.positionOrdinal);
    lessonId = c.course.lesson(index)?.id;
  }
  if (lessonId === undefined) return [text(c.t.doneNothing(c.m))];
  const title = c.course.byId(lessonId)?.title ?? lessonId;
  const { user } = c.incoming;
  const r = recordLearning(c.deps.store, sub, lessonId, "done", { id: user.id, name: user.name }, c.now);
  if (!r.isNew) return [text(c.t.doneAlready(c.m, { title }))];
  return [text(c.t.doneRecorded(c.m, { title, streak: r.streak }))];
}

/** /help */
export function help(c: CommandContext): Reply[] {
  return [text(c.t.commandList(c.m, { discord: c.incoming.chat.platform === "discord" }))];
}
