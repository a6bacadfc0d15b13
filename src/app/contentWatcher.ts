import { watch, type FSWatcher } from "node:fs";
import type { Logger } from "../log.js";

/** Folders of a Jekyll site that are not content (build output, tooling). */
const NOT_CONTENT = /^(?:_site|\.git|\.jekyll-cache|node_modules|\.sass-cache)(?:[\\/]|$)/;

/** Calls `changed` once things settle (1 s without events) after files under `dir` change. Returns the stop. */
export function watchContent(dir: string, changed: () => void, log: Logger): () => void {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { recursive: true }, (_event, file) => {
      if (file && NOT_CONTENT.test(String(file))) return;
      clearTimeout(timer);
      timer = setTimeout(changed, 1000);
    });
  } catch (err) {
    log.warn({ err, dir }, "content changes will not be noticed (cannot watch the folder)");
    return () => undefined;
  }
  watcher.on("error", (err) => log.warn({ err }, "content watcher failed"));
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
