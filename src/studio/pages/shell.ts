/**
 * The frame every preview page shares: KaTeX's and the studio's CSS, the theme switch, the banner
 * an edit with errors raises, and (when served live) the script that follows renders. The live
 * script swaps `#studio-page` for the new version's, so everything that changes lives inside it.
 */
import { escapeAttr, escapeHtml } from "../../text/html.js";
import { formatProblem } from "../../text/problemLine.js";
import type { Snapshot } from "../model.js";
import { link, paths, rootOf } from "../paths.js";

export interface PageOptions {
  /** Served by the preview server (live reload), rather than exported as static files. */
  live: boolean;
}

export interface PageContent {
  /** The page's own path (paths.ts), for its relative links. */
  path: string;
  title: string;
  /** Breadcrumbs after the catalogue: [text, path] (the last one is the page itself). */
  trail: [string, string | null][];
  body: string;
}

/** The banner after an edit: what broke, and what a running bot would do about it. */
export function banner(s: Snapshot, root: string): string {
  if (s.failure) {
    return `<div class="banner error" role="alert"><strong>The last render failed:</strong> ${escapeHtml(s.failure)} · showing the version before it.</div>`;
  }
  const fresh = s.edit?.newErrors ?? [];
  if (!fresh.length) return "";
  const items = fresh.map((p) => `<li><a href="${link(root, paths.source(p.file), `L${p.line}`)}">${escapeHtml(formatProblem(p))}</a></li>`).join("");
  return `<div class="banner error" role="alert"><strong>This version has ${fresh.length} new error${fresh.length === 1 ? "" : "s"}.</strong> A running bot keeps the courses they are in at their previous version until they are fixed.<ul>${items}</ul></div>`;
}

export function shell(s: Snapshot, content: PageContent, opts: PageOptions): string {
  const root = rootOf(content.path);
  const crumbs = [`<a href="${link(root, paths.catalogue())}">Courses</a>`, ...content.trail.map(([text, path]) => (path ? `<a href="${link(root, path)}">${escapeHtml(text)}</a>` : `<span>${escapeHtml(text)}</span>`))];
  const live = opts.live ? `<script src="${link(root, paths.asset("live.js"))}" defer></script>` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(content.title)} · Sáu Phút studio</title>
<link rel="stylesheet" href="${link(root, paths.asset("katex/katex.min.css"))}">
<link rel="stylesheet" href="${link(root, paths.asset("studio.css"))}">
<link rel="stylesheet" href="${link(root, paths.asset("telegram.css"))}">
<link rel="stylesheet" href="${link(root, paths.asset("discord.css"))}">
<script src="${link(root, paths.asset("theme.js"))}"></script>
${live}
</head>
<body data-version="${escapeAttr(s.version)}"${opts.live ? ` data-events="${link(root, "events")}"` : ""}>
<div id="studio-page">
<header class="studio-bar"><nav class="crumbs">${crumbs.join(" › ")}</nav><span class="spacer"></span><span class="studio-live" data-studio-note>${opts.live ? `live · version ${s.generation}` : "exported"}</span><button type="button" class="theme-switch" data-theme-switch>Light / dark</button></header>
<div id="studio-banner">${banner(s, root)}</div>
<main id="studio-main">
${content.body}
</main>
</div>
</body>
</html>
`;
}
