import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { InputFile } from "grammy";
import type { UploadCache } from "../../src/learning/index.js";

/** What to put in a media field: a file_id already on Telegram's servers, or the file itself. */
export interface MediaSource {
  hash: string;
  media: string | InputFile;
  /** True when this send uploads the file (and must `settle` it afterwards). */
  uploading: boolean;
}

export interface UploadCounters {
  /** Images sent as files (each becomes a file_id stored for later). */
  uploads: number;
  /** Images sent by a stored file_id. */
  reuses: number;
}

/**
 * Each image is uploaded once: its file_id is stored by a hash of its bytes (the uploads table) and
 * reused for every later chat. While one send uploads an image, other sends of the same image wait
 * for its file_id instead of uploading it again (10,000 lessons falling due at once upload once).
 */
export class MediaUploads {
  readonly counters: UploadCounters = { uploads: 0, reuses: 0 };
  private readonly hashes = new Map<string, Promise<string>>();
  private readonly fileIds = new Map<string, string>();
  private readonly inFlight = new Map<string, { done: Promise<void>; resolve: () => void }>();

  constructor(
    private readonly cache: UploadCache,
    private readonly now: () => number = Date.now,
  ) {}

  /** The content hash of a file (rendered files do not change while the process runs). */
  hashOf(path: string): Promise<string> {
    let h = this.hashes.get(path);
    if (!h) {
      h = readFile(path).then((bytes) => createHash("sha256").update(bytes).digest("hex"));
      this.hashes.set(path, h);
      h.catch(() => this.hashes.delete(path));
    }
    return h;
  }

  private stored(hash: string): string | undefined {
    let id = this.fileIds.get(hash);
    if (id === undefined) {
      // "" marks a file_id Telegram refused (the cache has no delete).
      id = this.cache.get("telegram", hash) || undefined;
      if (id !== undefined) this.fileIds.set(hash, id);
    }
    return id;
  }

  /** The file_id to send `path` by, or the file to upload (then this caller settles it). */
  async source(path: string): Promise<MediaSource> {
    const hash = await this.hashOf(path);
    for (;;) {
      const id = this.stored(hash);
      if (id !== undefined) return { hash, media: id, uploading: false };
      const pending = this.inFlight.get(hash);
      if (!pending) break;
      await pending.done;
    }
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    this.inFlight.set(hash, { done, resolve });
    return { hash, media: new InputFile(path), uploading: true };
  }

  /**
   * Sources for the images of one message, in order. An image named twice (or two files with the
   * same bytes) is asked for once: waiting for our own upload would never end.
   */
  async sourcesFor(paths: readonly string[]): Promise<MediaSource[]> {
    const hashes = await Promise.all(paths.map((p) => this.hashOf(p)));
    // Claimed in hash order, so two messages with the same images in another order cannot wait
    // for each other's uploads.
    const byHash = new Map<string, MediaSource>();
    for (const hash of [...new Set(hashes)].sort()) byHash.set(hash, await this.source(paths[hashes.indexOf(hash)]!));
    const seen = new Set<string>();
    return paths.map((path, i) => {
      const s = byHash.get(hashes[i]!)!;
      if (!seen.has(s.hash)) {
        seen.add(s.hash);
        return s;
      }
      // The same bytes again in this message: a file part of its own, the upload settled by the first.
      return s.uploading ? { hash: s.hash, media: new InputFile(path), uploading: false } : s;
    });
  }

  /** After the send: stores the file_id Telegram gave an uploaded file (none: the upload failed). */
  settle(source: MediaSource, fileId: string | undefined): void {
    if (!source.uploading) return;
    if (fileId) {
      this.fileIds.set(source.hash, fileId);
      this.cache.put("telegram", source.hash, fileId, this.now());
    }
    const pending = this.inFlight.get(source.hash);
    this.inFlight.delete(source.hash);
    pending?.resolve();
  }

  /** Counts a sent message's media once it went through. */
  count(sources: readonly MediaSource[]): void {
    for (const s of sources) {
      if (typeof s.media === "string") this.counters.reuses++;
      else this.counters.uploads++;
    }
  }

  /** Telegram refused these file_ids: upload the files again next time. */
  forget(sources: readonly MediaSource[]): void {
    for (const s of sources) {
      if (typeof s.media !== "string") continue;
      this.fileIds.delete(s.hash);
      this.cache.put("telegram", s.hash, "", this.now());
    }
  }
}
