import type { LessonFormat, Platform, Problem, RenderedCatalogue } from "../contract/lessons.js";
import { CourseView, type CourseRendering } from "./courseView.js";

/** A lessons.json version 3 document and the folder its image paths are relative to. */
export interface CatalogueRendering {
  catalogue: RenderedCatalogue;
  mediaDir: string;
}

export type CatalogueProblem = Problem & { course?: string };

/**
 * The courses a platform offers, in catalogue order: what /courses lists, what a chat follows, the
 * order of a chat's daily lessons. Immutable: a reload builds another.
 */
export class Catalogue {
  private readonly byIdMap = new Map<string, CourseView>();

  constructor(
    readonly platform: Platform,
    readonly courses: readonly CourseView[],
    /** Content problems found while reading it (kept to compare with the next reload). */
    readonly problems: readonly CatalogueProblem[] = [],
  ) {
    for (const c of courses) {
      if (this.byIdMap.has(c.id)) throw new Error(`course id ${c.id} appears twice in the catalogue`);
      this.byIdMap.set(c.id, c);
    }
  }

  /**
   * The catalogue of renderings of the same content in several formats (preferred first): a course
   * missing from a fallback format is served in the formats it has.
   */
  static from(renderings: readonly CatalogueRendering[]): Catalogue {
    const [primary] = renderings;
    if (!primary) throw new Error("a catalogue needs at least one rendering");
    const views = primary.catalogue.courses.map((course) => {
      const formats: CourseRendering[] = [];
      for (const r of renderings) {
        const same = r.catalogue.courses.find((c) => c.id === course.id);
        if (same) formats.push({ platform: r.catalogue.platform, format: r.catalogue.format, course: same, mediaDir: r.mediaDir });
      }
      return new CourseView(formats);
    });
    return new Catalogue(primary.catalogue.platform, views, primary.catalogue.problems);
  }

  get size(): number {
    return this.courses.length;
  }

  get formats(): LessonFormat[] {
    return this.courses[0]?.formats ?? [];
  }

  /** The language the bot speaks to a new chat: the first course's. */
  get language(): string {
    return this.courses[0]?.info.language ?? "en";
  }

  byId(id: string): CourseView | undefined {
    return this.byIdMap.get(id);
  }

  /** 0-based place in the catalogue; -1 when the course is not offered. */
  indexOf(id: string): number {
    const view = this.byIdMap.get(id);
    return view ? this.courses.indexOf(view) : -1;
  }

  /** What a learner typed to name a course: its id (any case) or its number in /courses. */
  find(ref: string): CourseView | undefined {
    const q = ref.trim();
    if (/^\d{1,4}$/.test(q)) return this.courses[Number(q) - 1];
    return this.byIdMap.get(q) ?? this.courses.find((c) => c.id.toLowerCase() === q.toLowerCase());
  }

  /** Another catalogue of the same platform: these courses, in this order, with these problems. */
  with(courses: readonly CourseView[], problems: readonly CatalogueProblem[]): Catalogue {
    return new Catalogue(this.platform, courses, problems);
  }

  /** The course whose lessons include this lesson id (or, the id gone, a lesson of its post). */
  holding(lessonId: string): CourseView | undefined {
    return this.courses.find((c) => c.has(lessonId)) ?? this.courses.find((c) => c.hasPostOf(lessonId));
  }
}
