/**
 * Composition glue: the lesson engine's renderings of a course, as the view the learning core
 * navigates. Lives beside main.ts because it joins two layers that do not know each other.
 */
import { loadRenderings, type CatalogueRendering } from "./build/courseSource.js";
import type { Rendering } from "./contract/lessons.js";
import { CourseView } from "./learning/courseView.js";

export async function loadCourseView(opts: Parameters<typeof loadRenderings>[0]): Promise<CourseView> {
  const renderings = await loadRenderings(opts);
  const [first, ...others] = renderings[0]?.catalogue.courses ?? [];
  if (first && others.length) opts.log.warn({ served: first.id, left: others.map((c) => c.id) }, "the content has several courses: only the first is served until learners can choose");
  return CourseView.from(renderings.map(firstCourse));
}

/**
 * The learning core still serves one course: it gets the catalogue's first, exactly as a one-course
 * folder rendered before catalogues (lessons.json version 2). Following courses is the core's next step.
 */
function firstCourse({ catalogue, mediaDir }: CatalogueRendering): Rendering {
  const { id: _id, description: _description, lessons, ...info } = catalogue.courses[0] ?? { id: "", description: "", title: "", language: "en", resources: [], lessons: [] };
  return { course: { version: 2, platform: catalogue.platform, format: catalogue.format, course: info, lessons, problems: catalogue.problems }, mediaDir };
}
