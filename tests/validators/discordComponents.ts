/**
 * What Discord would refuse in a message body (channel message create/edit, interaction response
 * `data`, webhook follow-up), checked the way Discord checks it: classic content and embed limits,
 * and the Components V2 layout rules (flag IS_COMPONENTS_V2 = 1 << 15). discord-api-types v10 is
 * the spec of every shape; where PLATFORMS.md and it disagree, the library wins.
 *
 * Each problem carries a `path` like `components[2].components[0].content`, so a fake server can
 * answer Discord's 400 `{ code: 50035, message: "Invalid Form Body", errors }` (see
 * `formBodyErrorTree`). Lengths are JavaScript `.length` (UTF-16), which never under-counts.
 *
 * Stricter than Discord on purpose: an uploaded file that no component references in a V2 message
 * is an error (Discord accepts it and shows it nowhere: a wasted upload).
 */

export const IS_COMPONENTS_V2 = 1 << 15;

export interface PayloadError {
  /** Where in the body, e.g. `components[0].components[3].label`; "" for the whole message. */
  path: string;
  /** Discord-style code (`BASE_TYPE_MAX_LENGTH`, …); `MESSAGE_EMPTY` maps to Discord's 50006. */
  code: string;
  message: string;
}

const enum T {
  ActionRow = 1,
  Button = 2,
  StringSelect = 3,
  UserSelect = 5,
  RoleSelect = 6,
  MentionableSelect = 7,
  ChannelSelect = 8,
  Section = 9,
  TextDisplay = 10,
  Thumbnail = 11,
  MediaGallery = 12,
  File = 13,
  Separator = 14,
  Container = 17,
}

const SELECTS = new Set<number>([T.StringSelect, T.UserSelect, T.RoleSelect, T.MentionableSelect, T.ChannelSelect]);
const TOP_LEVEL_V2 = new Set<number>([T.ActionRow, T.Section, T.TextDisplay, T.MediaGallery, T.File, T.Separator, T.Container]);
const IN_CONTAINER = new Set<number>([T.ActionRow, T.TextDisplay, T.Section, T.MediaGallery, T.Separator, T.File]);
const IN_ROW = new Set<number>([T.Button, ...SELECTS]);
const ACCESSORY = new Set<number>([T.Button, T.Thumbnail]);

const MAX = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  files: 10,
  actionRowsClassic: 5,
  componentsV2: 40,
  textDisplayTotal: 4000,
  containerChildren: 10,
  sectionTexts: 3,
  galleryItems: 10,
  altText: 1024,
  buttonsPerRow: 5,
  label: 80,
  customId: 100,
  url: 512,
  selectOptions: 25,
  optionText: 100,
  placeholder: 150,
} as const;

type Json = Record<string, unknown>;

interface Walk {
  errors: PayloadError[];
  uploaded: Set<string>;
  referenced: Set<string>;
  customIds: Map<string, string>;
  componentIds: Map<number, string>;
  count: number;
  textLength: number;
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function at(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function add(w: Walk, path: string, code: string, message: string): void {
  w.errors.push({ path, code, message });
}

/** An optional string no longer than `max` (and at least `min` when present). */
function checkString(w: Walk, obj: Json, key: string, path: string, max: number, opts: { required?: boolean; min?: number } = {}): string | undefined {
  const v = obj[key];
  const p = at(path, key);
  if (v === undefined || v === null) {
    if (opts.required) add(w, p, "BASE_TYPE_REQUIRED", "This field is required");
    return undefined;
  }
  if (typeof v !== "string") {
    add(w, p, "STRING_TYPE_CONVERT", "Could not interpret value as string.");
    return undefined;
  }
  const min = opts.min ?? 0;
  if (v.length < min || v.length > max) {
    const code = v.length > max ? "BASE_TYPE_MAX_LENGTH" : "BASE_TYPE_BAD_LENGTH";
    const message = v.length > max ? `Must be ${max} or fewer in length.` : `Must be between ${min} and ${max} in length.`;
    add(w, p, code, message);
  }
  return v;
}

function checkBoolean(w: Walk, obj: Json, key: string, path: string): void {
  const v = obj[key];
  if (v !== undefined && v !== null && typeof v !== "boolean") add(w, at(path, key), "BOOLEAN_TYPE_CONVERT", "Must be either true or false.");
}

function checkInteger(w: Walk, obj: Json, key: string, path: string, min: number, max: number): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v)) {
    add(w, at(path, key), "NUMBER_TYPE_COERCE", "Value is not int.");
    return undefined;
  }
  if (v < min || v > max) add(w, at(path, key), v < min ? "NUMBER_TYPE_MIN" : "NUMBER_TYPE_MAX", `Int value should be between ${min} and ${max}.`);
  return v;
}

