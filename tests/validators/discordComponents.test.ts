import { describe, expect, it } from "vitest";
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ContainerBuilder,
  FileBuilder,
  MediaGalleryBuilder,
  SectionBuilder,
  SeparatorBuilder,
  SeparatorSpacingSize,
  TextDisplayBuilder,
  ThumbnailBuilder,
} from "discord.js";
import { IS_COMPONENTS_V2, formBodyErrorTree, messagePayloadErrors, type PayloadError } from "./discordComponents.js";

const text = (content: string) => ({ type: 10, content });
const button = (custom_id: string, label = "Xong") => ({ type: 2, style: 1, custom_id, label });
const row = (...components: unknown[]) => ({ type: 1, components });
const v2 = (...components: unknown[]) => ({ flags: IS_COMPONENTS_V2, components });
const codesAt = (errors: PayloadError[]) => errors.map((e) => `${e.path} ${e.code}`);

describe("GIVEN a classic message", () => {
  it("THEN content of 2000 characters passes and 2001 is refused at `content`", () => {
    expect(messagePayloadErrors({ content: "a".repeat(2000) }, [])).toEqual([]);
    expect(codesAt(messagePayloadErrors({ content: "a".repeat(2001) }, []))).toEqual(["content BASE_TYPE_MAX_LENGTH"]);
  });

  it("THEN an empty message is refused, a file alone is enough", () => {
    expect(codesAt(messagePayloadErrors({ content: "" }, []))).toEqual([" MESSAGE_EMPTY"]);
    expect(messagePayloadErrors({ attachments: [{ id: "0" }] }, ["a.png"])).toEqual([]);
  });

  it("THEN embeds obey count, per-field and 6000-character total limits", () => {
    const embed = { title: "t".repeat(256), description: "d".repeat(4096) };
    expect(messagePayloadErrors({ embeds: [embed] }, [])).toEqual([]);
    expect(codesAt(messagePayloadErrors({ embeds: [{ title: "t".repeat(257) }] }, []))).toEqual(["embeds[0].title BASE_TYPE_MAX_LENGTH"]);
    expect(codesAt(messagePayloadErrors({ embeds: [embed, { description: "d".repeat(2000) }] }, []))).toEqual(["embeds MESSAGE_EMBEDS_TOO_LONG"]);
    const fields = Array.from({ length: 26 }, (_, i) => ({ name: `f${i}`, value: "v" }));
    expect(codesAt(messagePayloadErrors({ embeds: [{ fields }] }, []))).toEqual(["embeds[0].fields BASE_TYPE_BAD_LENGTH"]);
    expect(codesAt(messagePayloadErrors({ embeds: Array.from({ length: 11 }, () => ({ title: "x" })) }, []))).toEqual(["embeds BASE_TYPE_MAX_LENGTH"]);
  });

  it("THEN only Action Rows may be top-level components, at most 5", () => {
    expect(messagePayloadErrors({ content: "hi", components: [row(button("done"))] }, [])).toEqual([]);
    expect(codesAt(messagePayloadErrors({ content: "hi", components: [text("no")] }, []))).toEqual(["components[0].type UNION_TYPE_CHOICES"]);
    const rows = Array.from({ length: 6 }, (_, i) => row(button(`b${i}`)));
    expect(codesAt(messagePayloadErrors({ content: "hi", components: rows }, []))).toEqual(["components BASE_TYPE_MAX_LENGTH"]);
  });

  it("THEN more than 10 files are refused", () => {
    const names = Array.from({ length: 11 }, (_, i) => `f${i}.png`);
    expect(codesAt(messagePayloadErrors({ content: "x" }, names))).toEqual(["attachments BASE_TYPE_MAX_LENGTH"]);
  });
});

