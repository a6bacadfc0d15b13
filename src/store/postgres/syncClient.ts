/**
 * A PostgreSQL connection the store can call synchronously, as it calls SQLite: `pg` runs in a worker
 * thread of its own, and each query waits on a shared flag (Atomics.wait) until the worker has put the
 * answer on the message port. The learning core keeps one synchronous transaction per use case; the
 * main thread waits for the database as it waits for SQLite's disk, bounded by a timeout, so a server
 * that stops answering is an error, never a hang.
 */
import { createRequire } from "node:module";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";

/** The worker: one pg.Client, queries in arrival order, the answer posted before the flag is raised. */
const WORKER = `
const { workerData } = require("node:worker_threads");
const pg = require(workerData.pgPath);
const { port, shared, url } = workerData;
const flag = new Int32Array(shared);
// BIGINT (timestamps in ms, ids, counts) and NUMERIC (sums, averages) as numbers, as SQLite gives them.
const types = { getTypeParser: (oid, format) => (oid === 20 || oid === 1700 ? (v) => (v === null ? null : Number(v)) : pg.types.getTypeParser(oid, format)) };
const client = new pg.Client({ connectionString: url, types, keepAlive: true, application_name: workerData.name });
let lost;
client.on("error", (e) => { lost = e; });
const ready = client.connect();
const names = new Map();
const MAX_NAMED = 500;
function answer(reply) {
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
// Whatever goes wrong outside a query is still an answer: the caller is blocked until it gets one.
process.on("uncaughtException", (e) => { lost = e; answer({ error: { message: "the PostgreSQL connection failed: " + e.message, code: e.code } }); });
port.on("message", async (m) => {
  try {
    await ready;
    if (lost) throw lost;
    if (m.type === "close") {
      await client.end();
      answer({ rows: [], rowCount: 0 });
      port.close();
      return;
    }
    // Named (parsed and planned once) up to MAX_NAMED texts: statements built with a varying number
    // of parameters must not grow the server's statement cache without end.
    let name;
    if (m.prepare) {
      name = names.get(m.sql);
      if (name === undefined && names.size < MAX_NAMED) { name = "s" + names.size; names.set(m.sql, name); }
    }
    const r = await client.query({ text: m.sql, values: m.values, name, rowMode: m.raw ? "array" : undefined });
    const last = Array.isArray(r) ? r[r.length - 1] : r;
    answer({ rows: last.rows ?? [], rowCount: last.rowCount ?? 0 });
  } catch (e) {
    answer({ error: { message: e.message, code: e.code, detail: e.detail, position: e.position } });
  }
});
`;

export interface QueryResult {
  rows: unknown[];
  rowCount: number;
}

/** An error the server (or the connection) gave, with PostgreSQL's SQLSTATE as `code`. */
export class PostgresError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly detail?: string,
  ) {
    super(message);
    this.name = "PostgresError";
  }
}

/** The address without its password: what messages may show. */
export function safeAddress(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}

export class SyncPostgresClient {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private closed = false;

  constructor(
    url: string,
    private readonly timeoutMs = 60_000,
    name = "sau-phut",
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const pgPath = createRequire(import.meta.url).resolve("pg");
    // execArgv empty: the worker is plain CommonJS, whatever flags (--input-type, loaders) the process has.
    this.worker = new Worker(WORKER, { eval: true, execArgv: [], workerData: { port: port2, shared: this.flag.buffer, url, pgPath, name }, transferList: [port2] });
    // The worker never keeps the process alive: close() ends it, and so does the process's exit.
    this.worker.unref();
    this.worker.on("error", () => {
      this.closed = true;
    });
  }

  get open(): boolean {
    return !this.closed;
  }

  /** One statement (or, without values, several); rows as objects, or arrays with `raw`. */
  query(sql: string, values: readonly unknown[] = [], options: { prepare?: boolean; raw?: boolean } = {}): QueryResult {
    return this.call({ type: "query", sql, values, prepare: options.prepare ?? false, raw: options.raw ?? false });
  }

  close(): void {
    if (this.closed) return;
    try {
      this.call({ type: "close" }, 5000);
    } catch {
      // the server is gone already
    }
    this.closed = true;
    void this.worker.terminate();
  }

  private call(message: object, timeoutMs = this.timeoutMs): QueryResult {
    if (this.closed) throw new PostgresError("the PostgreSQL connection is closed", "08003");
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(message);
    // Woken with the flag still down is the late notify of the previous answer (the worker raises the
    // flag, this thread reads it and moves on, then the worker's notify lands): wait again.
    const deadline = performance.now() + timeoutMs;
    while (Atomics.load(this.flag, 0) === 0 && performance.now() < deadline) Atomics.wait(this.flag, 0, 0, deadline - performance.now());
    if (Atomics.load(this.flag, 0) === 0) {
      // The answer may still come, to a question nobody waits for: the connection cannot be trusted.
      this.closed = true;
      void this.worker.terminate();
      throw new PostgresError(`PostgreSQL did not answer within ${Math.round(timeoutMs / 1000)} s; the connection was closed`, "57014");
    }
    const reply = receiveMessageOnPort(this.port)?.message as (QueryResult & { error?: { message: string; code?: string; detail?: string } }) | undefined;
    if (!reply) throw new PostgresError("the PostgreSQL worker gave no answer", "08006");
    if (reply.error) {
      // A network error (ECONNREFUSED…), a connection exception (08…) or the server shutting down (57P…): the connection is gone.
      const code = reply.error.code ?? "";
      if (!/^[0-9A-Z]{5}$/.test(code) || code.startsWith("08") || code.startsWith("57P")) this.closed = true;
      throw new PostgresError(reply.error.message, reply.error.code, reply.error.detail);
    }
    return reply;
  }
}
