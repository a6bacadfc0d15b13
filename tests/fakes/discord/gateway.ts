/**
 * The gateway half: a `ws` server on 127.0.0.1 speaking Discord's protocol v10 with JSON encoding.
 * HELLO → IDENTIFY → READY (guilds as unavailable stubs) → one GUILD_CREATE per guild; heartbeats
 * are ACKed; RESUME replays what the session missed, then RESUMED; dispatches carry sequence numbers
 * and are filtered by the intents the bot asked for. Sharded as Discord is (shards.ts): each session
 * gets its shard's guilds and events only, an invalid `[id, count]` is closed with 4010, and an
 * IDENTIFY beyond `max_concurrency` per 5 s gets op 9 Invalid Session.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { GatewayIntentBits, GatewayOpcodes, type GatewayReadyDispatchData } from "discord-api-types/v10";
import { WebSocketServer, type WebSocket } from "ws";
import type { Core } from "./core.js";
import type { IdentifyRecord } from "./records.js";
import { APPLICATION_FLAGS } from "./metaRoutes.js";
import { guildOfEvent, identifiedShard, IdentifyLimit, receives, type ShardPair } from "./shards.js";
import { apiGuildCreate, apiUser } from "./world.js";

/** Intents Discord makes a bot enable in its developer portal first. */
const PRIVILEGED = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

/** Which intent an event needs; events not listed (READY, INTERACTION_CREATE, …) always arrive. */
const EVENT_INTENT: Record<string, number> = {
  GUILD_CREATE: GatewayIntentBits.Guilds,
  GUILD_DELETE: GatewayIntentBits.Guilds,
  GUILD_UPDATE: GatewayIntentBits.Guilds,
  CHANNEL_CREATE: GatewayIntentBits.Guilds,
  CHANNEL_UPDATE: GatewayIntentBits.Guilds,
  CHANNEL_DELETE: GatewayIntentBits.Guilds,
  THREAD_CREATE: GatewayIntentBits.Guilds,
  THREAD_DELETE: GatewayIntentBits.Guilds,
  GUILD_MEMBER_ADD: GatewayIntentBits.GuildMembers,
};

const BACKLOG = 1000;

export interface GatewayOptions {
  heartbeatIntervalMs: number;
  /** Privileged intents enabled for this bot (bits of GatewayIntentBits); others close 4014. */
  privilegedIntents: number;
  /** IDENTIFYs allowed per 5 s, one per bucket `shard_id % maxConcurrency` (`session_start_limit.max_concurrency`). */
  maxConcurrency: number;
}

interface Session {
  id: string;
  seq: number;
  intents: number;
  socket: WebSocket | null;
  backlog: { op: 0; s: number; t: string; d: unknown }[];
  shard: ShardPair;
}

/** A RESUME of a held shard, answered once the shard is released. */
interface ParkedResume {
  session: Session;
  socket: WebSocket;
  seq: number;
}

export class FakeGateway {
  readonly sessions = new Map<string, Session>();
  /** True: every IDENTIFY and RESUME is refused with 4004, as Discord does once the token is reset (REST is not affected). */
  refuseAuthentication = false;
  /** True: each connection is cut as soon as it opens (counted in `connections`), like a gateway that cannot be reached. */
  refuseConnections = false;
  /** Heartbeats received, and sockets accepted, since start. */
  heartbeats = 0;
  connections = 0;
  private server: WebSocketServer | null = null;
  private port = 0;
  private readonly identifyLimit: IdentifyLimit;
  /** Shards whose RESUME waits for `releaseShard`. */
  private readonly held = new Set<number>();
  private parked: ParkedResume[] = [];

