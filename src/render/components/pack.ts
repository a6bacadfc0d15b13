/**
 * A lesson's segments (Discord Markdown text, images, box and section marks) → Discord Components V2
 * messages: text in Text Displays, images in Media Galleries where the text puts them, call-outs and
 * details as Containers (call-outs with an accent colour per kind), Separators between sections.
 * Each message stays within Discord's limits (40 components counting nested ones, 4000 characters
 * across its Text Displays, 10 children per Container, 10 items per gallery), keeping room in every
 * message for the Action Row of three buttons the adapter appends to the last one.
 */
import { ComponentType, SeparatorSpacingSize, type APIComponentInContainer, type APIMessageTopLevelComponent } from "discord-api-types/v10";
import type { CalloutKind } from "../../course/blocks.js";
import type { ChatMessage, ComponentFile } from "../../contract/lessons.js";
import { cutMarkdown } from "../cut.js";
import { truncateText } from "../../text/graphemes.js";

export type ComponentItem =
  | { k: "text"; s: string }
  | { k: "img"; file: string; alt: string; kind?: "figure" | "formula" }
  | { k: "open"; kind?: CalloutKind }
  | { k: "close" }
  | { k: "section" };

export interface ComponentLimits {
  /** Components per message, counting nested ones. */
  components: number;
  /** Characters across a message's Text Displays. */
  characters: number;
  containerChildren: number;
  galleryItems: number;
  /** Files uploaded with one message. */
  files: number;
}

/**
 * Discord's limits; 4 of the 40 components are left for an Action Row of three buttons. A gallery
 * holds one image: Discord crops the tiles of a several-image gallery, and a formula must be whole.
 */
export const COMPONENT_LIMITS: ComponentLimits = { components: 40 - 4, characters: 4000, containerChildren: 10, galleryItems: 1, files: 10 };

export const ACCENT: Record<CalloutKind, number> = {
  note: 0x3b82f6,
  tip: 0x22c55e,
  important: 0xa855f7,
  warning: 0xf59e0b,
  caution: 0xef4444,
  error: 0xdc2626,
  success: 0x16a34a,
};

type Leaf = { t: "text"; s: string } | { t: "img"; file: string; alt: string } | { t: "sep" };
/** A leaf and the box it stands in (null: top level); boxes are numbered so two in a row stay apart. */
type Placed = { leaf: Leaf; box: { id: number; kind?: CalloutKind } | null };

/** Segments → leaves in their boxes. Boxes do not nest in Discord: an inner box joins the outer one. */
function place(items: ComponentItem[], limits: ComponentLimits): Placed[] {
  const out: Placed[] = [];
  let depth = 0;
  let box: Placed["box"] = null;
  let boxes = 0;
  for (const it of items) {
    switch (it.k) {
      case "open":
        if (depth++ === 0) box = { id: ++boxes, ...(it.kind ? { kind: it.kind } : {}) };
        break;
      case "close":
        if (depth > 0 && --depth === 0) box = null;
        break;
      case "section":
        if (depth === 0 && out.length && out.at(-1)!.leaf.t !== "sep") out.push({ leaf: { t: "sep" }, box: null });
        break;
      case "text":
        for (const s of cutMarkdown(it.s, limits.characters - 50)) {
          if (s.trim()) out.push({ leaf: { t: "text", s }, box });
        }
        break;
      case "img":
        out.push({ leaf: { t: "img", file: it.file, alt: it.alt }, box });
        break;
      default:
        it satisfies never;
    }
  }
  while (out.at(-1)?.leaf.t === "sep") out.pop();
  return out;
}

class MessageBuilder {
  readonly top: APIMessageTopLevelComponent[] = [];
  count = 0;
  chars = 0;
  /** The Container being filled, and the box it belongs to. */
  container: { c: Extract<APIMessageTopLevelComponent, { type: ComponentType.Container }>; box: number } | null = null;
  readonly files = new Map<string, ComponentFile>();

