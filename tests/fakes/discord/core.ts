/**
 * The state every part of the fake shares: the world, the recordings, the limits, the injected
 * failures, and a `changed` signal that `waitFor` listens to.
 */
import { EventEmitter } from "node:events";
import type { RateLimiter } from "./rateLimits.js";
import type { DelayedRequest, IdentifyRecord, InteractionRecord, RecordedRequest, Rejection, ResumeRecord, SentMessage } from "./records.js";
import type { RestRequest } from "./http.js";
import type { World } from "./world.js";

/** A payload the test wants refused with 50035, to exercise a fallback. */
export interface PayloadRejection {
  matches(payload: Record<string, unknown>, channelId: string): boolean;
  /** Left to refuse; Infinity until removed. */
  remaining: number;
  path: string;
  code: string;
  message: string;
}

export interface Failures {
  /** Channel id → the 403 Discord answers there (50001 Missing Access or 50013 Missing Permissions). */
  deniedChannels: Map<string, 50001 | 50013>;
  serverErrors: { remaining: number; status: number; matches: (req: RestRequest) => boolean };
  payloadRejections: PayloadRejection[];
  delay: (req: RestRequest) => number;
}

export interface CoreOptions {
  token: string;
  /** ms after dispatch within which the first callback must arrive (Discord: 3 s). */
  ackDeadlineMs: number;
  /** ms an interaction token stays valid for follow-ups and edits (Discord: 15 min). */
  tokenTtlMs: number;
  /** Per-file upload limit in bytes (Discord's default: 10 MiB). */
  maxFileBytes: number;
  keepFileBytes: boolean;
}

export class Core {
  readonly sent: SentMessage[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly delayed: DelayedRequest[] = [];
  readonly rejections: Rejection[] = [];
  readonly interactions = new Map<string, InteractionRecord>();
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: ResumeRecord[] = [];
  readonly failures: Failures = {
    deniedChannels: new Map(),
    serverErrors: { remaining: 0, status: 500, matches: () => true },
    payloadRejections: [],
    delay: () => 0,
  };
  private readonly signal = new EventEmitter();
  /** Sends a gateway dispatch to the connected bot (set by the gateway). */
  dispatch: (event: string, data: unknown) => void = () => {};

  constructor(
    readonly world: World,
    readonly limiter: RateLimiter,
    readonly options: CoreOptions,
  ) {
    this.signal.setMaxListeners(0);
  }

  changed(): void {
    this.signal.emit("changed");
  }

  onChange(listener: () => void): () => void {
    this.signal.on("changed", listener);
    return () => this.signal.off("changed", listener);
  }

  private readonly byToken = new Map<string, InteractionRecord>();

  addInteraction(ix: InteractionRecord): void {
    this.interactions.set(ix.id, ix);
    this.byToken.set(ix.token, ix);
  }

  interactionByToken(token: string): InteractionRecord | undefined {
    return this.byToken.get(token);
  }
}