/** An array of `min`..`max` entries; reports its own length problems and returns the entries. */
function checkArray(w: Walk, obj: Json, key: string, path: string, min: number, max: number): unknown[] {
  const v = obj[key];
  const p = at(path, key);
  if (v === undefined || v === null) {
    if (min > 0) add(w, p, "BASE_TYPE_REQUIRED", "This field is required");
    return [];
  }
  if (!Array.isArray(v)) {
    add(w, p, "LIST_TYPE_CONVERT", "Must be an array.");
    return [];
  }
  if (v.length < min || v.length > max) add(w, p, "BASE_TYPE_BAD_LENGTH", `Must be between ${min} and ${max} in length.`);
  return v;
}

/** An unfurled media item: http(s) URL, or `attachment://NAME` of an uploaded file. */
function checkMedia(w: Walk, holder: Json, key: string, path: string, attachmentsOnly: boolean): void {
  const media = holder[key];
  const p = at(path, key);
  if (!isObject(media)) {
    add(w, p, "BASE_TYPE_REQUIRED", "This field is required");
    return;
  }
  const url = checkString(w, media, "url", p, 2048, { required: true, min: 1 });
  if (url === undefined) return;
  const attachment = /^attachment:\/\/(.+)$/.exec(url);
  if (attachment) {
    const name = attachment[1]!;
    w.referenced.add(name);
    if (!w.uploaded.has(name)) add(w, at(p, "url"), "UNFURLED_MEDIA_ITEM_ATTACHMENT_NOT_FOUND", `No uploaded file named ${name}.`);
  } else if (attachmentsOnly) {
    add(w, at(p, "url"), "UNFURLED_MEDIA_ITEM_ONLY_ATTACHMENTS", "Only attachment:// references are allowed here.");
  } else if (!/^https?:\/\/\S+$/.test(url)) {
    add(w, at(p, "url"), "URL_TYPE_INVALID_URL", "Scheme must be one of ('http', 'https', 'attachment').");
  }
}

function checkChildren(w: Walk, obj: Json, key: string, path: string, allowed: Set<number>, min: number, max: number): void {
  checkArray(w, obj, key, path, min, max).forEach((child, i) => checkComponent(w, child, at(at(path, key), i), allowed));
}

type Handler = (w: Walk, c: Json, path: string) => void;

