import { describe, it, expect } from "vitest";
import { CoalescedRuns } from "../../src/ops/coalescedRuns.js";
import { editErrors } from "../../src/ops/reload.js";
import type { Problem } from "../../src/contract/lessons.js";

describe("CoalescedRuns", () => {
  it("GIVEN requests while a run is going THEN exactly one more run follows it", async () => {
    const releases: (() => void)[] = [];
    let runs = 0;
    const r = new CoalescedRuns(async () => {
      runs++;
      await new Promise<void>((resolve) => releases.push(resolve));
      return runs;
    });
    const first = r.request();
    void r.request();
    void r.request();
    expect(runs).toBe(1);
    releases.shift()!();
    expect(await first).toBe(1);
    await Promise.resolve();
    expect(runs).toBe(2);
    releases.shift()!();
    await r.idle();
    expect(runs).toBe(2);
  });

  it("GIVEN a run that fails THEN the next request runs again", async () => {
    let calls = 0;
    const r = new CoalescedRuns(async () => {
      if (++calls === 1) throw new Error("broken");
      return calls;
    });
    await expect(r.request()).rejects.toThrow("broken");
    expect(await r.request()).toBe(2);
  });
});

describe("editErrors", () => {
  const p = (file: string, line: number, message: string, severity: Problem["severity"] = "error"): Problem => ({ file, line, severity, message });

  it("GIVEN an error that only moved, a warning and a new error twice THEN only the new error, once", () => {
    const running = [p("a.md", 3, "invalid TeX: x at 3")];
    const fresh = [p("a.md", 5, "invalid TeX: x at 5"), p("a.md", 1, "odd", "warning"), p("b.md", 2, "missing local image x.png"), p("b.md", 2, "missing local image x.png")];
    expect(editErrors(running, fresh)).toEqual([p("b.md", 2, "missing local image x.png")]);
  });
});
