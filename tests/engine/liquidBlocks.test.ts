/**
 * Liquid's block pairs, read as Jekyll reads them (Liquid runs over the whole file before
 * kramdown): a comment's text never reaches learners; a raw block's content is shown literally,
 * in prose, in code spans and in code blocks. Either may span lines or sit inside a sentence, and
 * `{%-` / `-%}` strip the whitespace beside them.
 */
import { describe, it, expect } from "vitest";
import { formatProblem } from "../../src/build/check.js";
import { allText, post, render } from "./helpers.js";

const FILE = "_posts/2026-03-01-liquid.md";
const renderPost = (body: string) => render({ [FILE]: post("title: Liquid", body) }, "telegram");

describe("{% comment %} … {% endcomment %}", () => {
  it("GIVEN a comment inside a sentence and one over several lines THEN none of their text is in the lesson", async () => {
    const r = await renderPost(
      "Trước {% comment %}ghi chú riêng{% endcomment %}sau.\n\n{% comment %}\nNháp: chưa in.\n\n## Tiêu đề nháp\n{% endcomment %}\nĐoạn cuối.\n",
    );
    const text = allText(r);
    expect(text).toContain("Trước sau.");
    expect(text).toContain("Đoạn cuối.");
    for (const hidden of ["ghi chú riêng", "Nháp", "Tiêu đề nháp"]) expect(text).not.toContain(hidden);
    expect(r.problems).toEqual([]);
  });

  it("GIVEN a comment in an HTML post THEN its text is not in the lesson either", async () => {
    const r = await render({ "_posts/2026-03-02-html.html": post("title: HTML", "<p>Một.</p>\n{% comment %}<p>Ẩn đi.</p>{% endcomment %}\n<p>Hai.</p>\n") }, "telegram");
    expect(allText(r)).toContain("Hai.");
    expect(allText(r)).not.toContain("Ẩn đi.");
  });

  it("GIVEN whitespace control {%- -%} THEN the whitespace and newlines beside the tags go too", async () => {
    const text = allText(await renderPost("Một\n{%- comment -%}\nbí mật\n{%- endcomment -%}\nhai.\n"));
    expect(text).toContain("Mộthai.");
    expect(text).not.toContain("bí mật");
  });

  it("GIVEN a comment that is never closed THEN one error at its line, and its text is kept", async () => {
    const r = await renderPost("Đoạn một.\n\n{% comment %}\nPhần còn lại.\n");
    expect(r.problems.map(formatProblem)).toEqual([`${FILE}:6: error: {% comment %} is never closed by {% endcomment %} (Jekyll stops on it); its text is kept`]);
    expect(allText(r)).toContain("Phần còn lại.");
  });

  it("GIVEN a comment over several lines THEN a problem after it is still reported at its own line", async () => {
    const r = await renderPost("{% comment %}\na\nb\nc\n{% endcomment %}\nĐoạn.\n\n{% include hop.html %}\n");
    expect(r.problems.map(formatProblem)).toEqual([`${FILE}:11: warning: Liquid tag {% include %} is not supported; removed`]);
  });
});

describe("{% raw %} … {% endraw %}", () => {
  it("GIVEN raw Liquid in a sentence and in a code span THEN the lesson shows it literally, without a warning", async () => {
    const r = await renderPost("Tiêu đề là {% raw %}{{ page.title }}{% endraw %} và `{% raw %}{% if x %}{% endraw %}` nữa.\n");
    expect(allText(r)).toContain("Tiêu đề là {{ page.title }} và <code>{% if x %}</code> nữa.");
    expect(r.problems).toEqual([]);
  });

  it("GIVEN a raw block around a code fence and one inside another THEN each code block shows the Liquid as written", async () => {
    const r = await renderPost(
      "Vòng lặp:\n\n{% raw %}\n```liquid\n{% for p in site.posts %}{{ p.title }}{% endfor %}\n```\n{% endraw %}\n\nVà:\n\n```html\n{% raw %}<h1>{{ page.title }}</h1>{% endraw %}\n```\n",
    );
    const text = allText(r);
    expect(text).toContain('<pre><code class="language-liquid">{% for p in site.posts %}{{ p.title }}{% endfor %}</code></pre>');
    expect(text).toContain('<pre><code class="language-html">&lt;h1&gt;{{ page.title }}&lt;/h1&gt;</code></pre>');
    expect(r.problems).toEqual([]);
  });

  it("GIVEN a raw block with whitespace control THEN the spaces beside it go, its content stays", async () => {
    expect(allText(await renderPost("Mẫu: {%- raw -%}   {{ a }}   {%- endraw %} là vậy.\n"))).toContain("Mẫu:{{ a }} là vậy.");
  });

  it("GIVEN an {% endraw %} with no raw before it THEN a warning at its line, and the tag is gone", async () => {
    const r = await renderPost("Một.\n\nHai {% endraw %} ba.\n");
    expect(r.problems.map(formatProblem)).toEqual([`${FILE}:6: warning: {% endraw %} without {% raw %} before it; removed`]);
    expect(allText(r)).toContain("Hai  ba.");
  });
});
