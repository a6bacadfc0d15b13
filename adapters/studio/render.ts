/**
 * One version of the content for the preview: the lesson engine run once per view (Telegram rich
 * and classic, Discord components and classic), each into its own folder under `outRoot`, lessons
 * with their layout. Exactly what `render` would write for each; nothing re-rendered here.
 */
import { basename, join } from "node:path";
import { renderCourse } from "../../src/build/renderCourse.js";
import { slugify } from "../../src/course/slug.js";
import type { LessonFormat, Platform } from "../../src/contract/lessons.js";
import { VIEWS, type StudioCatalogue, type StudioCourse, type StudioProblem, type ViewKey } from "../../src/studio/model.js";

export interface RenderPlan {
  contentDirs: readonly string[];
  /** Each view renders into outRoot/<view key>. */
  outRoot: string;
  /** The math cache (the parsed-post cache sits beside it), shared with `render` and the bot. */
  cacheDir: string;
}

/** A content folder and the prefix its files have in problems ("" with one folder). */
export interface ContentFolder {
  dir: string;
  label: string;
}

export interface RenderedViews {
  catalogues: Record<ViewKey, StudioCatalogue>;
  /** Per course id: its folder's label. */
  folderLabels: Record<string, string>;
  folders: ContentFolder[];
}

export async function renderViews(plan: RenderPlan): Promise<RenderedViews> {
  const catalogues = {} as Record<ViewKey, StudioCatalogue>;
  let folderLabels: Record<string, string> = {};
  for (const view of VIEWS) {
    const rendered = await renderCatalogue(plan, view.platform, view.format, join(plan.outRoot, view.key));
    catalogues[view.key] = rendered.catalogue;
    folderLabels = rendered.folderLabels;
  }
  return { catalogues, folderLabels, folders: plan.contentDirs.map((dir) => ({ dir, label: labelOf(plan.contentDirs, dir) })) };
}

const labelOf = (dirs: readonly string[], dir: string): string => (dirs.length > 1 ? `${basename(dir)}/` : "");

/**
 * Until the engine renders catalogues (lessons.json version 3, issue 15): each content folder is
 * today's one course, wrapped as a one-course catalogue, its problems' files prefixed by the
 * folder's name when there are several. Goes away when the engine's catalogue lands.
 */
async function renderCatalogue(plan: RenderPlan, platform: Platform, format: LessonFormat, outDir: string): Promise<{ catalogue: StudioCatalogue; folderLabels: Record<string, string> }> {
  const courses: StudioCourse[] = [];
  const problems: StudioProblem[] = [];
  const folderLabels: Record<string, string> = {};
  for (const dir of plan.contentDirs) {
    const r = await renderCourse({ contentDir: dir, platform, format, outDir, cacheDir: plan.cacheDir, explain: true });
    const base = slugify(r.course.title) || slugify(basename(dir)) || "course";
    let id = base;
    for (let n = 2; courses.some((c) => c.id === id); n++) id = `${base}-${n}`;
    const label = labelOf(plan.contentDirs, dir);
    courses.push({ ...r.course, id, description: "", lessons: r.lessons });
    problems.push(...r.problems.map((p) => ({ ...p, file: label + p.file, course: id })));
    folderLabels[id] = label;
  }
  return { catalogue: { version: 3, platform, format, courses, problems }, folderLabels };
}
