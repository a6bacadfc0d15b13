/**
 * Which page a site path names (the inverse of paths.ts for pages), and every page a snapshot has:
 * the preview server answers the first, the static export writes the second.
 */
import { coursesOf, postFile, checkProblems, type Snapshot } from "./model.js";
import { paths } from "./paths.js";

export type PageRef = { kind: "catalogue" } | { kind: "lesson"; courseId: string; lessonId: string } | { kind: "source"; file: string };

const lessonPages = new WeakMap<Snapshot, Map<string, { courseId: string; lessonId: string }>>();
const sourceFiles = new WeakMap<Snapshot, Set<string>>();

/**
 * The files the source view shows: the posts lessons come from and the files problems name. Only
 * these: a content folder may hold files an author would not serve (a `.env`, `.git/`).
 */
function knownFiles(s: Snapshot): Set<string> {
  let files = sourceFiles.get(s);
  if (!files) {
    files = new Set([...coursesOf(s).flatMap((c) => c.lessons.map((l) => postFile(c, l))), ...checkProblems(s).map((p) => p.file)]);
    sourceFiles.set(s, files);
  }
  return files;
}

function lessonsByPath(s: Snapshot): Map<string, { courseId: string; lessonId: string }> {
  let map = lessonPages.get(s);
  if (!map) {
    map = new Map(coursesOf(s).flatMap((c) => c.lessons.map((l) => [paths.lesson(c.id, l.id), { courseId: c.id, lessonId: l.id }] as const)));
    lessonPages.set(s, map);
  }
  return map;
}

/** The page at a decoded site path ("index.html", "lessons/c/l.html", "source/_posts/x.md.html"), if any. */
export function pageAt(s: Snapshot, sitePath: string): PageRef | undefined {
  if (sitePath === "" || sitePath === paths.catalogue()) return { kind: "catalogue" };
  const lesson = lessonsByPath(s).get(sitePath);
  if (lesson) return { kind: "lesson", ...lesson };
  const source = /^source\/(.+)\.html$/.exec(sitePath);
  if (source && knownFiles(s).has(source[1]!)) return { kind: "source", file: source[1]! };
  return undefined;
}

/** Every page of the snapshot: the catalogue, each lesson, the source of each post and of each file with a problem. */
export function allPages(s: Snapshot): PageRef[] {
  const lessons = coursesOf(s).flatMap((c) => c.lessons.map((l): PageRef => ({ kind: "lesson", courseId: c.id, lessonId: l.id })));
  return [{ kind: "catalogue" }, ...lessons, ...[...knownFiles(s)].map((file): PageRef => ({ kind: "source", file }))];
}

