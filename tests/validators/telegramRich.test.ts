import { describe, expect, it } from "vitest";
import { checkRichMessage, richMessageErrors, richStats } from "./telegramRich.js";

/** A lesson-like message using most of the dialect; every line is a rule of rich.d.ts. */
const LESSON = `<a name="top"></a>
<h1>Tensor &amp; phép toán</h1>
<p>Một <b>tensor</b> là <i>mảng</i> nhiều chiều: <tg-math>x_i &lt; y_i</tg-math>, <code>torch.ones(2)</code>,
<mark>đánh dấu</mark>, H<sub>2</sub>O, x<sup>2</sup>, <tg-spoiler>bí mật</tg-spoiler>&nbsp;&hellip;</p>
<img src="tg://photo?id=formula_1"/>
<figure><img src="tg://photo?id=chart-2" tg-spoiler/><figcaption>Biểu đồ<cite>Tác giả</cite></figcaption></figure>
<ol start="3" type="a" reversed><li value="7" type="i">Một <a href="https://pytorch.org/docs">tài liệu</a></li><li><p>Hai</p><ul><li>lồng</li></ul></li></ol>
<ul><li><input type="checkbox" checked>Xong</li><li><input type="checkbox">Chưa</li></ul>
<blockquote>Trích dẫn<br>dòng hai<cite>Ai đó</cite></blockquote>
<blockquote expandable>Dài <b>đậm</b><cite>Nguồn</cite></blockquote>
<aside>Câu kéo<cite>Tác giả</cite></aside>
<pre>plain pre</pre>
<pre><code class="language-python">print(1 &lt; 2 &amp;&amp; 3)</code></pre>
<table bordered striped compact><caption>Kích thước</caption>
<tr><th>Tên</th><th colspan="2" align="center">Giá trị</th></tr>
<tr><td rowspan="2" valign="top">a</td><td><b>1</b></td><td align="right"><tg-math>2^3</tg-math></td></tr>
<tr><td>4</td><td>5</td></tr></table>
<details open><summary>Xem <b>thêm</b></summary><p>Nội dung</p><tg-math-block>\\frac{a}{b} &lt; 1</tg-math-block></details>
<p>Chú thích<a href="#note-1">[1]</a>, <a href="#top">lên đầu</a>, <a href="#">đầu trang</a>, <a href="mailto:a@b.vn">thư</a>, <a href="tel:+84123456">gọi</a>, <a href="tg://user?id=42">bạn</a>.</p>
<p><tg-reference name="note-1">Ghi chú một</tg-reference> <tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> <img src="tg://emoji?id=5368324170671202286" alt="👍"/> <tg-time unix="1647531900" format="wDT">mai</tg-time></p>
<tg-collage><img src="https://example.com/a.jpg"/><video src="tg://video?id=clip"/><figcaption>Ghép</figcaption></tg-collage>
<tg-slideshow><img src="https://example.com/b.jpg"/><img src="https://example.com/c.jpg"/></tg-slideshow>
<tg-map lat="41.9" long="12.5" zoom="14"/>
<tg-document src="tg://document?id=notes"></tg-document>
<audio src="https://example.com/a.mp3"></audio>
<footer>Chân trang</footer>
<hr/>
<p>Nút: <tg-button type="callback_data" style="link" data="done:1">Xong</tg-button></p>
<tg-button-row align="center"><tg-button type="url" url="https://t.me">Mở</tg-button><tg-button type="copy_text" text="abc">Chép</tg-button></tg-button-row>`;

const LESSON_MEDIA = [
  { id: "formula_1", type: "photo" },
  { id: "chart-2", type: "photo" },
  { id: "clip", type: "animation" },
  { id: "notes", type: "document" },
];

const errorsOf = (html: string, media: { id: string; type?: string }[] = []): string => richMessageErrors({ html, media }).join("\n");

describe("Telegram rich messages: what is accepted", () => {
  it("accepts a lesson that uses most of the dialect", () => {
    expect(richMessageErrors({ html: LESSON, media: LESSON_MEDIA })).toEqual([]);
  });

  it("counts blocks, media, columns and depth the way the limits read", () => {
    const stats = richStats("<p>a</p><ul><li>x</li><li>y</li></ul><table><tr><td>1</td><td colspan=\"3\">2</td></tr><tr><td>3</td></tr></table><img src=\"https://e.x/a.png\"/>");
    // p 1 + list 1 + 2 items + their 2 paragraphs + table 1 + 2 rows + image 1
    expect(stats).toEqual({ characters: 6, blocks: 10, depth: 3, media: 1, maxColumns: 4 });
  });

  it("counts formula source and decoded entities as characters", () => {
    expect(richStats("<p><tg-math>a&lt;b</tg-math>&amp;</p>").characters).toBe(4);
  });

  it("lists the tg:// links in document order for binding", () => {
    const check = checkRichMessage({ html: LESSON, media: LESSON_MEDIA });
    expect(check.links.map((l) => `${l.kind}:${l.id}`)).toEqual(["photo:formula_1", "photo:chart-2", "video:clip", "document:notes"]);
  });
});

