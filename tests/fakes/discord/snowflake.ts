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
}

export function snowflakeTime(id: string): Date {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH));
}
