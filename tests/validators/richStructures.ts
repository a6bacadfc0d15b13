/**
 * Rich-message blocks with a fixed inner structure: lists, tables, figures, collages and
 * slideshows, details, button rows. Each takes the shared checker that counts and reports.
 */
import { isEmojiImage, MEDIA } from "./richAttributes.js";
import type { RichContentChecker } from "./richContent.js";
import { isBlank, showsSomething, type RichElement } from "./richHtmlTree.js";

export function checkList(ck: RichContentChecker, el: RichElement, depth: number): void {
  const ordered = el.name === "ol";
  ck.attrs(el, ordered ? { start: "value", type: "value", reversed: "flag" } : {});
  checkListNumbering(ck, el, "start");
  const items = ck.elements(el);
  if (!items.length) ck.fail(el, `empty <${el.name}>`);
  for (const li of items) {
    if (li.name !== "li") {
      ck.fail(li, `<${li.name}> inside <${el.name}>: lists hold <li> only`);
      continue;
    }
    ck.enter(depth + 1);
    ck.stats.blocks++;
    ck.attrs(li, ordered ? { value: "value", type: "value" } : {});
    if (!showsSomething(li)) ck.fail(li, "empty <li>");
    checkListNumbering(ck, li, "value");
    const first = li.children.findIndex((c) => !isBlank(c));
    const box = li.children[first];
    let rest = li.children;
    if (box?.kind === "element" && box.name === "input") {
      ck.enter(depth + 2);
      ck.attrs(box, { type: "value", checked: "flag" });
      if (box.attrs.get("type") !== "checkbox") ck.fail(box, '<input> must be type="checkbox"');
      rest = li.children.slice(first + 1);
    }
    ck.flow(rest, depth + 1, "<li>");
  }
}

function checkListNumbering(ck: RichContentChecker, el: RichElement, numberKey: string): void {
  const n = ck.str(el, numberKey);
  if (n !== undefined && !/^\d{1,9}$/.test(n)) ck.fail(el, `<${el.name} ${numberKey}="${n}"> is not a number`);
  const type = ck.str(el, "type");
  if (type !== undefined && !["a", "A", "i", "I", "1"].includes(type)) ck.fail(el, `<${el.name} type="${type}"> must be a, A, i, I or 1`);
}

export function checkFigure(ck: RichContentChecker, el: RichElement, depth: number): void {
  ck.attrs(el, {});
  const [medium, caption, ...extra] = ck.elements(el);
  if (!medium || !(medium.name in MEDIA || medium.name === "tg-map") || isEmojiImage(medium)) ck.fail(medium ?? el, "<figure> starts with one media tag (img, video, audio, tg-document, tg-map)");
  else if (medium.name === "tg-map") (ck.enter(depth + 1), ck.map(medium));
  else ck.media(medium, depth + 1, false);
  if (caption && caption.name !== "figcaption") ck.fail(caption, `<${caption.name}> inside <figure>: only one media tag and a <figcaption>`);
  else if (caption) ck.caption(caption, depth + 1);
  for (const e of extra) ck.fail(e, `<${e.name}> inside <figure>: only one media tag and a <figcaption>`);
}

export function checkGallery(ck: RichContentChecker, el: RichElement, depth: number): void {
  ck.attrs(el, {});
  const children = ck.elements(el);
  const media = children.filter((c) => c.name === "img" || c.name === "video");
  if (!media.length) ck.fail(el, `<${el.name}> holds no img or video`);
  children.forEach((c, k) => {
    if (c.name === "figcaption" && k === children.length - 1) ck.caption(c, depth + 1);
    else if ((c.name === "img" && !isEmojiImage(c)) || c.name === "video") ck.media(c, depth + 1, true);
    else ck.fail(c, `<${c.name}> inside <${el.name}>: img and video, then an optional <figcaption>`);
  });
}