describe("GIVEN a Components V2 message built with discord.js builders", () => {
  const lesson = () =>
    new ContainerBuilder()
      .setAccentColor(0x2b7a78)
      .addTextDisplayComponents(new TextDisplayBuilder().setContent("## Bài 1\nTensor là gì?"))
      .addSeparatorComponents(new SeparatorBuilder().setDivider(true).setSpacing(SeparatorSpacingSize.Large))
      .addMediaGalleryComponents(new MediaGalleryBuilder().addItems((item) => item.setURL("attachment://f1.png").setDescription("x^2")))
      .addSectionComponents(
        new SectionBuilder()
          .addTextDisplayComponents(new TextDisplayBuilder().setContent("Đọc thêm"))
          .setThumbnailAccessory(new ThumbnailBuilder().setURL("https://example.org/t.png")),
      )
      .addFileComponents(new FileBuilder().setURL("attachment://notes.txt"))
      .addActionRowComponents(new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId("done:1").setLabel("Xong").setStyle(ButtonStyle.Success)));

  it("THEN a lesson container with its referenced files passes", () => {
    const body = { flags: IS_COMPONENTS_V2, components: [lesson().toJSON()] };
    expect(messagePayloadErrors(body, ["f1.png", "notes.txt"])).toEqual([]);
  });

  it("THEN an uploaded file no component shows, or a reference to a missing file, is refused", () => {
    const body = { flags: IS_COMPONENTS_V2, components: [lesson().toJSON()] };
    expect(codesAt(messagePayloadErrors(body, ["f1.png", "notes.txt", "extra.png"]))).toEqual(["attachments[2] ATTACHMENT_NOT_REFERENCED"]);
    expect(codesAt(messagePayloadErrors(body, ["notes.txt"]))).toEqual(["components[0].components[2].items[0].media.url UNFURLED_MEDIA_ITEM_ATTACHMENT_NOT_FOUND"]);
  });
});

