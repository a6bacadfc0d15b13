/**
 * Every lesson format, by name: a file of handlers and a packer each (classic/, components/, rich/),
 * walked by the one core (core.ts).
 */
import type { Lesson } from "../course/split.js";
import type { ChatMessage, LessonFormat, Platform } from "../contract/lessons.js";
import { dialectFor } from "../text/dialect.js";
import { classicFormat } from "./classic/handlers.js";
import { componentsFormat } from "./components/handlers.js";
import { renderPieces, type DrawRequest, type Drawing, type Format, type RenderEnv } from "./core.js";
import { richFormat, type RichOptions } from "./rich/handlers.js";

export interface FormatOptions {
  /** Rich messages: the formula as a chat client draws it natively, or null (then it is drawn as an image). */
  native?: RichOptions["native"];
  richLimits?: RichOptions["limits"];
}

/** A lesson written in one format: the formulas to draw, and the packer that makes messages once they are. */
export interface LessonRender {
  draws: DrawRequest[];
  pack(drawings: readonly Drawing[]): ChatMessage[];
}

export function renderLesson(lesson: Lesson, format: LessonFormat, platform: Platform, env: RenderEnv, opts: FormatOptions = {}): LessonRender {
  switch (format) {
    case "classic":
      return run(lesson, env, classicFormat(dialectFor(platform)));
    case "components":
      return run(lesson, env, componentsFormat(dialectFor(platform)));
    case "rich":
      return run(lesson, env, richFormat(lesson, { native: opts.native ?? (() => null), ...(opts.richLimits ? { limits: opts.richLimits } : {}) }));
    default:
      return format satisfies never;
  }
}

function run<P>(lesson: Lesson, env: RenderEnv, format: Format<P>): LessonRender {
  const { pieces, draws } = renderPieces(lesson, env, format);
  return { draws, pack: (drawings) => format.pack(pieces, drawings) };
}
