/**
 * Accepting a message body the way Discord does: file limits, the validator (50035 / 50006), any
 * injected refusal, then the message object Discord answers with (attachments on the CDN,
 * `attachment://` media resolved). Edits merge into the stored message and are validated whole.
 */
import { MessageFlags, MessageType, type APIAttachment, type APIMessage } from "discord-api-types/v10";
import { IS_COMPONENTS_V2, formBodyErrorTree, messagePayloadErrors } from "../../validators/discordComponents.js";
import type { Core } from "./core.js";
import { DiscordRefusal, type UploadedFile } from "./http.js";
import type { InteractionRecord, SentFile, SentVia } from "./records.js";
import { apiUser, type ChannelRecord, type MessageRecord } from "./world.js";

export interface MessageWrite {
  channel: ChannelRecord;
  body: unknown;
  files: UploadedFile[];
  via: SentVia;
  interaction?: InteractionRecord;
}

interface StoredAttachment extends APIAttachment {
  description?: string;
}

const MERGED_FIELDS = ["content", "embeds", "components", "flags", "poll", "sticker_ids", "allowed_mentions"] as const;

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new DiscordRefusal(400, 50109, "The request body contains invalid JSON.");
  return body as Record<string, unknown>;
}

/** Uploaded files with the names Discord gives them (`attachments[].filename` renames `files[n]`). */
function uploads(core: Core, body: Record<string, unknown>, files: UploadedFile[]): SentFile[] {
  const meta = Array.isArray(body.attachments) ? (body.attachments as Record<string, unknown>[]) : [];
  return files.map((f) => {
    if (f.bytes.length > core.options.maxFileBytes) throw new DiscordRefusal(413, 40005, "Request entity too large");
    const m = meta.find((a) => String(a.id) === String(f.index));
    const name = typeof m?.filename === "string" ? m.filename : f.name;
    const description = typeof m?.description === "string" ? m.description : undefined;
    return { name, contentType: f.contentType, size: f.bytes.length, bytes: core.options.keepFileBytes ? f.bytes : Buffer.alloc(0), description };
  });
}

function refuseIfInvalid(core: Core, channelId: string, body: Record<string, unknown>, names: string[]): void {
  for (const r of core.failures.payloadRejections) {
    if (r.remaining > 0 && r.matches(body, channelId)) {
      r.remaining--;
      throw new DiscordRefusal(400, 50035, "Invalid Form Body", formBodyErrorTree([{ path: r.path, code: r.code, message: r.message }]));
    }
  }
  const errors = messagePayloadErrors(body, names);
  if (errors.length === 0) return;
  if (errors.every((e) => e.code === "MESSAGE_EMPTY")) throw new DiscordRefusal(400, 50006, "Cannot send an empty message");
  throw new DiscordRefusal(400, 50035, "Invalid Form Body", formBodyErrorTree(errors));
}

function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || bytes.readUInt32BE(0) !== 0x89504e47) return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function attachmentOf(core: Core, channelId: string, f: SentFile, bytes: Buffer): StoredAttachment {
  const id = core.world.ids.next();
  const size = pngSize(bytes);
  const path = `attachments/${channelId}/${id}/${encodeURIComponent(f.name)}`;
  return {
    id,
    filename: f.name,
    size: f.size,
    url: `https://cdn.discordapp.com/${path}`,
    proxy_url: `https://media.discordapp.net/${path}`,
    content_type: f.contentType,
    ...(size ? { width: size.width, height: size.height } : {}),
    ...(f.description ? { description: f.description } : {}),
  };
}

/** Components as Discord echoes them: `attachment://NAME` media become the uploaded file's CDN URL. */
function resolveMedia(value: unknown, byName: Map<string, StoredAttachment>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveMedia(v, byName));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = resolveMedia(v, byName);
  const url = (value as { url?: unknown }).url;
  const name = typeof url === "string" && url.startsWith("attachment://") ? url.slice("attachment://".length) : null;
  const a = name ? byName.get(name) : undefined;
  if (a) Object.assign(out, { url: a.url, proxy_url: a.proxy_url, width: a.width ?? null, height: a.height ?? null, content_type: a.content_type, attachment_id: a.id });
  return out;
}

