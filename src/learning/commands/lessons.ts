import { text, type CommandContext, type Reply } from "../context.js";
import { movePast, sendLessonNow } from "./sendLesson.js";
import { clip } from "./settings.js";

const pageSize = 10;

/** /next: the next lesson now; at the end of the course, the course-complete message (once). */
export async function next(c: CommandContext): Promise<Reply[]> {
  const sub = c.sub!;
  if (c.course.size === 0) return [text(c.t.emptyCourse(c.m))];
  const current = c.course.indexOfPosition(sub.position, sub.positionOrdinal);
  const currentLesson = c.course.lesson(current);
  if (current + 1 >= c.course.size) {
    if (currentLesson) movePast(c, sub, currentLesson.id);
    if (sub.completedNotified) return [text(c.t.alreadyComplete(c.m, { n: c.course.size }))];
    c.deps.store.subscribers.update(sub.id, { completedNotified: true, nextDueAt: null }, c.now);
    return [text(c.t.courseComplete(c.m, { course: c.course.info.title, n: c.course.size }))];
  }
  if (currentLesson) movePast(c, sub, currentLesson.id);
  await sendLessonNow(c, sub, current + 1);
  return [];
}

/** /goto n: jump to lesson n and send it now. */
export async function goto(c: CommandContext): Promise<Reply[]> {
  const sub = c.sub!;
  const n = c.course.size;
  if (n === 0) return [text(c.t.emptyCourse(c.m))];
  const k = /^\d{1,9}$/.test(c.args) ? Number(c.args) : NaN;
  if (!(k >= 1 && k <= n)) return [text(c.t.gotoUsage(c.m, c.args === "" ? { n } : { input: clip(c.args), n }))];
  await sendLessonNow(c, sub, k - 1);
  return [];
}

/** /lessons [page]: the table of contents, ✅ learned, 👉 current. */
export function lessons(c: CommandContext): Reply[] {
  const sub = c.sub!;
  const n = c.course.size;
  if (n === 0) return [text(c.t.emptyCourse(c.m))];
  const pages = Math.ceil(n / pageSize);
  const current = c.course.indexOfPosition(sub.position, sub.positionOrdinal);
  let page = Math.floor(Math.max(current, 0) / pageSize) + 1;
  if (c.args !== "") {
    const p = /^\d{1,9}$/.test(c.args) ? Number(c.args) : NaN;
    if (!(p >= 1 && p <= pages)) return [text(c.t.lessonsBadPage(c.m, { input: clip(c.args), pages }))];
    page = p;
  }
  const done = c.deps.store.completions.lessonsDone(sub.id);
  const lines = [c.t.lessonsHeader(c.m, { course: c.course.info.title, page, pages })];
  for (let i = (page - 1) * pageSize; i < Math.min(n, page * pageSize); i++) {
    const lesson = c.course.lesson(i)!;
    const mark = i === current ? "👉" : done.has(lesson.id) ? "✅" : "▫️";
    lines.push(`${mark} ${i + 1}. ${c.m.esc(lesson.title)} (${lesson.minutes}′)`);
  }
  lines.push(c.t.lessonsFooter(c.m, { page, pages }));
  return [text(lines.join("\n"))];
}

/**
 * /resources: the current lesson's post links, then the course-wide resources. The 📚 button names
 * its own lesson.
 */
export function resources(c: CommandContext, lessonIdOfButton?: string): Reply[] {
  const sub = c.sub!;
  const lesson =
    lessonIdOfButton !== undefined ? c.course.byId(lessonIdOfButton) : c.course.lesson(c.course.indexOfPosition(sub.position, sub.positionOrdinal));
  const lines: string[] = [];
  if (lesson && lesson.resources.length > 0) {
    lines.push(c.t.resourcesOfPost(c.m, { title: lesson.title }));
    for (const r of lesson.resources) lines.push(`• ${c.m.link(r.title, r.url)}`);
  }
  const courseResources = c.course.info.resources;
  if (courseResources.length > 0) {
    if (lines.length > 0) lines.push("");
    lines.push(c.t.resourcesOfCourse(c.m));
    for (const r of courseResources) lines.push(`• ${c.m.link(r.title, r.url)}`);
  }
  if (lines.length === 0) return [text(c.t.resourcesNone(c.m))];
  return [text(lines.join("\n"))];
}
