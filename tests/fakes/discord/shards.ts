/**
 * Discord's sharding rules, for the fake gateway: which shard an IDENTIFY asks for, which shard an
 * event goes to (a guild's to `(guild_id >> 22) % num_shards`, a DM's and any other event without a
 * guild to shard 0), and how fast sessions may start (`max_concurrency` IDENTIFYs per 5 s, one per
 * rate-limit bucket `shard_id % max_concurrency`).
 */

/** `[shard_id, num_shards]` as an IDENTIFY carries it. */
export type ShardPair = readonly [id: number, count: number];

/** Discord's window for starting sessions: each bucket may IDENTIFY once in it. */
export const IDENTIFY_WINDOW_MS = 5000;

/**
 * How much sooner than one window after the bucket's previous IDENTIFY the next may arrive. A client
 * can only time its own sends, and the previous IDENTIFY reached the gateway a little after it left;
 * anything sooner than this is a client that did not wait.
 */
export const IDENTIFY_SLACK_MS = 250;

/** The shard of a guild among `count` shards. */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** The shard an IDENTIFY asks for: [0, 1] when it names none, undefined when it is not a valid pair (Discord closes 4010). */
export function identifiedShard(value: unknown): ShardPair | undefined {
  if (value === undefined || value === null) return [0, 1];
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [id, count] = value as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return undefined;
  const [i, n] = [id as number, count as number];
  return n >= 1 && i >= 0 && i < n ? [i, n] : undefined;
}

/** Guild events whose own `id` is the guild's; the others name it in `guild_id`. */
const GUILD_ITSELF = new Set(["GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE"]);

/** The guild an event belongs to, or undefined (a DM, or no guild at all). */
export function guildOfEvent(event: string, data: unknown): string | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const d = data as { id?: unknown; guild_id?: unknown };
  if (typeof d.guild_id === "string") return d.guild_id;
  return GUILD_ITSELF.has(event) && typeof d.id === "string" ? d.id : undefined;
}

/** Whether a session on `shard` gets the events of `guildId` (undefined: shard 0's). */
export function receives(shard: ShardPair, guildId: string | undefined): boolean {
  return guildId === undefined ? shard[0] === 0 : shardOf(guildId, shard[1]) === shard[0];
}

/** The session start limit: per bucket, one IDENTIFY per window. */
export class IdentifyLimit {
  private readonly lastStart = new Map<number, number>();

  constructor(readonly maxConcurrency: number) {}

  /** True (and counted) when `shardId` may start a session at `now`; false when its bucket started one too recently. */
  admit(shardId: number, now: number): boolean {
    const bucket = shardId % this.maxConcurrency;
    const previous = this.lastStart.get(bucket);
    if (previous !== undefined && now - previous < IDENTIFY_WINDOW_MS - IDENTIFY_SLACK_MS) return false;
    this.lastStart.set(bucket, now);
    return true;
  }
}