describe("Telegram rich messages: what is refused", () => {
  it.each([
    ["an unknown tag", "<div>x</div>", "unsupported tag <div>"],
    ["an undocumented attribute", '<p class="x">y</p>', '<p> has no attribute "class"'],
    ["a value on a flag attribute", '<details open="yes"><summary>s</summary></details>', "takes no value"],
    ["a bare &", "<p>Q & A</p>", 'bare "&"'],
    ["a named entity off the list", "<p>&copy;</p>", 'unsupported entity "&copy;"'],
    ["a bare <", "<p>1 < 2</p>", 'bare "<"'],
    ["an unclosed tag", "<p><b>x</p>", "<b> at 3 is not closed"],
    ["an image inside a paragraph", '<p>see <img src="https://e.x/a.png"/></p>', "<img> inside <p>: media are separate blocks"],
    ["an image inside a heading", '<h2><img src="https://e.x/a.png"/></h2>', "<img> inside <h2>"],
    ["an image in a list item's text", '<ul><li>item <img src="https://e.x/a.png"/></li></ul>', "<img> inside the inline text of <li>"],
    ["text right after an image", '<img src="https://e.x/a.png"/> caption', "text right after <img>"],
    ["an image in a table cell", '<table><tr><td><img src="https://e.x/a.png"/></td></tr></table>', "<img> inside a table cell"],
    ["a block in a table cell", "<table><tr><td><ul><li>x</li></ul></td></tr></table>", "<ul> inside a table cell"],
    ["a paragraph inside a paragraph", "<p><p>x</p></p>", "<p> inside <p>"],
    ["a link inside a link", '<p><a href="https://a.b"><a href="https://c.d">x</a></a></p>', "<a> inside <a>"],
    ["formatting inside inline code", "<p><code><b>x</b></code></p>", "<b> inside <code>"],
    ["a tag inside a formula", "<p><tg-math>a<b>c</b></tg-math></p>", "<b> inside <tg-math>"],
    ["an empty formula", "<tg-math-block> </tg-math-block>", "empty <tg-math-block>"],
    ["pre with two codes", "<pre><code>a</code><code>b</code></pre>", "<pre> holds text or exactly one <code>"],
    ["a code class that is not a language", '<pre><code class="hl">a</code></pre>', 'is not class="language-…"'],
    ["a language on standalone code", '<p><code class="language-js">a</code></p>', "standalone <code>"],
    ["li outside a list", "<li>x</li>", "<li> outside <ul>/<ol>"],
    ["text directly in a list", "<ul>x<li>y</li></ul>", "text directly inside <ul>"],
    ["value on an unordered item", '<ul><li value="3">x</li></ul>', '<li> has no attribute "value"'],
    ["a bad list type", '<ol type="x"><li>a</li></ol>', "must be a, A, i, I or 1"],
    ["a checkbox that is not first", '<ul><li>x <input type="checkbox"></li></ul>', "<input> outside the start of a <li>"],
    ["a checkbox of another type", '<ul><li><input type="text">x</li></ul>', 'must be type="checkbox"'],
    ["a cite not at the end", "<blockquote><cite>a</cite> text</blockquote>", "<cite> must end <blockquote>"],
    ["a cite in a paragraph", "<p><cite>a</cite></p>", "<cite> outside"],
    ["blocks in an expandable quote", "<blockquote expandable><p>x</p></blockquote>", "<p> inside <blockquote expandable>"],
    ["details without summary first", "<details><p>x</p><summary>s</summary></details>", "<details> must start with <summary>"],
    ["a figure with two images", '<figure><img src="https://e.x/a.png"/><img src="https://e.x/b.png"/></figure>', "only one media tag and a <figcaption>"],
    ["a figure without media", "<figure><figcaption>x</figcaption></figure>", "<figure> starts with one media tag"],
    ["a table cell colspan of zero", '<table><tr><td colspan="0">x</td></tr></table>', "is not a positive number"],
    ["a bad align", '<table><tr><td align="justify">x</td></tr></table>', "must be left, center or right"],
    ["thead", "<table><thead><tr><td>x</td></tr></thead></table>", "<thead> inside <table>"],
    ["a javascript link", '<p><a href="javascript:x">y</a></p>', "must be http(s), mailto:, tel:, tg://user?id= or #name"],
    ["a link to a missing anchor", '<p><a href="#nowhere">y</a></p>', "points to no <a name>"],
    ["a duplicate anchor", '<a name="x"></a><a name="x"></a>', 'name "x" is defined twice'],
    ["an anchor with text", '<a name="x">text</a>', "must be empty"],
    ["a media URL that is not http(s)", '<img src="ftp://e.x/a.png"/>', "neither an http(s) URL"],
    ["a tg:// link of the wrong kind", '<img src="tg://video?id=v"/>', "<img> cannot show a tg://video link"],
    ["a button outside p and rows", '<h1><tg-button type="url" url="https://t.me">x</tg-button></h1>', "buttons stand in <p> or <tg-button-row>"],
    ["callback data over 64 bytes", `<p><tg-button type="callback_data" data="${"é".repeat(33)}">x</tg-button></p>`, "callback data must be 1–64 bytes"],
    ["a link-style url button", '<p><tg-button type="url" style="link" url="https://t.me">x</tg-button></p>', 'style="link" is for callback buttons only'],
    ["nine buttons in a row", `<tg-button-row>${'<tg-button type="disabled">x</tg-button>'.repeat(9)}</tg-button-row>`, "holds 9 buttons (1–8)"],
    ["a map off the globe", '<tg-map lat="91" long="0"/>', "lat in −90..90"],
    ["a draft-only block", "<tg-thinking>…</tg-thinking>", "unsupported tag <tg-thinking>"],
    ["an empty message", "  \n ", "the rich message is empty"],
    ["an empty list item", "<ol><li>a</li><li> </li></ol>", "empty <li>"],
    ["an empty code block", "<pre><code class=\"language-python\">\n\n</code></pre>", "empty <pre>"],
    ["an empty paragraph", "<p><b> </b></p>", "empty <p>"],
    ["an empty quote", "<blockquote></blockquote>", "empty <blockquote>"],
  ])("refuses %s", (_, html, expected) => {
    expect(errorsOf(html)).toContain(expected);
  });
});

