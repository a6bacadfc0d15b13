/** A page the current version does not have, most often a lesson an edit removed or renamed. */
import { escapeHtml } from "../../text/html.js";
import type { Snapshot } from "../model.js";
import { link, paths, rootOf } from "../paths.js";
import { shell, type PageOptions } from "./shell.js";

export function notFoundPage(s: Snapshot, sitePath: string, opts: PageOptions): string {
  const path = sitePath || paths.catalogue();
  const body = `<h1>Not in this version</h1><p>Nothing is at <code>${escapeHtml(sitePath)}</code> now: an edit may have removed or renamed it. <a href="${link(rootOf(path), paths.catalogue())}">Back to the courses</a>.</p>`;
  return shell(s, { path, title: "Not found", trail: [["Not found", null]], body }, opts);
}
