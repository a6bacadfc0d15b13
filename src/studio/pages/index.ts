/** A page of the preview, by reference: the one place that knows which function draws which page. */
import type { SendExtras } from "../draw/chats.js";
import type { Snapshot } from "../model.js";
import type { PageRef } from "../site.js";
import { cataloguePage } from "./catalogue.js";
import { lessonPage } from "./lesson.js";
import type { PageOptions } from "./shell.js";
import { sourcePage } from "./source.js";

export { notFoundPage } from "./notFound.js";
export type { PageOptions } from "./shell.js";

/**
 * The page's HTML, or undefined when the snapshot lacks it. `readSource` gives a content file's
 * text (the one page that needs a file read, done by the caller at the edge).
 */
export function drawPage(s: Snapshot, ref: PageRef, env: { extras: SendExtras; readSource: (file: string) => string | undefined }, opts: PageOptions): string | undefined {
  switch (ref.kind) {
    case "catalogue":
      return cataloguePage(s, opts);
    case "lesson":
      return lessonPage(s, ref.courseId, ref.lessonId, env.extras, opts);
    case "source": {
      const text = env.readSource(ref.file);
      return text === undefined ? undefined : sourcePage(s, ref.file, text, opts);
    }
    default:
      return ref satisfies never;
  }
}
