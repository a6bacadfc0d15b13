import { recordLearning } from "../activity.js";
import { text, type CommandContext, type Reply } from "../context.js";
import type { CourseView } from "../courseView.js";
import { currentIndex } from "../followed.js";
import { targetCourse } from "./target.js";
import { askLessonQuestions } from "../quiz/lessonQuestions.js";

/** /done [course]: marks the course's current lesson as learned. */
export function done(c: CommandContext): Reply[] {
  const target = targetCourse(c, "done");
  if (!target.ok) return target.replies;
  const lesson = target.course.view.lesson(currentIndex(target.course));
  if (!lesson) return [text(c.t.doneNothing(c.m))];
  return markDone(c, target.course.view, lesson.id);
}

/**
 * "Done" (the ✅ button under a lesson, or /done): records that this learner learned the lesson — in a
 * group, as that member — and counts the day for the chat's streak; the lesson's questions follow. The
 * button names its own lesson, so ✅ under an older lesson records that one.
 */
export function markDone(c: CommandContext, course: CourseView, lessonId: string): Reply[] {
  const title = course.byId(lessonId)?.title ?? lessonId;
  const { user } = c.incoming;
  const r = recordLearning(c.deps.store, c.sub!, { courseId: course.id, lessonId }, "done", { id: user.id, name: user.name }, c.now);
  if (!r.isNew) return [text(c.t.doneAlready(c.m, { title }))];
  // The lesson's questions follow (in a group: posted once, for every member).
  c.later.push(...askLessonQuestions(c.deps.store, c.sub!, user.id, course, lessonId, c.catalogue, c.now));
  return [text(c.t.doneRecorded(c.m, { title, streak: r.streak }))];
}

/** /help */
export function help(c: CommandContext): Reply[] {
  return [text(c.t.commandList(c.m, { discord: c.incoming.chat.platform === "discord" }))];
}
