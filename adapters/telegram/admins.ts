import type { Api } from "grammy";

/** How long an answer of getChatMember is trusted: a demoted admin loses the rights within a minute. */
const TTL_MS = 60_000;
/** A failed look-up (the chat is gone, the network hiccupped) is asked again sooner. */
const FAILED_TTL_MS = 5_000;

/** Whether a member is an admin of a group or channel (getChatMember), cached briefly per chat and user. */
export class AdminCache {
  private readonly entries = new Map<string, { admin: boolean; until: number }>();

  constructor(
    private readonly api: () => Api,
    private readonly now: () => number = Date.now,
  ) {}

  async isAdmin(chatId: number, userId: number): Promise<boolean> {
    const key = `${chatId}:${userId}`;
    const t = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > t) return hit.admin;
    let admin = false;
    let ttl = TTL_MS;
    try {
      const member = await this.api().getChatMember(chatId, userId);
      admin = member.status === "creator" || member.status === "administrator";
    } catch {
      ttl = FAILED_TTL_MS;
    }
    if (this.entries.size > 10_000) this.prune(t);
    this.entries.set(key, { admin, until: t + ttl });
    return admin;
  }

  private prune(now: number): void {
    for (const [key, e] of this.entries) if (e.until <= now) this.entries.delete(key);
  }
}
