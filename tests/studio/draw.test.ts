/**
 * The drawers alone: what the preview shows for a message is a function of that message, every tag or
 * component it cannot draw faithfully is a labelled placeholder that keeps the message's text.
 */
import { describe, it, expect } from "vitest";
import { drawTelegramRich } from "../../src/studio/draw/telegramRich.js";
import { drawTelegramClassic } from "../../src/studio/draw/telegramClassic.js";
import { drawDiscordMarkdown } from "../../src/studio/draw/discordMarkdown.js";
import { drawComponents } from "../../src/studio/draw/discordComponents.js";

const ctx = { mediaUrl: (image: string) => `/render/x/${image}`, idPrefix: "m0-" };
/** The text a reader sees, the studio's own labels left out. */
const visible = (html: string): string =>
  html
    .replace(/<span class="ph-label" data-studio-note>[^<]*<\/span>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

describe("Telegram rich messages", () => {
  it("GIVEN headings, formatting, a footnote link and a bound figure THEN each is drawn as its HTML, the figure from the render's media", () => {
    const html = drawTelegramRich(
      { html: `<h1>Tiêu đề</h1><p><b>đậm</b> &amp; <i>nghiêng</i> <a href="#fn-1">[1]</a></p><figure><img src="tg://photo?id=p1"/><figcaption>Hình 1</figcaption></figure><p><tg-reference name="fn-1">[1] chú thích</tg-reference></p>`, media: [{ id: "p1", image: "media/a.png", alt: "một con mèo" }] },
      ctx,
    );
    expect(html).toContain("<h1>Tiêu đề</h1>");
    expect(html).toContain("<b>đậm</b> &amp; <i>nghiêng</i>");
    expect(html).toContain('<a href="#m0-fn-1">[1]</a>');
    expect(html).toContain('id="m0-fn-1"');
    expect(html).toContain('<img src="/render/x/media/a.png" alt="một con mèo">');
    expect(html).not.toContain("ph-label");
  });

  it("GIVEN tg-math and tg-math-block THEN KaTeX typesets them and their TeX is only in KaTeX's annotation", () => {
    const html = drawTelegramRich({ html: `<p>Cho <tg-math>x^2</tg-math>:</p><tg-math-block>\\frac{a}{b}</tg-math-block>`, media: [] }, ctx);
    expect(html.match(/class="katex"/g)?.length).toBe(2);
    expect(html).toContain('class="katex-display"');
    expect(html).toContain('<annotation encoding="application/x-tex">\\frac{a}{b}</annotation>');
    const outsideAnnotations = html.replace(/<annotation[^>]*>.*?<\/annotation>/g, "");
    expect(outsideAnnotations).not.toContain("x^2");
    expect(outsideAnnotations).not.toContain("\\frac");
  });

  it("GIVEN a code block with its language, a table and details THEN the language is labelled and the structure kept", () => {
    const html = drawTelegramRich({ html: `<pre><code class="language-python">print(1 &lt; 2)</code></pre><table bordered striped><tr><th>a</th></tr><tr><td align="right">1</td></tr></table><details><summary>Xem</summary><p>ẩn</p></details>`, media: [] }, ctx);
    expect(html).toContain('<span class="tg-pre-lang" data-chrome>python</span><code data-language="python">print(1 &lt; 2)</code>');
    expect(html).toContain('class="tg-table bordered striped"');
    expect(html).toContain('<td align="right">1</td>');
    expect(html).toContain('<details class="tg-details"><summary>Xem</summary><p>ẩn</p></details>');
  });

  it("GIVEN tags the preview cannot draw (a map, a video, a remote picture, an unbound photo) THEN labelled placeholders, their text kept", () => {
    const html = drawTelegramRich({ html: `<tg-map lat="1" long="2"/><p>trước <tg-time unix="0">bây giờ</tg-time> sau</p><img src="https://example.com/a.png"/><img src="tg://photo?id=nope"/><p><a href="javascript:alert(1)">bấm</a></p>`, media: [] }, ctx);
    expect(html).toContain("&lt;tg-map&gt;: not drawn by the preview");
    expect(html).toContain("&lt;tg-time&gt;: not drawn by the preview");
    expect(html).toContain("picture Telegram fetches from https://example.com/a.png");
    expect(html).toContain("tg://photo?id=nope is bound to no media entry");
    expect(html).toContain("a link Telegram refuses: javascript:alert(1)");
    expect(html).not.toContain('href="javascript');
    expect(visible(html)).toBe("trước bây giờ saubấm");
  });
});

describe("Telegram classic (HTML parse mode)", () => {
  it("GIVEN its tags and line breaks THEN formatting is drawn, lines kept, a spoiler span understood, any other tag a placeholder", () => {
    const html = drawTelegramClassic(`<b>Bài 1</b>\n<i>⏱ 5 phút</i>\n<span class="tg-spoiler">bí mật</span> <u>gạch</u> <h1>không có</h1>`, ctx);
    expect(html).toContain("<b>Bài 1</b>\n<i>⏱ 5 phút</i>\n");
    expect(html).toContain('<span class="tg-spoiler">bí mật</span>');
    expect(html).toContain("&lt;h1&gt;: not drawn by the preview");
    expect(visible(html)).toBe("Bài 1\n⏱ 5 phút\nbí mật gạch không có");
  });
});

describe("Discord Markdown", () => {
  it("GIVEN line syntax (headings, subtext, quotes, lists, fences) THEN each drawn as Discord does, every line kept", () => {
    const html = drawDiscordMarkdown("# Bài 1\n-# ⏱ 5 phút\n\n> trích **dẫn**\n1. một\n2. hai\n- a\n  - b\n```py\nx = 1\n\ny = 2\n```\nhết");
    expect(html).toContain('<h1 class="dc-h">Bài 1</h1><div class="dc-subtext">⏱ 5 phút</div><div class="dc-line"><br></div>');
    expect(html).toContain('<blockquote class="dc-quote"><div class="dc-line">trích <strong>dẫn</strong></div></blockquote>');
    expect(html).toContain('<ol class="dc-list"><li>một</li><li>hai</li></ol><ul class="dc-list"><li>a<ul class="dc-list"><li>b</li></ul></li></ul>');
    expect(html).toContain('<pre class="dc-pre"><code data-language="py">x = 1\n\ny = 2</code></pre><div class="dc-line">hết</div>');
  });

  it("GIVEN inline syntax and escapes THEN formatting drawn and escaped characters plain", () => {
    const html = drawDiscordMarkdown("**đậm** *nghiêng **lồng*** __gạch__ ~~xoá~~ ||ẩn|| `a*b` \\*không\\* [PyTorch](<https://pytorch.org/a_b>) 1\\. số");
    expect(html).toBe(
      '<div class="dc-line"><strong>đậm</strong> <em>nghiêng <strong>lồng</strong></em> <u>gạch</u> <s>xoá</s> <span class="dc-spoiler">ẩn</span> <code>a*b</code> *không* <a href="https://pytorch.org/a_b" target="_blank" rel="noopener noreferrer">PyTorch</a> 1. số</div>',
    );
  });

  it("GIVEN a fence that never closes THEN it stays text, as in Discord", () => {
    expect(drawDiscordMarkdown("```py\nx")).toBe('<div class="dc-line">```py</div><div class="dc-line">x</div>');
  });
});

describe("Discord Components V2", () => {
  const files = [{ name: "f.png", image: "media/f.png", alt: "công thức" }];

  it("GIVEN text, a call-out container, a separator, a gallery and the Action Row THEN each drawn, images from the message's files", () => {
    const html = drawComponents(
      [
        { type: 10, content: "## Phần" },
        { type: 17, accent_color: 0x3b82f6, components: [{ type: 10, content: "**Lưu ý**" }] },
        { type: 14, divider: true, spacing: 2 },
        { type: 12, items: [{ media: { url: "attachment://f.png" }, description: "x²" }] },
        { type: 1, components: [{ type: 2, style: 3, label: "✅ Xong", custom_id: "done:0" }, { type: 2, style: 1, label: "▶ Tiếp", custom_id: "next:0" }] },
      ],
      { files, mediaUrl: (i) => `/r/${i}` },
    );
    expect(html).toContain('<h2 class="dc-h">Phần</h2>');
    expect(html).toContain('<div class="dc-container accented" style="--dc-accent: #3b82f6">');
    expect(html).toContain('<div class="dc-sep large"></div>');
    expect(html).toContain('<img class="dc-gallery-img" src="/r/media/f.png" alt="x²">');
    expect(html).toContain('<span class="dc-button success">✅ Xong</span><span class="dc-button primary">▶ Tiếp</span>');
  });

  it("GIVEN an unknown component type and an attachment the message lacks THEN labelled placeholders", () => {
    const html = drawComponents([{ type: 99 }, { type: 12, items: [{ media: { url: "attachment://none.png" } }] }], { files, mediaUrl: (i) => i });
    expect(html).toContain("component type 99: not drawn by the preview");
    expect(html).toContain("attachment://none.png is not among the message's files");
  });
});
