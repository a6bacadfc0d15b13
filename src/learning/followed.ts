import type { Store } from "../store/store.js";
import type { Follow, Subscriber } from "../store/types.js";
import type { Catalogue } from "./catalogue.js";
import type { CourseView } from "./courseView.js";

/** A course a chat follows, and the chat's place in it. */
export interface Followed {
  view: CourseView;
  follow: Follow;
}

/**
 * The courses the chat follows now, in catalogue order: the order of its daily lessons and of every
 * list it is shown. A followed course the catalogue no longer offers is left out.
 */
export function inCatalogueOrder(follows: readonly Follow[], catalogue: Catalogue): Followed[] {
  const out: { view: CourseView; follow: Follow; at: number }[] = [];
  for (const follow of follows) {
    if (follow.status !== "following") continue;
    const at = catalogue.indexOf(follow.courseId);
    if (at >= 0) out.push({ view: catalogue.courses[at]!, follow, at });
  }
  return out.sort((a, b) => a.at - b.at).map(({ view, follow }) => ({ view, follow }));
}

export function followedBy(store: Store, sub: Subscriber, catalogue: Catalogue): Followed[] {
  return inCatalogueOrder(store.follows.following(sub.id), catalogue);
}

/** Index of the chat's current lesson in the course (-1 before the first). */
export function currentIndex(f: Followed): number {
  return f.view.indexOfPosition(f.follow.position, f.follow.positionOrdinal);
}

/** Whether the chat has received the course's last lesson. */
export function finished(f: Followed): boolean {
  return currentIndex(f) >= f.view.size - 1;
}
