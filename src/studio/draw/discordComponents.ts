/**
 * Discord Components V2 (a message's `components`, sent with IS_COMPONENTS_V2) drawn as the client
 * shows them: Text Displays in Discord Markdown, Containers with their accent bar, Separators, Media
 * Galleries, Sections with their accessory, Action Rows of buttons. Images named `attachment://NAME`
 * are the message's uploaded `files`. One handler per component type; an unknown type is a labelled
 * placeholder.
 */
import type { ComponentFile } from "../../contract/lessons.js";
import { escapeAttr, escapeHtml } from "../../text/html.js";
import { drawDiscordMarkdown } from "./discordMarkdown.js";
import { placeholder } from "./placeholder.js";

/** A component as JSON: the fields the drawers read, loosely typed (a payload may hold any type). */
export interface AnyComponent {
  type: number;
  [field: string]: unknown;
}

export interface ComponentDrawContext {
  files: readonly ComponentFile[];
  mediaUrl: (image: string) => string;
}

type Drawer = (c: AnyComponent, ctx: ComponentDrawContext) => string;

const list = (v: unknown): AnyComponent[] => (Array.isArray(v) ? (v as AnyComponent[]) : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const mediaOf = (v: unknown): { url: string } | undefined => (v && typeof v === "object" && typeof (v as { url?: unknown }).url === "string" ? (v as { url: string }) : undefined);

/** An image a component names: an uploaded file, else a URL the client would fetch (not drawn offline). */
function image(url: string, alt: string, ctx: ComponentDrawContext, cls: string): string {
  const name = /^attachment:\/\/(.+)$/.exec(url)?.[1];
  const file = name === undefined ? undefined : ctx.files.find((f) => f.name === name);
  if (file) return `<img class="${cls}" src="${escapeAttr(ctx.mediaUrl(file.image))}" alt="${escapeAttr(alt || file.alt || "")}">`;
  if (name !== undefined) return placeholder(`attachment://${name} is not among the message's files`, "", { block: true });
  return placeholder(`image Discord fetches from ${url}`, "", { block: true });
}

/** Button styles by number: Primary, Secondary, Success, Danger, Link, Premium. */
const BUTTON_STYLE: Readonly<Record<number, string>> = { 1: "primary", 2: "secondary", 3: "success", 4: "danger", 5: "link", 6: "premium" };

const button: Drawer = (c) => {
  const emoji = c.emoji && typeof c.emoji === "object" ? str((c.emoji as { name?: unknown }).name) : "";
  const label = [emoji, str(c.label)].filter(Boolean).join(" ");
  return `<span class="dc-button ${BUTTON_STYLE[Number(c.style)] ?? "secondary"}${c.disabled ? " disabled" : ""}">${escapeHtml(label)}${c.style === 5 ? " ↗" : ""}</span>`;
};

const select: Drawer = (c) => `<span class="dc-select">${escapeHtml(str(c.placeholder) || "Make a selection")}<span class="dc-select-caret">⌄</span></span>`;

const DRAWERS: Readonly<Record<number, Drawer>> = {
  1: (c, ctx) => `<div class="dc-row">${list(c.components).map((x) => draw(x, ctx)).join("")}</div>`,
  2: button,
  3: select,
  5: select,
  6: select,
  7: select,
  8: select,
  9: (c, ctx) => {
    const accessory = c.accessory && typeof c.accessory === "object" ? draw(c.accessory as AnyComponent, ctx) : "";
    return `<div class="dc-section"><div class="dc-section-text">${list(c.components).map((x) => draw(x, ctx)).join("")}</div><div class="dc-accessory">${accessory}</div></div>`;
  },
  10: (c) => `<div class="dc-text">${drawDiscordMarkdown(str(c.content))}</div>`,
  11: (c, ctx) => image(mediaOf(c.media)?.url ?? "", str(c.description), ctx, "dc-thumbnail"),
  12: (c, ctx) => {
    const items = list(c.items);
    const cells = items.map((it) => `<div class="dc-gallery-item">${image(mediaOf(it.media)?.url ?? "", str(it.description), ctx, "dc-gallery-img")}</div>`);
    return `<div class="dc-gallery n${Math.min(items.length, 4)}">${cells.join("")}</div>`;
  },
  13: (c) => `<div class="dc-file">📄 ${escapeHtml(/^attachment:\/\/(.+)$/.exec(mediaOf(c.file)?.url ?? "")?.[1] ?? "file")}</div>`,
  14: (c) => `<div class="dc-sep${c.divider === false ? " hidden" : ""}${Number(c.spacing) === 2 ? " large" : ""}"></div>`,
  17: (c, ctx) => {
    const accent = typeof c.accent_color === "number" ? `#${c.accent_color.toString(16).padStart(6, "0")}` : "";
    const style = accent ? ` style="--dc-accent: ${accent}"` : "";
    return `<div class="dc-container${accent ? " accented" : ""}"${style}>${list(c.components).map((x) => draw(x, ctx)).join("")}</div>`;
  },
};

function draw(c: AnyComponent, ctx: ComponentDrawContext): string {
  const drawer = DRAWERS[c.type];
  return drawer ? drawer(c, ctx) : placeholder(`component type ${c.type}: not drawn by the preview`, "", { block: true });
}

export function drawComponents(components: readonly AnyComponent[], ctx: ComponentDrawContext): string {
  return components.map((c) => draw(c, ctx)).join("");
}
