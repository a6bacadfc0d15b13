import type { Catalogue, CourseView } from "../../src/learning/index.js";
import { truncateText } from "../../src/text/graphemes.js";

/** Discord shows at most 25 choices; names and values are at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_NAME = 100;

export interface Choice {
  name: string;
  value: string;
}

/** Lower case, no diacritics, spaces as "_": "hồ chí" and "Ho_Chi" both match "Asia/Ho_Chi_Minh". */
function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .trim();
}

/** Zones Node lists, plus the current names its older ICU lists under old ones (as the core accepts them). */
const ZONES = [...new Set([...Intl.supportedValuesOf("timeZone"), "UTC", "Asia/Ho_Chi_Minh", "Asia/Kolkata", "Europe/Kyiv"])].sort();
const POPULAR = ["Asia/Ho_Chi_Minh", "Asia/Bangkok", "Asia/Singapore", "Asia/Tokyo", "Asia/Seoul", "Australia/Sydney", "Europe/London", "Europe/Berlin", "Europe/Paris", "America/New_York", "America/Chicago", "America/Los_Angeles", "UTC"];

/**
 * IANA zones matching what was typed: the zone itself first, then zones with a part starting with it
 * ("ber" → Europe/Berlin), then zones containing it. Nothing typed: the usual ones.
 */
export function zoneChoices(typed: string, zones: readonly string[] = ZONES): Choice[] {
  const q = fold(typed).replace(/\s+/g, "_");
  if (!q) return POPULAR.filter((z) => zones.includes(z)).map((z) => ({ name: z, value: z }));
  const scored: [number, string][] = [];
  for (const zone of zones) {
    const z = zone.toLowerCase();
    const rank = z === q ? 0 : z.split("/").some((part) => part.startsWith(q)) ? 1 : z.includes(q) ? 2 : -1;
    if (rank >= 0) scored.push([rank, zone]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  return scored.slice(0, MAX_CHOICES).map(([, z]) => ({ name: z, value: z }));
}

const clipName = (label: string): string => truncateText(label, MAX_NAME, "…");

function lessonLabel(course: CourseView, index: number): string {
  const lesson = course.lesson(index)!;
  return clipName(`${index + 1}. ${lesson.title}${lesson.parts > 1 ? ` (${lesson.part}/${lesson.parts})` : ""}`);
}

/**
 * Courses for a `course` option: those whose number in /courses starts with what was typed, or whose
 * id or title contains its words (diacritics ignored). The value is the course id.
 */
export function courseOptionChoices(courses: readonly CourseView[], typed: string, catalogue: Catalogue): Choice[] {
  const q = fold(typed);
  const out: Choice[] = [];
  for (const course of courses) {
    const k = catalogue.indexOf(course.id) + 1;
    const words = fold(`${course.id} ${course.info.title}`);
    if (q === "" || String(k).startsWith(q) || q.split(/\s+/).every((w) => words.includes(w))) out.push({ name: clipName(`${k}. ${course.info.title}`), value: course.id });
    if (out.length === MAX_CHOICES) break;
  }
  return out;
}

/**
 * Lessons of several courses at once (`/goto` in a chat following several, no course given): named
 * "course: n. title", valued "<course id> <n>" — the course and the number, as `/goto` takes them.
 */
export function lessonChoicesIn(courses: readonly CourseView[], typed: string): Choice[] {
  if (courses.length === 1) return lessonChoices(courses[0]!, typed);
  const out: Choice[] = [];
  for (const course of courses) {
    for (const c of lessonChoices(course, typed)) {
      if (out.length === MAX_CHOICES) return out;
      out.push({ name: clipName(`${course.info.title}: ${c.name}`), value: `${course.id} ${c.value}` });
    }
  }
  return out;
}

/**
 * Lessons for `/goto`: a number typed lists the lessons whose number starts with it; words list the
 * lessons whose title contains them (diacritics ignored). The value is the lesson's number.
 */
export function lessonChoices(course: CourseView, typed: string): Choice[] {
  const q = fold(typed);
  const out: Choice[] = [];
  for (let i = 0; i < course.size && out.length < MAX_CHOICES; i++) {
    const title = fold(course.lesson(i)!.title);
    const hit = q === "" || String(i + 1).startsWith(q) || q.split(/\s+/).every((word) => title.includes(word));
    if (hit) out.push({ name: lessonLabel(course, i), value: String(i + 1) });
  }
  return out;
}

/** What `/goto` was given in one course (a number, or a title typed without picking a choice) → the lesson number. */
export function lessonNumber(course: CourseView, typed: string): number | undefined {
  const q = typed.trim();
  if (/^\d{1,6}$/.test(q)) return Number(q);
  const numbered = /^(\d{1,6})\.\s/.exec(q);
  if (numbered) return Number(numbered[1]);
  const [first] = lessonChoices(course, q);
  return first && q !== "" ? Number(first.value) : undefined;
}
