/** What the fake records for tests to assert on: accepted messages, requests, refusals, interactions. */
import type { APIInteraction, APIMessage } from "discord-api-types/v10";

/** How a message reached Discord. */
export type SentVia =
  | "channel" // POST /channels/{id}/messages
  | "channel-edit" // PATCH /channels/{id}/messages/{mid}
  | "thread-starter" // the first message of a forum post, POST /channels/{forum}/threads
  | "interaction-reply" // callback type 4
  | "interaction-update" // callback type 7 (edits the button's message)
  | "interaction-edit" // PATCH /webhooks/{app}/{token}/messages/@original or /{mid}
  | "follow-up"; // POST /webhooks/{app}/{token}

export interface SentFile {
  name: string;
  contentType: string;
  size: number;
  /** The uploaded bytes; empty when the fake was started with `keepFileBytes: false`. */
  bytes: Buffer;
  description?: string;
}

/** One accepted message body (a create or an edit), as the bot sent it. */
export interface SentMessage {
  /** The message it created or edited. */
  messageId: string;
  channelId: string;
  guildId?: string;
  via: SentVia;
  /** The JSON body (or `payload_json`), untouched. For callbacks, the callback's `data`. */
  payload: Record<string, unknown>;
  files: SentFile[];
  flags: number;
  componentsV2: boolean;
  ephemeral: boolean;
  interactionId?: string;
  /** The message as Discord would now show it (after merging an edit). */
  message: APIMessage;
  at: number;
}

export interface RecordedRequest {
  method: string;
  /** Path after `/api/v10`, URL-decoded (`/webhooks/…/messages/@original`). */
  path: string;
  /** The route template that matched, e.g. `POST /channels/:channel/messages`; "" when none did. */
  route: string;
  status: number;
  /** Discord's JSON error code for a refusal. */
  code?: number;
  at: number;
  durationMs: number;
}

/** A request the injected delay (`setDelay`) held on arrival, before it was answered or cut. */
export interface DelayedRequest {
  method: string;
  path: string;
  /** Date.now() at arrival. */
  at: number;
  delayMs: number;
}

/** Every 4xx the fake answered, with why. */
export interface Rejection {
  method: string;
  path: string;
  status: number;
  code: number;
  message: string;
  /** The 50035 errors tree, or the 429 body. */
  detail?: unknown;
  at: number;
}

export type InteractionKind = "slash" | "autocomplete" | "button" | "select";

export interface InteractionCallback {
  type: number;
  status: number;
  withResponse: boolean;
  /** ms since the interaction was dispatched. */
  afterMs: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  kind: InteractionKind;
  /** Command name, or the custom_id of the button or select menu. */
  name: string;
  channelId: string;
  guildId?: string;
  userId: string;
  payload: APIInteraction;
  dispatchedAt: number;
  /** performance.now() at dispatch; latencies are measured from it. */
  dispatchedPerf: number;
  /** ms from dispatch to the first accepted callback; undefined while unanswered. */
  ackLatencyMs?: number;
  /** Callback type of the first accepted answer (4 reply, 5 defer, 6 defer update, 7 update, 8 choices, 9 modal). */
  ackType?: number;
  callbacks: InteractionCallback[];
  /** What `@original` points at: the reply, the deferred placeholder, or the button's message. */
  originalMessageId?: string;
  /** Autocomplete answers (callback 8). */
  choices?: { name: string; value: string | number }[];
  /** A modal shown (callback 9). */
  modal?: Record<string, unknown>;
}

export interface IdentifyRecord {
  intents: number;
  token: string;
  /** `[shard_id, num_shards]` as sent (absent: an unsharded client, shard 0 of 1). */
  shard?: [number, number];
  at: number;
  /** Why the gateway refused it: "4010 Invalid shard", or "op 9 max_concurrency" (its bucket identified under 5 s before). */
  refused?: string;
}

export interface ResumeRecord {
  sessionId: string;
  seq: number;
  /** Dispatches the session missed, sent again before RESUMED. */
  replayed: number;
  at: number;
  shard: number;
}
