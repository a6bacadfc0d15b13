/**
 * The parameters of one Bot API call, read the way Telegram reads them: from the query string and
 * a JSON, urlencoded or multipart body; numbers and booleans may arrive as strings, objects as JSON
 * strings, files as multipart parts referenced by `attach://NAME`.
 */
import { badRequest } from "./errors.js";
import type { FormFile } from "./multipart.js";

/** Where a file to send comes from. */
export type MediaSource = { kind: "upload"; file: FormFile } | { kind: "file_id"; fileId: string } | { kind: "url"; url: string };

export class Params {
  constructor(
    private readonly values: ReadonlyMap<string, unknown>,
    private readonly uploads: ReadonlyMap<string, FormFile> = new Map(),
  ) {}

  /** Plain values for the request log (files shown by name and size). */
  toRecord(): Record<string, unknown> {
    const out: Record<string, unknown> = Object.fromEntries(this.values);
    for (const [name, f] of this.uploads) out[`file:${name}`] = `${f.filename} (${f.data.length} bytes)`;
    return out;
  }

  has(name: string): boolean {
    return this.values.has(name) && this.values.get(name) !== null;
  }

  raw(name: string): unknown {
    return this.values.get(name) ?? undefined;
  }

  string(name: string): string | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    throw badRequest(`field "${name}" must be a string`);
  }

  int(name: string): number | undefined {
    const v = this.raw(name);
    if (v === undefined || v === "") return undefined;
    const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n)) throw badRequest(`field "${name}" must be an integer`);
    return n;
  }

  bool(name: string): boolean {
    const v = this.raw(name);
    return v === true || v === "true" || v === "True" || v === 1 || v === "1";
  }

  /** An object field: given as JSON in a JSON body, or as a JSON string in a form. */
  object(name: string, label: string = name): unknown {
    const v = this.raw(name);
    if (typeof v !== "string") return v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      throw badRequest(`can't parse ${label} JSON object`);
    }
  }

  chatId(): number | string {
    const v = this.raw("chat_id");
    if (v === undefined || v === "") throw badRequest("chat_id is empty");
    if (typeof v === "number" && Number.isSafeInteger(v)) return v;
    if (typeof v === "string" && /^-?\d+$/.test(v.trim())) return Number(v);
    if (typeof v === "string" && /^@\w{4,}$/.test(v)) return v;
    throw badRequest("chat not found");
  }

  /** A file field at the top level: a part named like the field, `attach://NAME`, a file_id or a URL. */
  topLevelMedia(name: string): MediaSource {
    const part = this.uploads.get(name);
    if (part) return { kind: "upload", file: part };
    const v = this.raw(name);
    if (typeof v !== "string" || !v) throw badRequest(`there is no ${name} in the request`);
    return this.media(v);
  }

  /** A file reference inside a JSON field (InputMedia.media). */
  media(value: unknown): MediaSource {
    if (typeof value !== "string" || !value) throw badRequest("wrong file identifier/HTTP URL specified");
    if (value.startsWith("attach://")) {
      const file = this.uploads.get(value.slice("attach://".length));
      if (!file) throw badRequest(`file ${value} is not in the request`);
      return { kind: "upload", file };
    }
    if (/^https?:\/\//i.test(value)) return { kind: "url", url: value };
    return { kind: "file_id", fileId: value };
  }
}
