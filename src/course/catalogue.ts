/**
 * From the posts of content folders to a catalogue of courses. Within a folder a post joins a course
 * by the first rule that applies to it:
 *   1. its front matter `course:` (or `series:`) names one;
 *   2. a `courses:` entry of course.yml selects it (folder, category, tag or collection);
 *   3. it is a document of a collection that is a course;
 *   4. it sits in a folder right under `_posts/` (one series per folder);
 *   5. otherwise it belongs to the folder's own course.
 * Posts whose rules give the same id are one course. Pure: the folders are read by folder.ts.
 */
import type { CourseInfo, Problem } from "../contract/lessons.js";
import type { CollectionSpec, CourseEntry, FolderConfig } from "./courseConfig.js";
import { descriptionOf, readableTitle } from "./courseText.js";
import type { Post } from "./load.js";
import { slugify } from "./slug.js";

/** One content folder as read. */
export interface FolderContent {
  /** The folder's own name (its last path segment). */
  name: string;
  /** A Jekyll site (it has `_posts/`), as opposed to a folder of notes. */
  site: boolean;
  /** course.yml (else _config.yml) metadata: author, site URL, course-wide resources, language. */
  info: CourseInfo;
  config: FolderConfig;
  /** Its posts and the documents of its course collections, in order (a notes README first). */
  posts: Post[];
  /** Collections that are not courses, with how many documents each holds (they are not read). */
  leftOut: { collection: CollectionSpec; documents: number }[];
}

/** A course found in a folder, before its posts are cut into lessons. */
export interface FoundCourse {
  id: string;
  /** Its id was written in course.yml: it keeps the id when another folder gives the same one. */
  pinned: boolean;
  title: string;
  description: string;
  /** Written in course.yml; otherwise the course takes the majority of its posts' languages. */
  language?: string;
  /** What a post's language falls back to when detection finds nothing. */
  defaultLanguage: string;
  info: CourseInfo;
  posts: Post[];
}

type Origin =
  | { kind: "named"; name: string }
  | { kind: "entry"; entry: CourseEntry }
  | { kind: "collection"; collection: CollectionSpec }
  | { kind: "folder"; name: string }
  | { kind: "own" };

/** The courses of one folder, in catalogue order: those course.yml lists, then by first post, the folder's own last. */
export function findCourses(folder: FolderContent, problems: Problem[]): FoundCourse[] {
  const { config } = folder;
  const ownId = config.id ?? (slugify(folder.name) || "course");
  const groups = new Map<string, { origin: Origin; posts: Post[] }>();
  for (const post of folder.posts) {
    const origin = originOf(post, folder);
    if (!origin) continue;
    const id = idOf(origin, ownId);
    const group = groups.get(id);
    if (group) group.posts.push(post);
    else groups.set(id, { origin, posts: [post] });
  }
  for (const { collection, documents } of folder.leftOut) {
    problems.push({
      file: "_config.yml",
      line: collection.line,
      severity: "warning",
      message: `collection "${collection.name}" is not a course: its ${documents} document(s) in ${collection.folder}/ are left out (to make it one, add "course: true" under it, or "- { id: ${slugify(collection.name) || "course"}, collection: ${collection.name} }" to courses: in course.yml)`,
    });
  }
  for (const entry of config.courses) {
    if (!groups.has(entry.id)) problems.push({ file: "course.yml", line: entry.line, severity: "warning", message: `course "${entry.id}" has no posts${entry.select ? ` (${describeSelector(entry)} selects none)` : ""}` });
  }
  const listed = (id: string): number => {
    const i = config.courses.findIndex((e) => e.id === id);
    return i < 0 ? Number.POSITIVE_INFINITY : i;
  };
  const byEntryOrder = [...config.courses].sort((a, b) => (a.order ?? Number.POSITIVE_INFINITY) - (b.order ?? Number.POSITIVE_INFINITY) || listed(a.id) - listed(b.id));
  const rank = (id: string): number => {
    const i = byEntryOrder.findIndex((e) => e.id === id);
    return i >= 0 ? i : id === ownId ? Number.MAX_SAFE_INTEGER : byEntryOrder.length;
  };
  // Map order is the order of each group's first post; a stable sort keeps it among equals.
  const ids = [...groups.keys()].sort((a, b) => rank(a) - rank(b));
  // A folder with no posts at all is still its one (empty) course, as before catalogues.
  if (!ids.length) return [describeCourse(ownId, { origin: { kind: "own" }, posts: [] }, folder, ownId, problems)];
  return ids.map((id) => describeCourse(id, groups.get(id)!, folder, ownId, problems));
}

/** Which rule places a post; undefined for a document of a collection that is not a course. */
function originOf(post: Post, folder: FolderContent): Origin | undefined {
  const { path } = post.meta;
  if (post.meta.course) return { kind: "named", name: post.meta.course };
  const entry = folder.config.courses.find((e) => e.select && selects(e, post, folder.config.collections));
  if (entry) return { kind: "entry", entry };
  const collection = folder.config.collections.find((c) => path.startsWith(c.folder + "/"));
  if (collection) return collection.course ? { kind: "collection", collection } : undefined;
  const series = folder.site ? /^_posts\/([^/]+)\/./.exec(path)?.[1] : undefined;
  if (series) return { kind: "folder", name: series };
  return { kind: "own" };
}