describe("Telegram rich messages: limits", () => {
  it("refuses more than 32768 characters, formula source included", () => {
    expect(errorsOf(`<p>${"a".repeat(32768)}</p>`)).toBe("");
    expect(errorsOf(`<p>${"a".repeat(32760)}<tg-math>${"x".repeat(9)}</tg-math></p>`)).toContain("32769 characters (max 32768)");
  });

  it("refuses more than 500 blocks, list items and table rows included", () => {
    expect(errorsOf("<p>x</p>".repeat(500))).toBe("");
    expect(errorsOf(`<ul>${"<li>x</li>".repeat(250)}</ul>`)).toContain("501 blocks (max 500)");
    expect(errorsOf(`<table>${"<tr><td>x</td></tr>".repeat(500)}</table>`)).toContain("501 blocks (max 500)");
  });

  it("refuses more than 16 levels of nesting", () => {
    expect(errorsOf(`<p>${"<b>".repeat(15)}x${"</b>".repeat(15)}</p>`)).toBe("");
    expect(errorsOf(`<p>${"<b>".repeat(16)}x${"</b>".repeat(16)}</p>`)).toContain("nesting depth 17 (max 16)");
  });

  it("refuses more than 50 media", () => {
    expect(errorsOf('<img src="https://e.x/a.png"/>'.repeat(50))).toBe("");
    expect(errorsOf('<img src="https://e.x/a.png"/>'.repeat(51))).toContain("51 media (max 50)");
  });

  it("refuses more than 20 table columns, spans included", () => {
    expect(errorsOf(`<table><tr>${"<td>x</td>".repeat(20)}</tr></table>`)).toBe("");
    expect(errorsOf(`<table><tr><td colspan="19">x</td><td>y</td><td>z</td></tr></table>`)).toContain("a table of 21 columns (max 20)");
    // The rowspan of the first row still occupies column 1 in the second.
    expect(errorsOf(`<table><tr><td rowspan="2">a</td><td>b</td></tr><tr>${"<td>x</td>".repeat(20)}</tr></table>`)).toContain("a table of 21 columns");
  });
});

describe("Telegram rich messages: media binding", () => {
  const photo = '<img src="tg://photo?id=p1"/>';

  it("binds every tg:// link to a media entry and every entry to a link", () => {
    expect(errorsOf(photo, [{ id: "p1", type: "photo" }])).toBe("");
    expect(errorsOf(photo)).toContain("tg://photo?id=p1 has no entry in media");
    expect(errorsOf(photo, [{ id: "p1" }, { id: "p2" }])).toContain('media "p2" is never used');
  });

  it("checks ids and the kind of medium bound", () => {
    expect(errorsOf(photo, [{ id: "p1" }, { id: "p1" }])).toContain('media id "p1" is listed twice');
    expect(errorsOf('<img src="tg://photo?id=bad.id"/>', [{ id: "bad.id" }])).toContain("must be 1–64 characters of A-Z a-z 0-9 _ -");
    expect(errorsOf(`<img src="tg://photo?id=${"a".repeat(65)}"/>`, [{ id: "a".repeat(65) }])).toContain("must be 1–64 characters");
    expect(errorsOf(photo, [{ id: "p1", type: "document" }])).toContain("tg://photo?id=p1 is bound to a document");
  });
});
