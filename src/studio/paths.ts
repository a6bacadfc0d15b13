/**
 * Where each page and file of the preview lives, as a path relative to the site's root. The same
 * paths are served by the preview server and written by the static export, and pages link to each
 * other relatively, so an exported site works from any folder (or straight from disk).
 */
import type { ViewKey } from "./model.js";

/** A lesson or course id as one file name: letters, digits, `.` and `-` kept, `#` as `~`, the rest spelled out. */
export function fileName(id: string): string {
  return id.replace(/[^A-Za-z0-9.-]/gu, (c) => (c === "#" ? "~" : `_${c.codePointAt(0)!.toString(16)}_`));
}

export const paths = {
  catalogue: (): string => "index.html",
  lesson: (courseId: string, lessonId: string): string => `lessons/${fileName(courseId)}/${fileName(lessonId)}.html`,
  /** A content file (as problems name it: "_posts/x.md", or "blog/_posts/x.md" with several folders). */
  source: (file: string): string => `source/${file}.html`,
  asset: (name: string): string => `assets/${name}`,
  /** An image of a view's render; `image` is relative to that render's output folder. */
  media: (view: ViewKey, image: string): string => `render/${view}/${image}`,
};

/** From a page at `path` back to the site's root: "" or "../../". */
export function rootOf(path: string): string {
  return "../".repeat(path.split("/").length - 1);
}

/** A link from the page whose root is `root` to `path` (each segment URL-encoded), with an optional #fragment. */
export function link(root: string, path: string, fragment?: string): string {
  return root + path.split("/").map(encodeURIComponent).join("/") + (fragment ? `#${encodeURIComponent(fragment)}` : "");
}
