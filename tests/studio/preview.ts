/**
 * The preview as the tests run it: the real workspace and the real HTTP server on 127.0.0.1, in this
 * process, rendering into a temporary folder with a math cache of the test file's own.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pino from "pino";
import { startPreviewServer } from "../../adapters/studio/server.js";
import { PreviewWorkspace } from "../../adapters/studio/workspace.js";

export const BUNDLED = resolve(import.meta.dirname, "../../content");

export interface RunningPreview {
  url: string;
  ws: PreviewWorkspace;
  /** Starts following edits (as `preview` does). */
  watch(): void;
  close(): Promise<void>;
}

export async function startPreview(contentDirs: string[], cacheDir: string): Promise<RunningPreview> {
  const outRoot = mkdtempSync(join(tmpdir(), "sau-phut-preview-test-"));
  const ws = new PreviewWorkspace({ contentDirs, outRoot, cacheDir }, pino({ level: "silent" }));
  await ws.start();
  const server = await startPreviewServer(ws, { port: 0, host: "127.0.0.1", outRoot });
  let stopWatching = (): void => undefined;
  return {
    url: server.url,
    ws,
    watch: () => {
      stopWatching = ws.watch();
    },
    close: async () => {
      stopWatching();
      await server.close();
      await ws.idle();
      rmSync(outRoot, { recursive: true, force: true });
    },
  };
}

/** The math cache for one test file (formulas drawn once per file). */
export function testCache(): string {
  return join(mkdtempSync(join(tmpdir(), "sau-phut-studio-cache-")), "math");
}
