import { watch, type FSWatcher } from "node:fs";
import type { Logger } from "../log.js";

/** Folders of a Jekyll site that are not content (build output, tooling). */
const NOT_CONTENT = /^(?:_site|\.git|\.jekyll-cache|node_modules|\.sass-cache)(?:[\\/]|$)/;

/**
 * Calls `changed` once things settle (1 s without events) after files under any of `dirs` change
 * (CONTENT_DIR may name several folders). Returns the stop.
 */
export function watchContent(dirs: readonly string[], changed: () => void, log: Logger): () => void {
  let timer: NodeJS.Timeout | undefined;
  const watchers: FSWatcher[] = [];
  for (const dir of dirs) {
    try {
      const watcher = watch(dir, { recursive: true }, (_event, file) => {
        if (file && NOT_CONTENT.test(String(file))) return;
        clearTimeout(timer);
        timer = setTimeout(changed, 1000);
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
