/**
 * Reading the content folders for the catalogue: each one's course.yml and _config.yml, its posts,
 * and the documents of the collections that are courses. The only part of course discovery that
 * touches files; grouping posts into courses is catalogue.ts.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, extname, join, resolve, sep } from "node:path";
import type { Problem } from "../contract/lessons.js";
import { findCourses, settleIds, type FolderContent, type FoundCourse } from "./catalogue.js";
import { folderConfig } from "./courseConfig.js";
import { loadCourse } from "./load.js";
import { POST_EXT } from "./postFiles.js";
import { slugify } from "./slug.js";

export function readContentFolder(dir: string, opts: { cacheDir?: string } = {}): { folder: FolderContent; problems: Problem[] } {
  // A folder that cannot be listed at all throws here; a path inside it that cannot be read is only skipped.
  readdirSync(dir);
  const problems: Problem[] = [];
  const courseYml = ["course.yml", "course.yaml"].map((name) => ({ name, text: readText(join(dir, name)) })).find((f) => f.text !== undefined);
  const configYml = readText(join(dir, "_config.yml"));
  const config = folderConfig({ ...(courseYml ? { courseYml: { name: courseYml.name, text: courseYml.text! } } : {}), ...(configYml !== undefined ? { configYml } : {}) }, problems);
  const courses = config.collections.filter((c) => c.course);
  const loaded = loadCourse(dir, { ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}), collections: courses.map((c) => c.folder) });
  const leftOut = config.collections.filter((c) => !c.course).map((collection) => ({ collection, documents: countDocuments(join(dir, collection.folder)) }));
  return {
    folder: { name: basename(dir), site: existsSync(join(dir, "_posts")), info: loaded.course, config, posts: loaded.posts, leftOut },
    problems: [...loaded.problems, ...problems],
  };
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function countDocuments(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => POST_EXT.has(extname(f).toLowerCase())).length;
  } catch {
    return 0;
  }
}

/** A course found under the content folders, with the folder it comes from. */
export interface CourseSource extends FoundCourse {
  /** Its content folder (absolute). */
  dir: string;
  /** What its files' paths are prefixed with in problems: "" for one folder, else "blog/". */
  label: string;
}

export type CatalogueProblem = Problem & { course?: string };

/**
 * Every course of the content folders, in catalogue order (the folders in the order given), and
 * every problem met, its file prefixed by the folder's label and tagged with its course.
 */
export function readCatalogue(dirs: readonly string[], opts: { cacheDir?: string } = {}): { courses: CourseSource[]; problems: CatalogueProblem[] } {
  const labels = folderLabels(dirs);
  const unreadable: CatalogueProblem[] = [];
  const folders = dirs.map((dir, i) => {
    const label = labels[i]!;
    const slug = slugify(label) || slugify(basename(dir));
    try {
      const { folder, problems } = readContentFolder(dir, opts);
      return { dir, label, slug, courses: findCourses(folder, problems), problems };
    } catch (err) {
      // A folder that cannot be listed at all (gone, not a folder, no permission): the others still run.
      unreadable.push({ file: label ? label.slice(0, -1) : dir, line: 0, severity: "error", message: `cannot read the content folder ${dir}: ${(err as Error).message}` });
      return { dir, label, slug, courses: [], problems: [] };
    }
  });
  settleIds(folders);
  const courses = folders.flatMap((f) => f.courses.map((c) => ({ ...c, dir: f.dir, label: f.label })));
  const problems = folders.flatMap((f) => {
    const courseOf = new Map(f.courses.flatMap((c) => c.posts.map((p) => [p.meta.path, c.id] as const)));
    return f.problems.map((p) => placeProblem(p, f.label, courseOf.get(p.file)));
  });
  return { courses, problems: [...unreadable, ...problems] };
}

/** A problem as the catalogue reports it: its file under the folder's label, its course named. */
export function placeProblem(p: Problem, label: string, course: string | undefined): CatalogueProblem {
  return { ...p, file: label + p.file, ...(course ? { course } : {}) };
}

/**
 * One folder: no prefix, paths stay relative to it as they always were. Several: each folder's own
 * name ("blog/", "notes/"), with as many parent folders as it takes to tell two apart
 * ("a/content/", "b/content/"), so every problem names one file.
 */
export function folderLabels(dirs: readonly string[]): string[] {
  if (dirs.length < 2) return dirs.map(() => "");
  const parts = dirs.map((d) => resolve(d).split(sep).filter(Boolean));
  const depth = dirs.map(() => 1);
  for (;;) {
    const labels = parts.map((p, i) => p.slice(-depth[i]!).join("/"));
    const clash = labels.map((l, i) => depth[i]! < parts[i]!.length && labels.some((m, j) => j !== i && m === l));
    if (!clash.includes(true)) return labels.map((l) => l + "/");
    clash.forEach((c, i) => c && depth[i]!++);
  }
}
