import type { Logger } from "pino";
import type { Platform } from "../contract/lessons.js";
import type { LearningCore } from "./core.js";
import type { Courses } from "./courses.js";
import type { Sender } from "./sender.js";

/** What a running adapter gets from the composition root once the learning core is assembled. */
export interface AdapterContext {
  core: LearningCore;
  /** The adapter's own sender behind the core's rate limiter: replies go through it like lessons. */
  sender: Sender;
  courses: Courses;
  log: Logger;
  /** Aborted when the bot stops: a start still trying to reach its platform gives up. */
  signal?: AbortSignal;
}

/**
 * A chat platform as the composition root sees it. Built first (its `sender` goes into the learning
 * core, which wraps it in the rate limiter), then started with the assembled core; stopped on shutdown.
 */
export interface PlatformAdapter {
  readonly platform: Platform;
  /** Sends one message; the core wraps it in its rate limiter and ledger. */
  readonly sender: Sender;
  /** Connects to the platform and starts handing updates to the core. */
  start(ctx: AdapterContext): Promise<void>;
  /**
   * A standby's share, where the platform lets several processes take updates (Telegram's webhook
   * behind a load balancer): connect and hand updates to the core, without claiming them (no
   * setWebhook, no polling, no command sync). `start`, once the lock is won, does the rest. Absent
   * where only one process may take updates (long polling, Discord's gateway).
   */
  acceptUpdates?(ctx: AdapterContext): Promise<void>;
  /** Stops taking updates and lets the update being handled finish. */
  stop(): Promise<void>;
  /** Connected to the platform (for /healthz). */
  isConnected(): boolean;
  /** /healthz's word on the connection when it is more than connected or not (Discord: its shards). */
  connectionDetail?(): string;
  /** Images uploaded, and uploads saved by reusing a platform file id (for /metrics). */
  uploadCounts?(): { uploaded: number; reused: number };
}

/** The platform's ids of uploaded images, by a hash of the bytes (Telegram's file_ids). */
export interface UploadCache {
  get(platform: Platform, hash: string): string | undefined;
  put(platform: Platform, hash: string, fileId: string, now: number): void;
}
