/**
 * Classic messages: images go in albums in the order the text names them, and the engine's formula
 * pictures never share an album with the author's figures.
 */
import { describe, expect, it } from "vitest";
import { Resvg } from "@resvg/resvg-js";
import { post, render } from "./helpers.js";
import { messageErrors } from "./validate.js";

const png = (color: string): Buffer =>
  new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><rect width="120" height="80" fill="${color}"/></svg>`).render().asPng();

describe("albums in classic messages", () => {
  for (const platform of ["telegram", "discord"] as const) {
    it(`GIVEN formulas around a figure on ${platform} THEN figures and formulas in separate albums, in the order of the text`, async () => {
      const body =
        "Trước hình, ta có $\\frac{a}{b}$ ở đây.\n\n![Hình 1](/assets/h1.png)\n\n![Hình 2](/assets/h2.png)\n\n" +
        "$$\\int_0^1 x\\,dx$$\n\nSau hình là $\\sqrt{c}$.\n";
      const r = await render({ "_posts/2026-01-01-a.md": post("title: A", body), "assets/h1.png": png("#f00"), "assets/h2.png": png("#00f") }, platform);
      const messages = r.lessons.flatMap((l) => l.messages);
      for (const m of messages) expect(messageErrors(m, platform, r.outDir)).toEqual([]);
      const albums = messages.filter((m) => m.images).map((m) => m.images!.map((p) => (p.startsWith("media/img/") ? "figure" : "formula")));
      for (const a of albums) expect(new Set(a).size).toBe(1);
      const order = messages.flatMap((m) => m.alt ?? []);
      expect(order).toEqual(["\\frac{a}{b}", "Hình 1", "Hình 2", "\\int_0^1 x\\,dx", "\\sqrt{c}"]);
    });
  }
});

describe("every local picture a post names is sent", () => {
  const files = {
    "_posts/2026-01-01-a.md": post(
      "title: A",
      "| Mô hình | Hình |\n|---|---|\n| MLP | ![lưới](/assets/grid.png) |\n\n### Tiêu đề ![biểu tượng](/assets/icon.png)\n\nHết.\n",
    ),
    "assets/grid.png": png("#0a0"),
    "assets/icon.png": png("#a0a"),
  };

  it("GIVEN pictures inside a table cell and a heading THEN classic sends them after the block", async () => {
    for (const platform of ["telegram", "discord"] as const) {
      const r = await render(files, platform);
      const alts = r.lessons.flatMap((l) => l.messages.flatMap((m) => m.alt ?? []));
      expect(alts).toEqual(["lưới", "biểu tượng"]);
    }
  });

  it("GIVEN the same post THEN rich and components show both pictures too", async () => {
    const { renderCourse } = await import("../../src/build/renderCourse.js");
    const { contentDir, oneCourse, sharedCache } = await import("./helpers.js");
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = contentDir(files);
    const rich = oneCourse(await renderCourse({ contentDir: dir, platform: "telegram", format: "rich", outDir: mkdtempSync(join(tmpdir(), "a-")), cacheDir: sharedCache }));
    expect(rich.lessons.flatMap((l) => l.messages.flatMap((m) => m.rich!.media.map((x) => x.alt)))).toEqual(["lưới", "biểu tượng"]);
    const comp = oneCourse(await renderCourse({ contentDir: dir, platform: "discord", format: "components", outDir: mkdtempSync(join(tmpdir(), "a-")), cacheDir: sharedCache }));
    expect(comp.lessons.flatMap((l) => l.messages.flatMap((m) => m.files!.map((f) => f.alt)))).toEqual(["lưới", "biểu tượng"]);
  });
});
