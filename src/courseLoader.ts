/**
 * Composition glue: the lesson engine's renderings of the content, as the catalogue the learning
 * core serves. Lives beside main.ts because it joins two layers that do not know each other.
 */
import { basename, resolve } from "node:path";
import { loadRenderings } from "./build/courseSource.js";
import { slugify } from "./course/slug.js";
import { asCatalogue } from "./catalogueOfCourse.js";
import { Catalogue } from "./learning/catalogue.js";

/** The id of the one course a content folder is: a slug of the folder's name ("content"). */
export function folderCourseId(contentDir: string): string {
  return slugify(basename(resolve(contentDir))) || "course";
}

/**
 * The catalogue the bot serves on a platform, in each of its formats: what the engine renders (or a
 * pre-rendered lessons.json). Until the engine writes version 3, its one course is the catalogue's
 * only course, with the id of the content folder.
 */
export async function loadCatalogue(opts: Parameters<typeof loadRenderings>[0]): Promise<Catalogue> {
  const id = folderCourseId(opts.contentDir);
  const renderings = await loadRenderings(opts);
  return Catalogue.from(renderings.map((r) => ({ catalogue: asCatalogue(r.course, id), mediaDir: r.mediaDir })));
}