  attach(file: string, alt: string): string {
    const known = this.files.get(file);
    if (known) return known.name;
    let name = (file.split("/").pop() ?? "image.png").replace(/[^A-Za-z0-9_.-]/g, "_");
    const taken = new Set([...this.files.values()].map((f) => f.name));
    for (let n = 2; taken.has(name); n++) name = name.replace(/(?:-\d+)?(\.[^.]*)?$/, `-${n}$1`);
    this.files.set(file, { name, image: file, alt });
    return name;
  }

  toMessage(): ChatMessage {
    return { components: this.top, files: [...this.files.values()] };
  }
}

/** Discord takes 1024 characters of an image's description: longer ones end at a word, with "…". */
function description(alt: string): string {
  if (alt.length <= 1024) return alt;
  const cut = truncateText(alt, 1023);
  const space = cut.lastIndexOf(" ");
  return `${space > 900 ? cut.slice(0, space) : cut}…`;
}

export function packComponents(items: ComponentItem[], limits: ComponentLimits = COMPONENT_LIMITS): ChatMessage[] {
  const placed = place(items, limits);
  const out: MessageBuilder[] = [new MessageBuilder()];
  let msg = out[0]!;
  const fresh = (): void => {
    msg = new MessageBuilder();
    out.push(msg);
  };

  for (const { leaf, box } of placed) {
    if (leaf.t === "sep") {
      if (msg.count === 0) continue;
      if (msg.count + 1 > limits.components) {
        fresh();
        continue;
      }
      msg.container = null;
      msg.top.push({ type: ComponentType.Separator, divider: true, spacing: SeparatorSpacingSize.Large });
      msg.count++;
      continue;
    }
    const chars = leaf.t === "text" ? leaf.s.length : 0;
    for (let attempt = 0; attempt < 2; attempt++) {
      const inBox = box !== null && msg.container?.box === box.id && msg.container.c.components.length < limits.containerChildren;
      const siblings: (APIMessageTopLevelComponent | APIComponentInContainer)[] = box ? (inBox ? msg.container!.c.components : []) : msg.top;
      const last = siblings.at(-1);
      const mergeText = leaf.t === "text" && last?.type === ComponentType.TextDisplay && msg.chars + chars + 2 <= limits.characters;
      const mergeImage = leaf.t === "img" && last?.type === ComponentType.MediaGallery && last.items.length < limits.galleryItems;
      const cost = (mergeText || mergeImage ? 0 : 1) + (box && !inBox ? 1 : 0);
      const newFile = leaf.t === "img" && !msg.files.has(leaf.file) ? 1 : 0;
      if (
        msg.count + cost > limits.components ||
        msg.chars + chars + (mergeText ? 2 : 0) > limits.characters ||
        msg.files.size + newFile > limits.files
      ) {
        if (attempt === 0 && msg.count > 0) {
          fresh();
          continue;
        }
      }
      if (box && !inBox) {
        const c: Extract<APIMessageTopLevelComponent, { type: ComponentType.Container }> = {
          type: ComponentType.Container,
          ...(box.kind ? { accent_color: ACCENT[box.kind] } : {}),
          components: [],
        };
        msg.top.push(c);
        msg.container = { c, box: box.id };
        msg.count++;
      } else if (!box) msg.container = null;
      const target = box ? msg.container!.c.components : msg.top;
      if (leaf.t === "text") {
        if (mergeText && last?.type === ComponentType.TextDisplay) last.content += `\n\n${leaf.s}`;
        else {
          target.push({ type: ComponentType.TextDisplay, content: leaf.s });
          msg.count++;
        }
        msg.chars += chars + (mergeText ? 2 : 0);
      } else {
        const item = { media: { url: `attachment://${msg.attach(leaf.file, leaf.alt)}` }, ...(leaf.alt.trim() ? { description: description(leaf.alt) } : {}) };
        if (mergeImage && last?.type === ComponentType.MediaGallery) last.items.push(item);
        else {
          target.push({ type: ComponentType.MediaGallery, items: [item] });
          msg.count++;
        }
      }
      break;
    }
  }
  return out.filter((m) => m.count > 0).map((m) => m.toMessage());
}
