import { describe, it, expect } from "vitest";
import { CoalescedRuns } from "../../src/ops/coalescedRuns.js";

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
