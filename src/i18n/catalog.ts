import type { Markup } from "./markup.js";

/** Values shared by several strings. Times are already formatted for the reader. */
export interface Schedule {
  time: string;
  zone: string;
  /** The next delivery, e.g. "Tue 14 Jan, 07:00"; absent when nothing is scheduled. */
  next?: string;
}

/**
 * Every UI string, in one language. Entries are functions of the platform markup and the values they
 * show; each language file implements the whole interface, so a missing string is a compile error.
 */
export interface Catalog {
  /** The commands; `discord` adds the ones only Discord channels have. */
  commandList(m: Markup, p?: { discord?: boolean }): string;
  welcome(m: Markup, p: Schedule & { course: string; lessons: number; discord?: boolean }): string;
  welcomeBack(m: Markup, p: Schedule & { course: string; k: number; n: number }): string;
  alreadySubscribed(m: Markup, p: Schedule): string;
  notSubscribed(m: Markup): string;
  stopped(m: Markup): string;
  paused(m: Markup): string;
  alreadyPaused(m: Markup): string;
  resumed(m: Markup, p: Schedule): string;
  notPaused(m: Markup, p: Schedule): string;
  timeSet(m: Markup, p: Schedule): string;
  timeUsage(m: Markup, p: { input?: string; current: string }): string;
  zoneSet(m: Markup, p: Schedule): string;
  zoneUsage(m: Markup, p: { input?: string; current: string }): string;
  langSet(m: Markup): string;
  langUsage(m: Markup, p: { input?: string }): string;
  adminOnly(m: Markup): string;
  unknownCommand(m: Markup, p: { command: string }): string;
  notACommand(m: Markup): string;
  internalError(m: Markup): string;
  emptyCourse(m: Markup): string;
  courseComplete(m: Markup, p: { course: string; n: number }): string;
  alreadyComplete(m: Markup, p: { n: number }): string;
  /** /start or /resume after the last lesson: the course is complete, and what the learner can still do. */
  courseFinished(m: Markup, p: { course: string; n: number }): string;
  gotoUsage(m: Markup, p: { input?: string; n: number }): string;
  lessonsHeader(m: Markup, p: { course: string; page: number; pages: number }): string;
  lessonsFooter(m: Markup, p: { page: number; pages: number }): string;
  lessonsBadPage(m: Markup, p: { input: string; pages: number }): string;
  resourcesOfPost(m: Markup, p: { title: string }): string;
  resourcesOfCourse(m: Markup): string;
  resourcesNone(m: Markup): string;
  progress(m: Markup, p: { k: number; n: number; percent: number; title: string; part: number; parts: number }): string;
  progressNotStarted(m: Markup, p: { n: number }): string;
  streak(m: Markup, p: { current: number; best: number }): string;
  nextDelivery(m: Markup, p: Schedule & { status: "active" | "paused" | "finished" }): string;
  membersHeader(m: Markup): string;
  memberLine(m: Markup, p: { name: string; done: number; streak: number }): string;
  membersNone(m: Markup): string;
  doneButton(): string;
  nextButton(): string;
  resourcesButton(): string;
  /** A forged, foreign or outdated button. */
  buttonStale(m: Markup): string;
  nextToast(m: Markup): string;
  /** ▶ under a lesson the chat has already moved past. */
  nextAlreadyPast(m: Markup, p: { title: string }): string;
  resourcesToast(m: Markup): string;
  /** The bot lost a permission in a chat: lessons are paused until someone fixes it. */
  permissionMissing(m: Markup, p: { permission: string }): string;
  threadsOn(m: Markup): string;
  threadsOff(m: Markup): string;
  threadsUsage(m: Markup, p: { input?: string; on: boolean }): string;
  threadsUnsupported(m: Markup): string;
  doneRecorded(m: Markup, p: { title: string; streak: number }): string;
  doneAlready(m: Markup, p: { title: string }): string;
  doneNothing(m: Markup): string;
  lessonFooter(m: Markup, p: { k: number; n: number }): string;
  statsReport(
    m: Markup,
    p: { subscribers: string[]; learned: number; delivered: number; failed: number; slowest: { where: string; lesson: string; minutes: number }[] },
  ): string;
  announceUsage(m: Markup): string;
  announceConfirm(m: Markup, p: { n: number; platforms: string; text: string }): string;
  announceQueued(m: Markup, p: { n: number }): string;
  announceCancelled(m: Markup): string;
  announceNothing(m: Markup): string;
  /** An announcement as its readers get it. */
  announcement(m: Markup, p: { text: string }): string;
  previewUsage(m: Markup, p: { n: number }): string;
  previewHeader(m: Markup, p: { format: string; k: number; n: number; title: string }): string;
  /** Console only: how to press a button by typing. */
  buttonHint(m: Markup, p: { label: string; command: string }): string;
  /** Console only: the first line of a first start, before anything was typed. */
  consoleFirstStart(): string;
  /** Console only: the last line when the input ran dry (a pipe, Ctrl-D, a container without a terminal). */
  consoleEndOfInput(): string;
}
