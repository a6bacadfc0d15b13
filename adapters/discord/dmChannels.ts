import type { REST } from "discord.js";
import { Routes, type APIDMChannel } from "discord-api-types/v10";

/**
 * A DM subscriber's chat id is the person's user id (the core writes to "whoever subscribed" by user
 * id); messages go to the DM channel between the bot and them. The channel id is learned from every
 * DM interaction, else opened once with `POST /users/@me/channels`, and kept for the process's life.
 */
export class DmChannels {
  private readonly byUser = new Map<string, string>();
  private readonly opening = new Map<string, Promise<string>>();

  constructor(private readonly rest: () => REST) {}

  learn(userId: string, channelId: string): void {
    this.byUser.set(userId, channelId);
  }

  forget(userId: string): void {
    this.byUser.delete(userId);
  }

  known(userId: string): string | undefined {
    return this.byUser.get(userId);
  }

  /** The DM channel with this user; throws Discord's error when it cannot be opened. */
  async channelFor(userId: string): Promise<string> {
    const known = this.byUser.get(userId);
    if (known) return known;
    let pending = this.opening.get(userId);
    if (!pending) {
      pending = (this.rest().post(Routes.userChannels(), { body: { recipient_id: userId } }) as Promise<APIDMChannel>).then((c) => {
        this.byUser.set(userId, c.id);
        return c.id;
      });
      this.opening.set(userId, pending);
      void pending.then(
        () => this.opening.delete(userId),
        () => this.opening.delete(userId),
      );
    }
    return pending;
  }
}
