/**
 * Discord-shaped ids (17–19 digits): @discordjs/rest only recognises a channel id as the major
 * parameter of a rate-limit bucket when it looks like a real snowflake, so short ids would make every
 * channel share one queue.
 */
const DISCORD_EPOCH = 1_420_070_400_000n;

export class SnowflakeSource {
  private last = 0n;

  /** A new id, unique and increasing even when many are made in one millisecond. */
  next(): string {
    const fromClock = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
    this.last = fromClock > this.last ? fromClock : this.last + 1n;
    return this.last.toString();
  }

  /**
   * A new id whose timestamp part falls on `shard` of `count` (`(id >> 22) % count`): the next id,
   * or the first of a millisecond up to `count - 1` ms ahead. Still unique and increasing.
   */
  nextOnShard(shard: number, count: number): string {
    const id = BigInt(this.next());
    const ms = id >> 22n;
    const ahead = (BigInt(shard) - (ms % BigInt(count)) + BigInt(count)) % BigInt(count);
    if (ahead === 0n) return id.toString();
    this.last = (ms + ahead) << 22n;
    return this.last.toString();
  }
}

export function snowflakeTime(id: string): Date {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH));
}
