import type { CatalogueCourse, LessonFormat, Platform, RenderedLesson } from "../contract/lessons.js";

/** One course of a catalogue rendered in one format, and the folder its image paths are relative to. */
export interface CourseRendering {
  platform: Platform;
  format: LessonFormat;
  course: CatalogueCourse;
  mediaDir: string;
}

/** What a learner is told about a course: everything but its lessons. */
export type CourseInfo = Omit<CatalogueCourse, "lessons">;

/**
 * A course as the learning core navigates it: lessons by index and by id, the position fallback
 * after content edits, and the same lessons in each format the platform has (preferred first).
 */
export class CourseView {
  private readonly indexById = new Map<string, number>();
  private readonly renderings = new Map<LessonFormat, CourseRendering>();
  private readonly primary: CourseRendering;
  /** Total reading time of the course, in minutes. */
  readonly minutes: number;

  /** `renderings`: the course in each format, preferred first (same id, same lessons). */
  constructor(renderings: readonly CourseRendering[]) {
    const [primary, ...fallbacks] = renderings;
    if (!primary) throw new Error("a course view needs at least one rendering");
    this.primary = primary;
    const ids = primary.course.lessons.map((l) => l.id);
    ids.forEach((id, i) => this.indexById.set(id, i));
    this.renderings.set(primary.format, primary);
    for (const r of fallbacks) {
      if (r.course.id !== primary.course.id) throw new Error(`course ${r.course.id} is not course ${primary.course.id}`);
      if (r.course.lessons.map((l) => l.id).join("\n") !== ids.join("\n")) {
        throw new Error(`the ${r.format} rendering of ${primary.course.id} has other lessons than the ${primary.format} one`);
      }
      if (!this.renderings.has(r.format)) this.renderings.set(r.format, r);
    }
    this.minutes = Math.round(primary.course.lessons.reduce((sum, l) => sum + l.minutes, 0));
  }

  get id(): string {
    return this.primary.course.id;
  }

  get platform(): Platform {
    return this.primary.platform;
  }

  /** The preferred format. */
  get format(): LessonFormat {
    return this.primary.format;
  }

  /** Formats the course is rendered in, preferred first. */
  get formats(): LessonFormat[] {
    return [...this.renderings.keys()];
  }

  /** The course in `format`, when it was rendered in it. */
  rendering(format: LessonFormat): CourseRendering | undefined {
    return this.renderings.get(format);
  }

  /** Title, language, description and course-wide resources. */
  get info(): CourseInfo {
    return this.primary.course;
  }

  get size(): number {
    return this.primary.course.lessons.length;
  }

  lesson(index: number): RenderedLesson | undefined {
    return this.primary.course.lessons[index];
  }

  byId(id: string): RenderedLesson | undefined {
    const i = this.indexById.get(id);
    return i === undefined ? undefined : this.primary.course.lessons[i];
  }

  has(lessonId: string): boolean {
    return this.indexById.has(lessonId);
  }

  /** Whether a lesson of the same post is in the course (a position whose section was renamed). */
  hasPostOf(lessonId: string): boolean {
    const post = postKey(lessonId);
    return this.primary.course.lessons.some((l) => postKey(l.id) === post);
  }

  /**
   * Index of the learner's current lesson (-1 before the first), from the stored lesson id.
   *
   * When the id vanished after a content edit (a section renamed, a post split or removed):
   * 1. the same post still exists (ids share the part before "#"): the last lesson of that post at or
   *    before the stored ordinal, else the post's first lesson — a learner may re-read one part, never
   *    skip one;
   * 2. the post is gone: the lesson before the stored ordinal, so the next lesson is the one that now
   *    occupies the old place in the course order.
   */
  indexOfPosition(position: string | null, ordinal: number): number {
    if (position === null) return -1;
    const exact = this.indexById.get(position);
    if (exact !== undefined) return exact;
    const post = postKey(position);
    let samePost: number | undefined;
    let firstOfPost: number | undefined;
    this.primary.course.lessons.forEach((lesson, i) => {
      if (postKey(lesson.id) !== post) return;
      firstOfPost ??= i;
      if (i <= ordinal) samePost = i;
    });
    if (samePost !== undefined) return samePost;
    if (firstOfPost !== undefined) return firstOfPost;
    return Math.min(Math.max(ordinal - 1, -1), this.size - 1);
  }
}

function postKey(lessonId: string): string {
  const hash = lessonId.indexOf("#");
  return hash === -1 ? lessonId : lessonId.slice(0, hash);
}
