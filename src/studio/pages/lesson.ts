/**
 * A lesson page: the lesson in each of the four ways it reaches a chat, side by side, in each app's
 * look; beside it the problems of its post (those inside this lesson marked), the splitter's
 * reasoning and reading times, and its resources.
 */
import { escapeAttr, escapeHtml } from "../../text/html.js";
import { drawChat, type SendExtras } from "../draw/chats.js";
import { placeholder } from "../draw/placeholder.js";
import { CHECK_VIEW, VIEWS, findLesson, postFile, type LessonRef, type Snapshot, type View } from "../model.js";
import { link, paths, rootOf } from "../paths.js";
import { counts, placeProblems } from "../problems.js";
import { countBadges, minutesBar } from "./catalogue.js";
import { problemList } from "./problemList.js";
import { shell, type PageOptions } from "./shell.js";
import { postCuts, splitPanel } from "./splits.js";

function viewColumn(s: Snapshot, view: View, courseId: string, lessonId: string, root: string, extras: SendExtras): string {
  const ref = findLesson(s.catalogues[view.key], courseId, lessonId);
  const chat = ref
    ? drawChat({
        view,
        lesson: ref.lesson,
        index: ref.index,
        size: ref.course.lessons.length,
        language: ref.course.language,
        extras,
        mediaUrl: (image) => link(root, paths.media(view.key, image)),
        idPrefix: `${view.key}-`,
      })
    : placeholder(`this lesson is not in the ${view.title} rendering`, "", { block: true });
  return `<section class="view" data-view="${view.key}"><h2>${escapeHtml(view.title)}</h2><div class="app ${view.platform}">${chat}</div></section>`;
}

function resources(ref: LessonRef): string {
  const all = [...ref.lesson.resources, ...ref.course.resources];
  if (!all.length) return `<p class="none">No resources.</p>`;
  const item = (r: { title: string; url: string; group?: string }): string =>
    `<li>${r.group ? `<span class="group">${escapeHtml(r.group)}</span> ` : ""}${r.url ? `<a href="${escapeAttr(r.url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(r.title)}</a>` : escapeHtml(r.title)}</li>`;
  return `<ul class="resources">${all.map(item).join("")}</ul>`;
}

export function lessonPage(s: Snapshot, courseId: string, lessonId: string, extras: SendExtras, opts: PageOptions): string | undefined {
  const ref = findLesson(s.catalogues[CHECK_VIEW], courseId, lessonId);
  if (!ref) return undefined;
  const { course, lesson, index } = ref;
  const path = paths.lesson(course.id, lesson.id);
  const root = rootOf(path);
  const file = postFile(course, lesson);
  const placed = placeProblems(s);
  const inLesson = new Set(placed.byLesson.get(course.id)?.[index] ?? []);
  const postProblems = placed.byFile.get(file) ?? [];
  const neighbour = (i: number, text: string): string => {
    const l = course.lessons[i];
    return l ? `<a class="neighbour" href="${link(root, paths.lesson(course.id, l.id))}">${text}</a>` : `<span class="neighbour none">${text}</span>`;
  };
  const nextLesson = course.lessons[index + 1];
  const siblings = course.lessons
    .filter((l) => l.post === lesson.post)
    .map((l) => ({ title: l.title, href: link(root, paths.lesson(course.id, l.id)), minutes: l.minutes, layout: l.layout, current: l.id === lesson.id }));
  const body = `<div class="lesson-head" data-lesson="${escapeAttr(lesson.id)}" data-course="${escapeAttr(course.id)}">
<h1>${escapeHtml(lesson.title)}</h1>
<p class="meta">Lesson ${index + 1} of ${course.lessons.length} · <a href="${link(root, paths.source(file))}">${escapeHtml(file)}</a> · part ${lesson.part}/${lesson.parts} · ${minutesBar(lesson.minutes)} ${lesson.minutes} min ${countBadges(counts([...inLesson]))}</p>
<p class="nav">${neighbour(index - 1, "← previous")} ${neighbour(index + 1, "next →")}</p>
</div>
<div class="lesson-layout">
<div class="views" data-keep-scroll="views">${VIEWS.map((v) => viewColumn(s, v, course.id, lesson.id, root, extras)).join("")}</div>
<aside class="side">
<section class="panel problems" data-panel="problems"><h2>Problems in ${escapeHtml(file)}</h2>${problemList(postProblems, root, { marked: inLesson })}</section>
<section class="panel splits" data-panel="splits"><h2>Split and reading time</h2>${siblings.length > 1 ? postCuts(siblings) : ""}${splitPanel(lesson.layout, nextLesson?.post === lesson.post ? nextLesson.layout : undefined, file, lesson.minutes, root)}</section>
<section class="panel" data-panel="resources"><h2>Resources (📚)</h2>${resources(ref)}</section>
</aside>
</div>`;
  return shell(s, { path, title: lesson.title, trail: [[course.title, null], [lesson.title, null]], body }, opts);
}
