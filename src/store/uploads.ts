import type { SqlDatabase, SqlStatement } from "./sql.js";
import type { Platform } from "../contract/lessons.js";

/**
 * The platform's ids of images already uploaded (Telegram `file_id`s), by a hash of the file's bytes:
 * each image is uploaded once and its id reused for every later chat.
 */
export class UploadRepository {
  private readonly getStmt: SqlStatement<[string, string], { file_id: string }>;
  private readonly putStmt: SqlStatement<[string, string, string, number]>;

  constructor(db: SqlDatabase) {
    this.getStmt = db.prepare("SELECT file_id FROM media_uploads WHERE platform = ? AND hash = ?");
    this.putStmt = db.prepare(
      "INSERT INTO media_uploads (platform, hash, file_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (platform, hash) DO UPDATE SET file_id = excluded.file_id",
    );
  }

  get(platform: Platform, hash: string): string | undefined {
    return this.getStmt.get(platform, hash)?.file_id;
  }

  put(platform: Platform, hash: string, fileId: string, now: number): void {
    this.putStmt.run(platform, hash, fileId, now);
  }
}
