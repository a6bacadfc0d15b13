/**
 * Answering interactions over HTTP: `POST /interactions/{id}/{token}/callback` (first answer within
 * the deadline, once: 40060 after that, 10062 for unknown or late ones) and the webhook routes for
 * follow-ups and edits of `@original`, valid for the token's lifetime.
 */
import { performance } from "node:perf_hooks";
import { InteractionResponseType } from "discord-api-types/v10";
import { formBodyErrorTree, type PayloadError } from "../../validators/discordComponents.js";
import type { Core } from "./core.js";
import { DiscordRefusal, type RestRequest, type Route } from "./http.js";
import { createLoadingMessage, createMessage, editMessage } from "./messageStore.js";
import type { InteractionRecord } from "./records.js";
import type { ChannelRecord, MessageRecord } from "./world.js";

/** Which callback types each kind of interaction may receive. */
const ALLOWED: Record<InteractionRecord["kind"], number[]> = {
  slash: [InteractionResponseType.ChannelMessageWithSource, InteractionResponseType.DeferredChannelMessageWithSource, InteractionResponseType.Modal],
  button: [InteractionResponseType.ChannelMessageWithSource, InteractionResponseType.DeferredChannelMessageWithSource, InteractionResponseType.DeferredMessageUpdate, InteractionResponseType.UpdateMessage, InteractionResponseType.Modal],
  autocomplete: [InteractionResponseType.ApplicationCommandAutocompleteResult],
  // A select menu is a message component like a button: it may be answered the same ways.
  select: [InteractionResponseType.ChannelMessageWithSource, InteractionResponseType.DeferredChannelMessageWithSource, InteractionResponseType.DeferredMessageUpdate, InteractionResponseType.UpdateMessage, InteractionResponseType.Modal],
};

function invalid(errors: PayloadError[]): never {
  throw new DiscordRefusal(400, 50035, "Invalid Form Body", formBodyErrorTree(errors));
}

