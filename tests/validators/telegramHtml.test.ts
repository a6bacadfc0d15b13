import { describe, expect, it } from "vitest";
import { telegramHtmlErrors, telegramPlainText, telegramVisibleLength } from "./telegramHtml.js";

describe("classic Telegram HTML", () => {
  it.each([
    ["plain text", "Xin chào, thế giới"],
    ["formatting that nests", "<b>bold <i>italic <u>under <s>struck</s></u></i></b> <strong>x</strong> <em>y</em> <ins>z</ins> <del>w</del> <strike>v</strike>"],
    ["spoilers", '<tg-spoiler>secret</tg-spoiler> <span class="tg-spoiler">also</span>'],
    ["a link with an escaped query", '<a href="https://example.com/?a=1&amp;b=2">link</a>'],
    ["mention and mail links", '<a href="tg://user?id=42">Ann</a> <a href="mailto:a@b.c">mail</a>'],
    ["code and pre with a language", '<code>x &lt; y</code>\n<pre><code class="language-python">if a &gt; b:\n    pass</code></pre>'],
    ["quotes", "<blockquote>one</blockquote><blockquote expandable>two <b>bold</b></blockquote>"],
    ["custom emoji and time", '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> <tg-time unix="1647531900" format="wDT">tomorrow</tg-time>'],
    ["entities", "&lt;&gt;&amp;&quot; &#65; &#x1F600; a > b"],
  ])("accepts %s", (_, html) => {
    expect(telegramHtmlErrors(html)).toEqual([]);
  });

  it.each([
    ["<br>", "line<br>next", 'Unsupported start tag "br" at byte offset 4'],
    ["<p>", "<p>para</p>", 'Unsupported start tag "p"'],
    ["a bare <", "a < b", 'Unescaped "<"'],
    ["a bare &", "Q&A", 'Unescaped "&"'],
    ["&nbsp;", "a&nbsp;b", 'Unsupported entity "&nbsp;"'],
    ["crossed tags", "<b><i>x</b></i>", "Unmatched end tag"],
    ["an unclosed tag", "<b>x", 'Can\'t find end tag corresponding to start tag "b"'],
    ["nested quotes", "<blockquote><blockquote>x</blockquote></blockquote>", "Nested <blockquote>"],
    ["a link without href", "<a>x</a>", "<a> without href"],
    ["a javascript link", '<a href="javascript:alert(1)">x</a>', "not an absolute"],
    ["a bare & in href", '<a href="https://x.y/?a=1&b=2">x</a>', 'Unescaped "&" in attribute'],
    ["a language outside pre", '<code class="language-js">x</code>', "<code class> is allowed only"],
    ["bold inside pre", "<pre><b>x</b></pre>", "<b> inside <pre>"],
    ["bold inside code", "<code><b>x</b></code>", "<b> inside <code>"],
    ["a link inside a link", '<a href="https://a.b"><a href="https://c.d">x</a></a>', "<a> inside <a>"],
    ["a span without the spoiler class", '<span class="red">x</span>', 'without class "tg-spoiler"'],
    ["an unknown attribute", '<b class="x">y</b>', 'Unsupported attribute "class"'],
    ["a time without unix", "<tg-time>x</tg-time>", "without a unix time"],
    ["an invalid character reference", "&#0;", "Invalid character reference"],
    ["a self-closing tag", "<b/>", "Self-closing"],
  ])("refuses %s", (_, html, expected) => {
    const errors = telegramHtmlErrors(html);
    expect(errors.join("\n")).toContain(expected);
  });

  it("reports byte offsets the way tdlib does (UTF-8 bytes, not characters)", () => {
    // "Việt " is 5 characters but 7 bytes in UTF-8.
    expect(telegramHtmlErrors("Việt <br>")[0]).toBe('Unsupported start tag "br" at byte offset 7');
  });

  it("counts what the reader sees: tags dropped, entities as one character", () => {
    expect(telegramPlainText('<b>a &lt; b</b> <a href="https://x.y">link</a>')).toBe("a < b link");
    expect(telegramVisibleLength("<i>&amp;&#x1F600;</i>")).toBe(3);
    expect(telegramVisibleLength("x".repeat(4096))).toBe(4096);
  });
});
