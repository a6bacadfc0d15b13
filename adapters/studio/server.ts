/**
 * The preview's HTTP server (Node's own http): pages drawn from the workspace's current version on
 * each request, the studio's and KaTeX's files, the rendered images, and `/events`, a server-sent
 * event stream that tells open pages when a new version is ready.
 */
import { createReadStream, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { drawPage, notFoundPage } from "../../src/studio/pages/index.js";
import { pageAt } from "../../src/studio/site.js";
import type { Snapshot } from "../../src/studio/model.js";
import { contentFile, contentType, staticFile } from "./files.js";
import { sendExtras } from "./extras.js";
import type { PreviewWorkspace } from "./workspace.js";

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

const LIVE = { live: true } as const;

/** The site path of a request ("" for "/"), decoded; undefined when the URL cannot be decoded. */
function sitePath(req: IncomingMessage): string | undefined {
  try {
    const { pathname } = new URL(req.url ?? "/", "http://preview");
    return pathname.split("/").filter(Boolean).map(decodeURIComponent).join("/");
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

export async function startPreviewServer(ws: PreviewWorkspace, opts: { port: number; host: string; outRoot: string }): Promise<PreviewServer> {
  const streams = new Set<ServerResponse>();
  const announce = (s: Snapshot): string => `event: render\ndata: ${JSON.stringify({ version: s.version, generation: s.generation })}\n\n`;
  const stopListening = ws.onRender((s) => {
    for (const res of streams) res.write(announce(s));
  });

  const events = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    // The current version at once: a page that missed a render while it loaded catches up.
    res.write(`retry: 1000\n\n${announce(ws.current)}`);
    streams.add(res);
    req.on("close", () => streams.delete(res));
  };

  const readSource = (file: string): string | undefined => {
    const path = contentFile(file, ws.folders);
    return path === undefined ? undefined : readFileSync(path, "utf8");
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "text/plain; charset=utf-8", "GET only\n");
    const path = sitePath(req);
    if (path === undefined) return send(res, 400, "text/plain; charset=utf-8", "bad URL\n");
    if (path === "events") return events(req, res);
    const file = staticFile(path, opts.outRoot);
    if (file) {
      res.writeHead(200, { "content-type": contentType(file), "cache-control": "no-cache" });
      createReadStream(file).pipe(res);
      return;
    }
    const s = ws.current;
    const ref = pageAt(s, path);
    const html = ref ? drawPage(s, ref, { extras: sendExtras, readSource }, LIVE) : undefined;
    if (html === undefined) return send(res, 404, "text/html; charset=utf-8", notFoundPage(s, path, LIVE));
    send(res, 200, "text/html; charset=utf-8", html);
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      // A page that cannot be drawn is a bug in the studio: say so on the page, keep serving.
      send(res, 500, "text/plain; charset=utf-8", `the preview could not draw this page: ${(err as Error).stack ?? String(err)}\n`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host}:${port}/`,
    close: async () => {
      stopListening();
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