function checkChoices(data: unknown): { name: string; value: string | number }[] {
  const choices = (data as { choices?: unknown } | undefined)?.choices;
  if (!Array.isArray(choices)) invalid([{ path: "data.choices", code: "BASE_TYPE_REQUIRED", message: "This field is required" }]);
  const errors: PayloadError[] = [];
  if (choices.length > 25) errors.push({ path: "data.choices", code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." });
  choices.forEach((c: { name?: unknown; value?: unknown }, i) => {
    if (typeof c.name !== "string" || c.name.length < 1 || c.name.length > 100) errors.push({ path: `data.choices[${i}].name`, code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." });
    if (typeof c.value === "string" ? c.value.length > 100 : typeof c.value !== "number") errors.push({ path: `data.choices[${i}].value`, code: "BASE_TYPE_BAD_LENGTH", message: "Must be a string of at most 100 characters or a number." });
  });
  if (errors.length) invalid(errors);
  return choices as { name: string; value: string | number }[];
}

function checkModal(data: unknown): Record<string, unknown> {
  const m = (data ?? {}) as Record<string, unknown>;
  const errors: PayloadError[] = [];
  if (typeof m.title !== "string" || m.title.length < 1 || m.title.length > 45) errors.push({ path: "data.title", code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 45 in length." });
  if (typeof m.custom_id !== "string" || m.custom_id.length < 1 || m.custom_id.length > 100) errors.push({ path: "data.custom_id", code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." });
  if (!Array.isArray(m.components) || m.components.length < 1 || m.components.length > 5) errors.push({ path: "data.components", code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 5 in length." });
  if (errors.length) invalid(errors);
  return m;
}

/** Prefixes validator paths with `data.` since a callback nests the message under `data`. */
function underData<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof DiscordRefusal && err.code === 50035 && err.errors) throw new DiscordRefusal(400, 50035, err.message, { data: err.errors });
    throw err;
  }
}

export function interactionRoutes(core: Core): Route[] {
  const channelOf = (ix: InteractionRecord): ChannelRecord => core.world.channels.get(ix.channelId)!;

  const callback = (req: RestRequest) => {
    const ix = core.interactions.get(req.params.interaction ?? "");
    if (!ix || ix.token !== req.params.token) throw new DiscordRefusal(404, 10062, "Unknown interaction");
    const afterMs = performance.now() - ix.dispatchedPerf;
    const withResponse = req.query.get("with_response") === "true";
    const body = (req.json ?? {}) as { type?: unknown; data?: unknown };
    const type = Number(body.type);
    const note = (status: number) => ix.callbacks.push({ type, status, withResponse, afterMs });
    if (ix.ackType !== undefined) {
      note(400);
      throw new DiscordRefusal(400, 40060, "Interaction has already been acknowledged.");
    }
    if (afterMs > core.options.ackDeadlineMs) {
      note(404);
      throw new DiscordRefusal(404, 10062, "Unknown interaction");
    }
    if (!ALLOWED[ix.kind].includes(type)) {
      note(400);
      invalid([{ path: "type", code: "INTERACTION_RESPONSE_TYPE_INVALID", message: `Callback type ${type} does not answer a ${ix.kind} interaction.` }]);
    }
    const channel = channelOf(ix);
    const write = { channel, body: body.data, files: req.files, interaction: ix };
    let message: MessageRecord | undefined;
    try {
      if (type === InteractionResponseType.ChannelMessageWithSource) {
        message = underData(() => createMessage(core, { ...write, via: "interaction-reply" }));
        ix.originalMessageId = message.message.id;
      } else if (type === InteractionResponseType.DeferredChannelMessageWithSource) {
        message = createLoadingMessage(core, channel, ix, Number((body.data as { flags?: unknown } | undefined)?.flags ?? 0));
        ix.originalMessageId = message.message.id;
      } else if (type === InteractionResponseType.UpdateMessage) {
        const target = core.world.messages.get(ix.originalMessageId ?? "")!;
        message = underData(() => editMessage(core, target, { ...write, via: "interaction-update" }));
      } else if (type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
        ix.choices = checkChoices(body.data);
      } else if (type === InteractionResponseType.Modal) {
        ix.modal = checkModal(body.data);
      } else if (type === InteractionResponseType.DeferredMessageUpdate) {
        message = core.world.messages.get(ix.originalMessageId ?? "");
      }
    } catch (err) {
      note(err instanceof DiscordRefusal ? err.status : 500);
      throw err;
    }
    note(withResponse ? 200 : 204);
    ix.ackType = type;
    ix.ackLatencyMs = afterMs;
    core.changed();
    if (!withResponse) return { status: 204 };
    const loading = type === InteractionResponseType.DeferredChannelMessageWithSource;
    return {
      status: 200,
      body: {
        interaction: { id: ix.id, type: ix.payload.type, response_message_id: message?.message.id, response_message_loading: loading, response_message_ephemeral: message?.ephemeral ?? false },
        resource: { type, ...(message && type !== InteractionResponseType.DeferredMessageUpdate ? { message: message.message } : {}) },
      },
    };
  };

  const byToken = (req: RestRequest): InteractionRecord => {
    if (req.params.app !== core.world.applicationId) throw new DiscordRefusal(404, 10015, "Unknown Webhook");
    const ix = core.interactionByToken(req.params.token ?? "");
    if (!ix || ix.ackType === undefined) throw new DiscordRefusal(404, 10015, "Unknown Webhook");
    if (Date.now() - ix.dispatchedAt > core.options.tokenTtlMs) throw new DiscordRefusal(401, 50027, "Invalid Webhook Token");
    return ix;
  };
  const messageOf = (req: RestRequest, ix: InteractionRecord): MessageRecord => {
    const id = req.params.message === "@original" ? ix.originalMessageId : req.params.message;
    const stored = core.world.messages.get(id ?? "");
    if (!stored || stored.deleted || stored.message.channel_id !== ix.channelId) throw new DiscordRefusal(404, 10008, "Unknown Message");
    return stored;
  };

  return [
    { method: "POST", pattern: "/interactions/:interaction/:token/callback", auth: false, bucket: null, handle: callback },
    {
      method: "POST",
      pattern: "/webhooks/:app/:token",
      auth: false,
      bucket: "webhook",
      major: (p) => `${p.app}/${p.token}`,
      handle: (req) => {
        const ix = byToken(req);
        const stored = createMessage(core, { channel: channelOf(ix), body: req.json, files: req.files, via: "follow-up", interaction: ix });
        return req.query.get("wait") === "false" ? { status: 204 } : { status: 200, body: stored.message };
      },
    },
    {
      method: "GET",
      pattern: "/webhooks/:app/:token/messages/:message",
      auth: false,
      bucket: "webhook",
      major: (p) => `${p.app}/${p.token}`,
      handle: (req) => ({ status: 200, body: messageOf(req, byToken(req)).message }),
    },
    {
      method: "PATCH",
      pattern: "/webhooks/:app/:token/messages/:message",
      auth: false,
      bucket: "webhook",
      major: (p) => `${p.app}/${p.token}`,
      handle: (req) => {
        const ix = byToken(req);
        const stored = editMessage(core, messageOf(req, ix), { channel: channelOf(ix), body: req.json, files: req.files, via: "interaction-edit", interaction: ix });
        return { status: 200, body: stored.message };
      },
    },
    {
      method: "DELETE",
      pattern: "/webhooks/:app/:token/messages/:message",
      auth: false,
      bucket: "webhook",
      major: (p) => `${p.app}/${p.token}`,
      handle: (req) => {
        const stored = messageOf(req, byToken(req));
        stored.deleted = true;
        core.changed();
        return { status: 204 };
      },
    },
  ];
}
