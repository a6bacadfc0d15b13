/**
 * Telegram rich messages (Bot API 10.1 `sendRichMessage`, `InputRichMessage.html`), checked against
 * the rules in the doc comment of `InputRichMessage` in @grammyjs/types rich.d.ts: the tags and
 * attributes it lists, its named entities, block/inline structure, the message limits, and the
 * binding of `tg://photo?id=ID` links to the `media` entries. Used by the lesson renderer's tests
 * and by the fake Bot API server. The content model and its assumptions: richContent.ts.
 */
import type { RichMediaKind } from "./richAttributes.js";
import { RichContentChecker, type RichMediaLink, type RichStats } from "./richContent.js";
import { parseRichHtml, type RichElement } from "./richHtmlTree.js";

export type { RichStats, RichMediaLink } from "./richContent.js";
export type { RichMediaKind } from "./richAttributes.js";

/** The limits listed under "Rich Message Limits". */
export const RICH_LIMITS = { characters: 32768, blocks: 500, depth: 16, media: 50, columns: 20 } as const;

/** A `media` entry as far as the HTML is concerned; `type` is the InputMedia type when known. */
export interface RichMediaEntry {
  id: string;
  type?: string;
}

export interface RichMessageInput {
  html: string;
  media?: readonly RichMediaEntry[];
}

export interface RichCheck {
  errors: string[];
  stats: RichStats;
  /** Every tg:// media link in document order. */
  links: RichMediaLink[];
  /** The parsed document (a synthetic `#root` element). */
  root: RichElement;
}

/** InputMedia types a tg:// link of each kind may bind (a <video> shows a video or an animation). */
const BINDS: Readonly<Record<RichMediaKind, readonly string[]>> = {
  photo: ["photo"],
  video: ["video", "animation"],
  audio: ["audio", "voice"],
  document: ["document"],
};
const MEDIA_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Parses and checks a rich message once: every problem, the counts, the media links. */
export function checkRichMessage(rich: RichMessageInput): RichCheck {
  const { root, errors } = parseRichHtml(rich.html);
  const checker = new RichContentChecker();
  checker.checkDocument(root);
  errors.push(...checker.errors);
  const stats = checker.stats;
  for (const jump of checker.jumps) {
    if (jump.name !== "" && !checker.names.has(jump.name)) errors.push(`<a href="#${jump.name}"> points to no <a name> or <tg-reference name> (at ${jump.at})`);
  }
  if (stats.blocks === 0) errors.push("the rich message is empty");
  if (stats.characters > RICH_LIMITS.characters) errors.push(`${stats.characters} characters (max ${RICH_LIMITS.characters})`);
  if (stats.blocks > RICH_LIMITS.blocks) errors.push(`${stats.blocks} blocks (max ${RICH_LIMITS.blocks})`);
  if (stats.depth > RICH_LIMITS.depth) errors.push(`nesting depth ${stats.depth} (max ${RICH_LIMITS.depth})`);
  if (stats.media > RICH_LIMITS.media) errors.push(`${stats.media} media (max ${RICH_LIMITS.media})`);
  if (stats.maxColumns > RICH_LIMITS.columns) errors.push(`a table of ${stats.maxColumns} columns (max ${RICH_LIMITS.columns})`);
  errors.push(...mediaBindingErrors(checker.links, rich.media ?? []));
  return { errors, stats, links: checker.links, root };
}

function mediaBindingErrors(links: readonly RichMediaLink[], media: readonly RichMediaEntry[]): string[] {
  const errors: string[] = [];
  const byId = new Map<string, RichMediaEntry>();
  for (const entry of media) {
    if (!MEDIA_ID.test(entry.id)) errors.push(`media id "${entry.id}" must be 1–64 characters of A-Z a-z 0-9 _ -`);
    if (byId.has(entry.id)) errors.push(`media id "${entry.id}" is listed twice`);
    byId.set(entry.id, entry);
  }
  const used = new Set<string>();
  for (const link of links) {
    const entry = byId.get(link.id);
    used.add(link.id);
    if (!MEDIA_ID.test(link.id)) errors.push(`tg://${link.kind}?id=${link.id}: the id must be 1–64 characters of A-Z a-z 0-9 _ - (at ${link.at})`);
    else if (!entry) errors.push(`tg://${link.kind}?id=${link.id} has no entry in media (at ${link.at})`);
    else if (entry.type !== undefined && !BINDS[link.kind].includes(entry.type)) errors.push(`tg://${link.kind}?id=${link.id} is bound to a ${entry.type} (at ${link.at})`);
  }
  for (const entry of media) if (!used.has(entry.id)) errors.push(`media "${entry.id}" is never used by a tg:// link`);
  return errors;
}

/** Every reason Telegram would refuse this rich message (empty when it would be sent). */
export function richMessageErrors(rich: RichMessageInput): string[] {
  return checkRichMessage(rich).errors;
}

/** The counts the limits are checked against. */
export function richStats(html: string): RichStats {
  return checkRichMessage({ html }).stats;
}
