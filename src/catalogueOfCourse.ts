/**
 * lessons.json version 2 (one course) as version 3 (a catalogue). The one place where the learning
 * side meets the single-course document the engine writes until it reads courses (courseLoader);
 * pure, so tests that build single courses use it too.
 */
import type { RenderedCatalogue, RenderedCourse } from "./contract/lessons.js";

/** A version-3 document as it is; a version-2 one as a catalogue of that one course, whose id is `id`. */
export function asCatalogue(doc: RenderedCourse | RenderedCatalogue, id: string): RenderedCatalogue {
  if (doc.version === 3) return doc;
  return {
    version: 3,
    platform: doc.platform,
    format: doc.format,
    courses: [{ ...doc.course, id, description: "", lessons: doc.lessons }],
    problems: doc.problems.map((p) => ({ ...p, course: id })),
  };
}