describe("GIVEN a Components V2 message written by hand", () => {
  it("THEN content, embeds, poll and stickers are refused", () => {
    const body = { ...v2(text("a")), content: "old", embeds: [{ title: "x" }], sticker_ids: ["1"], poll: { question: { text: "?" } } };
    expect(codesAt(messagePayloadErrors(body, []))).toEqual([
      "content MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
      "embeds MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
      "poll MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
      "sticker_ids MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
    ]);
    expect(messagePayloadErrors({ ...v2(text("a")), content: "", embeds: [] }, [])).toEqual([]);
  });

  it("THEN 40 components counting nested ones pass and 41 are refused", () => {
    // 4 containers × (1 + 9 texts) = 40.
    const box = () => ({ type: 17, components: Array.from({ length: 9 }, (_, i) => text(`t${i}`)) });
    expect(messagePayloadErrors(v2(box(), box(), box(), box()), [])).toEqual([]);
    expect(codesAt(messagePayloadErrors(v2(box(), box(), box(), box(), { type: 14 }), []))).toEqual(["components MAX_COMPONENTS"]);
  });

  it("THEN a Container holds 1..10 children, and no Container or Thumbnail", () => {
    const eleven = { type: 17, components: Array.from({ length: 11 }, (_, i) => text(`t${i}`)) };
    expect(codesAt(messagePayloadErrors(v2(eleven), []))).toEqual(["components[0].components BASE_TYPE_BAD_LENGTH"]);
    const nested = { type: 17, components: [{ type: 17, components: [text("x")] }, { type: 11, media: { url: "https://e.org/a.png" } }] };
    expect(codesAt(messagePayloadErrors(v2(nested), []))).toEqual(["components[0].components[0].type UNION_TYPE_CHOICES", "components[0].components[1].type UNION_TYPE_CHOICES"]);
  });

  it("THEN Text Displays hold at most 4000 characters together and none is empty", () => {
    expect(messagePayloadErrors(v2(text("a".repeat(2000)), text("b".repeat(2000))), [])).toEqual([]);
    expect(codesAt(messagePayloadErrors(v2(text("a".repeat(2000)), text("b".repeat(2001))), []))).toEqual(["components MAX_TEXT_DISPLAY_LENGTH"]);
    expect(codesAt(messagePayloadErrors(v2(text("")), []))).toEqual(["components[0].content BASE_TYPE_BAD_LENGTH"]);
  });

  it("THEN accent colour, separator spacing and divider are type-checked", () => {
    const body = v2({ type: 17, accent_color: 0x1000000, components: [text("x")] }, { type: 14, spacing: 3, divider: "yes" });
    expect(codesAt(messagePayloadErrors(body, []))).toEqual(["components[0].accent_color NUMBER_TYPE_MAX", "components[1].spacing NUMBER_TYPE_MAX", "components[1].divider BOOLEAN_TYPE_CONVERT"]);
  });

  it("THEN a Media Gallery holds 1..10 items with http(s) or attachment URLs and short alt text", () => {
    const item = (url: string, description?: string) => ({ media: { url }, description });
    expect(codesAt(messagePayloadErrors(v2({ type: 12, items: [] }), []))).toEqual(["components[0].items BASE_TYPE_BAD_LENGTH"]);
    const bad = { type: 12, items: [item("ftp://e.org/a.png"), item("https://e.org/b.png", "x".repeat(1025))] };
    expect(codesAt(messagePayloadErrors(v2(bad), []))).toEqual(["components[0].items[0].media.url URL_TYPE_INVALID_URL", "components[0].items[1].description BASE_TYPE_MAX_LENGTH"]);
  });

  it("THEN a File component takes only attachment:// URLs", () => {
    expect(codesAt(messagePayloadErrors(v2({ type: 13, file: { url: "https://e.org/a.pdf" } }), []))).toEqual(["components[0].file.url UNFURLED_MEDIA_ITEM_ONLY_ATTACHMENTS"]);
  });

  it("THEN buttons: ≤ 5 per row, label ≤ 80, custom_id 1..100 and unique, link buttons have a url and no custom_id", () => {
    const six = row(...Array.from({ length: 6 }, (_, i) => button(`b${i}`)));
    expect(codesAt(messagePayloadErrors(v2(six), []))).toEqual(["components[0].components BASE_TYPE_BAD_LENGTH"]);
    const body = v2(
      row(button("same", "x".repeat(81)), button("same"), { type: 2, style: 1, custom_id: "c".repeat(101), label: "ok" }),
      row({ type: 2, style: 5, label: "Web", url: "https://e.org", custom_id: "nope" }, { type: 2, style: 5, label: "Web" }, { type: 2, style: 9, custom_id: "s", label: "?" }),
    );
    expect(codesAt(messagePayloadErrors(body, []))).toEqual([
      "components[0].components[0].label BASE_TYPE_MAX_LENGTH",
      "components[0].components[1].custom_id COMPONENT_CUSTOM_ID_DUPLICATED",
      "components[0].components[2].custom_id BASE_TYPE_MAX_LENGTH",
      "components[1].components[0].custom_id BUTTON_COMPONENT_CUSTOM_ID_WITH_URL",
      "components[1].components[1].url BASE_TYPE_REQUIRED",
      "components[1].components[2].style NUMBER_TYPE_MAX",
    ]);
  });

  it("THEN an Action Row holds one select and nothing else", () => {
    const select = { type: 3, custom_id: "pick", options: [{ label: "A", value: "a" }] };
    expect(messagePayloadErrors(v2(row(select)), [])).toEqual([]);
    expect(codesAt(messagePayloadErrors(v2(row(select, button("b"))), []))).toEqual(["components[0].components COMPONENT_LAYOUT_WIDTH_EXCEEDED"]);
  });

  it("THEN a Section has 1..3 Text Displays and a button or thumbnail accessory", () => {
    const ok = { type: 9, components: [text("a")], accessory: button("more") };
    expect(messagePayloadErrors(v2(ok), [])).toEqual([]);
    const bad = { type: 9, components: [text("a"), text("b"), text("c"), text("d")], accessory: { type: 10, content: "x" } };
    expect(codesAt(messagePayloadErrors(v2(bad, { type: 9, components: [text("e")] }), []))).toEqual([
      "components[0].components BASE_TYPE_BAD_LENGTH",
      "components[0].accessory.type UNION_TYPE_CHOICES",
      "components[1].accessory BASE_TYPE_REQUIRED",
    ]);
  });

  it("THEN a V2 message needs at least one component", () => {
    expect(codesAt(messagePayloadErrors({ flags: IS_COMPONENTS_V2 }, []))).toEqual(["components BASE_TYPE_REQUIRED"]);
  });
});

describe("GIVEN problems to report as Discord's 50035 errors tree", () => {
  it("THEN each path becomes nested keys ending in _errors", () => {
    const errors = messagePayloadErrors(v2(text("ok"), { type: 17, components: [text("")] }), []);
    expect(formBodyErrorTree(errors)).toEqual({
      components: { "1": { components: { "0": { content: { _errors: [{ code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 4000 in length." }] } } } } },
    });
  });
});
