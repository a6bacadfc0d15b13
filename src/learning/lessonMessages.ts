import { catalogFor, markupFor } from "../i18n/index.js";
import type { RenderedLesson } from "../model.js";
import type { CourseView } from "./courseView.js";
import type { OutgoingMessage } from "./sender.js";
import type { Language } from "./types.js";

/** Callback data of the "Done" button of a delivery. */
export function doneButtonData(deliveryId: number): string {
  return `done:${deliveryId}`;
}

export function parseDoneButton(data: string): number | undefined {
  const m = /^done:(\d{1,15})$/.exec(data);
  return m ? Number(m[1]) : undefined;
}

/**
 * Whether a lesson needs an extra footer message to carry its "Done" button: an album (2+ images)
 * cannot have buttons on Telegram, so the button goes on a short message after it.
 */
function needsFooter(lesson: RenderedLesson): boolean {
  const last = lesson.messages[lesson.messages.length - 1];
  return !last || (last.images?.length ?? 0) > 1;
}

export function lessonMessageCount(lesson: RenderedLesson): number {
  return lesson.messages.length + (needsFooter(lesson) ? 1 : 0);
}

/** The messages of one lesson as sent: images made absolute, the "Done" button on the last one. */
export function lessonMessages(
  course: CourseView,
  lesson: RenderedLesson,
  deliveryId: number,
  language: Language,
): OutgoingMessage[] {
  const t = catalogFor(language);
  const m = markupFor(course.course.platform);
  const button = { text: t.doneButton(), data: doneButtonData(deliveryId) };
  const out: OutgoingMessage[] = lesson.messages.map((msg) => {
    const o: OutgoingMessage = {};
    if (msg.text !== undefined) o.text = msg.text;
    if (msg.images?.length) o.images = msg.images.map((p) => course.imagePath(p));
    return o;
  });
  if (needsFooter(lesson)) {
    const index = course.indexOfPosition(lesson.id, 0);
    out.push({ text: t.lessonFooter(m, { k: index + 1, n: course.size }) });
  }
  out[out.length - 1]!.buttons = [button];
  return out;
}