function idOf(origin: Origin, ownId: string): string {
  switch (origin.kind) {
    case "named":
    case "folder":
      return slugify(origin.name) || ownId;
    case "entry":
      return origin.entry.id;
    case "collection":
      return slugify(origin.collection.name) || ownId;
    case "own":
      return ownId;
    default:
      return origin satisfies never;
  }
}

function selects(entry: CourseEntry, post: Post, collections: CollectionSpec[]): boolean {
  const s = entry.select!;
  const { path, categories, tags } = post.meta;
  const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
  if ("folder" in s) return path.startsWith(s.folder + "/") || path.startsWith(`_posts/${s.folder}/`);
  if ("collection" in s) {
    const c = collections.find((x) => x.name === s.collection);
    return !!c && path.startsWith(c.folder + "/");
  }
  // Jekyll reads a folder right under _posts/ as a category too.
  if ("category" in s) return categories.some((c) => same(c, s.category)) || same(/^_posts\/([^/]+)\//.exec(path)?.[1] ?? "", s.category);
  return tags.some((t) => same(t, s.tag));
}

function describeSelector(entry: CourseEntry): string {
  const [key, value] = Object.entries(entry.select ?? {})[0] ?? ["", ""];
  return `${key}: ${value}`;
}

function describeCourse(id: string, group: { origin: Origin; posts: Post[] }, folder: FolderContent, ownId: string, problems: Problem[]): FoundCourse {
  const { config, info } = folder;
  const { origin } = group;
  const entry = config.courses.find((e) => e.id === id);
  const own = id === ownId;
  const collection = origin.kind === "collection" ? origin.collection : undefined;
  const title =
    entry?.title ??
    collection?.title ??
    (own ? config.title : undefined) ??
    (origin.kind === "named" ? origin.name : origin.kind === "folder" ? readableTitle(origin.name) : collection ? readableTitle(collection.name) : readableTitle(folder.name));
  const posts = distinguishPosts(group.posts, title, problems);
  const language = entry?.language ?? (own ? config.language : undefined);
  return {
    id,
    pinned: !!entry || (own && config.id !== undefined),
    title,
    description: entry?.description ?? collection?.description ?? (own ? config.description : undefined) ?? descriptionOf(posts[0]),
    ...(language ? { language } : {}),
    defaultLanguage: language ?? info.language,
    info,
    posts,
  };
}

/**
 * Within one course: posts with the same title are told apart by their `subtitle`
 * ("R for Data Science — Day 2. …"), and posts with the same slug get one from their path, so
 * every lesson id is unique in its course. Returns new posts; the first of each slug keeps it.
 */
export function distinguishPosts(posts: Post[], course: string, problems: Problem[]): Post[] {
  const titles = new Map<string, number>();
  for (const p of posts) titles.set(p.meta.title, (titles.get(p.meta.title) ?? 0) + 1);
  const reported = new Set<string>();
  const slugs = new Set<string>();
  return posts.map((p) => {
    let { title, slug } = p.meta;
    if (titles.get(title)! > 1) {
      if (p.meta.subtitle?.trim()) title = `${title} — ${p.meta.subtitle.trim()}`;
      else if (!reported.has(title)) {
        reported.add(title);
        problems.push({ file: p.meta.path, line: 0, severity: "warning", message: `${titles.get(title)} posts of course "${course}" are titled "${title}": give each a subtitle: so learners can tell their lessons apart` });
      }
    }
    if (slugs.has(slug)) {
      const base = slugify(p.meta.path.replace(/\.[^./]+$/, "")) || "post";
      let n = 2;
      let next = base;
      while (slugs.has(next)) next = `${base}-${n++}`;
      problems.push({ file: p.meta.path, line: 0, severity: "warning", message: `another post of course "${course}" has the lesson id "${slug}": this one's lessons are "${next}…"` });
      slug = next;
    }
    slugs.add(slug);
    return title === p.meta.title && slug === p.meta.slug ? p : { ...p, meta: { ...p.meta, title, slug } };
  });
}

/**
 * Course ids across folders: unique, and never handed to another folder's course. When folders give
 * the same id, a course whose id course.yml pins keeps it, and every other one is served as
 * "<folder>-<id>" — never the bare id, so adding or reordering folders cannot give it to a
 * different course. Problems go to the folder of the course renamed.
 */
export function settleIds(folders: { slug: string; courses: FoundCourse[]; problems: Problem[] }[]): void {
  const all = folders.flatMap((f) => f.courses.map((course) => ({ folder: f, course })));
  const byId = new Map<string, typeof all>();
  for (const x of all) byId.set(x.course.id, [...(byId.get(x.course.id) ?? []), x]);
  const taken = new Set(byId.keys());
  for (const [id, same] of byId) {
    if (same.length < 2) continue;
    const pinned = same.filter((x) => x.course.pinned);
    const keeper = pinned.length === 1 ? pinned[0] : undefined;
    for (const x of same) {
      if (x === keeper) continue;
      let next = `${x.folder.slug || "folder"}-${id}`;
      for (let n = 2; taken.has(next); n++) next = `${x.folder.slug || "folder"}-${id}-${n}`;
      taken.add(next);
      x.course.id = next;
      x.folder.problems.push({
        file: "course.yml",
        line: 0,
        severity: "warning",
        message: `course id "${id}" is given by ${same.length} content folders: "${x.course.title}" here is served as "${next}" (set its own id in course.yml to choose)`,
      });
    }
  }
}
