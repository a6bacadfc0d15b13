/**
 * Start-up's wait for the gateway with many shards: with max_concurrency 1 they identify 5 s apart, so
 * the wait is for the next shard's READY, not for all of them at once. On vitest's virtual timers.
 */
import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Events, type Client } from "discord.js";
import { connect } from "../../adapters/discord/client.js";

/** What connect uses of a discord.js client: login, and its shard and client READY events. */
function gateway(): Client & EventEmitter {
  return Object.assign(new EventEmitter(), { login: async () => "token" }) as unknown as Client & EventEmitter;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("GIVEN a start-up wait of 10 s per shard", () => {
  it("WHEN 4 shards get ready 9 s apart THEN the start succeeds after 36 s", async () => {
    vi.useFakeTimers();
    const client = gateway();
    const connected = connect(client, "token", 10_000);
    for (let shard = 0; shard < 4; shard++) {
      await vi.advanceTimersByTimeAsync(9000);
      client.emit(Events.ShardReady, shard, undefined);
    }
    client.emit(Events.ClientReady, client);
    await expect(connected).resolves.toBeUndefined();
    expect(client.listenerCount(Events.ShardReady)).toBe(0);
  });

  it("WHEN the next shard takes longer than that THEN the start fails with one line", async () => {
    vi.useFakeTimers();
    const client = gateway();
    const connected = connect(client, "token", 10_000);
    const failed = expect(connected).rejects.toThrow("Discord gateway: no shard READY within 10 s");
    await vi.advanceTimersByTimeAsync(9000);
    client.emit(Events.ShardReady, 0, undefined);
    await vi.advanceTimersByTimeAsync(10_001);
    await failed;
  });
});
