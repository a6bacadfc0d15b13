import { isAbsolute, resolve } from "node:path";
import { catalogFor, markupFor } from "../i18n/index.js";
import type { ChatMessage, LessonFormat, RenderedLesson } from "../contract/lessons.js";
import type { CourseView } from "./courseView.js";
import type { Button, OutgoingMessage } from "./sender.js";
import type { Language } from "../contract/chat.js";

/** What a lesson's buttons do; the data names the delivery, so a press under an old lesson means that lesson. */
export type LessonAction = "done" | "next" | "res";

export function lessonButtonData(action: LessonAction, deliveryId: number): string {
  return `${action}:${deliveryId}`;
}

export function parseLessonButton(data: string): { action: LessonAction; deliveryId: number } | undefined {
  const m = /^(done|next|res):(\d{1,15})$/.exec(data);
  return m ? { action: m[1] as LessonAction, deliveryId: Number(m[2]) } : undefined;
}

/** ✅ Done, ▶ Next, 📚 Resources: the buttons under the last message of a lesson. */
export function lessonButtons(deliveryId: number, language: Language): Button[] {
  const t = catalogFor(language);
  return [
    { text: t.doneButton(), data: lessonButtonData("done", deliveryId) },
    { text: t.nextButton(), data: lessonButtonData("next", deliveryId) },
    { text: t.resourcesButton(), data: lessonButtonData("res", deliveryId) },
  ];
}

/**
 * Whether a classic lesson needs an extra footer message to carry its buttons: an album (2+ images)
 * cannot have buttons on Telegram, so they go on a short message after it.
 */
function needsFooter(lesson: RenderedLesson, format: LessonFormat): boolean {
  if (format !== "classic") return lesson.messages.length === 0;
  const last = lesson.messages[lesson.messages.length - 1];
  return !last || (last.images?.length ?? 0) > 1;
}

export function lessonMessageCount(lesson: RenderedLesson, format: LessonFormat): number {
  return lesson.messages.length + (needsFooter(lesson, format) ? 1 : 0);
}

/**
 * The messages of one lesson as sent, in `format` (default: the course's preferred one): file paths
 * made absolute, the buttons on the last one, and when the chat discusses lessons in threads, the
 * thread's name on the first one. Undefined when the lesson is not in the course (in that format).
 */
export function lessonMessages(
  course: CourseView,
  lessonId: string,
  deliveryId: number,
  language: Language,
  opts: { format?: LessonFormat; thread?: boolean } = {},
): OutgoingMessage[] | undefined {
  const format = opts.format ?? course.format;
  const rendering = course.rendering(format);
  const lesson = rendering?.course.lessons[course.indexOfPosition(lessonId, 0)];
  if (!rendering || !lesson || lesson.id !== lessonId) return undefined;
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(rendering.mediaDir, p));
  const out = lesson.messages.map((msg) => outgoing(msg, abs));
  if (needsFooter(lesson, format)) {
    const index = course.indexOfPosition(lesson.id, 0);
    const t = catalogFor(language);
    out.push({ text: t.lessonFooter(markupFor(course.platform), { k: index + 1, n: course.size }) });
  }
  out[out.length - 1]!.buttons = lessonButtons(deliveryId, language);
  if (opts.thread) out[0]!.thread = { name: lesson.title };
  return out;
}

function outgoing(msg: ChatMessage, abs: (p: string) => string): OutgoingMessage {
  const o: OutgoingMessage = {};
  if (msg.text !== undefined) o.text = msg.text;
  if (msg.images?.length) {
    o.images = msg.images.map(abs);
    if (msg.alt) o.alt = msg.alt;
  }
  if (msg.rich) {
    o.rich = {
      html: msg.rich.html,
      media: msg.rich.media.map((m) => ({ id: m.id, file: abs(m.image), ...(m.alt !== undefined ? { alt: m.alt } : {}) })),
    };
  }
  if (msg.components) {
    o.components = msg.components;
    o.files = (msg.files ?? []).map((f) => ({ name: f.name, file: abs(f.image), ...(f.alt !== undefined ? { alt: f.alt } : {}) }));
  }
  return o;
}
