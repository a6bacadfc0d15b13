import { describe, expect, it } from "vitest";
import { bindValues, numberPlaceholders } from "../../src/store/postgres/placeholders.js";

describe("the store's parameters on PostgreSQL", () => {
  it("numbers ? in order and each @name once, leaving quoted text, comments and ::casts alone", () => {
    const p = numberPlaceholders(
      `SELECT '?', "a@b", x::jsonb -- what?\nFROM t WHERE a = ? AND b = @now AND c = @now AND d = ? AND e = ?::jsonb AND f = '@x'`,
    );
    expect(p.text).toBe(`SELECT '?', "a@b", x::jsonb -- what?\nFROM t WHERE a = $1 AND b = $2 AND c = $2 AND d = $3 AND e = $4::jsonb AND f = '@x'`);
    expect(p.slots).toEqual([0, "now", 1, 2]);
  });

  it("binds as better-sqlite3 does: arrays spread, objects named, a missing value is an error", () => {
    const { slots } = numberPlaceholders("VALUES (?, ?, @now), (?, ?, @now)");
    expect(bindValues(slots, [[1, "a", 2, "b"], { now: 9 }])).toEqual([1, "a", 9, 2, "b"]);
    expect(bindValues(numberPlaceholders("x = ?").slots, [10n])).toEqual(["10"]);
    expect(() => bindValues(slots, [[1, "a", 2], { now: 9 }])).toThrow(/parameter 4/);
    expect(() => bindValues(numberPlaceholders("x = @at").slots, [{}])).toThrow(/"at"/);
  });
});
