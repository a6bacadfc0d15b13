import { writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { Api, InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "./server.js";
import { apiError, pngBytes, pngFile } from "./testHelpers.js";

let tg: FakeTelegram;
let api: Api;
let chatId: number;

beforeEach(async () => {
  tg = await FakeTelegram.start({ rateLimits: { perChat: { count: 1000, windowMs: 1000 }, global: { count: 1000, windowMs: 1000 } } });
  api = new Api(tg.token, { apiRoot: tg.apiRoot });
  chatId = tg.addUser({ first_name: "Ann" }).id;
});
afterEach(async () => {
  expect(tg.internalErrors).toEqual([]);
  await tg.stop();
});

describe("fake Bot API: photos", () => {
  it("takes a PNG uploaded from a path, reads its size and answers PhotoSize[] with fresh file_ids", async () => {
    const file = pngFile(1000, 400);
    const m = await api.sendPhoto(chatId, new InputFile(file), { caption: "<i>Hình 1</i>", parse_mode: "HTML" });
    const sizes = m.photo.map((p) => `${p.width}x${p.height}`);
    expect(sizes).toEqual(["90x36", "320x128", "800x320", "1000x400"]);
    expect(m.caption).toBe("Hình 1");
    expect(m.caption_entities).toEqual([{ type: "italic", offset: 0, length: 6 }]);
    expect(new Set(m.photo.map((p) => p.file_id)).size).toBe(4);
    expect(tg.sent[0]).toMatchObject({ method: "sendPhoto", chatId, text: "Hình 1", html: "<i>Hình 1</i>" });
  });

  it("reuses a photo by file_id; the same bytes uploaded again get a fresh file_id and the same file_unique_id", async () => {
    const file = pngFile(300, 200);
    const first = await api.sendPhoto(chatId, new InputFile(file));
    const largest = first.photo.at(-1)!;
    const reused = await api.sendPhoto(chatId, largest.file_id);
    expect(reused.photo.at(-1)).toEqual(largest);
    const again = await api.sendPhoto(chatId, new InputFile(file));
    expect(again.photo.at(-1)!.file_id).not.toBe(largest.file_id);
    expect(again.photo.at(-1)!.file_unique_id).toBe(largest.file_unique_id);
    const other = await api.sendPhoto(chatId, new InputFile(pngBytes(300, 200, "#f00")));
    expect(other.photo.at(-1)!.file_unique_id).not.toBe(largest.file_unique_id);
  });

  it("refuses photos outside Telegram's limits and files it never issued", async () => {
    const wide = await apiError(api.sendPhoto(chatId, new InputFile(pngBytes(2100, 100))));
    expect(wide.description).toBe("Bad Request: PHOTO_INVALID_DIMENSIONS");
    const huge = await apiError(api.sendPhoto(chatId, new InputFile(pngBytes(6000, 4100))));
    expect(huge.description).toBe("Bad Request: PHOTO_INVALID_DIMENSIONS");
    const notImage = await apiError(api.sendPhoto(chatId, new InputFile(Buffer.from("not a picture"), "x.png")));
    expect(notImage.description).toBe("Bad Request: IMAGE_PROCESS_FAILED");
    const unknown = await apiError(api.sendPhoto(chatId, "AgACAgIAAxkBAAnever-issued"));
    expect(unknown.description).toBe("Bad Request: wrong file identifier/HTTP URL specified");
    const caption = await apiError(api.sendPhoto(chatId, new InputFile(pngBytes(10, 10)), { caption: "x".repeat(1025) }));
    expect(caption.description).toBe("Bad Request: message caption is too long");
    expect(tg.sent).toEqual([]);
  });

  it("sends a document and keeps its name and type", async () => {
    const file = join(dirname(pngFile(1, 1)), "notes.txt");
    writeFileSync(file, "ghi chú");
    const m = await api.sendDocument(chatId, new InputFile(file));
    expect(m.document).toMatchObject({ file_name: "notes.txt", mime_type: "text/plain", file_size: Buffer.byteLength("ghi chú") });
    const asPhoto = await apiError(api.sendPhoto(chatId, m.document.file_id));
    expect(asPhoto.description).toBe("Bad Request: type of file mismatch");
  });
});

describe("fake Bot API: albums", () => {
  it("sends 2–10 photos as Message[] sharing a media_group_id, uploads and file_ids mixed", async () => {
    const first = await api.sendPhoto(chatId, new InputFile(pngBytes(200, 100)));
    const album = await api.sendMediaGroup(chatId, [
      { type: "photo", media: new InputFile(pngBytes(400, 300)), caption: "<b>a</b>", parse_mode: "HTML" },
      { type: "photo", media: first.photo.at(-1)!.file_id },
      { type: "photo", media: new InputFile(pngFile(120, 80)) },
    ]);
    expect(album).toHaveLength(3);
    expect(new Set(album.map((m) => ("media_group_id" in m ? m.media_group_id : undefined))).size).toBe(1);
    expect("media_group_id" in album[0]! && album[0].media_group_id).toBeTruthy();
    expect(album.map((m) => m.message_id)).toEqual([first.message_id + 1, first.message_id + 2, first.message_id + 3]);
    expect(album[0]!.caption).toBe("a");
    expect("photo" in album[1]! && album[1].photo.at(-1)!.file_id).toBe(first.photo.at(-1)!.file_id);
    expect(tg.sent.filter((s) => s.method === "sendMediaGroup")).toHaveLength(3);
  });

  it("refuses one-item and eleven-item albums and documents mixed with photos", async () => {
    const one = await apiError(api.sendMediaGroup(chatId, [{ type: "photo", media: new InputFile(pngBytes(10, 10)) }]));
    expect(one.description).toBe("Bad Request: media must include 2-10 items");
    const photo = (await api.sendPhoto(chatId, new InputFile(pngBytes(10, 10)))).photo.at(-1)!.file_id;
    const eleven = await apiError(api.sendMediaGroup(chatId, Array.from({ length: 11 }, () => ({ type: "photo" as const, media: photo }))));
    expect(eleven.description).toBe("Bad Request: media must include 2-10 items");
    const doc = (await api.sendDocument(chatId, new InputFile(Buffer.from("x"), "a.txt"))).document.file_id;
    const mixed = await apiError(api.raw.sendMediaGroup({ chat_id: chatId, media: [{ type: "photo", media: photo }, { type: "document", media: doc }] as never }));
    expect(mixed.description).toBe("Bad Request: document can't be mixed with other media types");
  });
});
