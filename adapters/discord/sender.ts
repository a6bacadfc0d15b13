import { readFileSync } from "node:fs";
import { DiscordAPIError, type Client, type REST } from "discord.js";
import { Routes, type APIMessage } from "discord-api-types/v10";
import type { Logger } from "pino";
import { describeSendError, type ChatAddress, type OutgoingMessage, type SendError, type SendResult, type Sender } from "../../src/learning/index.js";
import type { DmChannels } from "./dmChannels.js";
import { DiscordCode, sendErrorOf } from "./errors.js";
import { messagePayload, type MessagePayload } from "./payload.js";
import { missingPermission } from "./permissions.js";
import { truncateText } from "../../src/text/graphemes.js";

/** Discord keeps a lesson's discussion thread open a day after its last message. */
const THREAD_ARCHIVE_MINUTES = 1440;
/** Formula PNGs are small and the same few go to every chat of the day: keep the last ones read. */
const FILE_CACHE_ENTRIES = 256;

/** What happened to the last post in a chat: an interaction that triggered a delivery reads it to explain a failure. */
export interface PostOutcome {
  at: number;
  error?: SendError;
}

/**
 * The core's outgoing port for Discord: one message to a channel, a thread (a channel too) or a
 * person's DM, as Components V2 or classic, files uploaded with it; the first message of a lesson may
 * open a discussion thread. Never throws: every failure becomes the core's SendError.
 */
export class DiscordSender implements Sender {
  readonly platform = "discord" as const;
  /** Ephemeral replies: a group member's review is shown to them alone. */
  readonly features = { lessonThreads: true, ephemeralReplies: true };
  private readonly files = new Map<string, Buffer>();
  private readonly outcomes = new Map<string, PostOutcome>();
  private uploaded = 0;
  private uploadedBytes = 0;

  constructor(
    private readonly deps: {
      client: Client;
      rest: () => REST;
      dms: DmChannels;
      log: Logger;
      now?: () => number;
    },
  ) {}

  async send(to: ChatAddress, message: OutgoingMessage): Promise<SendResult> {
    const result = await this.post(to, message);
    this.outcomes.set(to.chatId, result.ok ? { at: this.now() } : { at: this.now(), error: result.error });
    return result;
  }

  /** The last post's outcome in this chat, if it happened at or after `since`. */
  outcomeSince(chatId: string, since: number): PostOutcome | undefined {
    const o = this.outcomes.get(chatId);
    return o && o.at >= since ? o : undefined;
  }

  /** Files uploaded with messages, and their bytes (Discord has no reusable upload ids for bot messages). */
  uploadStats(): { files: number; bytes: number } {
    return { files: this.uploaded, bytes: this.uploadedBytes };
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  private async post(to: ChatAddress, message: OutgoingMessage): Promise<SendResult> {
    const { log } = this.deps;
    let payload: MessagePayload;
    try {
      payload = messagePayload(message, (path) => this.read(path));
    } catch (err) {
      log.error({ err }, "a lesson file could not be read");
      return { ok: false, error: { kind: "rejected", detail: `file: ${(err as Error).message}`.slice(0, 300) } };
    }
    let channelId: string | undefined;
    try {
      channelId = to.kind === "private" ? await this.deps.dms.channelFor(to.chatId) : to.chatId;
      const posted = (await this.deps.rest().post(Routes.channelMessages(channelId), { body: payload.body, files: payload.files })) as APIMessage;
      this.uploaded += payload.files.length;
      for (const f of payload.files) this.uploadedBytes += (f.data as Buffer).length;
      if (message.thread && to.kind !== "private") await this.openThread(channelId, posted.id, message.thread.name);
      return { ok: true, messageId: posted.id };
    } catch (err) {
      const where = channelId;
      const error = sendErrorOf(err, {
        componentsV2: payload.componentsV2,
        missingPermission: () => (where ? missingPermission(this.deps.client, where, { files: payload.files.length > 0, thread: false }) : undefined),
      });
      if (error.kind === "format_refused") {
        const errors = err instanceof DiscordAPIError ? (err.rawError as { errors?: unknown }).errors : undefined;
        log.warn({ chatId: to.chatId, errors, payload: payload.body }, "Discord refused a Components V2 message");
      }
      // A DM channel Discord no longer knows is opened again next time.
      if (to.kind === "private" && err instanceof DiscordAPIError && err.code === DiscordCode.UnknownChannel) this.deps.dms.forget(to.chatId);
      log.debug({ chatId: to.chatId, error: describeSendError(error) }, "post failed");
      return { ok: false, error };
    }
  }

  /**
   * A thread started from the lesson's first message. The lesson itself is posted already, so a
   * refusal here is logged and the lesson goes on (failing the send would post it twice).
   */
  private async openThread(channelId: string, messageId: string, name: string): Promise<void> {
    const channel = this.deps.client.channels.cache.get(channelId);
    if (channel?.isThread()) return;
    try {
      await this.deps.rest().post(Routes.threads(channelId, messageId), { body: { name: truncateText(name, 100) || "…", auto_archive_duration: THREAD_ARCHIVE_MINUTES } });
    } catch (err) {
      const error = sendErrorOf(err, { componentsV2: false, missingPermission: () => missingPermission(this.deps.client, channelId, { files: false, thread: true }) });
      this.deps.log.warn({ channelId, error: describeSendError(error) }, "the lesson's discussion thread could not be opened");
    }
  }

  private read(path: string): Buffer {
    const cached = this.files.get(path);
    if (cached) return cached;
    const bytes = readFileSync(path);
    if (this.files.size >= FILE_CACHE_ENTRIES) this.files.delete(this.files.keys().next().value!);
    this.files.set(path, bytes);
    return bytes;
  }
}
