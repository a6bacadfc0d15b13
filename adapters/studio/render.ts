/**
 * One version of the content for the preview: the lesson engine run once per view (Telegram rich
 * and classic, Discord components and classic), each into its own folder under `outRoot`, lessons
 * with their layout. Exactly what `render` would write for each; nothing re-rendered here.
 */
import { join } from "node:path";
import { renderCourse } from "../../src/build/renderCourse.js";
import { folderLabels } from "../../src/course/folder.js";
import { VIEWS, type StudioCatalogue, type ViewKey } from "../../src/studio/model.js";

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
  folders: ContentFolder[];
}

export async function renderViews(plan: RenderPlan): Promise<RenderedViews> {
  const catalogues = {} as Record<ViewKey, StudioCatalogue>;
  for (const view of VIEWS) {
    const { stats: _, ...catalogue } = await renderCourse({ contentDir: plan.contentDirs, platform: view.platform, format: view.format, outDir: join(plan.outRoot, view.key), cacheDir: plan.cacheDir, explain: true });
    catalogues[view.key] = catalogue;
  }
  const labels = folderLabels(plan.contentDirs);
  return { catalogues, folders: plan.contentDirs.map((dir, i) => ({ dir, label: labels[i]! })) };
}
