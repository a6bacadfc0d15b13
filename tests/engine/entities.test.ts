/**
 * HTML entities are decoded wherever the engine reads HTML itself (an image's attributes, TeX
 * written inside an HTML post): all of HTML5's named entities, not a handful. A learner never
 * sees `&eacute;` or `&le;`.
 */
import { describe, it, expect } from "vitest";
import { allText, post, render } from "./helpers.js";

describe("HTML entities", () => {
  it("GIVEN an <img> whose alt text uses named entities THEN the lesson shows the characters", async () => {
    const body = 'Hình:\n\n<img src="https://example.com/cafe.png" alt="Caf&eacute; &ndash; 5&nbsp;&euro; &hellip;">\n\nHết.\n';
    const text = allText(await render({ "_posts/2026-03-01-anh.md": post("title: Ảnh", body) }, "telegram"));
    expect(text).toContain("Café – 5\u00a0€ …");
    expect(text).not.toMatch(/&(?:eacute|ndash|euro|hellip);/);
  });

  it("GIVEN an HTML post whose formula is written with entities THEN the formula reads as TeX", async () => {
    const text = allText(await render({ "_posts/2026-03-02-bat-dang-thuc.html": post("title: Bất đẳng thức", "<p>Ta có \\(a &le; b &rarr; c\\) luôn.</p>\n") }, "telegram"));
    expect(text).toContain("a ≤ b → c");
  });
});
