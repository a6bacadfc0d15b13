/**
 * The shared contract between the lesson engine (src/course, src/format, src/render)
 * and everything that delivers lessons (src/learning, adapters/). Pure data, no behaviour.
 */

/** Where a rendered lesson will be shown. `console` is plain readable text for the terminal chat. */
export type Platform = "telegram" | "discord" | "console";

export interface Resource {
  title: string;
  /** Empty when the author cited a work without a link. */
  url: string;
  /** Optional heading the resource is listed under (course-wide resources). */
  group?: string;
}

/** A problem found in the content, reported by `check` and kept in lessons.json. */
export interface Problem {
  /** Path relative to the content folder. */
  file: string;
  /** 1-based line in that file (0 when the problem concerns the whole file). */
  line: number;
  severity: "error" | "warning";
  message: string;
}

/**
 * One chat message. With images it is a photo (1) or an album (2–10) and `text` is the caption
 * (Telegram) or content (Discord). Telegram text is HTML parse mode; Discord text is Discord Markdown.
 */
export interface ChatMessage {
  text?: string;
  /** Image paths relative to the render output folder. */
  images?: string[];
  /** What each image shows, in words (the formula's TeX, a table's cells, a photo's alt text). */
  alt?: string[];
}

export interface RenderedLesson {
  /** Stable id: post slug + section anchor ("2024-01-02-tensors#phep-toan"), unchanged by edits elsewhere. */
  id: string;
  /** Post path relative to the content folder. */
  post: string;
  title: string;
  /** 1-based part of the post, out of `parts`. */
  part: number;
  parts: number;
  /** Estimated reading time in minutes (one decimal). */
  minutes: number;
  /** Further-reading links of the post this lesson comes from. */
  resources: Resource[];
  messages: ChatMessage[];
}

export interface CourseInfo {
  title: string;
  /** BCP-47-ish language code of the course text, e.g. "vi" or "en". */
  language: string;
  author?: string;
  siteUrl?: string;
  /** Course-wide resources (course.yml), shown by /resources after the post's own links. */
  resources: Resource[];
}

/** The lessons.json document (version 1). */
export interface RenderedCourse {
  version: 1;
  platform: Platform;
  course: CourseInfo;
  lessons: RenderedLesson[];
  problems: Problem[];
}
