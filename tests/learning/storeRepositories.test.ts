/**
 * Issue 18 §1: the parts of the store the learning scenarios touch least — uploads' file ids, course
 * titles, announcements, the heartbeat and the operator's counts — on the project's back-end (this
 * file runs in both vitest projects, SQLite and PostgreSQL).
 */
import { afterEach, describe, expect, it } from "vitest";
import { Store } from "../../src/store/store.js";
import { storeBackend, testStoreLocation } from "../helpers/storeBackend.js";
import { tempDir } from "./helpers.js";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function open(): Store {
  const t = tempDir();
  const store = Store.open(testStoreLocation(t.dir));
  cleanup = () => (store.close(), t.cleanup());
  return store;
}

describe(`the store's small tables (${storeBackend})`, () => {
  it("GIVEN an image uploaded once THEN its file id is found by platform and hash, and a new upload replaces it", () => {
    const store = open();
    expect(store.db.dialect).toBe(storeBackend);
    expect(store.uploads.get("telegram", "abc")).toBeUndefined();
    store.uploads.put("telegram", "abc", "file-1", 1);
    store.uploads.put("discord", "abc", "att-9", 1);
    expect(store.uploads.get("telegram", "abc")).toBe("file-1");
    store.uploads.put("telegram", "abc", "file-2", 2);
    expect(store.uploads.get("telegram", "abc")).toBe("file-2");
    expect(store.uploads.get("discord", "abc")).toBe("att-9");
  });

  it("GIVEN courses offered, announcements and subscribers THEN titles, texts, counts in order and the heartbeat come back", () => {
    const store = open();
    store.courses.offered("dl", "Học sâu", 1);
    store.courses.offered("dl", "Học sâu với PyTorch", 2);
    expect(store.courses.title("dl")).toBe("Học sâu với PyTorch");
    const a = store.announcements.create("Chào cả lớp — có bài mới!", "telegram:1", 3);
    const b = store.announcements.create("second", "telegram:1", 4);
    expect(b).toBe(a + 1);
    expect(store.announcements.text(a)).toBe("Chào cả lớp — có bài mới!");
    const add = (platform: "telegram" | "discord", chatId: string, status: "active" | "stopped") =>
      store.subscribers.insert({ platform, chatId, threadId: "", kind: "private", language: "vi", timeZone: "UTC", sendTime: "07:00", status, nextDueAt: null }, 0);
    add("telegram", "1", "active");
    add("discord", "2", "stopped");
    add("telegram", "3", "stopped");
    add("discord", "4", "active");
    add("telegram", "5", "active");
    expect(store.subscriberCounts()).toEqual([
      { platform: "discord", status: "active", n: 1 },
      { platform: "discord", status: "stopped", n: 1 },
      { platform: "telegram", status: "active", n: 2 },
      { platform: "telegram", status: "stopped", n: 1 },
    ]);
    expect(store.stats.activeSubscriberIds(["telegram"]).map((r) => r.platform)).toEqual(["telegram", "telegram"]);
    expect(() => store.heartbeat(5)).not.toThrow();
    store.checkpoint();
  });
});
