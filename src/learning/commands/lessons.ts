import { text, type CommandContext, type Reply } from "../context.js";
import { currentIndex, finished, followedBy, type Followed } from "../followed.js";
import { movePast, sendLessonNow } from "./sendLesson.js";
import { clip } from "./settings.js";
import { keepsDays } from "../schedulingRules.js";
import { targetCourse } from "./target.js";

const pageSize = 10;

/** /next [course]: the course's next lesson now; at its end, its course-complete message (once). */
export async function next(c: CommandContext): Promise<Reply[]> {
  const target = targetCourse(c, "next");
  return target.ok ? nextOf(c, target.course) : target.replies;
}

/** The next lesson of one followed course (also what ▶ under a lesson does). */
export async function nextOf(c: CommandContext, f: Followed): Promise<Reply[]> {
  const sub = c.sub!;
  const { view, follow } = f;
  if (view.size === 0) return [text(c.t.emptyCourse(c.m))];
  const current = currentIndex(f);
  const currentLesson = view.lesson(current);
  if (current + 1 >= view.size) {
    if (currentLesson) movePast(c, sub, { courseId: view.id, lessonId: currentLesson.id });
    if (follow.completedNotified) return [text(c.t.alreadyComplete(c.m, { n: view.size }))];
    const { store } = c.deps;
    store.follows.update(sub.id, view.id, { completedNotified: true }, c.now);
    follow.completedNotified = true;
    // The last course with lessons ahead is finished: no more daily lessons.
    if (followedBy(store, sub, c.catalogue).every(finished) && !keepsDays(store, sub)) {
      sub.nextDueAt = null;
      store.subscribers.update(sub.id, { nextDueAt: null }, c.now);
    }
    return [text(c.t.courseComplete(c.m, { course: view.info.title, n: view.size }))];
  }
  if (currentLesson) movePast(c, sub, { courseId: view.id, lessonId: currentLesson.id });
  await sendLessonNow(c, f, current + 1);
  return [];
}

/** /goto [course] n: jump to lesson n of the course and send it now. */
export async function goto(c: CommandContext): Promise<Reply[]> {
  const target = targetCourse(c, "goto");
  if (!target.ok) return target.replies;
  const { course: f, rest } = target;
  const n = f.view.size;
  if (n === 0) return [text(c.t.emptyCourse(c.m))];
  const k = /^\d{1,9}$/.test(rest) ? Number(rest) : NaN;
  if (!(k >= 1 && k <= n)) return [text(c.t.gotoUsage(c.m, rest === "" ? { n } : { input: clip(rest), n }))];
  await sendLessonNow(c, f, k - 1);
  return [];
}

/** /lessons [course] [page]: the course's table of contents, ✅ learned, 👉 current. */
export function lessons(c: CommandContext): Reply[] {
  const target = targetCourse(c, "lessons");
  if (!target.ok) return target.replies;
  const { course: f, rest } = target;
  const { view } = f;
  const n = view.size;
  if (n === 0) return [text(c.t.emptyCourse(c.m))];
  const pages = Math.ceil(n / pageSize);
  const current = currentIndex(f);
  let page = Math.floor(Math.max(current, 0) / pageSize) + 1;
  if (rest !== "") {
    const p = /^\d{1,9}$/.test(rest) ? Number(rest) : NaN;
    if (!(p >= 1 && p <= pages)) return [text(c.t.lessonsBadPage(c.m, { input: clip(rest), pages }))];
    page = p;
  }
  const done = c.deps.store.completions.lessonsDone(c.sub!.id, view.id);
  const lines = [c.t.lessonsHeader(c.m, { course: view.info.title, page, pages })];
  for (let i = (page - 1) * pageSize; i < Math.min(n, page * pageSize); i++) {
    const lesson = view.lesson(i)!;
    const mark = i === current ? "👉" : done.has(lesson.id) ? "✅" : "▫️";
    lines.push(`${mark} ${i + 1}. ${c.m.esc(lesson.title)} (${lesson.minutes}′)`);
  }
  lines.push(c.t.lessonsFooter(c.m, { page, pages }));
  return [text(lines.join("\n"))];
}

/** /resources [course]: the current lesson's post links, then the course-wide resources. */
export function resources(c: CommandContext): Reply[] {
  const target = targetCourse(c, "resources");
  return target.ok ? resourcesOf(c, target.course) : target.replies;
}

/** The further reading of one course: a lesson's (the 📚 button names its own), then the course's. */
export function resourcesOf(c: CommandContext, f: Followed, lessonIdOfButton?: string): Reply[] {
  const { view } = f;
  const lesson = lessonIdOfButton !== undefined ? view.byId(lessonIdOfButton) : view.lesson(currentIndex(f));
  const lines: string[] = [];
  if (lesson && lesson.resources.length > 0) {
    lines.push(c.t.resourcesOfPost(c.m, { title: lesson.title }));
    for (const r of lesson.resources) lines.push(`• ${c.m.link(r.title, r.url)}`);
  }
  const courseResources = view.info.resources;
  if (courseResources.length > 0) {
    if (lines.length > 0) lines.push("");
    lines.push(c.t.resourcesOfCourse(c.m));
    for (const r of courseResources) lines.push(`• ${c.m.link(r.title, r.url)}`);
  }
  if (lines.length === 0) return [text(c.t.resourcesNone(c.m))];
  return [text(lines.join("\n"))];
}
