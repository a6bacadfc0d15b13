/**
 * A strict fake of the Telegram Bot API on 127.0.0.1, for driving the real grammY client.
 *
 *   const tg = await FakeTelegram.start();                 // random port
 *   const bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot }, botInfo: tg.botInfo });
 *
 * Options (`FakeTelegram.start({...})`): token, bot (id, username, first_name), rateLimits
 * ({ global, perChat, perGroup, paidGlobal } as { count, windowMs }; defaults 30/1 s, 1/1 s,
 * 20/60 s, 1000/1 s for sends with allow_paid_broadcast), stars ({ balance, refusal: { code,
 * description } }: the Star balance paid broadcasts draw 0.1 a message past the free rate from, and
 * the answer when it is empty; defaults 0 and 400 `Bad Request: BALANCE_TOO_LOW`),
 * keepBodies (default true; false drops HTML and Message objects from `sent` and params from
 * `requests`: 10,000 rich lessons of 18 KB took ~1.2 GB of heap with bodies, ~60 MB without),
 * webhook ({ maxAttempts: 5, retryDelayMs: 100 }). Only send methods count against the limits;
 * a media group is one send; a request refused with 4xx takes no slot.
 *
 * Methods: getMe, getUpdates, setWebhook, deleteWebhook, getWebhookInfo, setMyCommands,
 * getMyCommands, deleteMyCommands, sendMessage, sendPhoto, sendDocument, sendMediaGroup,
 * sendRichMessage, sendPoll (polls.ts), answerCallbackQuery, editMessageReplyMarkup, getChat, getChatMember,
 * getChatAdministrators, sendChatAction, getMyStarBalance. Other real methods answer 501; unknown names 404
 * `Not Found: method not found`; an unknown token 401 `Unauthorized`. What is checked: see
 * sendMethods.ts, richMessage.ts, files.ts, replyMarkup.ts, commands.ts, world.ts.
 *
 * Controls
 * - Chats: addUser(user?) → User (with its private chat); addGroup / addSupergroup / addChannel
 *   ({ title, username, members: [[user, status]], bot: status, forum }) → Chat; addTopic(chatId,
 *   name) → message_thread_id; setMember(chatId, user, status); chat(chatId) → FakeChat.
 * - Updates: injectUpdate(update) → numbered Update; `updates` builds and injects realistic ones:
 *   text, command (private, `/next@bot` in groups, forum topics via threadId), channelPost,
 *   callbackQuery (on a sent Message), myChatMember, editedMessage, sticker, photo, migration,
 *   pollAnswer (a user answers a poll the bot sent; refused for anonymous polls, as Telegram sends none).
 *   pendingUpdates; webhookDeliveries (each POST to a webhook set by the bot, with its status).
 * - Records: sent (every accepted message: chat, thread, method, text, html, photo, document,
 *   rich { html, media, stats }, replyMarkup, message), sentTo(chatId), requests (every call:
 *   method, status, ms, description), rejections (every 4xx with its description), callbackAnswers,
 *   counters { requests, messages, rejections, tooManyRequests, serverErrors }, registeredCommands
 *   ("scope[:chat][:user]|lang" → commands), internalErrors (bugs of the fake: should stay empty),
 *   waitFor(predicate, timeoutMs) → the predicate's first truthy value, clearRecords().
 * - Failures: blockBot(userId) / unblockBot(userId) (403 `bot was blocked by the user`, with the
 *   my_chat_member update), deactivateUser(userId) (403 `user is deactivated`), kickBot(chatId) /
 *   removeBot(chatId) / addBot(chatId, status) (403 `bot was kicked from the group chat`, `bot is
 *   not a member of the channel chat`), upgradeToSupergroup(groupId) → the new Chat (the old id
 *   answers 400 with parameters.migrate_to_chat_id; the migrate service messages are injected),
 *   flood({ calls | forMs, retryAfter }) (a 429 storm for sends), failNext(n, { status, methods }),
 *   setRichMessages(false) (sendRichMessage → 404 as on an older server), refuseRich(predicate) →
 *   undo (400 for the rich messages it picks), setLatency(ms | method => ms), setRateLimits(limits),
 *   setStarBalance(stars) and setPaidRefusal({ code, description }); `stars` (balance, paidMessages),
 *   stop() / restart() (same port; open connections are reset; an in-flight request may already
 *   have been applied, as with the real API).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { BotCommand, Chat, Update, User, UserFromGetMe } from "grammy/types";
import { answerCallbackQuery, editMessageReplyMarkup, getChat, getChatAdministrators, getChatMember, sendChatAction } from "./chatMethods.js";
import { commandMethods } from "./commands.js";
import type { CallContext, MethodHandler, SentMessage } from "./context.js";
import { FakeRecords } from "./records.js";
import { ApiError, methodNotFound, tooManyRequests, unauthorized } from "./errors.js";
import { Faults, type ServerErrorOptions } from "./faults.js";
import { FileStore } from "./files.js";
import { readParams } from "./readParams.js";
import { DEFAULT_RATE_LIMITS, SendRateLimiter, type RateLimits } from "./rateLimits.js";
import { sendRichMessage, type RichSubmission } from "./richMessage.js";
import { sendDocument, sendMediaGroup, sendMessage, sendPhoto } from "./sendMethods.js";
import { sendPoll, type FakePoll } from "./polls.js";
import { StarBalance, type PaidRefusal, type StarOptions } from "./stars.js";
import { UpdateFactory } from "./updateFactory.js";
import { UpdateQueue, type WebhookDelivery, type WebhookOptions } from "./updateQueue.js";
import { World, type FakeChat, type GroupOptions, type MemberStatus } from "./world.js";

export type { SentMessage } from "./context.js";
export type { Rejection, RequestRecord } from "./records.js";
export { peakPerSecond } from "./records.js";
export type { MemberStatus } from "./world.js";

export interface FakeTelegramOptions {
  token?: string;
  bot?: { id?: number; username?: string; first_name?: string };
  rateLimits?: Partial<RateLimits>;
  stars?: StarOptions;
  keepBodies?: boolean;
  webhook?: Partial<WebhookOptions>;
}

/** Real Bot API methods the fake does not implement: 501 rather than a misleading 404. */
const NOT_FAKED = ["editMessageText", "editMessageCaption", "editMessageMedia", "editMessageRichMessage", "deleteMessage", "deleteMessages", "copyMessage", "copyMessages", "forwardMessage", "forwardMessages", "sendVideo", "sendAnimation", "sendAudio", "sendVoice", "sendSticker", "sendLocation", "sendRichMessageDraft", "pinChatMessage", "unpinChatMessage", "leaveChat", "getFile", "getChatMemberCount", "banChatMember", "setMyDescription", "setMyShortDescription", "setChatMenuButton", "logOut", "close"];