function render(core: Core, id: string, channel: ChannelRecord, source: Record<string, unknown>, attachments: StoredAttachment[], interaction: InteractionRecord | undefined, editedAt: string | null): APIMessage {
  const byName = new Map(attachments.map((a) => [a.filename, a]));
  const flags = Number(source.flags ?? 0);
  const message: APIMessage = {
    id,
    channel_id: channel.id,
    author: apiUser(core.world.bot),
    content: typeof source.content === "string" ? source.content : "",
    timestamp: new Date().toISOString(),
    edited_timestamp: editedAt,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments,
    embeds: Array.isArray(source.embeds) ? (source.embeds as APIMessage["embeds"]) : [],
    components: Array.isArray(source.components) ? (resolveMedia(source.components, byName) as APIMessage["components"]) : [],
    pinned: false,
    type: interaction?.kind === "slash" ? MessageType.ChatInputCommand : MessageType.Default,
    flags,
  };
  if (interaction) {
    message.webhook_id = core.world.applicationId;
    message.application_id = core.world.applicationId;
  }
  return message;
}

function record(core: Core, w: { channel: ChannelRecord; via: SentVia; interaction?: InteractionRecord }, body: Record<string, unknown>, files: SentFile[], stored: MessageRecord): void {
  const flags = Number(stored.message.flags ?? 0);
  core.sent.push({
    messageId: stored.message.id,
    channelId: w.channel.id,
    guildId: w.channel.guildId,
    via: w.via,
    payload: body,
    files,
    flags,
    componentsV2: (flags & IS_COMPONENTS_V2) !== 0,
    ephemeral: stored.ephemeral,
    interactionId: w.interaction?.id,
    message: stored.message,
    at: Date.now(),
  });
  core.changed();
}

/** Validates and stores a new message; answers what Discord would, or throws its refusal. */
export function createMessage(core: Core, w: MessageWrite): MessageRecord {
  const body = asObject(w.body);
  const files = uploads(core, body, w.files);
  refuseIfInvalid(core, w.channel.id, body, files.map((f) => f.name));
  const id = core.world.ids.next();
  const attachments = files.map((f, i) => attachmentOf(core, w.channel.id, f, w.files[i]!.bytes));
  const source: Record<string, unknown> = {};
  for (const k of MERGED_FIELDS) if (body[k] !== undefined) source[k] = body[k];
  const ephemeral = w.interaction !== undefined && (Number(body.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  const stored: MessageRecord = { message: render(core, id, w.channel, source, attachments, w.interaction, null), source, ephemeral, deleted: false };
  core.world.messages.set(id, stored);
  if (!ephemeral) w.channel.lastMessageId = id;
  record(core, w, body, files, stored);
  return stored;
}

/** A placeholder for a deferred reply ("… is thinking"), filled in by the first edit of @original. */
export function createLoadingMessage(core: Core, channel: ChannelRecord, interaction: InteractionRecord, flags: number): MessageRecord {
  const id = core.world.ids.next();
  const source = { flags: (flags & MessageFlags.Ephemeral) | MessageFlags.Loading };
  const stored: MessageRecord = { message: render(core, id, channel, source, [], interaction, null), source, ephemeral: (flags & MessageFlags.Ephemeral) !== 0, deleted: false };
  core.world.messages.set(id, stored);
  return stored;
}

/** Merges an edit into a stored message, validating the result as a whole. */
export function editMessage(core: Core, stored: MessageRecord, w: MessageWrite): MessageRecord {
  const body = asObject(w.body);
  const files = uploads(core, body, w.files);
  const old = stored.message.attachments as StoredAttachment[];
  const keepIds = Array.isArray(body.attachments) ? new Set((body.attachments as Record<string, unknown>[]).map((a) => String(a.id))) : null;
  const kept = keepIds ? old.filter((a) => keepIds.has(a.id)) : old;
  const source: Record<string, unknown> = { ...stored.source };
  for (const k of MERGED_FIELDS) {
    if (!(k in body)) continue;
    if (body[k] === null) delete source[k];
    else source[k] = body[k];
  }
  const oldFlags = Number(stored.source.flags ?? 0);
  // Components V2 cannot be switched off once set; a finished deferred reply stops loading.
  source.flags = ((body.flags === undefined || body.flags === null ? oldFlags : Number(body.flags)) | (oldFlags & IS_COMPONENTS_V2) | (oldFlags & MessageFlags.Ephemeral)) & ~MessageFlags.Loading;
  const validated = { ...source, attachments: body.attachments };
  refuseIfInvalid(core, w.channel.id, validated, [...kept.map((a) => a.filename), ...files.map((f) => f.name)]);
  const attachments = [...kept, ...files.map((f, i) => attachmentOf(core, w.channel.id, f, w.files[i]!.bytes))];
  const wasLoading = (oldFlags & MessageFlags.Loading) !== 0;
  stored.source = source;
  stored.message = { ...render(core, stored.message.id, w.channel, source, attachments, w.interaction, wasLoading ? null : new Date().toISOString()), timestamp: stored.message.timestamp, type: stored.message.type };
  if (wasLoading && !stored.ephemeral) w.channel.lastMessageId = stored.message.id;
  record(core, w, body, files, stored);
  return stored;
}
