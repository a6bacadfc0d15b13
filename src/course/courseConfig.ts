/**
 * What a content folder's configuration says about its courses: `course.yml` (the folder's own
 * course: `id`, `title`, `description`, `language`; and a `courses:` list of series) and the
 * collections `_config.yml` declares. Pure: it gets the files' text and reports problems at their
 * lines; broken YAML itself is reported where the folder's metadata is read (load.ts).
 */
import type { Problem } from "../contract/lessons.js";
import { readYaml } from "./load.js";
import { slugify } from "./slug.js";

/** Which posts a `courses:` entry takes. A collection is named by its name, its documents' folder is `_<name>`. */
export type Selector = { folder: string } | { category: string } | { tag: string } | { collection: string };

/** One item of `courses:` in course.yml. */
export interface CourseEntry {
  id: string;
  title?: string;
  description?: string;
  language?: string;
  order?: number;
  select?: Selector;
  /** Its line in course.yml. */
  line: number;
}

export interface CollectionSpec {
  name: string;
  /** Where its documents are, relative to the content folder (`_tutorials`, or under `collections_dir`). */
  folder: string;
  /** A course when its own config says `course: true` or a `courses:` entry names it. */
  course: boolean;
  title?: string;
  description?: string;
  /** Its line in _config.yml. */
  line: number;
}

export interface FolderConfig {
  /** course.yml `id`: the folder's own course id, pinned. */
  id?: string;
  /** course.yml `title`, else _config.yml's. */
  title?: string;
  /** course.yml `description`, else _config.yml's. */
  description?: string;
  /** course.yml `language` (an author's statement; a theme's `lang:` in _config.yml is only a fallback). */
  language?: string;
  courses: CourseEntry[];
  collections: CollectionSpec[];
}

const SELECTORS = ["folder", "category", "tag", "collection"] as const;

/** The configuration of one folder from the text of its course.yml (or course.yaml) and _config.yml. */
export function folderConfig(files: { courseYml?: { name: string; text: string }; configYml?: string }, problems: Problem[]): FolderConfig {
  const course = files.courseYml ? quietYaml(files.courseYml.text) : {};
  const site = files.configYml !== undefined ? quietYaml(files.configYml) : {};
  const courses = files.courseYml ? courseEntries(course, files.courseYml, problems) : [];
  const id = text(course.id);
  if (id !== undefined && slugify(id) !== id) {
    problems.push({ file: files.courseYml!.name, line: topKeyLine(files.courseYml!.text, "id"), severity: "warning", message: `id "${id}" is not a slug (a-z, 0-9, -): the course is served as "${slugify(id)}"` });
  }
  return {
    ...(id !== undefined && slugify(id) ? { id: slugify(id) } : {}),
    ...optional("title", text(course.title) ?? text(site.title)),
    ...optional("description", text(course.description) ?? text(site.description)),
    ...optional("language", text(course.language) ?? text(course.lang)),
    courses,
    collections: collectionsOf(site, files.configYml ?? "", courses),
  };
}