  constructor(
    private readonly core: Core,
    private readonly options: GatewayOptions,
  ) {
    core.dispatch = (event, data) => this.dispatch(event, data);
    this.identifyLimit = new IdentifyLimit(options.maxConcurrency);
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get listening(): boolean {
    return this.server !== null;
  }

  /** Sessions with a live, identified socket. */
  get liveSessions(): number {
    return [...this.sessions.values()].filter((s) => s.socket !== null).length;
  }

  /** The shard ids of the sessions with a live socket, ascending (a shard twice if two sessions hold it). */
  get liveShards(): number[] {
    return [...this.sessions.values()].filter((s) => s.socket !== null).map((s) => s.shard[0]).sort((a, b) => a - b);
  }

  /**
   * Closes the live sessions of shard `id` with a resumable code, as when Discord's node of that shard
   * goes away. With `hold`, their RESUME is left unanswered (the shard stays down, the others run)
   * until `releaseShard(id)`. Returns how many sessions were dropped.
   */
  dropShard(id: number, opts: { code?: number; hold?: boolean } = {}): number {
    if (opts.hold) this.held.add(id);
    let dropped = 0;
    for (const session of this.sessions.values()) {
      const socket = session.socket;
      if (session.shard[0] !== id || !socket) continue;
      session.socket = null;
      socket.close(opts.code ?? 4000, "Shard going away");
      setTimeout(() => socket.terminate(), 1000).unref();
      dropped++;
    }
    this.core.changed();
    return dropped;
  }

  /** Answers the RESUMEs held for shard `id`, and those to come. */
  releaseShard(id: number): void {
    this.held.delete(id);
    const [now, later] = [this.parked.filter((p) => p.session.shard[0] === id), this.parked.filter((p) => p.session.shard[0] !== id)];
    this.parked = later;
    for (const p of now) if (p.socket.readyState === p.socket.OPEN) this.completeResume(p.session, p.socket, p.seq);
  }

  /** RESUMEs waiting for `releaseShard`. */
  get heldResumes(): number {
    return this.parked.length;
  }

  async listen(port = this.port): Promise<number> {
    const server = new WebSocketServer({ host: "127.0.0.1", port });
    await new Promise<void>((resolve, reject) => {
      server.once("listening", resolve);
      server.once("error", reject);
    });
    server.on("connection", (socket, req) => this.accept(socket, new URL(req.url ?? "/", "ws://x").searchParams));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this.port;
  }

  /** Stops listening; open sockets close with `code` (4000, "unknown error", lets the bot resume). */
  async close(code = 4000): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.dropConnections(code, "Gateway going away");
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Closes every socket but keeps listening, like a gateway node restarting under a live bot. */
  dropConnections(code = 4000, reason = "Reconnect"): void {
    for (const session of this.sessions.values()) {
      const socket = session.socket;
      session.socket = null;
      if (!socket) continue;
      socket.close(code, reason);
      setTimeout(() => socket.terminate(), 1000).unref();
    }
    for (const socket of this.server?.clients ?? []) socket.close(code, reason);
  }

  /** op 7 Reconnect: Discord asks the bot to reconnect and resume. */
  requestReconnect(): void {
    for (const session of this.sessions.values()) session.socket?.send(JSON.stringify({ op: GatewayOpcodes.Reconnect, d: null, s: null, t: null }));
  }

  /** op 9 Invalid Session; with `resumable: false` the bot must IDENTIFY again. */
  invalidateSessions(resumable = false): void {
    for (const [id, session] of this.sessions) {
      session.socket?.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null }));
      if (!resumable) this.sessions.delete(id);
    }
  }

  dispatch(event: string, data: unknown): void {
    const needs = EVENT_INTENT[event] ?? 0;
    const guildId = guildOfEvent(event, data);
    for (const session of this.sessions.values()) {
      if (needs && !(session.intents & needs)) continue;
      if (!receives(session.shard, guildId)) continue;
      this.send(session, event, data);
    }
  }

  private send(session: Session, event: string, data: unknown): void {
    const frame = { op: 0 as const, s: ++session.seq, t: event, d: data };
    session.backlog.push(frame);
    if (session.backlog.length > BACKLOG) session.backlog.shift();
    session.socket?.send(JSON.stringify(frame));
  }

  private accept(socket: WebSocket, query: URLSearchParams): void {
    this.connections++;
    this.core.changed();
    if (this.refuseConnections) return socket.terminate();
    if (query.get("v") !== "10") return socket.close(4012, "Invalid API version");
    if ((query.get("encoding") ?? "json") !== "json") return socket.close(4002, "Decode error");
    let session: Session | null = null;
    socket.send(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs }, s: null, t: null }));
    socket.on("message", (raw) => {
      let payload: { op?: number; d?: Record<string, unknown> | number | null };
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        return socket.close(4002, "Decode error");
      }
      const d = (typeof payload.d === "object" && payload.d !== null ? payload.d : {}) as Record<string, unknown>;
      switch (payload.op) {
        case GatewayOpcodes.Heartbeat:
          this.heartbeats++;
          return socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null }));
        case GatewayOpcodes.Identify:
          if (session) return socket.close(4005, "Already authenticated");
          session = this.identify(socket, d);
          return;
        case GatewayOpcodes.Resume:
          if (session) return socket.close(4005, "Already authenticated");
          session = this.resume(socket, d);
          return;
        case GatewayOpcodes.PresenceUpdate:
        case GatewayOpcodes.VoiceStateUpdate:
        case GatewayOpcodes.RequestGuildMembers:
          return;
        default:
          return socket.close(4001, "Unknown opcode");
      }
    });
    socket.on("close", (code) => {
      if (session?.socket === socket) session.socket = null;
      this.parked = this.parked.filter((p) => p.socket !== socket);
      // A bot that closes with 1000/1001 ends its session, as on Discord; other codes keep it resumable.
      if (session && (code === 1000 || code === 1001)) this.sessions.delete(session.id);
      this.core.changed();
    });
  }

  private tokenOk(token: unknown): boolean {
    return !this.refuseAuthentication && typeof token === "string" && token.replace(/^Bot /, "") === this.core.options.token;
  }

  private identify(socket: WebSocket, d: Record<string, unknown>): Session | null {
    if (!this.tokenOk(d.token)) {
      socket.close(4004, "Authentication failed");
      return null;
    }
    const intents = Number(d.intents);
    const record: IdentifyRecord = { intents, token: String(d.token), shard: d.shard as [number, number] | undefined, at: Date.now() };
    this.core.identifies.push(record);
    const shard = identifiedShard(d.shard);
    if (!shard) {
      record.refused = "4010 Invalid shard";
      socket.close(4010, "Invalid shard");
      return null;
    }
    if (!this.identifyLimit.admit(shard[0], record.at)) {
      record.refused = "op 9 max_concurrency";
      socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null }));
      return null;
    }
    if (intents & PRIVILEGED & ~this.options.privilegedIntents) {
      socket.close(4014, "Disallowed intent(s)");
      return null;
    }
    const world = this.core.world;
    const session: Session = { id: randomBytes(16).toString("hex"), seq: 0, intents, socket, backlog: [], shard };
    this.sessions.set(session.id, session);
    const guilds = [...world.guilds.values()].filter((g) => g.botIsMember && receives(shard, g.id));
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: { ...apiUser(world.bot), verified: true, mfa_enabled: false },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.url,
      shard: [shard[0], shard[1]],
      application: { id: world.applicationId, flags: APPLICATION_FLAGS, flags_new: String(APPLICATION_FLAGS) },
    };
    this.send(session, "READY", ready);
    if (intents & GatewayIntentBits.Guilds) for (const g of guilds) this.send(session, "GUILD_CREATE", apiGuildCreate(world, g));
    this.core.changed();
    return session;
  }

  private resume(socket: WebSocket, d: Record<string, unknown>): Session | null {
    if (!this.tokenOk(d.token)) {
      socket.close(4004, "Authentication failed");
      return null;
    }
    const session = this.sessions.get(String(d.session_id));
    const seq = Number(d.seq);
    const oldest = session?.backlog[0]?.s ?? 1;
    if (!session || seq > session.seq || seq < oldest - 1) {
      socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null }));
      return null;
    }
    if (this.held.has(session.shard[0])) {
      this.parked.push({ session, socket, seq });
      this.core.changed();
      return session;
    }
    this.completeResume(session, socket, seq);
    return session;
  }

  private completeResume(session: Session, socket: WebSocket, seq: number): void {
    session.socket?.close(4000, "Session resumed elsewhere");
    session.socket = socket;
    const missed = session.backlog.filter((f) => f.s > seq);
    for (const frame of missed) socket.send(JSON.stringify(frame));
    this.send(session, "RESUMED", null);
    this.core.resumes.push({ sessionId: session.id, seq, replayed: missed.length, at: Date.now(), shard: session.shard[0] });
    this.core.changed();
  }
}
