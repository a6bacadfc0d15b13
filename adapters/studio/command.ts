/**
 * `npm run cli -- preview [--content DIR…] [--port 4000] [--host 127.0.0.1] [--out DIR]`: the author
 * preview. Renders every view of the content, then either serves the pages live (one line with the
 * URL; every edit re-renders and open pages follow) or, with --out, writes them as static files.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Logger } from "pino";
import { exportSite } from "./export.js";
import { startPreviewServer } from "./server.js";
import { PreviewWorkspace } from "./workspace.js";

export const PREVIEW_USAGE = "npm run cli -- preview [--content DIR]… [--port 4000] [--host 127.0.0.1] [--out DIR]";

/** Exit code. `defaults`: DATA_DIR (its math cache is shared with render and the bot) and CONTENT_DIR. */
export async function previewCommand(args: string[], defaults: { dataDir: string; contentDirs: readonly string[] }, log: Logger): Promise<number> {
  let values: { content?: string[]; port?: string; host?: string; out?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { content: { type: "string", multiple: true }, port: { type: "string", default: "4000" }, host: { type: "string", default: "127.0.0.1" }, out: { type: "string" } },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\nUsage: ${PREVIEW_USAGE}`);
    return 2;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number (0–65535), not "${values.port}".\nUsage: ${PREVIEW_USAGE}`);
    return 2;
  }
  const contentDirs = [...new Set((values.content?.length ? values.content : defaults.contentDirs).map((d) => resolve(d)))];
  const cacheDir = join(defaults.dataDir, "cache", "math");

  if (values.out) {
    const out = resolve(values.out);
    const ws = new PreviewWorkspace({ contentDirs, outRoot: join(out, "render"), cacheDir }, log);
    const snapshot = await ws.start();
    const pages = exportSite(snapshot, ws.folders, out);
    console.log(`${pages} pages → ${join(out, "index.html")}`);
    return 0;
  }

  // Renders for a live preview are thrown away when it stops.
  const outRoot = mkdtempSync(join(tmpdir(), "sau-phut-preview-"));
  const ws = new PreviewWorkspace({ contentDirs, outRoot, cacheDir }, log);
  await ws.start();
  const server = await startPreviewServer(ws, { port, host: values.host!, outRoot });
  const stopWatching = ws.watch();
  ws.onRender((s) => {
    const fresh = s.edit?.newErrors.length ?? 0;
    console.log(s.failure ? `version ${s.generation}: the render failed: ${s.failure}` : `version ${s.generation} rendered${fresh ? `: ${fresh} new error(s)` : ""}`);
  });
  console.log(`Previewing ${contentDirs.join(", ")} at ${server.url}`);
  await new Promise<void>((done) => {
    for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => done());
  });
  stopWatching();
  await server.close();
  await ws.idle();
  rmSync(outRoot, { recursive: true, force: true });
  return 0;
}
