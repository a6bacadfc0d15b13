/**
 * The shared contract between the lesson engine (src/course, src/render) and everything that
 * delivers lessons (src/learning, adapters/). Pure data, no behaviour.
 */
import type { APIMessageTopLevelComponent } from "discord-api-types/v10";

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
 * How a lesson is written for a platform:
 * - `classic`: text messages, photos and albums (Telegram HTML parse mode, Discord Markdown `content`,
 *   plain text for the console);
 * - `rich`: one Telegram rich message (`sendRichMessage`) per lesson, native math, media bound by id;
 * - `components`: Discord Components V2 messages (Text Display, Container, Media Gallery, Separator).
 */
export type LessonFormat = "classic" | "rich" | "components";

/** The formats of each platform, preferred first: the others are fallbacks. */
export const PLATFORM_FORMATS: Readonly<Record<Platform, readonly LessonFormat[]>> = {
  telegram: ["rich", "classic"],
  discord: ["components", "classic"],
  console: ["classic"],
};

/** An image a rich message shows, bound to its `tg://photo?id=ID` links. */
export interface RichMedia {
  id: string;
  /** Path relative to the render output folder. */
  image: string;
  /** What the image shows, in words. */
  alt?: string;
}

/** A file uploaded with a Components V2 message, shown where a component says `attachment://NAME`. */
export interface ComponentFile {
  name: string;
  /** Path relative to the render output folder. */
  image: string;
  alt?: string;
}

/**
 * One chat message; which fields it has depends on the course's format.
 * - classic: `text`, `images`, `alt`. With images it is a photo (1) or an album (2–10) and `text` is
 *   the caption (Telegram) or content (Discord). Telegram text is HTML parse mode; Discord text is
 *   Discord Markdown; console text is plain.
 * - rich: `rich` — HTML in Telegram's rich dialect, with the media its `tg://photo?id=` links bind.
 * - components: `components` (sent with the IS_COMPONENTS_V2 flag) and the `files` they show.
 */
export interface ChatMessage {
  text?: string;
  /** Image paths relative to the render output folder. */
  images?: string[];
  /** What each image shows, in words (the formula's TeX, a table's cells, a photo's alt text). */
  alt?: string[];
  rich?: { html: string; media: RichMedia[] };
  components?: APIMessageTopLevelComponent[];
  files?: ComponentFile[];
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
  /** Questions asked after the lesson (absent when it has none). */
  quiz?: QuizQuestion[];
}

/**
 * A quiz question as every platform asks it: plain text (formulas already written in Unicode), within
 * the strictest limits (question ≤ 300 characters, 2–10 options of ≤ 80, explanation ≤ 200).
 */
export interface QuizQuestion {
  /** Stable while the post is edited elsewhere: made of the post, the section and the question's text. */
  id: string;
  question: string;
  options: string[];
  /** The right options, 1-based. */
  answers: number[];
  /** Shown after an answer; "" when the author gave none. */
  explain: string;
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

/** The lessons.json document (version 2: `format`, and rich / components messages). */
export interface RenderedCourse {
  version: 2;
  platform: Platform;
  format: LessonFormat;
  course: CourseInfo;
  lessons: RenderedLesson[];
  problems: Problem[];
}

/** A course rendered in one format, and the folder its image paths are relative to. */
export interface Rendering {
  course: RenderedCourse;
  mediaDir: string;
}

/**
 * One course of a catalogue (lessons.json version 3): a series of a blog, or one of an author's
 * blogs. `id` is a stable slug, never reused; lesson ids are unique within their course.
 */
export interface CatalogueCourse extends CourseInfo {
  id: string;
  /** The series' introduction (its intro post, README or course.yml text), plain text. */
  description: string;
  lessons: RenderedLesson[];
}

/**
 * The lessons.json document, version 3: every course found under the content folders, in
 * catalogue order, rendered for one platform in one format. Problems carry the file they are in;
 * `course` names the course a problem belongs to when it belongs to one.
 */
export interface RenderedCatalogue {
  version: 3;
  platform: Platform;
  format: LessonFormat;
  courses: CatalogueCourse[];
  problems: (Problem & { course?: string })[];
}
