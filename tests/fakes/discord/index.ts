/** The fake Discord's public face: start it with `FakeDiscord.start()`; see FakeDiscord.ts for every control. */
export { FakeDiscord, type FakeDiscordOptions } from "./FakeDiscord.js";
export { connectClient } from "./connectClient.js";
export type { AutocompleteInput, ButtonPressInput, OptionValue, SlashCommandInput } from "./interactions.js";
export type { RateLimitOptions } from "./rateLimits.js";
export type { DelayedRequest, IdentifyRecord, InteractionCallback, InteractionKind, InteractionRecord, RecordedRequest, Rejection, ResumeRecord, SentFile, SentMessage, SentVia } from "./records.js";
export type { ChannelRecord, GuildRecord, MemberRecord, RoleRecord, UserRecord } from "./world.js";
