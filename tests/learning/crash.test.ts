import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { claimDue } from "../../src/learning/claim.js";
import { Store } from "../../src/store/store.js";
import { catalogueOf, makeCourse, TEST_COURSE, tempDir } from "./helpers.js";

const root = resolve(import.meta.dirname, "../..");
const child = join(root, "tests/learning/fixtures/deliverChild.ts");
const PER_LESSON = 12;
const SPACING_MS = 600;

/** The fake platform: records every message that reaches it; `hold` decides which ones get no answer. */
class FakePlatform {
  readonly received: string[] = [];
  private server!: Server;
  private waiters: { count: number; resolve: () => void }[] = [];
  hold: (text: string) => boolean = () => false;
  private held: ServerResponse[] = [];

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const { text } = JSON.parse(body) as { text: string };
        this.received.push(text);
        if (this.hold(text)) this.held.push(res);
        else {
          res.setHeader("content-type", "application/json");
          res.end(JSON.stringify({ ok: true, messageId: String(this.received.length) }));
        }
        this.waiters = this.waiters.filter((w) => (this.received.length >= w.count ? (w.resolve(), false) : true));
      });
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Resolves once `count` messages have arrived. */
  arrived(count: number): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}

const children: ChildProcess[] = [];

function startChild(db: string, url: string): { proc: ChildProcess; exit: Promise<number | null> } {
  // One process (node with tsx's loader), not the tsx wrapper: SIGKILL must hit the process that sends.
  const proc = spawn(process.execPath, ["--import", "tsx", child, db, url, String(PER_LESSON), String(SPACING_MS)], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(proc);
  const exit = new Promise<number | null>((r) => proc.on("exit", (code) => r(code)));
  return { proc, exit };
}

/** A database with one subscriber whose daily lesson (PER_LESSON messages) has been claimed. */
function prepare(dir: string): { db: string; deliveryId: number } {
  const db = join(dir, "bot.sqlite");
  const store = Store.open(db);
  const now = Date.now();
  const sub = store.subscribers.insert(
    { platform: "telegram", chatId: "42", threadId: "", kind: "private", language: "en", timeZone: "UTC", sendTime: "07:00", status: "active", nextDueAt: now - 1000 },
    now,
  );
  store.follows.follow(sub.id, TEST_COURSE, now);
  const catalogue = catalogueOf(makeCourse(3, { platform: "telegram", messagesPerLesson: PER_LESSON }));
  const { deliveries } = claimDue(store, catalogue, "telegram", now, 10);
  store.close();
  return { db, deliveryId: deliveries[0]! };
}

function sentCount(db: string, id: number): number {
  const store = Store.open(db);
  const n = store.ledger.get(id)!.sentCount;
  store.close();
  return n;
}

/** Polls the ledger (a second connection; WAL lets it read while the child writes). */
async function waitForSentCount(db: string, id: number, n: number): Promise<void> {
  const reader = new Database(db, { readonly: true });
  try {
    const stmt = reader.prepare("SELECT sent_count FROM deliveries WHERE id = ?");
    for (let i = 0; i < 500; i++) {
      if ((stmt.get(id) as { sent_count: number }).sent_count >= n) return;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`sent_count never reached ${n}`);
  } finally {
    reader.close();
  }
}

const expected = Array.from({ length: PER_LESSON }, (_, i) => `L1 M${i + 1}`);
const countOf = (list: string[], text: string): number => list.filter((t) => t === text).length;

let cleanup: (() => void) | undefined;
let platform: FakePlatform | undefined;
afterEach(async () => {
  for (const proc of children.splice(0)) if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
  await platform?.stop();
  cleanup?.();
});

describe("crash safety (kill -9 of the delivering process)", () => {
  it("GIVEN a kill between two messages THEN after restart every message has arrived exactly once", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { db, deliveryId } = prepare(t.dir);
    platform = new FakePlatform();
    const url = await platform.start();

    const first = startChild(db, url);
    await platform.arrived(5);
    // Message 5 was answered; once the child has recorded it, it waits SPACING_MS before message 6.
    await waitForSentCount(db, deliveryId, 5);
    first.proc.kill("SIGKILL");
    await first.exit;
    expect(platform.received).toEqual(expected.slice(0, 5));
    expect(sentCount(db, deliveryId)).toBe(5);

    const second = startChild(db, url);
    expect(await second.exit).toBe(0);
    expect(platform.received).toEqual(expected);
    const store = Store.open(db);
    expect(store.ledger.get(deliveryId)).toMatchObject({ status: "done", sentCount: PER_LESSON });
    store.close();
  });

  it("GIVEN a kill while a send is in flight THEN that message arrives at most twice, every other exactly once, none missing", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { db, deliveryId } = prepare(t.dir);
    platform = new FakePlatform();
    const url = await platform.start();
    platform.hold = (text) => text === "L1 M7";

    const first = startChild(db, url);
    await platform.arrived(7); // message 7 reached the platform; its answer never comes back
    first.proc.kill("SIGKILL");
    await first.exit;
    expect(sentCount(db, deliveryId)).toBe(6);

    platform.hold = () => false;
    const second = startChild(db, url);
    expect(await second.exit).toBe(0);
    for (const text of expected) {
      if (text === "L1 M7") expect(countOf(platform.received, text)).toBeLessThanOrEqual(2);
      else expect(countOf(platform.received, text)).toBe(1);
    }
    expect(new Set(platform.received)).toEqual(new Set(expected));
    expect(countOf(platform.received, "L1 M7")).toBe(2);
  });
});
