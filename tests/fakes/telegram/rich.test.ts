import { Api, InputFile } from "grammy";
import type { Message, RichBlock } from "grammy/types";
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

/** Every photo block, however deep (details, blockquotes, figures, collages). */
function photoBlocks(blocks: readonly RichBlock[]): Extract<RichBlock, { type: "photo" }>[] {
  return blocks.flatMap((b) => {
    if (b.type === "photo") return [b];
    if ("blocks" in b) return photoBlocks(b.blocks);
    if (b.type === "list") return b.items.flatMap((i) => photoBlocks(i.blocks));
    return [];
  });
}

const LESSON = `<a name="top"></a>
<h2>Phép nhân ma trận</h2>
<p>Với <tg-math>A \\in \\mathbb{R}^{m \\times n}</tg-math> và <b>B</b>:</p>
<tg-math-block>C_{ij} = \\sum_k A_{ik} B_{kj}</tg-math-block>
<figure><img src="tg://photo?id=diagram"/><figcaption>Sơ đồ</figcaption></figure>
<details><summary>Công thức dài</summary><img src="tg://photo?id=formula_2"/></details>
<pre><code class="language-python">C = A @ B</code></pre>`;

describe("fake Bot API: sendRichMessage", () => {
  it("takes InputFiles in rich_message.media (multipart attach://) and answers photo blocks with file_ids", async () => {
    const m = await api.sendRichMessage(chatId, {
      html: LESSON,
      media: [
        { id: "diagram", media: { type: "photo", media: new InputFile(pngFile(640, 360)) } },
        { id: "formula_2", media: { type: "photo", media: new InputFile(pngBytes(900, 120)) } },
      ],
    });
    const blocks = m.rich_message.blocks;
    expect(blocks.map((b) => b.type)).toEqual(["anchor", "heading", "paragraph", "mathematical_expression", "photo", "details", "pre"]);
    expect(blocks[1]).toEqual({ type: "heading", text: "Phép nhân ma trận", size: 2 });
    expect(blocks[2]).toEqual({ type: "paragraph", text: ["Với ", { type: "mathematical_expression", expression: "A \\in \\mathbb{R}^{m \\times n}" }, " và ", { type: "bold", text: "B" }, ":"] });
    expect(blocks[3]).toEqual({ type: "mathematical_expression", expression: "C_{ij} = \\sum_k A_{ik} B_{kj}" });
    expect(blocks[6]).toEqual({ type: "pre", text: "C = A @ B", language: "python" });
    const photos = photoBlocks(blocks);
    expect(photos.map((p) => `${p.photo.at(-1)!.width}x${p.photo.at(-1)!.height}`)).toEqual(["640x360", "900x120"]);
    expect(photos[0]!.caption).toEqual({ text: "Sơ đồ" });
    const record = tg.sent[0]!;
    expect(record.method).toBe("sendRichMessage");
    expect(record.rich?.media.map((x) => [x.id, x.fileId])).toEqual(photos.map((p, k) => [k === 0 ? "diagram" : "formula_2", p.photo.at(-1)!.file_id]));
    expect(record.rich?.stats).toMatchObject({ media: 2, blocks: 8 });
  });

  it("reuses an earlier photo by file_id; plain JSON then, no upload", async () => {
    const first = await api.sendRichMessage(chatId, { html: '<img src="tg://photo?id=a"/>', media: [{ id: "a", media: { type: "photo", media: new InputFile(pngBytes(200, 200)) } }] });
    const fileId = photoBlocks(first.rich_message.blocks)[0]!.photo.at(-1)!.file_id;
    const second: Message.RichMessageMessage = await api.sendRichMessage(chatId, { html: '<p>Lại:</p><img src="tg://photo?id=again"/>', media: [{ id: "again", media: { type: "photo", media: fileId } }] });
    expect(photoBlocks(second.rich_message.blocks)[0]!.photo.at(-1)!.file_id).toBe(fileId);
    expect(tg.requests.at(-1)?.params?.["rich_message"]).toMatchObject({ media: [{ id: "again", media: { media: fileId } }] });
  });

  it("refuses HTML the rich validator refuses, unbound media and unknown file_ids with 400", async () => {
    const bad = await apiError(api.sendRichMessage(chatId, { html: "<p>Xem <img src=\"https://example.com/a.png\"/></p>" }));
    expect(bad.error_code).toBe(400);
    expect(bad.description).toBe("Bad Request: can't parse rich message: <img> inside <p>: media are separate blocks (at 7)");
    const unbound = await apiError(api.sendRichMessage(chatId, { html: '<img src="tg://photo?id=x"/>' }));
    expect(unbound.description).toContain("tg://photo?id=x has no entry in media");
    const unknown = await apiError(api.sendRichMessage(chatId, { html: '<img src="tg://photo?id=x"/>', media: [{ id: "x", media: { type: "photo", media: "AgACnever" } }] }));
    expect(unknown.description).toBe("Bad Request: wrong file identifier/HTTP URL specified");
    const tooTall = await apiError(api.sendRichMessage(chatId, { html: '<img src="tg://photo?id=x"/>', media: [{ id: "x", media: { type: "photo", media: new InputFile(pngBytes(40, 1000)) } }] }));
    expect(tooTall.description).toBe("Bad Request: PHOTO_INVALID_DIMENSIONS");
    expect(tg.sent).toEqual([]);
    expect(tg.rejections.map((r) => r.method)).toEqual(["sendRichMessage", "sendRichMessage", "sendRichMessage", "sendRichMessage"]);
  });

  it("refuses the rich messages a test picks, and answers 404 when rich messages are switched off", async () => {
    const undo = tg.refuseRich((rich) => rich.html.includes("tg-math"), "RICH_MESSAGE_TOO_COMPLEX");
    const refused = await apiError(api.sendRichMessage(chatId, { html: "<p><tg-math>x</tg-math></p>" }));
    expect(refused.description).toBe("Bad Request: RICH_MESSAGE_TOO_COMPLEX");
    await api.sendRichMessage(chatId, { html: "<p>plain</p>" });
    undo();
    await api.sendRichMessage(chatId, { html: "<p><tg-math>x</tg-math></p>" });
    tg.setRichMessages(false);
    const old = await apiError(api.sendRichMessage(chatId, { html: "<p>x</p>" }));
    expect([old.error_code, old.description]).toEqual([404, "Not Found: method not found"]);
    expect(tg.sent).toHaveLength(2);
  });
});
