import { afterEach, describe, expect, it } from "vitest";
import { makeCatalogue, makeCourse, makeWorld, type World } from "./helpers.js";

let w: World;
afterEach(() => w?.close());

/** Telegram HTML parse mode accepts only some tags, and every <, >, & outside them escaped. */
function telegramHtmlProblems(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z-]+)(?:\s[^>]*)?>|&(?!(?:lt|gt|amp|quot|#\d+);)|[<>]/g)) {
    if (!m[2]) {
      problems.push(`unescaped ${m[0]}`);
      continue;
    }
    if (!["b", "i", "code", "a", "pre", "blockquote"].includes(m[2])) problems.push(`tag ${m[2]}`);
    if (m[1]) {
      if (stack.pop() !== m[2]) problems.push(`unbalanced ${m[2]}`);
    } else stack.push(m[2]);
  }
  if (stack.length) problems.push(`unclosed ${stack.join(",")}`);
  return problems;
}

describe("UI strings", () => {
  for (const language of ["vi", "en"]) {
    it(`GIVEN Telegram and ${language} THEN every reply is valid Telegram HTML, with user input escaped`, async () => {
      const course = makeCourse(12, { platform: "telegram", language });
      course.course.title = "Học <sâu> & PyTorch";
      course.lessons[0]!.title = "Tensor <T> & co";
      course.lessons[0]!.resources = [{ title: "A & B <c>", url: "https://example.org/?a=1&b=\"2\"" }];
      w = makeWorld({ course });
      const admin = { chatId: "-5", kind: "group" as const, userId: "1", name: "<b>Admin</b> & co", isAdmin: true };
      const replies: string[] = [];
      for (const cmd of [
        "/start", "/help", "/next", "/done", "/progress", "/lessons", "/lessons 2", "/lessons 9", "/resources",
        "/time 25:99", "/time 06:30", "/timezone <Mars>", "/timezone Asia/Tokyo", "/goto <1>", "/goto 12",
        "/next", "/next", "/pause", "/pause", "/resume", "/resume", "/lang <x>", "/frob<b>", "hello <i>", "/stop",
      ]) {
        replies.push(...(await w.say(cmd, admin)));
      }
      replies.push(...(await w.say("/start", { ...admin, isAdmin: false })));
      expect(replies.length).toBeGreaterThan(20);
      for (const r of replies) expect(telegramHtmlProblems(r), r).toEqual([]);
      expect(replies.join("\n")).toContain("&lt;b&gt;Admin&lt;/b&gt; &amp; co");
    });
  }
});

describe("UI strings of courses", () => {
  for (const language of ["vi", "en"]) {
    it(`GIVEN Telegram, ${language} and course titles with <, > and & THEN every answer about courses is valid Telegram HTML`, async () => {
      const a = makeCourse(3, { platform: "telegram", language, title: "Học <sâu> & PyTorch", prefix: "a" });
      const b = makeCourse(2, { platform: "telegram", language, title: "R & <dữ liệu>", prefix: "b" });
      w = makeWorld({ catalogue: makeCatalogue([{ id: "hoc-sau", course: a, description: "Mô tả <b>đậm</b> & vui" }, { id: "r", course: b }]) });
      const admin = { chatId: "-5", kind: "group" as const, userId: "1", name: "Admin", isAdmin: true };
      const replies: string[] = [];
      for (const cmd of ["/start", "/courses", "/follow <x>", "/follow 1", "/follow 1", "/follow r", "/next", "/lessons", "/goto 2", "/resources", "/done", "/progress", "/leave <y>", "/leave r", "/leave r", "/courses", "/start"]) {
        replies.push(...(await w.say(cmd, admin)));
      }
      expect(replies.length).toBeGreaterThan(17);
      for (const r of replies) expect(telegramHtmlProblems(r), r).toEqual([]);
      expect(replies.join("\n")).toContain("Học &lt;sâu&gt; &amp; PyTorch");
    });
  }
});
