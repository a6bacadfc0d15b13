/**
 * The splitter's reasoning for one lesson (the engine's layout): why it starts where it does, why
 * it ends there, and what each of its blocks costs to read, so an author can see why a lesson is
 * 5.8 minutes and what to move to change it.
 */
import type { CutReason, LessonLayout } from "../../course/layout.js";
import { escapeHtml } from "../../text/html.js";
import { link, paths } from "../paths.js";

const STARTS: Readonly<Record<CutReason, string>> = {
  post: "at the start of the post",
  heading: "at a heading (the splitter cuts at headings first)",
  rule: "beside a horizontal rule",
  paragraph: "between paragraphs: no heading fell where the lesson could end within six minutes",
  piece: "inside a block too long for one lesson, cut into pieces",
};

const ENDS: Readonly<Record<CutReason, string>> = {
  post: "the post ends",
  heading: "the next lesson starts at a heading",
  rule: "the next lesson starts beside a horizontal rule",
  paragraph: "the next lesson starts between paragraphs",
  piece: "the next lesson goes on inside a block cut into pieces",
};

/** A cut's reason in a word, for the list of the post's lessons. */
const SHORT: Readonly<Record<CutReason, string>> = { post: "start", heading: "heading", rule: "rule", paragraph: "paragraph", piece: "piece of a block" };

/** The post's lessons, each with where it starts and its minutes, this one marked: where the post was cut and why. */
export function postCuts(siblings: readonly { title: string; href: string; minutes: number; layout: LessonLayout | undefined; current: boolean }[]): string {
  const items = siblings.map((l) => `<li${l.current ? ' class="current"' : ""}><a href="${l.href}">${escapeHtml(l.title)}</a> · ${l.minutes} min · cut: ${escapeHtml(l.layout ? SHORT[l.layout.cut] : "?")}</li>`);
  return `<ol class="post-cuts">${items.join("")}</ol>`;
}

/** A block's share of the six minutes. */
const LESSON_SECONDS = 360;

export function splitPanel(layout: LessonLayout | undefined, next: LessonLayout | undefined, file: string, minutes: number, root: string): string {
  if (!layout) return `<p class="none">The engine gave no layout for this lesson.</p>`;
  const rows = layout.blocks.map((b) => {
    const width = Math.min(b.seconds / LESSON_SECONDS, 1) * 100;
    return `<tr><td class="line"><a href="${link(root, paths.source(file), `L${b.line}`)}">${b.line}</a></td><td class="kind">${escapeHtml(b.kind)}${b.continued ? " <em>(continued)</em>" : ""}</td><td class="excerpt">${escapeHtml(b.excerpt)}</td><td class="secs">${b.seconds} s</td><td class="share"><span class="share-bar" style="width:${width.toFixed(1)}%"></span></td></tr>`;
  });
  return `<p class="cut"><strong>Starts</strong> ${escapeHtml(STARTS[layout.cut])}.</p>
<p class="cut"><strong>Ends</strong> where ${escapeHtml(next ? ENDS[next.cut] : ENDS.post)}.</p>
<table class="timings"><thead><tr><th>line</th><th>block</th><th>first words</th><th>reading</th><th>of 6 min</th></tr></thead>
<tbody>${rows.join("")}</tbody>
<tfoot><tr><td></td><td colspan="2">lesson</td><td class="secs">${minutes} min</td><td></td></tr></tfoot></table>`;
}
