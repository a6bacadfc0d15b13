/**
 * What the author preview shows: one version of the content rendered in each of the four ways a
 * lesson reaches a chat, the problems `check` reports, and how the last edit went. Pages are pure
 * functions of a Snapshot (src/studio/pages); the server (adapters/studio) makes a new one per edit.
 */
import type { LessonFormat, Platform, RenderedCatalogue } from "../contract/lessons.js";
import type { EngineCourse, EngineLesson, EngineResult } from "../build/renderCourse.js";

/** The four ways a lesson reaches a chat, in the order the lesson page shows them. */
export const VIEWS = [
  { key: "telegram-rich", platform: "telegram", format: "rich", title: "Telegram · rich" },
  { key: "telegram-classic", platform: "telegram", format: "classic", title: "Telegram · classic" },
  { key: "discord-components", platform: "discord", format: "components", title: "Discord · Components V2" },
  { key: "discord-classic", platform: "discord", format: "classic", title: "Discord · classic" },
] as const satisfies readonly { key: string; platform: Platform; format: LessonFormat; title: string }[];

export type View = (typeof VIEWS)[number];
export type ViewKey = View["key"];

/** `check` renders Telegram classic: its problems are the ones this rendering reports. */
export const CHECK_VIEW: ViewKey = "telegram-classic";

/** A course explained by the engine: its lessons with their layout, the prefix of its files in problems. */
export type StudioCourse = EngineCourse;
export type StudioProblem = RenderedCatalogue["problems"][number];

/** One view's catalogue as the engine renders it with `explain`. */
export type StudioCatalogue = Omit<EngineResult, "stats">;

export interface Snapshot {
  /** Counts renders since the preview started. */
  generation: number;
  /** Names this version on this server (a restarted server counts again): pages carry it so a live page knows it is behind. */
  version: string;
  catalogues: Readonly<Record<ViewKey, StudioCatalogue>>;
  /** After an edit: the errors it brought (a running bot keeps its previous course while there are any). */
  edit?: { newErrors: StudioProblem[] };
  /** A render that failed outright: the pages show the last good one, and say why. */
  failure?: string;
}

/** The courses, as the preview lists them (every view has the same courses and lesson ids). */
export function coursesOf(s: Snapshot): StudioCourse[] {
  return s.catalogues[CHECK_VIEW].courses;
}

/** Problems as `check` prints them, in its order. */
export function checkProblems(s: Snapshot): StudioProblem[] {
  return s.catalogues[CHECK_VIEW].problems;
}

/** A lesson found by course and lesson id, with its place in the course. */
export interface LessonRef {
  course: StudioCourse;
  lesson: EngineLesson;
  index: number;
}

const indexes = new WeakMap<StudioCatalogue, Map<string, Map<string, number>>>();

/** The lesson in one view's catalogue (found through an index built once per catalogue). */
export function findLesson(catalogue: StudioCatalogue, courseId: string, lessonId: string): LessonRef | undefined {
  let index = indexes.get(catalogue);
  if (!index) {
    index = new Map(catalogue.courses.map((c) => [c.id, new Map(c.lessons.map((l, i) => [l.id, i]))]));
    indexes.set(catalogue, index);
  }
  const i = index.get(courseId)?.get(lessonId);
  const course = catalogue.courses.find((c) => c.id === courseId);
  return i === undefined || !course ? undefined : { course, lesson: course.lessons[i]!, index: i };
}

/** The file a lesson comes from, as problems name it. */
export function postFile(course: StudioCourse, lesson: EngineLesson): string {
  return (course.label ?? "") + lesson.post;
}
