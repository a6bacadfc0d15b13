/**
 * The console with several courses (issue 15 §2): a numbered catalogue, /follow N, and every choice
 * shown as the command to type — the console adapter in-process, reading a piped session.
 */
import { Readable, Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { ConsoleSender, runConsoleChat } from "../../adapters/console/index.js";
import { assembleLearning } from "../../src/learning/assemble.js";
import { Catalogue } from "../../src/learning/catalogue.js";
import { Courses } from "../../src/learning/courses.js";
import { VirtualClock } from "../../src/schedule/virtualClock.js";
import { Store } from "../../src/store/store.js";
import { testStoreLocation } from "../helpers/storeBackend.js";
import { makeCatalogue, makeCourse, silentLog, tempDir } from "./helpers.js";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

async function session(lines: string[]): Promise<string> {
  const t = tempDir();
  cleanup = t.cleanup;
  const store = Store.open(testStoreLocation(t.dir));
  let out = "";
  const output = new Writable({ write: (c, _e, cb) => ((out += String(c)), cb()) });
  const sender = new ConsoleSender(output, () => "en");
  const catalogue = makeCatalogue([
    { id: "python", course: makeCourse(3, { title: "Python basics", prefix: "py", tag: "P-" }) },
    { id: "maths", course: makeCourse(2, { title: "Maths for ML", prefix: "m", tag: "M-" }) },
  ]);
  const learning = assembleLearning({
    store,
    courses: new Courses([Catalogue.from([{ catalogue, mediaDir: t.dir }])]),
    senders: [sender],
    limits: {},
    clock: new VirtualClock(Date.parse("2025-01-06T02:00:00Z")),
    log: silentLog,
    defaults: { timeZone: "UTC", sendTime: "07:00" },
  });
  await runConsoleChat({ core: learning.core, sender, input: Readable.from(lines.map((l) => `${l}\n`)), output, user: { id: "me", name: "me" }, interactive: false });
  await learning.delivery.idle();
  store.close();
  return out;
}

describe("GIVEN the console and two courses", () => {
  it("THEN /start shows a numbered list, /follow N follows, and each choice reads as the command to type", async () => {
    const out = await session(["/start", "/follow 2", "/follow 1", "/next", "/next python", "/courses"]);
    expect(out).toContain("1. Python basics\n   English · 3 lessons · 15 min · python");
    expect(out).toContain("2. Maths for ML\n   English · 2 lessons · 10 min · maths");
    expect(out).toContain("Follow one: /follow <number or id>");
    expect(out).toContain("[ Follow: Python basics ] → type /follow python");
    expect(out).toContain("You now follow Maths for ML");
    expect(out).toContain("You now follow Python basics");
    // /next with two followed: the question and the two commands to type.
    expect(out).toContain("Which course? You follow several: choose one below, or send /next <course>.\n[ Python basics ] → type /next python\n[ Maths for ML ] → type /next maths");
    expect(out).toContain("P-L1 M1");
    expect(out).toContain("1. Python basics ✅");
    expect(out).toContain("[ ✅ Maths for ML ] → type /follow maths");
  });
});