export class FakeTelegram extends FakeRecords {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  readonly registeredCommands = new Map<string, BotCommand[]>();
  readonly updates: UpdateFactory;
  readonly faults = new Faults();
  /** The Star balance paid broadcasts draw on. */
  readonly stars: StarBalance;
  /** Every poll the bot sent, by poll id. */
  readonly polls = new Map<string, FakePoll>();

  private readonly world: World;
  private readonly files = new FileStore();
  private readonly queue: UpdateQueue;
  private readonly callbacks = new Map<string, boolean>();
  private readonly handlers = new Map<string, [string, MethodHandler]>();
  private readonly keepBodies: boolean;
  private limiter: SendRateLimiter;
  private rateLimits: RateLimits;
  private server: Server;
  private port = 0;

  private constructor(options: FakeTelegramOptions) {
    super();
    const botId = options.bot?.id ?? 7_000_001;
    this.token = options.token ?? `${botId}:AAH-fake-telegram-token-for-tests`;
    this.botInfo = {
      id: botId,
      is_bot: true,
      first_name: options.bot?.first_name ?? "Sáu Phút Test",
      username: options.bot?.username ?? "sauphut_test_bot",
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
    this.keepBodies = options.keepBodies ?? true;
    this.stars = new StarBalance(options.stars);
    this.rateLimits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
    this.limiter = new SendRateLimiter(this.rateLimits);
    this.world = new World({ id: botId, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username });
    this.queue = new UpdateQueue({ maxAttempts: 5, retryDelayMs: 100, ...options.webhook });
    this.updates = new UpdateFactory(this.world, (u) => this.injectUpdate(u), this.callbacks, () => Math.floor(Date.now() / 1000), this.polls);
    // Telegram keeps idle connections far longer than Node's 5 s default; a client reusing one the
    // server is closing just then sees "socket hang up".
    this.server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => void this.handle(req, res));
    this.registerMethods();
  }

  static async start(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    const fake = new FakeTelegram(options);
    await fake.listen(0);
    return fake;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.server.listening;
  }

