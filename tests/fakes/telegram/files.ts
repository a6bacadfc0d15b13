/**
 * Files the fake has received: fresh `file_id`s per upload, one `file_unique_id` per content
 * (the same bytes give the same unique id), photos checked and cut into the sizes Telegram makes.
 */
import { createHash } from "node:crypto";
import type { Document, PhotoSize } from "grammy/types";
import { ApiError, badRequest } from "./errors.js";
import { imageSize } from "./images.js";
import type { MediaSource } from "./params.js";

export type FileKind = "photo" | "document" | "video" | "animation" | "audio" | "voice";

export interface StoredFile {
  kind: FileKind;
  fileId: string;
  uniqueId: string;
  size: number;
  fileName?: string;
  mimeType?: string;
  /** Photos: every size Telegram made, smallest first. */
  photo?: PhotoSize[];
  /** The bytes of the largest size (uploads only). */
  data?: Buffer;
}

const MB = 1024 * 1024;
/** Longest side of the sizes Telegram generates (s, m, x, y, w). */
const PHOTO_SIDES = [90, 320, 800, 1280, 2560];
const ID_PREFIX: Readonly<Record<FileKind, string>> = { photo: "AgACAgIAAxkBAA", document: "BQACAgIAAxkBAA", video: "BAACAgIAAxkBAA", animation: "CgACAgIAAxkBAA", audio: "CQACAgIAAxkBAA", voice: "AwACAgIAAxkBAA" };
const MIME: Readonly<Record<string, string>> = { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", pdf: "application/pdf", txt: "text/plain", json: "application/json", zip: "application/zip", mp4: "video/mp4", mp3: "audio/mpeg", ogg: "audio/ogg", gif: "image/gif", svg: "image/svg+xml" };

export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private counter = 0;

  /** How many file_ids were issued (each upload issues fresh ones). */
  get issued(): number {
    return this.counter;
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  private newId(kind: FileKind): string {
    const serial = (++this.counter).toString(36).padStart(6, "0");
    return `${ID_PREFIX[kind]}${serial}${createHash("sha1").update(`${kind}:${this.counter}`).digest("base64url").slice(0, 24)}`;
  }

  private uniqueId(data: Buffer | string, variant: string): string {
    return `AQAD${createHash("sha256").update(data).update(variant).digest("base64url").slice(0, 12)}`;
  }

  /** A photo to send: checked like Telegram checks it; returns its sizes. */
  photo(source: MediaSource): PhotoSize[] {
    if (source.kind === "file_id") return this.known(source.fileId, "photo").photo ?? [];
    if (source.kind === "url") return this.register("photo", Buffer.from(source.url), { width: 800, height: 600 }).photo ?? [];
    const data = source.file.data;
    if (!data.length) throw badRequest("file must be non-empty");
    if (data.length > 10 * MB) throw badRequest("file is too big");
    const size = imageSize(data);
    if (!size) throw badRequest("IMAGE_PROCESS_FAILED");
    const { width, height } = size;
    if (!width || !height || width + height > 10000 || Math.max(width, height) / Math.min(width, height) > 20) throw badRequest("PHOTO_INVALID_DIMENSIONS");
    return this.register("photo", data, { width, height }).photo ?? [];
  }

  /** Any other file: a document, video, animation, audio or voice note. */
  file(kind: Exclude<FileKind, "photo">, source: MediaSource): StoredFile {
    if (source.kind === "file_id") return this.known(source.fileId, kind);
    if (source.kind === "url") return this.register(kind, Buffer.from(source.url), undefined, source.url.split("/").pop());
    if (!source.file.data.length) throw badRequest("file must be non-empty");
    if (source.file.data.length > 50 * MB) throw new ApiError(413, "Request Entity Too Large");
    return this.register(kind, source.file.data, undefined, source.file.filename);
  }

  document(source: MediaSource): Document {
    const f = this.file("document", source);
    return { file_id: f.fileId, file_unique_id: f.uniqueId, file_size: f.size, ...(f.fileName ? { file_name: f.fileName } : {}), ...(f.mimeType ? { mime_type: f.mimeType } : {}) };
  }

  private known(fileId: string, kind: FileKind): StoredFile {
    const f = this.byId.get(fileId);
    if (!f) throw badRequest("wrong file identifier/HTTP URL specified");
    const compatible = f.kind === kind || (kind === "video" && f.kind === "animation") || (kind === "document" && f.kind !== "photo");
    if (!compatible) throw badRequest("type of file mismatch");
    return f;
  }

  private register(kind: FileKind, data: Buffer, dims?: { width: number; height: number }, fileName?: string): StoredFile {
    if (kind === "photo" && dims) {
      const longest = Math.max(dims.width, dims.height);
      const sides = [...PHOTO_SIDES.filter((s) => s < Math.min(longest, 2560)), Math.min(longest, 2560)];
      const photo: PhotoSize[] = sides.map((side) => {
        const scale = side / longest;
        return {
          file_id: this.newId("photo"),
          file_unique_id: this.uniqueId(data, `photo:${side}`),
          width: Math.max(1, Math.round(dims.width * scale)),
          height: Math.max(1, Math.round(dims.height * scale)),
          file_size: Math.max(1, Math.round(data.length * scale * scale)),
        };
      });
      const stored: StoredFile = { kind, fileId: photo.at(-1)!.file_id, uniqueId: photo.at(-1)!.file_unique_id, size: data.length, photo, data };
      for (const p of photo) this.byId.set(p.file_id, stored);
      return stored;
    }
    const ext = /\.([a-z0-9]+)$/i.exec(fileName ?? "")?.[1]?.toLowerCase() ?? "";
    const stored: StoredFile = { kind, fileId: this.newId(kind), uniqueId: this.uniqueId(data, kind), size: data.length, fileName, mimeType: MIME[ext] ?? "application/octet-stream", data };
    this.byId.set(stored.fileId, stored);
    return stored;
  }
}
