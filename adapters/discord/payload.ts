import { basename, extname } from "node:path";
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIMessageTopLevelComponent,
  type RESTPostAPIChannelMessageJSONBody,
} from "discord-api-types/v10";
import type { RawFile } from "discord.js";
import { parseLessonButton, type Button, type Choice, type OutgoingMessage } from "../../src/learning/index.js";
import { truncateText } from "../../src/text/graphemes.js";
import { quizComponents } from "./quizPayload.js";

/** A message ready for `POST /channels/{id}/messages`: the JSON body and the files to upload with it. */
export interface MessagePayload {
  body: RESTPostAPIChannelMessageJSONBody;
  files: RawFile[];
  componentsV2: boolean;
}

const CONTENT_TYPES: Record<string, string> = { ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp" };
const MAX_ALT = 1024;

const STYLE = { done: ButtonStyle.Success, next: ButtonStyle.Primary, res: ButtonStyle.Secondary } as const;

/** The lesson's buttons as one Action Row (✅ green, ▶ blue, 📚 grey). */
export function buttonRow(buttons: readonly Button[]): APIActionRowComponent<APIButtonComponentWithCustomId> {
  return {
    type: ComponentType.ActionRow,
    components: buttons.slice(0, 5).map((b) => ({
      type: ComponentType.Button,
      style: STYLE[parseLessonButton(b.data)?.action ?? "res"],
      label: truncateText(b.text, 80),
      custom_id: b.data.slice(0, 100),
    })),
  };
}

/** Discord: 5 buttons an Action Row, 25 options a select menu, 5 rows a message (here). */
const ROW_BUTTONS = 5;
const SELECT_OPTIONS = 25;
const MAX_ROWS = 5;

/**
 * A choice among courses as Action Rows: up to five, a button each; more, select menus of up to 25
 * options (an option's value is the choice's data, the menu's custom_id only tells menus apart).
 */
export function choiceRows(choices: readonly Choice[], placeholder: string): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  if (choices.length <= ROW_BUTTONS) {
    return [
      {
        type: ComponentType.ActionRow,
        components: choices.map((c) => ({ type: ComponentType.Button, style: ButtonStyle.Primary, label: truncateText(c.label, 80), custom_id: c.data })),
      },
    ];
  }
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  for (let start = 0; start < choices.length && rows.length < MAX_ROWS; start += SELECT_OPTIONS) {
    const part = choices.slice(start, start + SELECT_OPTIONS);
    rows.push({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: `c:menu:${rows.length}`,
          placeholder: truncateText(placeholder, 150),
          // Choice data is at most 64 bytes: a value within Discord's 100 characters as it is.
          options: part.map((c) => ({ label: truncateText(c.label, 100), value: c.data, ...(c.description ? { description: truncateText(c.description, 100) } : {}) })),
        },
      ],
    });
  }
  return rows;
}

/** A text with a choice under it, as Components V2: the text in a Text Display, then the rows. */
export function choiceComponents(text: string, choices: readonly Choice[], placeholder: string): APIMessageTopLevelComponent[] {
  return [{ type: ComponentType.TextDisplay, content: truncateText(text, 4000) }, ...choiceRows(choices, placeholder)];
}

/**
 * The files to upload and their `attachments` entries (the alt text travels as the description).
 * Classic images may share a basename and are renamed apart; V2 names are kept, components use them.
 */
function upload(
  entries: { name: string; file: string; alt?: string }[],
  read: (path: string) => Buffer,
  renameDuplicates: boolean,
): { files: RawFile[]; attachments: { id: number; filename: string; description?: string }[] } {
  const used = new Set<string>();
  const files: RawFile[] = [];
  const attachments: { id: number; filename: string; description?: string }[] = [];
  entries.forEach((e, i) => {
    let name = e.name;
    if (renameDuplicates && used.has(name)) name = `${i}-${name}`;
    used.add(name);
    files.push({ name, data: read(e.file), contentType: CONTENT_TYPES[extname(name).toLowerCase()] ?? "application/octet-stream" });
    attachments.push({ id: i, filename: name, ...(e.alt ? { description: truncateText(e.alt, MAX_ALT) } : {}) });
  });
  return { files, attachments };
}

/**
 * One outgoing message as Discord takes it. Components V2: the engine's components with the flag
 * IS_COMPONENTS_V2 and the buttons' Action Row appended, each file uploaded under the name its
 * `attachment://NAME` uses. Classic: Markdown `content`, the images attached, the buttons below.
 * Mentions are never pinged: a member's name in a table must not notify anyone.
 */
export function messagePayload(m: OutgoingMessage, read: (path: string) => Buffer, choicePlaceholder = "…"): MessagePayload {
  if (m.quiz) return { componentsV2: true, files: [], body: { flags: MessageFlags.IsComponentsV2, components: quizComponents(m.quiz), allowed_mentions: { parse: [] } } };
  if (m.choices?.length) {
    return {
      componentsV2: true,
      files: [],
      body: { flags: MessageFlags.IsComponentsV2, components: choiceComponents(m.text ?? "", m.choices, choicePlaceholder), allowed_mentions: { parse: [] } },
    };
  }
  const row = m.buttons?.length ? [buttonRow(m.buttons)] : [];
  if (m.components) {
    const { files, attachments } = upload(m.files ?? [], read, false);
    return {
      componentsV2: true,
      files,
      body: {
        flags: MessageFlags.IsComponentsV2,
        components: [...m.components, ...row],
        allowed_mentions: { parse: [] },
        ...(attachments.length ? { attachments } : {}),
      },
    };
  }
  const images = (m.images ?? []).map((file, i) => ({ name: basename(file), file, ...(m.alt?.[i] ? { alt: m.alt[i] } : {}) }));
  const { files, attachments } = upload(images, read, true);
  return {
    componentsV2: false,
    files,
    body: {
      ...(m.text ? { content: m.text } : {}),
      ...(row.length ? { components: row } : {}),
      allowed_mentions: { parse: [] },
      ...(attachments.length ? { attachments } : {}),
    },
  };
}