const HANDLERS: Record<number, Handler> = {
  [T.ActionRow]: (w, c, path) => {
    const children = checkArray(w, c, "components", path, 1, MAX.buttonsPerRow);
    const selects = children.filter((x) => isObject(x) && SELECTS.has(Number(x.type))).length;
    if (selects > 0 && children.length > 1) add(w, at(path, "components"), "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "An action row holds one select menu and nothing else.");
    children.forEach((child, i) => checkComponent(w, child, at(at(path, "components"), i), IN_ROW));
  },
  [T.Button]: (w, c, path) => {
    const style = checkInteger(w, c, "style", path, 1, 6);
    if (c.style === undefined) add(w, at(path, "style"), "BASE_TYPE_REQUIRED", "This field is required");
    const label = checkString(w, c, "label", path, MAX.label);
    checkBoolean(w, c, "disabled", path);
    if (style === 6) {
      if (c.sku_id === undefined) add(w, at(path, "sku_id"), "BASE_TYPE_REQUIRED", "This field is required");
      for (const k of ["custom_id", "url", "label", "emoji"]) if (c[k] !== undefined) add(w, at(path, k), "BUTTON_COMPONENT_INVALID_FIELD", `A premium button cannot have ${k}.`);
      return;
    }
    if (!label && c.emoji === undefined) add(w, at(path, "label"), "BASE_TYPE_REQUIRED", "A button needs a label or an emoji.");
    if (style === 5) {
      const url = checkString(w, c, "url", path, MAX.url, { required: true, min: 1 });
      if (url !== undefined && !/^(https?|discord):\/\/\S+$/.test(url)) add(w, at(path, "url"), "URL_TYPE_INVALID_URL", "Scheme must be one of ('http', 'https', 'discord').");
      if (c.custom_id !== undefined) add(w, at(path, "custom_id"), "BUTTON_COMPONENT_CUSTOM_ID_WITH_URL", "A link button cannot have a custom_id.");
    } else {
      checkCustomId(w, c, path);
      if (c.url !== undefined) add(w, at(path, "url"), "BUTTON_COMPONENT_URL_WITH_CUSTOM_ID", "Only link buttons have a url.");
    }
  },
  [T.Section]: (w, c, path) => {
    checkChildren(w, c, "components", path, new Set([T.TextDisplay]), 1, MAX.sectionTexts);
    if (c.accessory === undefined) add(w, at(path, "accessory"), "BASE_TYPE_REQUIRED", "This field is required");
    else checkComponent(w, c.accessory, at(path, "accessory"), ACCESSORY);
  },
  [T.TextDisplay]: (w, c, path) => {
    const content = checkString(w, c, "content", path, MAX.textDisplayTotal, { required: true, min: 1 });
    if (content !== undefined) w.textLength += content.length;
  },
  [T.Thumbnail]: (w, c, path) => {
    checkMedia(w, c, "media", path, false);
    checkString(w, c, "description", path, MAX.altText);
    checkBoolean(w, c, "spoiler", path);
  },
  [T.MediaGallery]: (w, c, path) => {
    checkArray(w, c, "items", path, 1, MAX.galleryItems).forEach((item, i) => {
      const p = at(at(path, "items"), i);
      if (!isObject(item)) return add(w, p, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
      checkMedia(w, item, "media", p, false);
      checkString(w, item, "description", p, MAX.altText);
      checkBoolean(w, item, "spoiler", p);
    });
  },
  [T.File]: (w, c, path) => {
    checkMedia(w, c, "file", path, true);
    checkBoolean(w, c, "spoiler", path);
  },
  [T.Separator]: (w, c, path) => {
    checkInteger(w, c, "spacing", path, 1, 2);
    checkBoolean(w, c, "divider", path);
  },
  [T.Container]: (w, c, path) => {
    checkChildren(w, c, "components", path, IN_CONTAINER, 1, MAX.containerChildren);
    checkInteger(w, c, "accent_color", path, 0, 0xffffff);
    checkBoolean(w, c, "spoiler", path);
  },
};

function checkSelect(w: Walk, c: Json, path: string): void {
  checkCustomId(w, c, path);
  checkString(w, c, "placeholder", path, MAX.placeholder);
  const min = checkInteger(w, c, "min_values", path, 0, MAX.selectOptions) ?? 1;
  const max = checkInteger(w, c, "max_values", path, 1, MAX.selectOptions) ?? 1;
  if (min > max) add(w, at(path, "min_values"), "SELECT_COMPONENT_MIN_GREATER_THAN_MAX", "min_values is greater than max_values.");
  checkBoolean(w, c, "disabled", path);
  if (c.type !== T.StringSelect) return;
  const options = checkArray(w, c, "options", path, 1, MAX.selectOptions);
  if (max > options.length) add(w, at(path, "max_values"), "SELECT_COMPONENT_TOO_FEW_OPTIONS", "max_values is more than the options.");
  options.forEach((o, i) => {
    const p = at(at(path, "options"), i);
    if (!isObject(o)) return add(w, p, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
    checkString(w, o, "label", p, MAX.optionText, { required: true, min: 1 });
    checkString(w, o, "value", p, MAX.optionText, { required: true, min: 1 });
    checkString(w, o, "description", p, MAX.optionText);
  });
}
for (const type of SELECTS) HANDLERS[type] = checkSelect;

function checkCustomId(w: Walk, c: Json, path: string): void {
  const id = checkString(w, c, "custom_id", path, MAX.customId, { required: true, min: 1 });
  if (id === undefined) return;
  const first = w.customIds.get(id);
  if (first !== undefined) add(w, at(path, "custom_id"), "COMPONENT_CUSTOM_ID_DUPLICATED", `Component custom id cannot be duplicated (first at ${first}).`);
  else w.customIds.set(id, path);
}

function checkComponent(w: Walk, c: unknown, path: string, allowed: Set<number>): void {
  w.count++;
  if (!isObject(c)) return add(w, path, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
  const type = c.type;
  if (typeof type !== "number" || !allowed.has(type)) {
    add(w, at(path, "type"), "UNION_TYPE_CHOICES", `Value of field "type" must be one of (${[...allowed].join(", ")}).`);
    return;
  }
  if (c.id !== undefined) {
    const id = checkInteger(w, c, "id", path, 1, 2 ** 31 - 1);
    if (id !== undefined && w.componentIds.has(id)) add(w, at(path, "id"), "COMPONENT_ID_DUPLICATED", `Component id ${id} is used twice.`);
    if (id !== undefined) w.componentIds.set(id, path);
  }
  HANDLERS[type]!(w, c, path);
}

function checkEmbeds(w: Walk, embeds: unknown[]): void {
  if (embeds.length > MAX.embeds) add(w, "embeds", "BASE_TYPE_MAX_LENGTH", `Must be ${MAX.embeds} or fewer in length.`);
  let total = 0;
  embeds.forEach((e, i) => {
    const p = at("embeds", i);
    if (!isObject(e)) return add(w, p, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
    total += (checkString(w, e, "title", p, MAX.title) ?? "").length;
    total += (checkString(w, e, "description", p, MAX.description) ?? "").length;
    if (isObject(e.footer)) total += (checkString(w, e.footer, "text", at(p, "footer"), MAX.footer, { required: true }) ?? "").length;
    if (isObject(e.author)) total += (checkString(w, e.author, "name", at(p, "author"), MAX.author, { required: true }) ?? "").length;
    checkArray(w, e, "fields", p, 0, MAX.fields).forEach((f, j) => {
      const fp = at(at(p, "fields"), j);
      if (!isObject(f)) return add(w, fp, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
      total += (checkString(w, f, "name", fp, MAX.fieldName, { required: true, min: 1 }) ?? "").length;
      total += (checkString(w, f, "value", fp, MAX.fieldValue, { required: true, min: 1 }) ?? "").length;
    });
  });
  if (total > MAX.embedTotal) add(w, "embeds", "MESSAGE_EMBEDS_TOO_LONG", `Embeds hold ${total} characters (max ${MAX.embedTotal}).`);
}

function nonEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === "string" || Array.isArray(v)) return v.length > 0;
  return true;
}

/**
 * Every reason Discord would refuse this message body. `uploadedFileNames` are the names of the
 * files sent with it (multipart `files[n]`, after any `attachments[].filename` rename) plus, for an
 * edit, the attachments it keeps.
 */
export function messagePayloadErrors(payload: unknown, uploadedFileNames: readonly string[]): PayloadError[] {
  const w: Walk = { errors: [], uploaded: new Set(uploadedFileNames), referenced: new Set(), customIds: new Map(), componentIds: new Map(), count: 0, textLength: 0 };
  if (!isObject(payload)) return [{ path: "", code: "MODEL_TYPE_CONVERT", message: "Only dictionaries may be used in a ModelType" }];
  const flags = checkInteger(w, payload, "flags", "", 0, 2 ** 31 - 1) ?? 0;
  const v2 = (flags & IS_COMPONENTS_V2) !== 0;
  if (uploadedFileNames.length > MAX.files) add(w, "attachments", "BASE_TYPE_MAX_LENGTH", `Must be ${MAX.files} or fewer in length.`);
  checkArray(w, payload, "attachments", "", 0, Infinity).forEach((a, i) => {
    if (isObject(a)) checkString(w, a, "description", at("attachments", i), MAX.altText);
  });
  const components = checkArray(w, payload, "components", "", 0, Infinity);

  if (v2) {
    for (const legacy of ["content", "embeds", "poll", "sticker_ids"]) {
      if (nonEmpty(payload[legacy])) add(w, legacy, "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2", `The '${legacy}' field cannot be used when using MessageFlags.IS_COMPONENTS_V2`);
    }
    if (components.length === 0) add(w, "components", "BASE_TYPE_REQUIRED", "A Components V2 message needs at least one component.");
    components.forEach((c, i) => checkComponent(w, c, at("components", i), TOP_LEVEL_V2));
    if (w.count > MAX.componentsV2) add(w, "components", "MAX_COMPONENTS", `The message has ${w.count} components counting nested ones (max ${MAX.componentsV2}).`);
    if (w.textLength > MAX.textDisplayTotal) add(w, "components", "MAX_TEXT_DISPLAY_LENGTH", `Text Displays hold ${w.textLength} characters (max ${MAX.textDisplayTotal}).`);
    uploadedFileNames.forEach((name, i) => {
      if (!w.referenced.has(name)) add(w, at("attachments", i), "ATTACHMENT_NOT_REFERENCED", `File ${name} is uploaded but no component shows it.`);
    });
    return w.errors;
  }

  checkString(w, payload, "content", "", MAX.content);
  checkEmbeds(w, checkArray(w, payload, "embeds", "", 0, Infinity));
  if (components.length > MAX.actionRowsClassic) add(w, "components", "BASE_TYPE_MAX_LENGTH", `Must be ${MAX.actionRowsClassic} or fewer in length.`);
  components.forEach((c, i) => checkComponent(w, c, at("components", i), new Set([T.ActionRow])));
  const hasSomething = ["content", "embeds", "components", "sticker_ids", "poll"].some((k) => nonEmpty(payload[k])) || uploadedFileNames.length > 0;
  if (!hasSomething) add(w, "", "MESSAGE_EMPTY", "Cannot send an empty message");
  return w.errors;
}

export type FormBodyErrorTree = { _errors?: { code: string; message: string }[] } & { [key: string]: FormBodyErrorTree | { code: string; message: string }[] | undefined };

/** Discord's nested `errors` object of a 50035 answer: `{ components: { "2": { content: { _errors: [...] } } } }`. */
export function formBodyErrorTree(errors: readonly PayloadError[]): FormBodyErrorTree {
  const root: FormBodyErrorTree = {};
  for (const e of errors) {
    let node = root;
    for (const key of e.path.match(/[^.[\]]+/g) ?? []) {
      const next = (node[key] ??= {}) as FormBodyErrorTree;
      node = next;
    }
    (node._errors ??= []).push({ code: e.code, message: e.message });
  }
  return root;
}

/** One line per problem, for test failure messages: `components[0].content: Must be … (CODE)`. */
export function describePayloadErrors(errors: readonly PayloadError[]): string[] {
  return errors.map((e) => `${e.path || "(message)"}: ${e.message} (${e.code})`);
}
