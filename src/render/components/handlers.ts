/**
 * Discord Components V2: the classic handlers in Discord Markdown, laid out in boxes. Text Displays
 * read Markdown headings and `-#` subtext, so the title is a heading over subtext and headings are
 * headings, with a separator before each section; call-outs and details open and close Containers.
 */
import type { Dialect } from "../../text/dialect.js";
import type { Format } from "../core.js";
import { calloutHead, classicCommon, classicHandlers, withDrawings, type Segment } from "../classic/handlers.js";
import { packComponents } from "./pack.js";

export function componentsFormat(m: Dialect): Format<Segment> {
  const classic = classicHandlers(m);
  return {
    ...classicCommon(m),
    blocks: {
      ...classic,
      heading: (b, s) => {
        const level = Math.min(3, Math.max(2, b.depth));
        const line: Segment = { k: "text", s: `${"#".repeat(level)} ${s.inlines(b.c)}` };
        return b.depth <= 2 ? [{ k: "section" }, line] : [line];
      },
      callout: (b, s) => [{ k: "open", kind: b.kind }, calloutHead(m, b.kind, b.title, s), ...s.takeAfter(), ...s.blocks(b.c), { k: "close" }],
      details: (b, s) => {
        const summary: Segment = { k: "text", s: m.bold(s.inlines(b.summary) || "…") };
        return [{ k: "open" }, summary, ...s.takeAfter(), ...s.blocks(b.c), { k: "close" }];
      },
    },
    header: (title, minutes) => [{ k: "text", s: `# ${m.escape(title)}\n-# ${m.escape(minutes)}` }],
    footnotesHeading: (label) => [{ k: "section" }, { k: "text", s: `### ${m.escape(label)}` }],
    pack: (pieces, drawings) => packComponents(withDrawings(pieces, drawings, m)),
  };
}
