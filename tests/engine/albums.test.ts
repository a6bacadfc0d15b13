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
