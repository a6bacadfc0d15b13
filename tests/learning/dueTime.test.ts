import { describe, expect, it } from "vitest";
import { nextDueAt, parseSendTime } from "../../src/schedule/dueTime.js";
import { canonicalTimeZone, instantOf, localDay, wallTimeAt } from "../../src/schedule/zonedTime.js";

const iso = (ms: number): string => new Date(ms).toISOString();
const at = (s: string): number => Date.parse(s);
const seven = { hour: 7, minute: 0 };

describe("parseSendTime", () => {
  it("GIVEN HH:MM variants THEN parses the valid ones only", () => {
    expect(parseSendTime("07:30")).toEqual({ hour: 7, minute: 30 });
    expect(parseSendTime("7:05")).toEqual({ hour: 7, minute: 5 });
    expect(parseSendTime("23:59")).toEqual({ hour: 23, minute: 59 });
    for (const bad of ["25:99", "24:00", "7", "07:5", "", "ab:cd", "07:30:00", "-1:00"]) expect(parseSendTime(bad)).toBeUndefined();
  });
});

describe("canonicalTimeZone", () => {
  it("GIVEN IANA names in any case THEN returns the usual spelling; unknown or offset zones are refused", () => {
    expect(canonicalTimeZone("asia/ho_chi_minh")).toBe("Asia/Ho_Chi_Minh");
    expect(canonicalTimeZone("America/New_York")).toBe("America/New_York");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    for (const bad of ["Mars/Base", "+07:00", "GMT+7", "", "x".repeat(10_000), "Asia/../etc"]) expect(canonicalTimeZone(bad)).toBeUndefined();
  });
});

describe("wallTimeAt", () => {
  it("GIVEN Africa/Monrovia's change from −0:44:30 to GMT at 00:44:30 UTC on 1972-01-07 (not on a quarter hour) THEN the wall clock on either side of it", () => {
    const zone = "Africa/Monrovia";
    // Asked in order, so the quarter hour 00:30–00:45 UTC is known before its last minute is asked.
    expect(wallTimeAt(at("1972-01-07T00:30:00Z"), zone)).toEqual({ year: 1972, month: 1, day: 6, hour: 23, minute: 45 });
    expect(wallTimeAt(at("1972-01-07T00:44:29Z"), zone)).toEqual({ year: 1972, month: 1, day: 6, hour: 23, minute: 59 });
    expect(wallTimeAt(at("1972-01-07T00:44:30Z"), zone)).toEqual({ year: 1972, month: 1, day: 7, hour: 0, minute: 44 });
    expect(localDay(at("1972-01-07T00:44:40Z"), zone)).toBe("1972-01-07");
    expect(wallTimeAt(at("1972-01-07T00:45:00Z"), zone)).toEqual({ year: 1972, month: 1, day: 7, hour: 0, minute: 45 });
  });
});

describe("nextDueAt", () => {
  it("GIVEN Asia/Ho_Chi_Minh (no DST) THEN a week of days is due at 07:00 local = 00:00 UTC each day", () => {
    let t = at("2025-03-05T12:00:00Z");
    const dues: string[] = [];
    for (let i = 0; i < 7; i++) {
      t = nextDueAt(seven, "Asia/Ho_Chi_Minh", t);
      dues.push(iso(t));
    }
    expect(dues).toEqual([
      "2025-03-06T00:00:00.000Z",
      "2025-03-07T00:00:00.000Z",
      "2025-03-08T00:00:00.000Z",
      "2025-03-09T00:00:00.000Z",
      "2025-03-10T00:00:00.000Z",
      "2025-03-11T00:00:00.000Z",
      "2025-03-12T00:00:00.000Z",
    ]);
  });

  it("GIVEN America/New_York across the spring-forward week THEN 07:00 local each day, the UTC hour shifting on 9 March", () => {
    let t = at("2025-03-06T20:00:00Z");
    const dues: string[] = [];
    for (let i = 0; i < 7; i++) dues.push(iso((t = nextDueAt(seven, "America/New_York", t))));
    expect(dues).toEqual([
      "2025-03-07T12:00:00.000Z",
      "2025-03-08T12:00:00.000Z",
      "2025-03-09T11:00:00.000Z",
      "2025-03-10T11:00:00.000Z",
      "2025-03-11T11:00:00.000Z",
      "2025-03-12T11:00:00.000Z",
      "2025-03-13T11:00:00.000Z",
    ]);
  });

  it("GIVEN America/New_York across the fall-back week THEN 07:00 local each day, the UTC hour shifting on 2 November", () => {
    let t = at("2025-10-30T20:00:00Z");
    const dues: string[] = [];
    for (let i = 0; i < 7; i++) dues.push(iso((t = nextDueAt(seven, "America/New_York", t))));
    expect(dues).toEqual([
      "2025-10-31T11:00:00.000Z",
      "2025-11-01T11:00:00.000Z",
      "2025-11-02T12:00:00.000Z",
      "2025-11-03T12:00:00.000Z",
      "2025-11-04T12:00:00.000Z",
      "2025-11-05T12:00:00.000Z",
      "2025-11-06T12:00:00.000Z",
    ]);
  });

  it("GIVEN a send time inside the spring-forward gap (02:30 New York) THEN that day it goes at 03:00 EDT, not skipped", () => {
    const t = nextDueAt({ hour: 2, minute: 30 }, "America/New_York", at("2025-03-08T12:00:00Z"));
    expect(iso(t)).toBe("2025-03-09T07:00:00.000Z"); // 03:00 EDT
    expect(iso(nextDueAt({ hour: 2, minute: 30 }, "America/New_York", t))).toBe("2025-03-10T06:30:00.000Z");
  });

  it("GIVEN a send time inside the fall-back overlap (01:30 New York) THEN it fires once, at the first occurrence", () => {
    const first = nextDueAt({ hour: 1, minute: 30 }, "America/New_York", at("2025-11-01T12:00:00Z"));
    expect(iso(first)).toBe("2025-11-02T05:30:00.000Z"); // 01:30 EDT
    const second = nextDueAt({ hour: 1, minute: 30 }, "America/New_York", first);
    expect(iso(second)).toBe("2025-11-03T06:30:00.000Z"); // next day 01:30 EST; 06:30Z on 2 Nov skipped
  });

  it("GIVEN a zone whose gap is at midnight (America/Santiago) THEN 00:30 goes at 01:00 that day", () => {
    expect(iso(nextDueAt({ hour: 0, minute: 30 }, "America/Santiago", at("2025-09-06T12:00:00Z")))).toBe("2025-09-07T04:00:00.000Z");
  });

  it("GIVEN a day to skip THEN the next due is on a later local day", () => {
    const now = at("2025-03-05T01:00:00Z"); // 08:00 in Ho Chi Minh City
    expect(iso(nextDueAt({ hour: 20, minute: 0 }, "Asia/Ho_Chi_Minh", now))).toBe("2025-03-05T13:00:00.000Z");
    expect(iso(nextDueAt({ hour: 20, minute: 0 }, "Asia/Ho_Chi_Minh", now, "2025-03-05"))).toBe("2025-03-06T13:00:00.000Z");
  });

  it("instantOf and localDay agree on ordinary times", () => {
    const t = instantOf({ year: 2025, month: 7, day: 1, hour: 7, minute: 0 }, "Europe/Berlin");
    expect(iso(t)).toBe("2025-07-01T05:00:00.000Z");
    expect(localDay(t, "Europe/Berlin")).toBe("2025-07-01");
  });
});
