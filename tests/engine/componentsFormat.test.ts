/**
 * Golden tests of the Discord Components V2 format: hand-written posts and the messages a reader
 * gets. Every message passes the Components V2 validator (tests/validators/discordComponents.ts)
 * with the adapter's Action Row of three buttons added.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { renderCourse } from "../../src/build/renderCourse.js";
import { ACCENT, packComponents, type ComponentItem } from "../../src/render/components/pack.js";
import type { ChatMessage } from "../../src/contract/lessons.js";
import { contentDir, oneCourse, post, sharedCache, type OneCourse } from "./helpers.js";
import { componentTexts, formatErrors, formatLeftovers } from "./formats.js";

const P = "_posts/2026-01-01-bai.md";

async function components(body: string, extra: Record<string, string | Buffer> = {}): Promise<OneCourse & { outDir: string; messages: ChatMessage[] }> {
  const dir = contentDir({ [P]: post("title: Bài thử", body), "course.yml": "title: Khoá thử\nlanguage: vi\n", ...extra });
  const outDir = mkdtempSync(join(tmpdir(), "sau-phut-comp-"));
  const r = oneCourse(await renderCourse({ contentDir: dir, platform: "discord", format: "components", outDir, cacheDir: sharedCache }));
  const messages = r.lessons.flatMap((l) => l.messages);
  for (const m of messages) {
    expect(formatErrors(m, "discord", "components", outDir)).toEqual([]);
    expect(formatLeftovers(m, "discord", "components")).toEqual([]);
  }
  return { ...r, outDir, messages };
}

/** The component types of a message, nested ones in brackets: "10 12 [17: 10 10] 14". */
function shape(m: ChatMessage): string {
  const walk = (cs: { type: number; components?: unknown[] }[]): string =>
    cs.map((c) => (c.components ? `[${c.type}: ${walk(c.components as { type: number }[])}]` : String(c.type))).join(" ");
  return walk((m.components ?? []) as { type: number }[]);
}

describe("a lesson as Components V2 messages", () => {
  it("GIVEN a post with sections THEN the title as a heading over subtext, a separator before each section, Markdown inside", async () => {
    const r = await components("Mở đầu **đậm**.\n\n## Phần một\n\nNội dung `code`.\n\n## Phần hai\n\nHết.\n");
    expect(r.messages).toHaveLength(1);
    const { texts } = componentTexts(r.messages[0]!);
    expect(texts[0]).toMatch(/^# Bài thử\n-# ⏱ \d+ phút đọc\n\nMở đầu \*\*đậm\*\*\.$/);
    expect(texts[1]).toBe("## Phần một\n\nNội dung `code`.");
    expect(shape(r.messages[0]!)).toBe("10 14 10 14 10");
  });

  it("GIVEN call-outs THEN containers with the accent colour of their kind, the label inside", async () => {
    const r = await components("A.\n\nCẩn thận.\n{: .box-warning}\n\n> [!TIP]\n> Thử nhỏ.\n\n> [!CAUTION]\n> Nóng.\n");
    const top = r.messages[0]!.components as { type: number; accent_color?: number; components?: { type: number; content?: string }[] }[];
    const boxes = top.filter((c) => c.type === 17);
    expect(boxes.map((b) => b.accent_color)).toEqual([ACCENT.warning, ACCENT.tip, ACCENT.caution]);
    expect(boxes[0]!.components![0]!.content).toBe("⚠️ **Cảnh báo**\n\nCẩn thận.");
  });

  it("GIVEN formulas and figures THEN each image in a gallery where the text puts it, uploaded as attachment://, with its description", async () => {
    const fig = new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="#08f"/></svg>').render().asPng();
    const r = await components("Trước công thức.\n\n$$\\frac{a}{b}$$\n\nGiữa.\n\n![Hình 1](/assets/h.png)\n\nSau.\n", { "assets/h.png": fig });
    const m = r.messages[0]!;
    expect(shape(m)).toBe("10 12 10 12 10");
    const { urls, descriptions } = componentTexts(m);
    expect(urls).toEqual(m.files!.map((f) => `attachment://${f.name}`));
    expect(descriptions).toEqual(["\\frac{a}{b}", "Hình 1"]);
  });

  it("GIVEN a long lesson THEN several messages, each within 4000 characters and 36 components", async () => {
    const body = Array.from({ length: 40 }, (_, i) => `Đoạn văn số ${i} ${"chữ ".repeat(60)}`).join("\n\n");
    const r = await components(body);
    expect(r.messages.length).toBeGreaterThan(1);
    for (const m of r.messages) expect(componentTexts(m).texts.join("").length).toBeLessThanOrEqual(4000);
  });
});

describe("packing components", () => {
  const text = (s: string): ComponentItem => ({ k: "text", s });
  const img = (file: string): ComponentItem => ({ k: "img", file, alt: file });

  it("GIVEN a box with more than ten parts THEN it continues in a second container of the same colour", () => {
    const items: ComponentItem[] = [{ k: "open", kind: "note" }];
    for (let i = 0; i < 8; i++) items.push(text(`t${i}`), img(`media/math/${i}.png`));
    items.push({ k: "close" });
    const [m] = packComponents(items);
    const boxes = (m!.components as { type: number; accent_color?: number; components: unknown[] }[]).filter((c) => c.type === 17);
    expect(boxes.map((b) => b.components.length)).toEqual([10, 6]);
    expect(new Set(boxes.map((b) => b.accent_color))).toEqual(new Set([ACCENT.note]));
  });

  it("GIVEN more than ten images THEN no message uploads more than ten files", () => {
    const items = Array.from({ length: 23 }, (_, i) => img(`media/math/${i}.png`));
    const messages = packComponents(items);
    expect(messages.map((m) => m.files!.length)).toEqual([10, 10, 3]);
  });

  it("GIVEN a box inside a box THEN one container (Discord does not nest them)", () => {
    const [m] = packComponents([{ k: "open", kind: "note" }, text("a"), { k: "open" }, text("b"), { k: "close" }, text("c"), { k: "close" }]);
    expect(shape(m!)).toBe("[17: 10]");
    expect(componentTexts(m!).texts).toEqual(["a\n\nb\n\nc"]);
  });
});
