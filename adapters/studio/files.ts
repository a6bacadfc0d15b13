/**
 * The files behind the preview's pages, by their site path (src/studio/paths.ts): the studio's CSS
 * and scripts, KaTeX's CSS and fonts from node_modules, each view's rendered images, and the content
 * files the source view shows. Every lookup stays inside its folder: `..` never leaves it.
 */
import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join, resolve, sep } from "node:path";
import { VIEWS } from "../../src/studio/model.js";
import type { ContentFolder } from "./render.js";

const STUDIO_ASSETS = resolve(import.meta.dirname, "../../src/studio/assets");
const KATEX_DIST = join(dirname(createRequire(import.meta.url).resolve("katex/package.json")), "dist");

/** The studio's own files, served and exported as they are. */
export const STUDIO_FILES = ["studio.css", "telegram.css", "discord.css", "theme.js", "live.js"] as const;
/** What of KaTeX the pages use: its CSS and the fonts the CSS names. */
export const KATEX_FILES = { css: join(KATEX_DIST, "katex.min.css"), fonts: join(KATEX_DIST, "fonts") };

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
};

export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
}

/** `rel` (a decoded relative path) under `dir`, or undefined when it would leave it or is no file. */
export function inside(dir: string, rel: string): string | undefined {
  const base = resolve(dir);
  const file = resolve(base, rel);
  if (!file.startsWith(base + sep)) return undefined;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

/** One of the studio's own files (STUDIO_FILES). */
export function studioAsset(name: (typeof STUDIO_FILES)[number]): string {
  return join(STUDIO_ASSETS, name);
}

/** The file behind an asset or image path of the site (`assets/…`, `render/<view>/…`), if there is one. */
export function staticFile(sitePath: string, outRoot: string): string | undefined {
  const [top, ...rest] = sitePath.split("/");
  if (top === "assets") {
    const name = rest.join("/");
    if ((STUDIO_FILES as readonly string[]).includes(name)) return studioAsset(name as (typeof STUDIO_FILES)[number]);
    if (name === "katex/katex.min.css") return KATEX_FILES.css;
    if (rest[0] === "katex" && rest[1] === "fonts") return inside(KATEX_FILES.fonts, rest.slice(2).join("/"));
    return undefined;
  }
  if (top === "render" && VIEWS.some((v) => v.key === rest[0])) return inside(join(outRoot, rest[0]!), rest.slice(1).join("/"));
  return undefined;
}

/** A content file as problems name it ("_posts/x.md", or "blog/_posts/x.md" with several folders). */
export function contentFile(file: string, folders: readonly ContentFolder[]): string | undefined {
  const folder = [...folders].sort((a, b) => b.label.length - a.label.length).find((f) => file.startsWith(f.label));
  return folder ? inside(folder.dir, file.slice(folder.label.length)) : undefined;
}
