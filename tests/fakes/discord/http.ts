/**
 * The REST half's plumbing: a node:http server on 127.0.0.1 that parses JSON and multipart bodies
 * (`payload_json` + `files[n]`, the way @discordjs/rest sends them), matches a route table, applies
 * auth, failure injection and rate limits in Discord's order, and records every request.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { LimitVerdict } from "./rateLimits.js";
import type { RecordedRequest, Rejection } from "./records.js";

export interface UploadedFile {
  /** The n of the `files[n]` form field. */
  index: number;
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface RestRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  params: Record<string, string>;
  /** The JSON body, or the parsed `payload_json` of a multipart body; undefined when there was none. */
  json: unknown;
  files: UploadedFile[];
}

export interface RestReply {
  status: number;
  body?: unknown;
}

/** A refusal in Discord's shape: `{ code, message, errors? }` with an HTTP status. */
export class DiscordRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: unknown,
  ) {
    super(message);
  }
}

export interface Route {
  method: string;
  /** `/channels/:channel/messages`; segments starting with ':' capture. */
  pattern: string;
  /** false for interaction callbacks and webhook-token routes, which Discord serves without the bot token. */
  auth: boolean;
  /** Rate-limit bucket name (null: none); its major parameter is the first captured segment. */
  bucket: string | null;
  /** The bucket's major parameter; default the first captured segment (the channel, guild, app). */
  major?: (params: Record<string, string>) => string;
  handle(req: RestRequest): Promise<RestReply> | RestReply;
}

/** Hooks the server asks before running a handler; each may answer instead of it. */
export interface Gatekeeper {
  token: string;
  delayMs(req: RestRequest): number;
  /** An injected 5xx status for this request, or 0. */
  serverError(req: RestRequest): number;
  rateLimit(route: Route, major: string): LimitVerdict;
  onRequest(r: RecordedRequest): void;
  onRejection(r: Rejection): void;
}

const API_PREFIX = /^\/api(?:\/v(\d+))?(\/.*)$/;

export class RestServer {
  private server: Server | null = null;
  private port = 0;

  constructor(
    private readonly routes: Route[],
    private readonly gate: Gatekeeper,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async listen(port = this.port): Promise<number> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => void this.serve(req.method ?? "GET", req.url ?? "/", req.headers, Buffer.concat(chunks), res));
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this.port;
  }

  /** Closes the port; open connections and requests in flight are cut (the client sees a reset). */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  get listening(): boolean {
    return this.server !== null;
  }

  private async serve(method: string, rawUrl: string, headers: IncomingHttpHeaders, body: Buffer, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const at = Date.now();
    const url = new URL(rawUrl, "http://127.0.0.1");
    const prefixed = API_PREFIX.exec(url.pathname);
    const path = decodeURIComponent(prefixed?.[2] ?? url.pathname);
    let routeName = "";
    const req: RestRequest = { method, path, query: url.searchParams, headers, params: {}, json: undefined, files: [] };
    const finish = (status: number, payload: unknown, extra: Record<string, string> = {}): void => {
      const code = typeof payload === "object" && payload !== null && "code" in payload ? Number((payload as { code: unknown }).code) : undefined;
      this.gate.onRequest({ method, path, route: routeName, status, code, at, durationMs: performance.now() - started });
      if (status >= 400 && status < 500) {
        const p = (payload ?? {}) as { message?: string; errors?: unknown; retry_after?: number };
        this.gate.onRejection({ method, path, status, code: code ?? 0, message: p.message ?? "", detail: p.errors ?? (status === 429 ? payload : undefined), at });
      }
      if (res.destroyed) return;
      if (status === 204 || payload === undefined) {
        res.writeHead(status, extra).end();
        return;
      }
      res.writeHead(status, { ...extra, "Content-Type": "application/json" }).end(JSON.stringify(payload));
    };

    const match = prefixed && (prefixed[1] === undefined || prefixed[1] === "10") ? this.match(method, path) : null;
    if (match) {
      routeName = `${method} ${match.route.pattern}`;
      req.params = match.params;
    }
    const delay = this.gate.delayMs(req);
    if (delay > 0) await waitOrCut(res, delay);
    // Cut while waiting (stopRest): recorded with status 0, nothing can be answered.
    if (res.destroyed) return finish(0, undefined);
    if (!match) return finish(404, { message: "404: Not Found", code: 0 });
    const { route, params } = match;

    const injected = this.gate.serverError(req);
    if (injected) return finish(injected, { message: `${injected}: Internal Server Error`, code: 0 });

    if (route.auth && headers.authorization !== `Bot ${this.gate.token}`) return finish(401, { message: "401: Unauthorized", code: 0 });

    const verdict = this.gate.rateLimit(route, route.major?.(params) ?? Object.values(params)[0] ?? "global");
    if (verdict.tooMany) return finish(429, verdict.tooMany.body, verdict.headers);

    try {
      await parseBody(req, headers, body);
      const reply = await route.handle(req);
      finish(reply.status, reply.body, verdict.headers);
    } catch (err) {
      if (err instanceof DiscordRefusal) {
        const payload = err.errors === undefined ? { message: err.message, code: err.code } : { message: err.message, code: err.code, errors: err.errors };
        finish(err.status, payload, verdict.headers);
      } else {
        finish(500, { message: `500: ${(err as Error).message}`, code: 0 });
      }
    }
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    const parts = path.split("/").filter(Boolean);
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const pattern = route.pattern.split("/").filter(Boolean);
      if (pattern.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = pattern.every((seg, i) => {
        const part = parts[i]!;
        if (seg.startsWith(":")) {
          params[seg.slice(1)] = part;
          return true;
        }
        return seg === part;
      });
      if (ok) return { route, params };
    }
    return null;
  }
}

/** Waits `ms`, or less if the connection is cut meanwhile. */
function waitOrCut(res: ServerResponse, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res.off("close", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.once("close", done);
  });
}

async function parseBody(req: RestRequest, headers: IncomingHttpHeaders, body: Buffer): Promise<void> {
  if (body.length === 0) return;
  const type = headers["content-type"] ?? "";
  if (type.startsWith("application/json")) {
    try {
      req.json = JSON.parse(body.toString("utf8"));
    } catch {
      throw new DiscordRefusal(400, 50109, "The request body contains invalid JSON.");
    }
    return;
  }
  if (type.startsWith("multipart/form-data")) {
    // undici's Request parses multipart exactly as a browser would, with no extra package.
    const form = await new Request("http://127.0.0.1/", { method: "POST", headers: { "content-type": type }, body: new Uint8Array(body) }).formData();
    for (const [field, value] of form.entries()) {
      if (field === "payload_json" && typeof value === "string") {
        try {
          req.json = JSON.parse(value);
        } catch {
          throw new DiscordRefusal(400, 50109, "The request body contains invalid JSON.");
        }
        continue;
      }
      const file = /^files\[(\d+)\]$/.exec(field);
      if (file && typeof value !== "string") {
        req.files.push({ index: Number(file[1]), name: value.name, contentType: value.type || "application/octet-stream", bytes: Buffer.from(await value.arrayBuffer()) });
      }
    }
    req.files.sort((a, b) => a.index - b.index);
    return;
  }
  throw new DiscordRefusal(400, 50035, "Invalid Form Body");
}
