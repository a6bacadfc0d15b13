/**
 * The operator's HTTP endpoints on METRICS_PORT: /healthz (200 when every part is well, 503 naming
 * the parts that are not, and the process's role: active, or a standby waiting for the lock) and
 * /metrics (Prometheus text format).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

import type { Role } from "../../src/ops/election.js";
import type { HealthCheck } from "../../src/ops/health.js";

export interface OpsServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startOpsServer(opts: { port: number; host?: string; registry: Registry; health: () => HealthCheck[]; role?: () => Role }): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    if (path === "/healthz") {
      let checks: HealthCheck[];
      try {
        checks = opts.health();
      } catch (err) {
        checks = [{ name: "health", ok: false, detail: (err as Error).message }];
      }
      const failing = checks.filter((c) => !c.ok).map((c) => c.name);
      const role = opts.role?.();
      const body = JSON.stringify({ status: failing.length ? "failing" : "ok", ...(role ? { role } : {}), failing, checks: Object.fromEntries(checks.map((c) => [c.name, c.detail])) });
      res.writeHead(failing.length ? 503 : 200, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" }).end(body);
      return;
    }
    if (path === "/metrics") {
      opts.registry.metrics().then(
        (text) => res.writeHead(200, { "content-type": opts.registry.contentType }).end(text),
        (err: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(`metrics failed: ${(err as Error).message}`),
      );
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found: try /healthz or /metrics\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "0.0.0.0", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
