/**
 * The catalogue page: every course with its lessons in order, each lesson's reading time as a bar
 * against the six-minute line, and its problem counts; then the problems that belong to no lesson.
 */
import { escapeAttr, escapeHtml } from "../../text/html.js";
import { coursesOf, type Snapshot, type StudioCourse } from "../model.js";
import { link, paths, rootOf } from "../paths.js";
import { counts, placeProblems } from "../problems.js";
import { problemList } from "./problemList.js";
import { shell, type PageOptions } from "./shell.js";

/** The bar's full width in minutes: the six-minute line sits at 80 %, an over-long lesson shows past it. */
const BAR_MINUTES = 7.5;
const LIMIT_MINUTES = 6;

export function minutesBar(minutes: number): string {
  const width = Math.min(minutes / BAR_MINUTES, 1) * 100;
  return `<span class="bar${minutes > LIMIT_MINUTES ? " over" : ""}" title="${minutes} of ${LIMIT_MINUTES} minutes"><span class="fill" style="width:${width.toFixed(1)}%"></span><span class="limit" style="left:${((LIMIT_MINUTES / BAR_MINUTES) * 100).toFixed(1)}%"></span></span>`;
}

export function countBadges(c: { errors: number; warnings: number }): string {
  const parts = [c.errors ? `<span class="badge error">${c.errors} error${c.errors === 1 ? "" : "s"}</span>` : "", c.warnings ? `<span class="badge warning">${c.warnings} warning${c.warnings === 1 ? "" : "s"}</span>` : ""];
  return parts.join("");
}

function course(s: Snapshot, c: StudioCourse, root: string): string {
  const placed = placeProblems(s).byLesson.get(c.id) ?? [];
  const minutes = Math.round(c.lessons.reduce((t, l) => t + l.minutes, 0) * 10) / 10;
  const all = counts(placed.flat());
  const rows = c.lessons.map((l, i) => {
    const href = link(root, paths.lesson(c.id, l.id));
    return `<li class="lesson-row" data-lesson="${escapeAttr(l.id)}"><span class="n">${i + 1}</span><a href="${href}">${escapeHtml(l.title)}</a>${minutesBar(l.minutes)}<span class="minutes">${l.minutes} min</span><span class="counts">${countBadges(counts(placed[i] ?? []))}</span></li>`;
  });
  return `<section class="course" data-course="${escapeAttr(c.id)}">
<h2>${escapeHtml(c.title)}</h2>
<p class="meta"><code>${escapeHtml(c.id)}</code> · ${escapeHtml(c.language)} · ${c.lessons.length} lessons · ${minutes} min ${countBadges(all)}</p>
${c.description ? `<p class="description">${escapeHtml(c.description)}</p>` : ""}
<ol class="lessons">${rows.join("")}</ol>
</section>`;
}

export function cataloguePage(s: Snapshot, opts: PageOptions): string {
  const path = paths.catalogue();
  const root = rootOf(path);
  const elsewhere = placeProblems(s).elsewhere;
  const body = `<h1>Courses</h1>
${coursesOf(s).map((c) => course(s, c, root)).join("\n")}
${elsewhere.length ? `<section class="panel problems" data-panel="problems"><h2>Problems outside any lesson</h2>${problemList(elsewhere, root)}</section>` : ""}`;
  return shell(s, { path, title: "Courses", trail: [], body }, opts);
}
