/**
 * `npm run cli -- preview [--content DIR…] [--port 4000] [--host 127.0.0.1] [--out DIR]`: the author
 * preview (its options are read by the command line, src/cli/commands.ts). Renders every view of the
 * content, then either serves the pages live (one line with the URL; every edit re-renders and open
 * pages follow) or, with --out, writes them as static files.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Logger } from "pino";
import { exportSite } from "./export.js";
import { startPreviewServer } from "./server.js";
import { PreviewWorkspace } from "./workspace.js";

/** Where the command prints (the command line's redacted output). */
export interface PreviewOutput {
  out(line: string): void;
  err(line: string): void;
}

export interface PreviewOptions {
  contentDirs: readonly string[];
  port: number;
  host: string;
  /** Write static pages here instead of serving them. */
  out?: string;
  /** DATA_DIR/cache/math, shared with render and the bot. */
  cacheDir: string;
}

/** Exit code. Serves until SIGINT or SIGTERM, or writes the pages and returns. */
export async function previewCommand(opts: PreviewOptions, log: Logger, output: PreviewOutput): Promise<number> {
  const { port, host, cacheDir } = opts;
  const contentDirs = [...new Set(opts.contentDirs.map((d) => resolve(d)))];

  if (opts.out) {
    const out = resolve(opts.out);
    const ws = new PreviewWorkspace({ contentDirs, outRoot: join(out, "render"), cacheDir }, log);
    const snapshot = await ws.start();
    const pages = exportSite(snapshot, ws.folders, out);
    output.out(`${pages} pages → ${join(out, "index.html")}`);
    return 0;
  }

  // Renders for a live preview are thrown away when it stops.
  const outRoot = mkdtempSync(join(tmpdir(), "sau-phut-preview-"));
  const ws = new PreviewWorkspace({ contentDirs, outRoot, cacheDir }, log);
  await ws.start();
  const server = await startPreviewServer(ws, { port, host, outRoot });
  const stopWatching = ws.watch();
  ws.onRender((s) => {
    const fresh = s.edit?.newErrors.length ?? 0;
    output.out(s.failure ? `version ${s.generation}: the render failed: ${s.failure}` : `version ${s.generation} rendered${fresh ? `: ${fresh} new error(s)` : ""}`);
  });
  output.out(`Previewing ${contentDirs.join(", ")} at ${server.url}`);
  await new Promise<void>((done) => {
    for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => done());
  });
  stopWatching();
  await server.close();
  await ws.idle();
  rmSync(outRoot, { recursive: true, force: true });
  return 0;
}