function courseEntries(data: Record<string, unknown>, file: { name: string; text: string }, problems: Problem[]): CourseEntry[] {
  if (data.courses === undefined || data.courses === null) return [];
  const listLine = topKeyLine(file.text, "courses");
  if (!Array.isArray(data.courses)) {
    problems.push({ file: file.name, line: listLine, severity: "error", message: "courses: is not a list (write one `- { id, title, folder | category | tag }` per course)" });
    return [];
  }
  const lines = listItemLines(file.text, "courses");
  const out: CourseEntry[] = [];
  data.courses.forEach((raw: unknown, i) => {
    const line = lines[i] ?? listLine;
    const report = (severity: Problem["severity"], message: string): void => void problems.push({ file: file.name, line, severity, message });
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return report("error", "a course in courses: is not a mapping like { id: r4ds, title: R for Data Science, folder: R4DS }");
    const e = raw as Record<string, unknown>;
    const given = text(e.id);
    if (!given) return report("error", "a course in courses: has no id (a slug such as r4ds; it names the course for learners and must not change)");
    const id = slugify(given);
    if (!id) return report("error", `course id "${given}" has no letters or digits`);
    if (id !== given) report("warning", `course id "${given}" is not a slug (a-z, 0-9, -): it is served as "${id}"`);
    if (out.some((o) => o.id === id)) return report("error", `course id "${id}" is listed twice in courses: (this one is ignored)`);
    const keys = SELECTORS.filter((k) => text(e[k]) !== undefined);
    if (keys.length > 1) report("warning", `course "${id}" has ${keys.join(" and ")}: only ${keys[0]} selects its posts`);
    const key = keys[0];
    const value = key ? text(e[key])! : undefined;
    out.push({
      id,
      ...optional("title", text(e.title)),
      ...optional("description", text(e.description)),
      ...optional("language", text(e.language) ?? text(e.lang)),
      ...(typeof e.order === "number" ? { order: e.order } : {}),
      ...(key && value ? { select: { [key]: key === "folder" ? value.replace(/^\.\//, "").replace(/\/+$/, "") : value } as Selector } : {}),
      line,
    });
  });
  return out;
}

/**
 * Collections from `collections:` (a list of names or a map of name → settings). Jekyll's own
 * `posts` collection is `_posts/`, read anyway.
 */
function collectionsOf(site: Record<string, unknown>, configText: string, courses: CourseEntry[]): CollectionSpec[] {
  const raw = site.collections;
  const entries: [string, Record<string, unknown>][] = Array.isArray(raw)
    ? raw.filter((n): n is string => typeof n === "string").map((n) => [n, {}])
    : raw && typeof raw === "object"
      ? Object.entries(raw as Record<string, unknown>).map(([n, v]) => [n, v && typeof v === "object" ? (v as Record<string, unknown>) : {}])
      : [];
  const base = (text(site.collections_dir) ?? "").replace(/^\.\//, "").replace(/\/+$/, "");
  return entries
    .filter(([name]) => name !== "posts")
    .map(([name, cfg]) => {
      const folder = (base ? base + "/" : "") + "_" + name;
      return {
        name,
        folder,
        course: cfg.course === true || courses.some((c) => namesCollection(c, name, folder)),
        ...optional("title", text(cfg.title)),
        ...optional("description", text(cfg.description)),
        line: childKeyLine(configText, "collections", name),
      };
    });
}

/** A `courses:` entry names a collection by `collection: name`, `folder: _name`, or an id that is the name's slug. */
export function namesCollection(entry: CourseEntry, name: string, folder: string): boolean {
  const s = entry.select;
  if (s && "collection" in s) return s.collection === name;
  if (s && "folder" in s) return s.folder === folder;
  return !s && entry.id === slugify(name);
}

function quietYaml(source: string): Record<string, unknown> {
  try {
    return readYaml(source.replace(/^\uFEFF/, ""));
  } catch {
    return {};
  }
}

function text(v: unknown): string | undefined {
  if (typeof v === "number") return String(v);
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

// js-yaml gives values, not positions: the lines problems point at are found in the text.

const lines = (source: string): string[] => source.replace(/^\uFEFF/, "").split(/\r?\n/);
const indent = (l: string): number => l.length - l.trimStart().length;

/** 1-based line of a top-level `key:` (0 when absent). */
export function topKeyLine(source: string, key: string): number {
  const i = lines(source).findIndex((l) => new RegExp(`^${escape(key)}\\s*:`).test(l));
  return i + 1;
}

/** 1-based lines of the items of a top-level block list `key:` (`- …` one level in). */
function listItemLines(source: string, key: string): number[] {
  const ls = lines(source);
  const start = topKeyLine(source, key);
  if (!start) return [];
  const out: number[] = [];
  let itemIndent: number | undefined;
  for (let i = start; i < ls.length; i++) {
    const l = ls[i]!;
    if (!l.trim() || l.trimStart().startsWith("#")) continue;
    if (indent(l) === 0 && !l.startsWith("-")) break;
    if (/^\s*-(\s|$)/.test(l) && (itemIndent === undefined || indent(l) === itemIndent)) {
      itemIndent ??= indent(l);
      out.push(i + 1);
    }
  }
  return out;
}

/** 1-based line of `name:` (or `- name`) under a top-level `key:`; the key's own line when not found. */
function childKeyLine(source: string, key: string, name: string): number {
  const ls = lines(source);
  const start = topKeyLine(source, key);
  if (!start) return 0;
  const child = new RegExp(`^\\s*(?:-\\s*)?["']?${escape(name)}["']?\\s*(?::|$)`);
  for (let i = start; i < ls.length; i++) {
    const l = ls[i]!;
    if (l.trim() && indent(l) === 0 && !l.startsWith("-")) break;
    if (child.test(l)) return i + 1;
  }
  return start;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
