import { isAbsolute, resolve } from "node:path";
import type { CourseInfo, LessonFormat, RenderedCourse, RenderedLesson, Rendering } from "../contract/lessons.js";

export type { Rendering };

/**
 * A rendered course as the learning core navigates it: lessons by index and by id, the position
 * fallback after content edits, and image paths made absolute against the render output folder.
 */
export class CourseView {
  private readonly indexById = new Map<string, number>();
  private readonly renderings = new Map<LessonFormat, Rendering>();

  constructor(
    /** The course in its preferred format. */
    readonly course: RenderedCourse,
    /** The folder the course was rendered into (image paths in messages are relative to it). */
    readonly mediaDir: string,
    /** The same course in fallback formats, preferred first (same lessons, same ids). */
    fallbacks: readonly Rendering[] = [],
  ) {
    course.lessons.forEach((lesson, i) => this.indexById.set(lesson.id, i));
    this.renderings.set(course.format, { course, mediaDir });
    for (const r of fallbacks) {
      const ids = r.course.lessons.map((l) => l.id).join("\n");
      if (ids !== course.lessons.map((l) => l.id).join("\n")) {
        throw new Error(`the ${r.course.format} rendering has other lessons than the ${course.format} one`);
      }
      if (!this.renderings.has(r.course.format)) this.renderings.set(r.course.format, r);
    }
  }

  /** The view of renderings of one course, the preferred format first. */
  static from([primary, ...fallbacks]: readonly Rendering[]): CourseView {
    if (!primary) throw new Error("a course view needs at least one rendering");
    return new CourseView(primary.course, primary.mediaDir, fallbacks);
  }

  /** Formats the course is rendered in, preferred first. */
  get formats(): LessonFormat[] {
    return [...this.renderings.keys()];
  }

  /** The course in `format`, when it was rendered in it. */
  rendering(format: LessonFormat): Rendering | undefined {
    return this.renderings.get(format);
  }

  /** Title, language and course-wide resources. */
  get info(): CourseInfo {
    return this.course.course;
  }

  get size(): number {
    return this.course.lessons.length;
  }

  lesson(index: number): RenderedLesson | undefined {
    return this.course.lessons[index];
  }

  byId(id: string): RenderedLesson | undefined {
    const i = this.indexById.get(id);
    return i === undefined ? undefined : this.course.lessons[i];
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
    this.course.lessons.forEach((lesson, i) => {
      if (postKey(lesson.id) !== post) return;
      firstOfPost ??= i;
      if (i <= ordinal) samePost = i;
    });
    if (samePost !== undefined) return samePost;
    if (firstOfPost !== undefined) return firstOfPost;
    return Math.min(Math.max(ordinal - 1, -1), this.size - 1);
  }

  /** Absolute path of an image named in a lesson message. */
  imagePath(relative: string): string {
    return isAbsolute(relative) ? relative : resolve(this.mediaDir, relative);
  }
}

function postKey(lessonId: string): string {
  const hash = lessonId.indexOf("#");
  return hash === -1 ? lessonId : lessonId.slice(0, hash);
}