  private registerMethods(): void {
    const methods: Record<string, MethodHandler> = {
      getMe: () => this.botInfo,
      getMyStarBalance: () => this.stars.amount(),
      getUpdates: (ctx) => this.queue.getUpdates(ctx.params, ctx.signal),
      setWebhook: (ctx) => this.queue.setWebhook(ctx.params),
      deleteWebhook: (ctx) => this.queue.deleteWebhook(ctx.params),
      getWebhookInfo: () => this.queue.webhookInfo(),
      ...commandMethods(this.registeredCommands),
      sendMessage,
      sendPhoto,
      sendDocument,
      sendMediaGroup,
      sendRichMessage: sendRichMessage((rich) => this.faults.richRefusal(rich)),
      sendPoll: sendPoll(this.polls),
      answerCallbackQuery: answerCallbackQuery(this.callbacks, this.callbackAnswers),
      editMessageReplyMarkup,
      getChat,
      getChatMember,
      getChatAdministrators,
      sendChatAction,
    };
    for (const [name, handler] of Object.entries(methods)) this.handlers.set(name.toLowerCase(), [name, handler]);
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => {
        this.server.off("error", reject);
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = Date.now();
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    res.on("error", () => undefined);
    let method = "?";
    let status = 200;
    let payload: unknown;
    let params: Record<string, unknown> | undefined;
    let chatId: number | string | undefined;
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const route = /^\/bot([^/]+)\/([A-Za-z]+)\/?$/.exec(url.pathname);
      if (!route) throw new ApiError(404, "Not Found");
      if (route[1] !== this.token) throw unauthorized();
      const found = this.handlers.get(route[2]!.toLowerCase());
      method = found?.[0] ?? route[2]!;
      if (NOT_FAKED.some((m) => m.toLowerCase() === method.toLowerCase())) throw new ApiError(501, `Not Implemented: the fake Bot API does not implement ${method}`);
      if (!found || (this.faults.richDisabled && method === "sendRichMessage")) throw methodNotFound();
      const injected = this.faults.takeServerError(method);
      if (injected) throw injected;
      const p = await readParams(req, url);
      params = this.keepBodies ? p.toRecord() : undefined;
      chatId = typeof p.raw("chat_id") === "number" || typeof p.raw("chat_id") === "string" ? (p.raw("chat_id") as number | string) : undefined;
      const paidBroadcast = p.bool("allow_paid_broadcast");
      let charged = false;
      const pay = {
        pay: (): void => {
          this.stars.pay();
          charged = true;
        },
      };
      const ctx: CallContext = {
        method,
        params: p,
        arrivedAt,
        world: this.world,
        files: this.files,
        signal: abort.signal,
        takeSendSlot: (chat) => this.takeSendSlot(chat, arrivedAt, paidBroadcast ? pay : undefined),
        // A paid broadcast's records say so; the first of them says it was paid for (one charge a request).
        commit: (chat, records) =>
          this.commit(chat, paidBroadcast ? records.map((r, i) => ({ ...r, paidBroadcast: true as const, ...(charged && i === 0 ? { charged: true as const } : {}) })) : records),
      };
      payload = { ok: true, result: await found[1](ctx) };
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(500, `Internal Server Error: ${(e as Error).message}`);
      if (!(e instanceof ApiError)) this.internalErrors.push(e as Error);
      status = error.code;
      payload = error.toJSON();
      // An answer to a client that already hung up (an aborted long poll) is never seen: 499, not counted.
      if (abort.signal.aborted) status = 499;
      else this.countError(method, error, arrivedAt, chatId, params);
    }
    const delay = this.faults.latency(method);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (!res.destroyed) {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(payload));
    }
    this.counters.requests++;
    const description = status === 200 ? undefined : (payload as { description?: string }).description;
    this.requests.push({ method, status, at: arrivedAt, ms: Date.now() - arrivedAt, ...(chatId !== undefined ? { chatId } : {}), ...(description ? { description } : {}), ...(params ? { params } : {}) });
    this.notify();
  }

  private takeSendSlot(chat: FakeChat, arrivedAt: number, paid: { pay(): void } | undefined): void {
    const storm = this.faults.takeFlood(arrivedAt);
    if (storm) throw tooManyRequests(storm);
    const wait = this.limiter.take(chat.chat.id, chat.chat.type !== "private", arrivedAt, paid);
    if (wait) throw tooManyRequests(wait);
  }

  private commit(chat: FakeChat, records: SentMessage[]): void {
    for (const r of records) {
      const m = r.message!;
      chat.messages.set(r.messageId, this.keepBodies ? m : ({ message_id: m.message_id, date: m.date, chat: m.chat, ...(m.reply_markup ? { reply_markup: m.reply_markup } : {}) } as typeof m));
      if (!this.keepBodies) {
        delete r.message;
        delete r.html;
        if (r.rich) delete r.rich.html;
      }
      this.sent.push(r);
    }
    this.counters.messages += records.length;
  }

  // ---- chats ----

  addUser(user: Partial<User> = {}): User {
    return this.world.addUser(user);
  }

  addGroup(options: GroupOptions = {}): Chat {
    return this.world.addChat("group", options).chat;
  }

  addSupergroup(options: GroupOptions = {}): Chat {
    return this.world.addChat("supergroup", options).chat;
  }

  addChannel(options: GroupOptions = {}): Chat {
    return this.world.addChat("channel", options).chat;
  }

  /** A forum topic; its id is a message id of the chat, as in Telegram. */
  addTopic(chatId: number, name: string): number {
    const chat = this.world.resolve(chatId);
    if (chat.chat.type !== "supergroup" || !chat.chat.is_forum) throw new Error(`chat ${chatId} is not a forum supergroup`);
    const id = this.world.nextMessageId(chat);
    chat.topics.set(id, name);
    return id;
  }

  setMember(chatId: number, user: User, status: MemberStatus): void {
    if (!this.world.users.has(user.id)) this.world.addUser(user);
    this.world.resolve(chatId).members.set(user.id, status);
  }

  chat(chatId: number): FakeChat {
    return this.world.resolve(chatId);
  }

  // ---- updates ----

  injectUpdate(update: Omit<Update, "update_id">): Update {
    const full = this.queue.inject(update);
    this.notify();
    return full;
  }

  get pendingUpdates(): number {
    return this.queue.pending;
  }

  get webhookDeliveries(): readonly WebhookDelivery[] {
    return this.queue.deliveries;
  }

  // ---- failures ----

  blockBot(userId: number): Update {
    return this.updates.myChatMember(userId, this.user(userId), "kicked");
  }

  unblockBot(userId: number): Update {
    return this.updates.myChatMember(userId, this.user(userId), "member");
  }

  deactivateUser(userId: number): void {
    this.world.resolve(userId).deactivated = true;
  }

  kickBot(chatId: number, by?: User): Update {
    return this.updates.myChatMember(chatId, by ?? this.owner(chatId), "kicked");
  }

  removeBot(chatId: number, by?: User): Update {
    return this.updates.myChatMember(chatId, by ?? this.owner(chatId), "left");
  }

  addBot(chatId: number, status: MemberStatus = "member", by?: User): Update {
    return this.updates.myChatMember(chatId, by ?? this.owner(chatId), status);
  }

  /** The group becomes a supergroup with a new id; returns it. The old id answers 400 with migrate_to_chat_id. */
  upgradeToSupergroup(groupId: number, by?: User): Chat {
    const group = this.world.resolve(groupId);
    if (group.chat.type !== "group") throw new Error(`chat ${groupId} is not a basic group`);
    const supergroup = this.world.addChat("supergroup", { title: group.chat.title, bot: group.botStatus });
    for (const [id, status] of group.members) supergroup.members.set(id, status);
    this.updates.migration(groupId, supergroup.chat.id, by ?? this.owner(groupId));
    group.migratedTo = supergroup.chat.id;
    return supergroup.chat;
  }

  flood(options: { calls?: number; forMs?: number; retryAfter?: number }): void {
    this.faults.flood(options);
  }

  failNext(calls: number, options: ServerErrorOptions = {}): void {
    this.faults.failNext(calls, options);
  }

  setRichMessages(enabled: boolean): void {
    this.faults.richDisabled = !enabled;
  }

  /** Refuses the rich messages the predicate picks with 400 `Bad Request: <description>`; returns an undo. */
  refuseRich(predicate: (rich: RichSubmission) => boolean, description = "RICH_MESSAGE_INVALID"): () => void {
    return this.faults.refuseRich((rich) => (predicate(rich) ? description : undefined));
  }

  setLatency(latency: number | ((method: string) => number)): void {
    this.faults.latency = typeof latency === "number" ? () => latency : latency;
  }

  /** The Star balance paid broadcasts draw on from now. */
  setStarBalance(stars: number): void {
    this.stars.set(stars);
  }

  /** How a paid broadcast is refused once the balance is empty (Telegram does not document it). */
  setPaidRefusal(refusal: PaidRefusal): void {
    this.stars.refuseWith(refusal);
  }

  setRateLimits(limits: Partial<RateLimits>): void {
    this.rateLimits = { ...this.rateLimits, ...limits };
    this.limiter = new SendRateLimiter(this.rateLimits);
  }

  private user(userId: number): User {
    const user = this.world.users.get(userId);
    if (!user) throw new Error(`no user ${userId}`);
    return user;
  }

  private owner(chatId: number): User {
    const chat = this.world.resolve(chatId);
    for (const [id, status] of chat.members) if (status === "creator") return this.user(id);
    return this.world.addUser({ first_name: "Chat owner" });
  }

  // ---- lifecycle ----

  /** Closes the port and resets every open connection; state is kept for restart(). */
  async stop(): Promise<void> {
    this.queue.pause();
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  /** Listens again on the same port (after stop(), or as a stop-and-start). */
  async restart(): Promise<void> {
    await this.stop();
    await this.listen(this.port);
    this.queue.resume();
  }
}
