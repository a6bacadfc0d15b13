import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { importGraph, violations } from "./layers.js";

const ROOT = resolve(import.meta.dirname, "../..");

describe("GIVEN the layers of the house", () => {
  it("THEN no file under src/ or adapters/ imports a layer it may not, and every file has a layer", () => {
    const graph = importGraph(ROOT, ["src", "adapters"]);
    expect(graph.size).toBeGreaterThan(100);
    expect([...graph.values()].flat().length).toBeGreaterThan(300);
    expect(violations(graph)).toEqual([]);
  });

  it("THEN an import against the direction is caught: store → learning, course → render, render → learning, adapters → build", () => {
    const planted = new Map([
      ["src/store/ledger.ts", ["src/learning/types.ts", "src/contract/chat.ts", "src/schedule/clock.ts"]],
      ["src/course/parse.ts", ["src/render/lesson.ts", "src/tex/index.ts"]],
      ["src/render/rich.ts", ["src/learning/core.ts", "src/course/blocks.ts"]],
      ["adapters/telegram/sender.ts", ["src/build/renderCourse.ts", "src/learning/index.ts", "src/config.ts"]],
      ["src/main.ts", ["src/build/renderCourse.ts", "adapters/telegram/index.ts"]],
      ["src/studio/pages/lesson.ts", ["src/learning/lessonMessages.ts", "src/build/renderCourse.ts"]],
      ["adapters/studio/server.ts", ["src/studio/pages/index.ts", "src/log.ts"]],
    ]);
    expect(violations(planted)).toEqual([
      "src/store/ledger.ts imports src/learning/types.ts: store may not import learning",
      "src/course/parse.ts imports src/render/lesson.ts: course may not import render",
      "src/render/rich.ts imports src/learning/core.ts: render may not import learning",
      "adapters/telegram/sender.ts imports src/build/renderCourse.ts: adapters may not import build",
      "src/studio/pages/lesson.ts imports src/learning/lessonMessages.ts: studio may not import learning",
      "adapters/studio/server.ts imports src/log.ts: preview may not import composition",
    ]);
  });

  it("THEN a file in a folder the table does not know is caught, so a new folder gets its place", () => {
    expect(violations(new Map([["src/quiz/question.ts", ["src/contract/lessons.ts"]]]))).toEqual(["src/quiz/question.ts is in no layer: add its folder to the table"]);
  });
});
