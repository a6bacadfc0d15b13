/**
 * Watching a content folder for the author's edits: the bot re-renders its course, the author
 * preview its pages. Editors save in bursts (a temporary file, a rename, a second write), so the
 * callback fires once things have been quiet for a moment, not once per file event.
 */
import { watch, type FSWatcher } from "node:fs";
import type { Logger } from "pino";

/** Folders of a Jekyll site that are not content (build output, tooling). */
const NOT_CONTENT = /^(?:_site|\.git|\.jekyll-cache|node_modules|\.sass-cache)(?:[\\/]|$)/;

/**
 * Calls `changed` once things settle (`quietMs` without events, default 1 s) after files under any
 * of `dirs` change (CONTENT_DIR may name several folders); returns the function that stops watching.
 */
export function watchContent(dirs: readonly string[], changed: () => void, log: Logger, opts: { quietMs?: number } = {}): () => void {
  const quietMs = opts.quietMs ?? 1000;
  let timer: NodeJS.Timeout | undefined;
  const watchers: FSWatcher[] = [];
  for (const dir of dirs) {
    try {
      const watcher = watch(dir, { recursive: true }, (_event, file) => {
        if (file && NOT_CONTENT.test(String(file))) return;
        clearTimeout(timer);
        timer = setTimeout(changed, quietMs);
      });
      watcher.on("error", (err) => log.warn({ err, dir }, "content watcher failed"));
      watchers.push(watcher);
    } catch (err) {
      log.warn({ err, dir }, "content changes will not be noticed (cannot watch the folder)");
    }
  }
  return () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
