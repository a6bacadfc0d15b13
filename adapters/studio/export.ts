/**
 * `preview --out DIR`: the same pages as static files, for a CI artifact or the author's own site.
 * The views were rendered into DIR/render already (so their images are where the pages point); this
 * writes every page, the studio's files and KaTeX's CSS and fonts beside them. No script follows
 * renders in an exported page.
 */
import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { drawPage } from "../../src/studio/pages/index.js";
import { allPages } from "../../src/studio/site.js";
import { paths } from "../../src/studio/paths.js";
import type { PageRef } from "../../src/studio/site.js";
import type { Snapshot } from "../../src/studio/model.js";
import { contentFile, KATEX_FILES, studioAsset, STUDIO_FILES } from "./files.js";
import { sendExtras } from "./extras.js";
import type { ContentFolder } from "./render.js";

const STATIC = { live: false } as const;

function pathOf(ref: PageRef): string {
  switch (ref.kind) {
    case "catalogue":
      return paths.catalogue();
    case "lesson":
      return paths.lesson(ref.courseId, ref.lessonId);
    case "source":
      return paths.source(ref.file);
    default:
      return ref satisfies never;
  }
}

/** Writes the site under `outDir`; returns how many pages. */
export function exportSite(s: Snapshot, folders: readonly ContentFolder[], outDir: string): number {
  const write = (path: string, body: string | Buffer): void => {
    const file = join(outDir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
  };
  const readSource = (file: string): string | undefined => {
    const path = contentFile(file, folders);
    return path === undefined ? undefined : readFileSync(path, "utf8");
  };
  let pages = 0;
  for (const ref of allPages(s)) {
    const html = drawPage(s, ref, { extras: sendExtras, readSource }, STATIC);
    if (html === undefined) continue;
    write(pathOf(ref), html);
    pages++;
  }
  for (const name of STUDIO_FILES) write(paths.asset(name), readFileSync(studioAsset(name)));
  mkdirSync(join(outDir, paths.asset("katex")), { recursive: true });
  copyFileSync(KATEX_FILES.css, join(outDir, paths.asset("katex/katex.min.css")));
  cpSync(KATEX_FILES.fonts, join(outDir, paths.asset("katex/fonts")), { recursive: true });
  return pages;
}
