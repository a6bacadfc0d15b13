/** A real discord.js Client logged in to a FakeDiscord, for tests: Guilds intent, short timeouts. */
import { once } from "node:events";
import { Client, Events, GatewayIntentBits, type ClientOptions } from "discord.js";
import type { FakeDiscord } from "./FakeDiscord.js";

export async function connectClient(discord: FakeDiscord, options: Partial<ClientOptions> = {}): Promise<Client<true>> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    waitGuildTimeout: 2000,
    ...options,
    rest: { timeout: 5000, ...options.rest, api: discord.restUrl },
  });
  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(5000) });
  await client.login(discord.token);
  await ready;
  return client as Client<true>;
}
