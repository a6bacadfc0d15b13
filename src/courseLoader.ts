/**
 * Composition glue: the lesson engine's renderings of a course, as the view the learning core
 * navigates. Lives beside main.ts because it joins two layers that do not know each other.
 */
import { loadRenderings } from "./build/courseSource.js";
import { CourseView } from "./learning/courseView.js";

export async function loadCourseView(opts: Parameters<typeof loadRenderings>[0]): Promise<CourseView> {
  return CourseView.from(await loadRenderings(opts));
}
