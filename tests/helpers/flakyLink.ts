import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP port in front of a server, for a network that fails the way an outage does: up, it forwards
 * both ways; down, it cuts every connection in flight and drops each new one as it opens (counting
 * them, so a test can wait for the attempts of the process behind it).
 */
export class FlakyLink {
  /** Connections dropped while down. */
  dropped = 0;
  private isUp = true;
  private readonly open = new Set<Socket>();
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly server: Server,
    private readonly targetPort: number,
  ) {}

  static async start(targetPort: number, opts: { up?: boolean } = {}): Promise<FlakyLink> {
    const server = createServer();
    const link = new FlakyLink(server, targetPort);
    link.isUp = opts.up ?? true;
    server.on("connection", (socket) => link.accept(socket));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    return link;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  up(): void {
    this.isUp = true;
  }

  down(): void {
    this.isUp = false;
    for (const s of this.open) s.destroy();
    this.open.clear();
  }

  /**
   * A network that goes silent: the connections stay open but nothing passes either way (no reset,
   * as when a route is lost), until they are closed.
   */
  freeze(): void {
    for (const s of this.open) {
      s.unpipe();
      s.pause();
    }
  }

  /** Resolves once `n` connections were dropped in all. */
  droppedAtLeast(n: number, timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${this.dropped} connection(s) dropped within ${timeoutMs} ms, waiting for ${n}`)), timeoutMs);
      const check = (): void => {
        if (this.dropped < n) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve();
      };
      this.waiters.push(check);
      check();
    });
  }

  async close(): Promise<void> {
    this.down();
    await new Promise((r) => this.server.close(r));
  }

  private accept(socket: Socket): void {
    if (!this.isUp) {
      this.dropped++;
      socket.destroy();
      for (const w of [...this.waiters]) w();
      return;
    }
    const upstream = connect(this.targetPort, "127.0.0.1");
    for (const s of [socket, upstream]) {
      this.open.add(s);
      s.on("error", () => undefined);
      s.on("close", () => {
        this.open.delete(s);
        socket.destroy();
        upstream.destroy();
      });
    }
    socket.pipe(upstream).pipe(socket);
  }
}
