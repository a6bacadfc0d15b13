/**
 * Which files of a content folder are posts: those under `_posts/` when the folder is a Jekyll
 * site (then the documents of the given collection folders), else every post file in it. A path that cannot be read (a symlink loop, a broken link, no
 * permission) is skipped with a warning, and the rest of the course is still read.
 */
import { readdirSync, realpathSync, statSync, existsSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import type { Problem } from "../contract/lessons.js";

/** Extensions of the files read as posts. */
export const POST_EXT = new Set([".md", ".markdown", ".html", ".htm"]);
const SKIP_DIRS = new Set(["node_modules", "_site", ".git", "_layouts", "_includes", "_sass", "assets", "_data"]);
/** Files of a site that are not writing: left out silently. README and index files are judged later. */
const NON_POSTS = new Set(["license.md", "changelog.md", "404.html", "404.md", "index.html"]);

/** Why a path cannot be read, in the author's words. */
export function unreadableReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ELOOP") return "a symbolic link loop";
  if (code === "ENOENT") return "a broken symbolic link";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return (err as Error).message;
}

export function findPostFiles(contentDir: string, problems: Problem[] = [], collections: readonly string[] = []): string[] {
  const postsDir = join(contentDir, "_posts");
  const root = existsSync(postsDir) ? postsDir : contentDir;
  const out: string[] = [];
  const skip = (path: string, why: string): void => {
    problems.push({ file: relative(contentDir, path).split(sep).join("/"), line: 0, severity: "warning", message: `skipped: ${why}` });
  };
  // Folders already read, by real path: a link back to a parent folder is read once.
  const seen = new Set<string>();
  const walk = (dir: string): void => {
    let names: string[];
    try {
      seen.add(realpathSync(dir));
      names = readdirSync(dir).sort();
    } catch (err) {
      skip(dir, unreadableReason(err));
      return;
    }
    for (const name of names) {
      if (name.startsWith(".")) continue;
      const full = join(dir, name);
      const ext = extname(name).toLowerCase();
      let isDirectory: boolean;
      try {
        isDirectory = statSync(full).isDirectory();
      } catch (err) {
        // Only a path that could be a post or a folder of posts is worth a word.
        if (!ext || POST_EXT.has(ext)) skip(full, unreadableReason(err));
        continue;
      }
      if (isDirectory) {
        if (SKIP_DIRS.has(name)) continue;
        if (seen.has(realpathSync(full))) skip(full, "a symbolic link to a folder already read");
        else walk(full);
      } else if (POST_EXT.has(ext) && !NON_POSTS.has(name.toLowerCase())) out.push(full);
    }
  };
  walk(root);
  // Without `_posts/` the whole folder was walked, collection folders included.
  if (root !== contentDir) for (const c of collections) if (existsSync(join(contentDir, c))) walk(join(contentDir, c));
  return out;
}
