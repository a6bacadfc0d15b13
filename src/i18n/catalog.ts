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
  /** Back after /stop: where the chat is in each course it follows (one course: today's sentence). */
  welcomeBack(m: Markup, p: Schedule & { courses: { title: string; k: number; n: number }[] }): string;
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
  /** /start or /resume after the last lesson of every followed course: complete, and what the learner can still do (`more`: other courses are offered). */
  courseFinished(m: Markup, p: { courses: { title: string; n: number }[]; more: boolean }): string;
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
  /** `right`/`answered`: the member's quiz answers, when they answered any. */
  memberLine(m: Markup, p: { name: string; done: number; streak: number; right?: number; answered?: number }): string;
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
    p: {
      subscribers: string[];
      learned: number;
      delivered: number;
      failed: number;
      slowest: { where: string; lesson: string; minutes: number }[];
      /** One `statsCourse` line per course. */
      courses: string[];
    },
  ): string;
  announceUsage(m: Markup): string;
  /** `course`: the course whose followers it goes to (absent: every active subscriber). */
  announceConfirm(m: Markup, p: { n: number; platforms: string; text: string; course?: string }): string;
  announceQueued(m: Markup, p: { n: number }): string;
  announceCancelled(m: Markup): string;
  announceNothing(m: Markup): string;
  /** An announcement as its readers get it. */
  announcement(m: Markup, p: { text: string }): string;
  /** `courses`: several courses offered (then a number needs the course before it). */
  previewUsage(m: Markup, p: { n: number; courses?: boolean }): string;
  previewHeader(m: Markup, p: { format: string; k: number; n: number; title: string }): string;
  /** Console only: how to press a button by typing. */
  buttonHint(m: Markup, p: { label: string; command: string }): string;
  /** Console only: the first line of a first start, before anything was typed. */
  consoleFirstStart(): string;
  /** Console only: the last line when the input ran dry (a pipe, Ctrl-D, a container without a terminal). */
  consoleEndOfInput(): string;

  // ── Courses: a catalogue to choose from, several followed at once ──
  /** /start where several courses are offered: the greeting above the catalogue. */
  welcomeChoose(m: Markup, p: Schedule & { discord?: boolean }): string;
  coursesHeader(m: Markup, p: { n: number }): string;
  /** One course of /courses. `minutes`: the whole course's reading time. */
  courseLine(
    m: Markup,
    p: { k: number; id: string; title: string; language: string; lessons: number; minutes: number; following: boolean; description: string },
  ): string;
  /** Under /courses: how to follow or leave one (`following`: the chat follows at least one). */
  coursesFooter(m: Markup, p: { following: boolean }): string;
  coursesNone(m: Markup): string;
  /** The label of a course's button in /courses (≤ 60 characters with the title). */
  followButton(p: { title: string }): string;
  followingButton(p: { title: string }): string;
  /** Now following a course. */
  followed(m: Markup, p: Schedule & { course: string; lessons: number; minutes: number }): string;
  /** Following again a course left before: at its old place. */
  followedAgain(m: Markup, p: Schedule & { course: string; k: number; n: number }): string;
  alreadyFollowing(m: Markup, p: { course: string; id: string }): string;
  notFollowing(m: Markup, p: { course: string; id: string }): string;
  unknownCourse(m: Markup, p: { input: string }): string;
  followUsage(m: Markup): string;
  leaveUsage(m: Markup): string;
  /** Left a course; `others`: how many the chat still follows. */
  leftCourse(m: Markup, p: { course: string; id: string; others: number }): string;
  /** A course command in a chat that follows no course. */
  followsNothing(m: Markup): string;
  /** Several courses followed and none named: the question above a button per course. */
  whichCourse(m: Markup, p: { command: string }): string;
  /** The label of a course's button under `whichCourse`. */
  courseButton(p: { title: string }): string;
  /** The title above one course's part of /progress, /lessons … when the chat follows several. */
  courseHeading(m: Markup, p: { course: string }): string;
  /** A followed course the content no longer offers (told once). */
  courseWithdrawn(m: Markup, p: { course: string }): string;
  /** /stats: one course's line. */
  statsCourse(m: Markup, p: { id: string; followers: number; delivered: number; failed: number; offered: boolean }): string;
  /** /stats, with paid broadcasts on: today's (UTC) Stars, the cap, and why messages went back to the free rate. */
  statsPaid(m: Markup, p: { day: string; stars: string; messages: number; maxStars?: number; fallback?: "cap" | "balance" }): string;
  /** How a duration of the whole course reads: "3 h 10 min". */
  duration(p: { minutes: number }): string;

  // ── Quizzes, spaced review and leaderboards (issue 16) ──
  /** A question as numbered options, for platforms without polls or buttons (the console). */
  quizQuestion(m: Markup, p: { question: string; options: string[]; multiple: boolean }): string;
  quizRight(m: Markup, p: { explain: string }): string;
  /** `answer`: the right option(s) in words. */
  quizWrong(m: Markup, p: { answer: string; explain: string }): string;
  /** A second answer to the same question: the first one stands. */
  quizAlready(m: Markup, p: { correct: boolean }): string;
  /** Someone pressed an option of a question asked to another member. */
  quizNotYours(m: Markup): string;
  /** A typed answer that is no option of the open question. */
  quizBadAnswer(m: Markup, p: { n: number; multiple: boolean }): string;
  /** Above the day's (or /review's) questions; `practice`: /review all, the schedule stays. */
  reviewHeader(m: Markup, p: { n: number; practice: boolean }): string;
  /** A group's daily review notice, above the Review button. */
  reviewGroupHeader(m: Markup, p: { n: number }): string;
  reviewButton(p: { n: number }): string;
  reviewNothingDue(m: Markup, p: { next?: string }): string;
  reviewNoCards(m: Markup): string;
  /** A group member's review went to the private chat with the bot. */
  reviewInPrivate(m: Markup): string;
  /** The bot cannot write to the member privately (Telegram: they never started it). */
  reviewNeedsPrivate(m: Markup): string;
  reviewUsage(m: Markup): string;
  /** /progress: the learner's answers, cards due and mean recall (`recall` null before any card). */
  quizProgress(m: Markup, p: { answered: number; percent: number; due: number; recall: number | null }): string;
  /** In a group's /progress, above the asking member's own quiz figures. */
  memberQuizHeader(m: Markup, p: { name: string }): string;
  /** `week`: ISO week, e.g. 2025-W02. */
  leaderboardHeader(m: Markup, p: { week: string; last: boolean }): string;
  leaderboardLine(m: Markup, p: { rank: number; name: string; right: number; answered: number; streak: number }): string;
  leaderboardEmpty(m: Markup): string;
  leaderboardOnlyGroups(m: Markup): string;
  leaderboardWeekly(m: Markup, p: { on: boolean; time: string; zone: string }): string;
  leaderboardUsage(m: Markup): string;
}