export function checkTable(ck: RichContentChecker, el: RichElement, depth: number): void {
  ck.attrs(el, { bordered: "flag", striped: "flag", compact: "flag" });
  const children = ck.elements(el);
  const busyUntil: number[] = [];
  let rows = 0;
  children.forEach((row, k) => {
    if (row.name === "caption" && k === 0) {
      ck.enter(depth + 1);
      ck.attrs(row, {});
      ck.inline(row.children, depth + 1, { where: "<caption>", inside: new Set(), buttons: false });
      return;
    }
    if (row.name !== "tr") {
      ck.fail(row, `<${row.name}> inside <table>: an optional first <caption>, then <tr> rows`);
      return;
    }
    ck.enter(depth + 1);
    ck.stats.blocks++;
    ck.attrs(row, {});
    let col = 0;
    const cells = ck.elements(row);
    if (!cells.length) ck.fail(row, "empty <tr>");
    for (const cell of cells) {
      if (cell.name !== "td" && cell.name !== "th") {
        ck.fail(cell, `<${cell.name}> inside <tr>: rows hold <td> and <th>`);
        continue;
      }
      while ((busyUntil[col] ?? 0) > rows) col++;
      const span = (key: string): number => {
        const raw = ck.str(cell, key);
        if (raw !== undefined && !/^[1-9]\d{0,3}$/.test(raw)) ck.fail(cell, `<${cell.name} ${key}="${raw}"> is not a positive number`);
        return raw !== undefined && /^[1-9]\d{0,3}$/.test(raw) ? Number(raw) : 1;
      };
      ck.attrs(cell, { colspan: "value", rowspan: "value", align: "value", valign: "value" });
      const colspan = span("colspan");
      const rowspan = span("rowspan");
      const align = ck.str(cell, "align");
      const valign = ck.str(cell, "valign");
      if (align !== undefined && !["left", "center", "right"].includes(align)) ck.fail(cell, `align="${align}" must be left, center or right`);
      if (valign !== undefined && !["top", "middle", "bottom"].includes(valign)) ck.fail(cell, `valign="${valign}" must be top, middle or bottom`);
      for (let c = col; c < col + colspan; c++) busyUntil[c] = rows + rowspan;
      col += colspan;
      ck.enter(depth + 2);
      ck.inline(cell.children, depth + 2, { where: "a table cell", inside: new Set(), buttons: false });
    }
    let width = 0;
    busyUntil.forEach((until, c) => {
      if (until > rows) width = c + 1;
    });
    ck.stats.maxColumns = Math.max(ck.stats.maxColumns, width);
    rows++;
  });
  if (!rows) ck.fail(el, "<table> has no rows");
}

export function checkDetails(ck: RichContentChecker, el: RichElement, depth: number): void {
  ck.attrs(el, { open: "flag" });
  const first = el.children.findIndex((c) => !isBlank(c));
  const summary = el.children[first];
  if (summary?.kind !== "element" || summary.name !== "summary") {
    ck.fail(el, "<details> must start with <summary>");
    ck.flow(el.children, depth, "<details>");
    return;
  }
  ck.enter(depth + 1);
  ck.attrs(summary, {});
  ck.inline(summary.children, depth + 1, { where: "<summary>", inside: new Set(), buttons: false });
  ck.flow(el.children.slice(first + 1), depth, "<details>");
}

export function checkButtonRow(ck: RichContentChecker, el: RichElement, depth: number): void {
  ck.attrs(el, { align: "value" });
  const align = ck.str(el, "align");
  if (align !== undefined && !["left", "center", "right"].includes(align)) ck.fail(el, `<tg-button-row align="${align}"> must be left, center or right`);
  const buttons = ck.elements(el);
  if (buttons.length < 1 || buttons.length > 8) ck.fail(el, `<tg-button-row> holds ${buttons.length} buttons (1–8)`);
  for (const b of buttons) {
    if (b.name !== "tg-button") ck.fail(b, `<${b.name}> inside <tg-button-row>: it holds <tg-button> only`);
    else (ck.enter(depth + 1), ck.button(b, depth + 1));
  }
}
