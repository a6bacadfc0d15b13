import type { Catalog } from "./catalog.js";
import { oneLine } from "./oneLine.js";

export const en: Catalog = {
  commandList: (m, p) =>
    [
      `${m.b("Commands")}`,
      "/courses — the courses; /follow <course>, /leave <course>",
      "/next — the next lesson now",
      "/lessons [page] — table of contents; /goto <n> — jump to lesson n",
      "/progress — where you are, your streak",
      "/resources — further reading",
      "/done — mark the current lesson as learned",
      "/review — the cards due; /review all — practise any card",
      "/leaderboard — this week's best in a group; /leaderboard weekly on|off",
      "/time HH:MM — daily time; /timezone Area/City",
      "/pause, /resume, /stop — take a break or unsubscribe",
      "/lang vi|en — language; /help — this list",
      ...(p?.discord ? ["/subscribe, /unsubscribe — a server channel as a study group", "/threads on|off — a discussion thread per lesson"] : []),
    ]
      .map((line, i) => (i === 0 ? line : m.esc(line)))
      .join("\n"),
  welcome: (m, p) =>
    `👋 Welcome to ${m.b(m.esc(p.course))}!\n` +
    `Every day at ${m.b(p.time)} (${m.esc(p.zone)}) I will send you one lesson of about six minutes — ` +
    `${p.lessons} lessons in all. Tap “Done” when you have learned one to keep your streak.\n` +
    `Start right away with /next.\n\n` +
    en.commandList(m, { discord: p.discord ?? false }),
  welcomeBack: (m, p) => {
    const [only] = p.courses;
    if (p.courses.length === 1 && only) {
      return (
        `👋 Welcome back to ${m.b(m.esc(only.title))}! You are at lesson ${only.k} of ${only.n}; ` +
        `lessons continue daily at ${m.b(p.time)} (${m.esc(p.zone)}). /next sends one now.`
      );
    }
    const where = p.courses.map((c) => `• ${m.b(m.esc(c.title))}: lesson ${c.k} of ${c.n}`);
    return (
      `👋 Welcome back! ${p.courses.length ? `You follow:\n${where.join("\n")}\n` : "You follow no course yet: /courses lists them.\n"}` +
      `Lessons continue daily at ${m.b(p.time)} (${m.esc(p.zone)}).`
    );
  },
  alreadySubscribed: (m, p) =>
    `You are already subscribed: a lesson every day at ${m.b(p.time)} (${m.esc(p.zone)}). /help lists the commands.`,
  notSubscribed: () => "You are not subscribed yet. Send /start to begin the course.",
  stopped: () => "Unsubscribed. No more daily lessons. Your progress is kept: send /start to continue where you left off.",
  paused: () => "⏸ Daily lessons paused. /resume to continue (/next still works).",
  alreadyPaused: () => "Daily lessons are already paused. /resume to continue.",
  resumed: (m, p) => `▶️ Daily lessons resumed. Next lesson: ${m.b(p.next ?? "—")} (${m.esc(p.zone)}).`,
  notPaused: (m, p) => `Daily lessons are not paused. Next lesson: ${m.b(p.next ?? "—")} (${m.esc(p.zone)}).`,
  timeSet: (m, p) => `⏰ Daily time set to ${m.b(p.time)} (${m.esc(p.zone)}). Next lesson: ${m.b(p.next ?? "—")}.`,
  timeUsage: (m, p) =>
    (p.input !== undefined ? `“${m.esc(p.input)}” is not a time of day. ` : "") +
    `Send the time as HH:MM, 24-hour, e.g. ${m.code("/time 07:30")} or ${m.code("/time 21:00")}. Now: ${m.b(p.current)}.`,
  zoneSet: (m, p) => `🌍 Time zone set to ${m.b(m.esc(p.zone))}. Lessons at ${p.time} local time; next: ${m.b(p.next ?? "—")}.`,
  zoneUsage: (m, p) =>
    (p.input !== undefined ? `“${m.esc(p.input)}” is not a time zone I know. ` : "") +
    `Use an IANA name like ${m.code("/timezone Asia/Ho_Chi_Minh")} or ${m.code("/timezone Europe/Berlin")}. Now: ${m.b(m.esc(p.current))}.`,
  langSet: () => "🇬🇧 Language set to English.",
  langUsage: (m, p) =>
    (p.input !== undefined ? `“${m.esc(p.input)}” is not a language I speak. ` : "") +
    `Choose ${m.code("/lang vi")} (Tiếng Việt) or ${m.code("/lang en")} (English).`,
  adminOnly: () => "Only the admins of this chat can do that.",
  unknownCommand: (m, p) => `I don't know the command ${m.code(p.command)}. /help lists what I understand.`,
  notACommand: () => "I understand commands only. /help lists them; /next sends a lesson.",
  internalError: () => "Sorry, something went wrong on my side. Please try again in a moment.",
  emptyCourse: () => "The course has no lessons yet. Please come back later.",
  courseComplete: (m, p) =>
    `🎉 Congratulations! You have finished ${m.b(m.esc(p.course))} — all ${p.n} lessons. ` +
    "No more daily lessons will come. /lessons and /goto let you review any lesson.",
  alreadyComplete: (m, p) => m.esc(`You have already finished all ${p.n} lessons. /goto <n> opens any of them again.`),
  courseFinished: (m, p) => {
    const [only] = p.courses;
    const done = p.courses.length === 1 && only ? `${m.b(m.esc(only.title))}: all ${only.n} lessons` : `every course you follow: ${p.courses.map((c) => `${m.b(m.esc(c.title))} (${c.n} lessons)`).join(", ")}`;
    return `🏁 You have finished ${done}. No more daily lessons will come. ` + m.esc(`/lessons lists them, and /goto <n> opens any one again.${p.more ? " /courses lists other courses to follow." : ""}`);
  },
  gotoUsage: (m, p) =>
    (p.input !== undefined ? `“${m.esc(p.input)}” is not a lesson number. ` : "") +
    `Send ${m.code("/goto <n>")} with n from 1 to ${p.n}; /lessons shows the list.`,
  lessonsHeader: (m, p) => `📚 ${m.b(m.esc(p.course))} — page ${p.page}/${p.pages}`,
  lessonsFooter: (m, p) => m.esc(p.page < p.pages ? `More: /lessons ${p.page + 1} · open one: /goto <n>` : "Open one: /goto <n>"),
  lessonsBadPage: (m, p) => `“${m.esc(p.input)}” is not a page: choose 1 to ${p.pages}.`,
  resourcesOfPost: (m, p) => `📖 Further reading for ${m.b(m.esc(p.title))}`,
  resourcesOfCourse: (m) => `📚 ${m.b("Course resources")}`,
  resourcesNone: () => "No further reading for this lesson or the course.",
  progress: (m, p) =>
    `📍 Lesson ${m.b(`${p.k}/${p.n}`)} (${p.percent}%): ${m.esc(p.title)}` + (p.parts > 1 ? ` — part ${p.part}/${p.parts}` : ""),
  progressNotStarted: (m, p) => `📍 Not started yet: 0 of ${p.n} lessons. /next sends the first one.`,
  streak: (m, p) => `🔥 Streak: ${m.b(String(p.current))} day${p.current === 1 ? "" : "s"} (best ${p.best})`,
  nextDelivery: (m, p) =>
    p.status === "paused"
      ? "⏸ Daily lessons are paused (/resume)."
      : p.status === "finished"
        ? "🏁 Course finished: no more daily lessons."
        : `⏰ Next lesson: ${m.b(p.next ?? "—")} (${m.esc(p.zone)})`,
  membersHeader: (m) => m.b("Members"),
  memberLine: (m, p) => `• ${m.esc(p.name)}: ${p.done} done, 🔥 ${p.streak}` + (p.answered ? `, ✔ ${p.right ?? 0}/${p.answered}` : ""),
  membersNone: () => "No member has marked a lesson as done yet.",
  doneButton: () => "✅ Done",
  nextButton: () => "▶ Next",
  resourcesButton: () => "📚 Resources",
  buttonStale: () => "This button no longer works. /help lists the commands.",
  nextToast: () => "▶ Here comes the next lesson.",
  nextAlreadyPast: (m, p) => `You have already moved past “${m.esc(p.title)}”. /next sends the next lesson.`,
  resourcesToast: () => "📚 Further reading below.",
  permissionMissing: (m, p) =>
    `⚠️ I can no longer post the daily lessons here: I lack the permission ${m.b(m.esc(p.permission || "to send messages"))} in that channel. ` +
    "The lessons are paused; grant the permission, then send /resume.",
  threadsOn: () => "🧵 From now on each lesson opens a thread for discussion.",
  threadsOff: () => "Lessons no longer open a thread.",
  threadsUsage: (m, p) =>
    (p.input !== undefined ? `“${m.esc(p.input)}” is neither on nor off. ` : "") +
    `Lesson threads are ${m.b(p.on ? "on" : "off")}: ${m.code("/threads on")} or ${m.code("/threads off")}.`,
  threadsUnsupported: () => "Lesson threads exist only in Discord channels.",
  doneRecorded: (m, p) => `✅ Marked as learned: ${m.esc(p.title)}. 🔥 Streak: ${p.streak}`,
  doneAlready: (m, p) => `You had already marked “${m.esc(p.title)}” as learned.`,
  doneNothing: () => "There is no lesson to mark yet: /next sends the first one.",
  lessonFooter: (m, p) => `Lesson ${p.k}/${p.n}`,
  statsReport: (m, p) =>
    [
      `📊 ${m.b("Subscribers")}: ${p.subscribers.length ? m.esc(p.subscribers.join("; ")) : "none yet"}`,
      m.esc(`Learned in the last 24 h: ${p.learned} chat(s)`),
      m.esc(`Lessons in the last 24 h: ${p.delivered} delivered, ${p.failed} failed`),
      ...(p.courses.length ? [`${m.b("By course")} (24 h):`, ...p.courses] : []),
      p.slowest.length
        ? `${m.b("Slowest daily lessons")}:\n${p.slowest.map((s) => m.esc(`• ${s.where} ${s.lesson}: ${s.minutes} min`)).join("\n")}`
        : m.esc("No daily lesson delivered in the last 24 h."),
    ].join("\n"),
  announceUsage: (m) =>
    `Send ${m.code("/announce your text")}, or ${m.code("/announce #course-id your text")} for one course's followers; I show how many subscribers it reaches and ask before sending.`,
  announceConfirm: (m, p) =>
    `📣 This goes to ${m.b(String(p.n))} active subscriber(s)${p.course ? ` following ${m.b(m.esc(p.course))}` : ""}${p.platforms ? ` (${m.esc(p.platforms)})` : ""}:\n\n${m.esc(p.text)}\n\n` +
    `Send ${m.code("/announce yes")} within 10 minutes to send it, ${m.code("/announce no")} to drop it.`,
  announceQueued: (m, p) => `📣 Sending to ${p.n} subscriber(s), at the platforms' pace.`,
  announceCancelled: () => "Announcement dropped.",
  announceNothing: (m) => `There is no announcement waiting: send ${m.code("/announce your text")} first.`,
  announcement: (m, p) => `📣 ${m.esc(p.text)}`,
  previewUsage: (m, p) =>
    p.courses
      ? `Send ${m.code("/preview <course> <n>")} (n from 1 to the course's size) or ${m.code("/preview <lesson id>")}.`
      : `Send ${m.code("/preview <n>")} with n from 1 to ${p.n}, or a lesson id.`,
  previewHeader: (m, p) => `👁 ${m.b(`Preview, ${p.format}`)}: ${m.esc(`lesson ${p.k}/${p.n}, ${p.title}`)}`,
  buttonHint: (m, p) => `[ ${p.label} ] → type ${p.command}`,
  consoleFirstStart: () => "type /start to begin",
  consoleEndOfInput: () => "— End of input: the console chat ends here. (With TELEGRAM_BOT_TOKEN or DISCORD_BOT_TOKEN set, npm start runs the bot instead.)",
  welcomeChoose: (m, p) =>
    `👋 Welcome! Choose the courses you want: each sends you one lesson of about six minutes every day at ` +
    `${m.b(p.time)} (${m.esc(p.zone)}). You can follow several.`,
  coursesHeader: (m, p) => `📚 ${m.b(p.n === 1 ? "The course" : `Courses (${p.n})`)}`,
  courseLine: (m, p) =>
    `${p.k}. ${m.b(m.esc(p.title))}${p.following ? " ✅" : ""}\n` +
    `   ${m.esc(`${languageName(p.language)} · ${p.lessons} lesson${p.lessons === 1 ? "" : "s"} · ${en.duration({ minutes: p.minutes })}`)} · ${m.code(p.id)}` +
    (p.description ? `\n   ${m.esc(oneLine(p.description))}` : ""),
  coursesFooter: (m, p) =>
    `Follow one: ${m.code("/follow <number or id>")}` + (p.following ? ` · leave one: ${m.code("/leave <number or id>")} · ✅ followed` : ""),
  coursesNone: () => "No course is offered yet. Come back later!",
  followButton: (p) => `Follow: ${p.title}`,
  followingButton: (p) => `✅ ${p.title}`,
  followed: (m, p) =>
    `📘 You now follow ${m.b(m.esc(p.course))}: ${p.lessons} lesson${p.lessons === 1 ? "" : "s"}, ${m.esc(en.duration({ minutes: p.minutes }))} in all. ` +
    `A lesson comes every day at ${m.b(p.time)} (${m.esc(p.zone)}); ${m.code("/next")} sends one now.`,
  followedAgain: (m, p) =>
    `📘 You follow ${m.b(m.esc(p.course))} again, at lesson ${p.k} of ${p.n}. Lessons come every day at ${m.b(p.time)} (${m.esc(p.zone)}).`,
  alreadyFollowing: (m, p) => `You already follow ${m.b(m.esc(p.course))}. ${m.code(`/next ${p.id}`)} sends its next lesson now.`,
  notFollowing: (m, p) => `You don't follow ${m.b(m.esc(p.course))}. ${m.code(`/follow ${p.id}`)} to follow it.`,
  unknownCourse: (m, p) => `There is no course “${m.esc(p.input)}”. /courses lists them, with their numbers and ids.`,
  followUsage: (m) => `Send ${m.code("/follow <number or id>")}; /courses lists the courses.`,
  leaveUsage: (m) => `Send ${m.code("/leave <number or id>")} of a course you follow; /courses lists them.`,
  leftCourse: (m, p) =>
    `You left ${m.b(m.esc(p.course))}: no more lessons from it. Your place is kept: ${m.code(`/follow ${p.id}`)} continues where you were.` +
    (p.others === 0 ? " You follow no other course: /courses lists them." : ""),
  followsNothing: () => "You don't follow any course yet: /courses lists them.",
  whichCourse: (m, p) => `Which course? You follow several: choose one below, or send ${m.code(`/${p.command} <course>`)}.`,
  courseButton: (p) => p.title,
  courseHeading: (m, p) => `📘 ${m.b(m.esc(p.course))}`,
  courseWithdrawn: (m, p) =>
    `📕 ${m.b(m.esc(p.course))} is no longer offered, so no more lessons will come from it. Your other courses go on; /courses lists what is offered.`,
  statsCourse: (m, p) =>
    m.esc(`• ${p.id}: ${p.followers} following, ${p.delivered} lessons delivered, ${p.failed} failed${p.offered ? "" : " (no longer offered)"}`),
  statsPaid: (m, p) =>
    `💫 ${m.b("Paid broadcasts")} ` +
    m.esc(
      `today (${p.day} UTC): ${p.stars} Stars for ${p.messages} message(s) past the free rate` +
        (p.maxStars !== undefined ? `, cap ${p.maxStars} Stars a day` : "") +
        (p.fallback === "cap" ? "; cap reached: the free rate until 00:00 UTC" : p.fallback === "balance" ? "; payment refused (Star balance empty): the free rate until 00:00 UTC" : ""),
    ),
  duration: (p) => (p.minutes < 60 ? `${p.minutes} min` : `${Math.floor(p.minutes / 60)} h${p.minutes % 60 ? ` ${p.minutes % 60} min` : ""}`),
  quizQuestion: (m, p) =>
    [`❓ ${m.esc(p.question)}`, ...p.options.map((o, i) => m.esc(`  ${i + 1}. ${o}`)), m.esc(p.multiple ? "Type the numbers of every right answer, e.g. 1,3." : "Type the number of your answer.")].join("\n"),
  quizRight: (m, p) => `✅ Right!${p.explain ? ` ${m.esc(p.explain)}` : ""}`,
  quizWrong: (m, p) => `❌ Not quite: the answer is ${m.b(m.esc(p.answer))}.${p.explain ? ` ${m.esc(p.explain)}` : ""}`,
  quizAlready: (m, p) => `You have already answered this question (${p.correct ? "right" : "wrong"}); your first answer counts.`,
  quizNotYours: () => "This question was asked to someone else: /review asks yours.",
  quizBadAnswer: (m, p) => m.esc(p.multiple ? `Type the numbers of the right answers (1 to ${p.n}), e.g. 1,3.` : `Type a number from 1 to ${p.n}.`),
  reviewHeader: (m, p) =>
    p.practice
      ? `🔁 ${m.b("Practice")} — ${p.n} card${p.n === 1 ? "" : "s"}; their review dates stay as they are.`
      : `🔁 ${m.b("Review")} — ${p.n} card${p.n === 1 ? "" : "s"} due today.`,
  reviewGroupHeader: (m, p) => `🔁 ${m.b("Review")} — ${p.n} card${p.n === 1 ? "" : "s"} of this group's members due today. Press the button to review yours.`,
  reviewButton: (p) => `🔁 Review (${p.n} due)`,
  reviewNothingDue: (m, p) => `Nothing to review right now 🎉${p.next ? ` Your next card is due ${m.esc(p.next)}.` : ""} ${m.code("/review all")} practises any card.`,
  reviewNoCards: () => "You have no cards yet: answer the questions that follow a lesson (press ✅ under it).",
  reviewInPrivate: () => "📬 Your review is in our private chat.",
  reviewNeedsPrivate: () => "I cannot write to you privately yet: open a chat with me, press Start, then ask for your review again.",
  reviewUsage: (m) => `${m.code("/review")} asks your cards due now; ${m.code("/review all")} practises any of them without changing when they come back.`,
  quizProgress: (m, p) =>
    `🧠 Questions answered: ${m.b(String(p.answered))}${p.answered ? `, ${p.percent}% right` : ""}\n` +
    `🔁 Cards due today: ${m.b(String(p.due))}` +
    (p.recall !== null ? ` · you would recall about ${m.b(`${p.recall} %`)}` : ""),
  memberQuizHeader: (m, p) => m.b(`${m.esc(p.name)}'s questions and cards`),
  leaderboardHeader: (m, p) => `🏆 ${m.b(p.last ? "Last week's leaderboard" : "This week's leaderboard")} (${p.week})`,
  leaderboardLine: (m, p) => `${p.rank}. ${m.esc(p.name)}: ${p.right} right of ${p.answered} · 🔥 ${p.streak}`,
  leaderboardEmpty: () => "Nobody has answered a question this week yet.",
  leaderboardOnlyGroups: () => "Leaderboards are for study groups: add me to a group or channel.",
  leaderboardWeekly: (m, p) =>
    p.on ? `🏆 Every Monday at ${m.b(p.time)} (${m.esc(p.zone)}) I will post last week's leaderboard here.` : "The weekly leaderboard is off.",
  leaderboardUsage: (m) => `${m.code("/leaderboard")} shows this week's best; ${m.code("/leaderboard weekly on")} or ${m.code("off")} posts it every Monday.`,
};

function languageName(code: string): string {
  return code.startsWith("vi") ? "Vietnamese" : code.startsWith("en") ? "English" : code;
}
