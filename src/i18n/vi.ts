import type { Catalog } from "./catalog.js";
import { oneLine } from "./oneLine.js";

export const vi: Catalog = {
  commandList: (m, p) =>
    [
      `${m.b("Các lệnh")}`,
      "/courses — các khóa học; /follow <khóa>, /leave <khóa>",
      "/next — học bài tiếp theo ngay",
      "/lessons [trang] — mục lục; /goto <n> — chuyển đến bài n",
      "/progress — tiến độ và chuỗi ngày học",
      "/resources — tài liệu đọc thêm",
      "/done — đánh dấu đã học bài hiện tại",
      "/review — ôn các thẻ đến hạn; /review all — luyện tập thẻ bất kỳ",
      "/leaderboard — bảng xếp hạng tuần của nhóm; /leaderboard weekly on|off",
      "/time HH:MM — giờ gửi bài; /timezone Khu_vực/Thành_phố",
      "/pause, /resume, /stop — tạm dừng, tiếp tục, hủy đăng ký",
      "/lang vi|en — ngôn ngữ; /help — danh sách này",
      ...(p?.discord ? ["/subscribe, /unsubscribe — đăng ký kênh cho cả nhóm học", "/threads on|off — mỗi bài một chủ đề thảo luận"] : []),
    ]
      .map((line, i) => (i === 0 ? line : m.esc(line)))
      .join("\n"),
  welcome: (m, p) =>
    `👋 Chào mừng bạn đến với ${m.b(m.esc(p.course))}!\n` +
    `Mỗi ngày lúc ${m.b(p.time)} (${m.esc(p.zone)}) mình sẽ gửi bạn một bài học khoảng sáu phút — ` +
    `tổng cộng ${p.lessons} bài. Bấm “Đã học” khi học xong để giữ chuỗi ngày học.\n` +
    `Bắt đầu ngay với /next.\n\n` +
    vi.commandList(m, { discord: p.discord ?? false }),
  welcomeBack: (m, p) => {
    const [only] = p.courses;
    if (p.courses.length === 1 && only) {
      return (
        `👋 Chào mừng bạn quay lại ${m.b(m.esc(only.title))}! Bạn đang ở bài ${only.k}/${only.n}; ` +
        `bài học tiếp tục mỗi ngày lúc ${m.b(p.time)} (${m.esc(p.zone)}). /next để học ngay.`
      );
    }
    const where = p.courses.map((c) => `• ${m.b(m.esc(c.title))}: bài ${c.k}/${c.n}`);
    return (
      `👋 Chào mừng bạn quay lại! ${p.courses.length ? `Bạn đang theo học:\n${where.join("\n")}\n` : "Bạn chưa đăng ký khóa nào: /courses để xem danh sách.\n"}` +
      `Bài học tiếp tục mỗi ngày lúc ${m.b(p.time)} (${m.esc(p.zone)}).`
    );
  },
  alreadySubscribed: (m, p) =>
    `Bạn đã đăng ký rồi: mỗi ngày một bài lúc ${m.b(p.time)} (${m.esc(p.zone)}). /help để xem các lệnh.`,
  notSubscribed: () => "Bạn chưa đăng ký. Gửi /start để bắt đầu khóa học.",
  stopped: () => "Đã hủy đăng ký, sẽ không còn bài hằng ngày. Tiến độ vẫn được giữ: gửi /start để học tiếp.",
  paused: () => "⏸ Đã tạm dừng bài hằng ngày. /resume để tiếp tục (/next vẫn dùng được).",
  alreadyPaused: () => "Bài hằng ngày đang tạm dừng rồi. /resume để tiếp tục.",
  resumed: (m, p) => `▶️ Đã tiếp tục bài hằng ngày. Bài tiếp theo: ${m.b(p.next ?? "—")} (${m.esc(p.zone)}).`,
  notPaused: (m, p) => `Bài hằng ngày không bị tạm dừng. Bài tiếp theo: ${m.b(p.next ?? "—")} (${m.esc(p.zone)}).`,
  timeSet: (m, p) => `⏰ Đã đặt giờ gửi bài là ${m.b(p.time)} (${m.esc(p.zone)}). Bài tiếp theo: ${m.b(p.next ?? "—")}.`,
  timeUsage: (m, p) =>
    (p.input !== undefined ? `“${m.esc(p.input)}” không phải giờ hợp lệ. ` : "") +
    `Hãy gửi giờ dạng HH:MM (24 giờ), ví dụ ${m.code("/time 07:30")} hoặc ${m.code("/time 21:00")}. Hiện tại: ${m.b(p.current)}.`,
  zoneSet: (m, p) =>
    `🌍 Đã đặt múi giờ ${m.b(m.esc(p.zone))}. Bài gửi lúc ${p.time} giờ địa phương; bài tiếp theo: ${m.b(p.next ?? "—")}.`,
  zoneUsage: (m, p) =>
    (p.input !== undefined ? `Không có múi giờ “${m.esc(p.input)}”. ` : "") +
    `Hãy dùng tên IANA, ví dụ ${m.code("/timezone Asia/Ho_Chi_Minh")} hoặc ${m.code("/timezone Europe/Berlin")}. Hiện tại: ${m.b(m.esc(p.current))}.`,
  langSet: () => "🇻🇳 Đã chuyển sang tiếng Việt.",
  langUsage: (m, p) =>
    (p.input !== undefined ? `Chưa hỗ trợ ngôn ngữ “${m.esc(p.input)}”. ` : "") +
    `Chọn ${m.code("/lang vi")} (Tiếng Việt) hoặc ${m.code("/lang en")} (English).`,
  adminOnly: () => "Chỉ quản trị viên của nhóm mới làm được việc này.",
  unknownCommand: (m, p) => `Mình không hiểu lệnh ${m.code(p.command)}. /help để xem các lệnh.`,
  notACommand: () => "Mình chỉ hiểu các lệnh. /help để xem danh sách; /next để nhận bài học.",
  internalError: () => "Xin lỗi, mình gặp lỗi. Bạn thử lại sau giây lát nhé.",
  emptyCourse: () => "Khóa học chưa có bài nào. Bạn quay lại sau nhé.",
  courseComplete: (m, p) =>
    `🎉 Chúc mừng! Bạn đã học xong ${m.b(m.esc(p.course))} — cả ${p.n} bài. ` +
    "Sẽ không còn bài hằng ngày nữa. /lessons và /goto giúp bạn ôn lại bất kỳ bài nào.",
  alreadyComplete: (m, p) => m.esc(`Bạn đã học xong cả ${p.n} bài rồi. /goto <n> để mở lại một bài.`),
  courseFinished: (m, p) => {
    const [only] = p.courses;
    const done = p.courses.length === 1 && only ? `${m.b(m.esc(only.title))}: cả ${only.n} bài` : `mọi khóa bạn theo: ${p.courses.map((c) => `${m.b(m.esc(c.title))} (${c.n} bài)`).join(", ")}`;
    return `🏁 Bạn đã học xong ${done}. Sẽ không còn bài hằng ngày nữa. ` + m.esc(`/lessons liệt kê các bài, /goto <n> mở lại bất kỳ bài nào.${p.more ? " /courses liệt kê các khóa khác để theo." : ""}`);
  },
  gotoUsage: (m, p) =>
    (p.input !== undefined ? `“${m.esc(p.input)}” không phải số bài. ` : "") +
    `Gửi ${m.code("/goto <n>")} với n từ 1 đến ${p.n}; /lessons để xem danh sách.`,
  lessonsHeader: (m, p) => `📚 ${m.b(m.esc(p.course))} — trang ${p.page}/${p.pages}`,
  lessonsFooter: (m, p) => m.esc(p.page < p.pages ? `Xem tiếp: /lessons ${p.page + 1} · mở bài: /goto <n>` : "Mở bài: /goto <n>"),
  lessonsBadPage: (m, p) => `“${m.esc(p.input)}” không phải số trang: chọn từ 1 đến ${p.pages}.`,
  resourcesOfPost: (m, p) => `📖 Đọc thêm cho ${m.b(m.esc(p.title))}`,
  resourcesOfCourse: (m) => `📚 ${m.b("Tài liệu của khóa học")}`,
  resourcesNone: () => "Bài này và khóa học chưa có tài liệu đọc thêm.",
  progress: (m, p) =>
    `📍 Bài ${m.b(`${p.k}/${p.n}`)} (${p.percent}%): ${m.esc(p.title)}` + (p.parts > 1 ? ` — phần ${p.part}/${p.parts}` : ""),
  progressNotStarted: (m, p) => `📍 Chưa bắt đầu: 0/${p.n} bài. /next để nhận bài đầu tiên.`,
  streak: (m, p) => `🔥 Chuỗi ngày học: ${m.b(String(p.current))} ngày (dài nhất ${p.best})`,
  nextDelivery: (m, p) =>
    p.status === "paused"
      ? "⏸ Bài hằng ngày đang tạm dừng (/resume)."
      : p.status === "finished"
        ? "🏁 Đã học xong khóa: không còn bài hằng ngày."
        : `⏰ Bài tiếp theo: ${m.b(p.next ?? "—")} (${m.esc(p.zone)})`,
  membersHeader: (m) => m.b("Thành viên"),
  memberLine: (m, p) => `• ${m.esc(p.name)}: ${p.done} bài đã học, 🔥 ${p.streak}` + (p.answered ? `, ✔ ${p.right ?? 0}/${p.answered}` : ""),
  membersNone: () => "Chưa thành viên nào đánh dấu đã học bài nào.",
  doneButton: () => "✅ Đã học",
  nextButton: () => "▶ Bài tiếp",
  resourcesButton: () => "📚 Tài liệu",
  buttonStale: () => "Nút này không còn dùng được. /help để xem các lệnh.",
  nextToast: () => "▶ Bài tiếp theo đây.",
  nextAlreadyPast: (m, p) => `Bạn đã học qua “${m.esc(p.title)}” rồi. /next để nhận bài tiếp theo.`,
  resourcesToast: () => "📚 Tài liệu đọc thêm ở bên dưới.",
  permissionMissing: (m, p) =>
    `⚠️ Mình không đăng được bài hằng ngày nữa: mình thiếu quyền ${m.b(m.esc(p.permission || "gửi tin nhắn"))} trong kênh đó. ` +
    "Bài học đã tạm dừng; hãy cấp quyền rồi gửi /resume.",
  threadsOn: () => "🧵 Từ giờ mỗi bài học sẽ mở một chủ đề (thread) để thảo luận.",
  threadsOff: () => "Bài học sẽ không mở chủ đề thảo luận nữa.",
  threadsUsage: (m, p) =>
    (p.input !== undefined ? `“${m.esc(p.input)}” không phải on hay off. ` : "") +
    `Chủ đề thảo luận cho mỗi bài đang ${m.b(p.on ? "bật" : "tắt")}: ${m.code("/threads on")} hoặc ${m.code("/threads off")}.`,
  threadsUnsupported: () => "Chủ đề thảo luận cho mỗi bài chỉ có trong kênh Discord.",
  doneRecorded: (m, p) => `✅ Đã ghi nhận: ${m.esc(p.title)}. 🔥 Chuỗi ngày học: ${p.streak}`,
  doneAlready: (m, p) => `Bạn đã đánh dấu “${m.esc(p.title)}” là đã học rồi.`,
  doneNothing: () => "Chưa có bài nào để đánh dấu: /next để nhận bài đầu tiên.",
  lessonFooter: (m, p) => `Bài ${p.k}/${p.n}`,
  statsReport: (m, p) =>
    [
      `📊 ${m.b("Người đăng ký")}: ${p.subscribers.length ? m.esc(p.subscribers.join("; ")) : "chưa có"}`,
      m.esc(`Đã học trong 24 giờ qua: ${p.learned} cuộc trò chuyện`),
      m.esc(`Bài trong 24 giờ qua: ${p.delivered} đã gửi, ${p.failed} lỗi`),
      ...(p.courses.length ? [`${m.b("Theo khóa học")} (24 giờ):`, ...p.courses] : []),
      p.slowest.length
        ? `${m.b("Bài hằng ngày gửi chậm nhất")}:\n${p.slowest.map((s) => m.esc(`• ${s.where} ${s.lesson}: ${s.minutes} phút`)).join("\n")}`
        : m.esc("Chưa có bài hằng ngày nào được gửi trong 24 giờ qua."),
    ].join("\n"),
  announceUsage: (m) =>
    `Gửi ${m.code("/announce nội dung")}, hoặc ${m.code("/announce #mã-khóa nội dung")} cho người theo học một khóa; mình sẽ cho biết số người nhận và hỏi lại trước khi gửi.`,
  announceConfirm: (m, p) =>
    `📣 Thông báo này sẽ đến ${m.b(String(p.n))} người đăng ký đang hoạt động${p.course ? ` theo học ${m.b(m.esc(p.course))}` : ""}${p.platforms ? ` (${m.esc(p.platforms)})` : ""}:\n\n${m.esc(p.text)}\n\n` +
    `Gửi ${m.code("/announce yes")} trong 10 phút để gửi, ${m.code("/announce no")} để bỏ.`,
  announceQueued: (m, p) => `📣 Đang gửi đến ${p.n} người đăng ký, theo tốc độ của nền tảng.`,
  announceCancelled: () => "Đã bỏ thông báo.",
  announceNothing: (m) => `Không có thông báo nào đang chờ: hãy gửi ${m.code("/announce nội dung")} trước.`,
  announcement: (m, p) => `📣 ${m.esc(p.text)}`,
  previewUsage: (m, p) =>
    p.courses
      ? `Gửi ${m.code("/preview <khóa> <n>")} (n từ 1 đến số bài của khóa) hoặc ${m.code("/preview <mã bài>")}.`
      : `Gửi ${m.code("/preview <n>")} với n từ 1 đến ${p.n}, hoặc mã bài.`,
  previewHeader: (m, p) => `👁 ${m.b(`Xem trước, ${p.format}`)}: ${m.esc(`bài ${p.k}/${p.n}, ${p.title}`)}`,
  buttonHint: (m, p) => `[ ${p.label} ] → gõ ${p.command}`,
  consoleFirstStart: () => "Gõ /start để bắt đầu",
  consoleEndOfInput: () => "— Hết dữ liệu vào: phiên trò chuyện trên console dừng ở đây. (Khi đặt TELEGRAM_BOT_TOKEN hoặc DISCORD_BOT_TOKEN, npm start chạy bot.)",
  welcomeChoose: (m, p) =>
    `👋 Chào mừng bạn! Hãy chọn các khóa học bạn muốn: mỗi khóa gửi bạn một bài khoảng sáu phút mỗi ngày lúc ` +
    `${m.b(p.time)} (${m.esc(p.zone)}). Bạn có thể theo học nhiều khóa.`,
  coursesHeader: (m, p) => `📚 ${m.b(p.n === 1 ? "Khóa học" : `Các khóa học (${p.n})`)}`,
  courseLine: (m, p) =>
    `${p.k}. ${m.b(m.esc(p.title))}${p.following ? " ✅" : ""}\n` +
    `   ${m.esc(`${languageName(p.language)} · ${p.lessons} bài · ${vi.duration({ minutes: p.minutes })}`)} · ${m.code(p.id)}` +
    (p.description ? `\n   ${m.esc(oneLine(p.description))}` : ""),
  coursesFooter: (m, p) =>
    `Đăng ký một khóa: ${m.code("/follow <số hoặc mã>")}` + (p.following ? ` · rời một khóa: ${m.code("/leave <số hoặc mã>")} · ✅ đang theo học` : ""),
  coursesNone: () => "Chưa có khóa học nào. Bạn quay lại sau nhé!",
  followButton: (p) => `Đăng ký: ${p.title}`,
  followingButton: (p) => `✅ ${p.title}`,
  followed: (m, p) =>
    `📘 Bạn đã đăng ký ${m.b(m.esc(p.course))}: ${p.lessons} bài, tổng cộng ${m.esc(vi.duration({ minutes: p.minutes }))}. ` +
    `Mỗi ngày lúc ${m.b(p.time)} (${m.esc(p.zone)}) mình gửi một bài; ${m.code("/next")} để học ngay.`,
  followedAgain: (m, p) =>
    `📘 Bạn theo học lại ${m.b(m.esc(p.course))}, từ bài ${p.k}/${p.n}. Mỗi ngày lúc ${m.b(p.time)} (${m.esc(p.zone)}) mình gửi một bài.`,
  alreadyFollowing: (m, p) => `Bạn đã đăng ký ${m.b(m.esc(p.course))} rồi. ${m.code(`/next ${p.id}`)} để học bài tiếp theo ngay.`,
  notFollowing: (m, p) => `Bạn chưa đăng ký ${m.b(m.esc(p.course))}. ${m.code(`/follow ${p.id}`)} để đăng ký.`,
  unknownCourse: (m, p) => `Không có khóa học “${m.esc(p.input)}”. /courses để xem danh sách, kèm số và mã của từng khóa.`,
  followUsage: (m) => `Gửi ${m.code("/follow <số hoặc mã>")}; /courses để xem các khóa học.`,
  leaveUsage: (m) => `Gửi ${m.code("/leave <số hoặc mã>")} của một khóa bạn đang theo học; /courses để xem danh sách.`,
  leftCourse: (m, p) =>
    `Bạn đã rời ${m.b(m.esc(p.course))}: sẽ không còn bài của khóa này. Tiến độ vẫn được giữ: ${m.code(`/follow ${p.id}`)} để học tiếp từ chỗ cũ.` +
    (p.others === 0 ? " Bạn không còn theo học khóa nào: /courses để xem danh sách." : ""),
  followsNothing: () => "Bạn chưa đăng ký khóa học nào: /courses để xem danh sách.",
  whichCourse: (m, p) => `Khóa học nào? Bạn đang theo học nhiều khóa: chọn một khóa bên dưới, hoặc gửi ${m.code(`/${p.command} <khóa>`)}.`,
  courseButton: (p) => p.title,
  courseHeading: (m, p) => `📘 ${m.b(m.esc(p.course))}`,
  courseWithdrawn: (m, p) =>
    `📕 Khóa ${m.b(m.esc(p.course))} không còn được cung cấp nữa, nên sẽ không còn bài của khóa này. Các khóa khác của bạn vẫn tiếp tục; /courses để xem các khóa hiện có.`,
  statsCourse: (m, p) =>
    m.esc(`• ${p.id}: ${p.followers} đang theo học, ${p.delivered} bài đã gửi, ${p.failed} lỗi${p.offered ? "" : " (không còn cung cấp)"}`),
  statsPaid: (m, p) =>
    `💫 ${m.b("Gửi trả phí")} ` +
    m.esc(
      `hôm nay (${p.day} UTC): ${p.stars} Sao cho ${p.messages} tin vượt mức miễn phí` +
        (p.maxStars !== undefined ? `, giới hạn ${p.maxStars} Sao mỗi ngày` : "") +
        (p.fallback === "cap" ? "; đã chạm giới hạn: gửi ở tốc độ miễn phí đến 00:00 UTC" : p.fallback === "balance" ? "; thanh toán bị từ chối (hết số dư Sao): gửi ở tốc độ miễn phí đến 00:00 UTC" : ""),
    ),
  duration: (p) => (p.minutes < 60 ? `${p.minutes} phút` : `${Math.floor(p.minutes / 60)} giờ${p.minutes % 60 ? ` ${p.minutes % 60} phút` : ""}`),
  quizQuestion: (m, p) =>
    [`❓ ${m.esc(p.question)}`, ...p.options.map((o, i) => m.esc(`  ${i + 1}. ${o}`)), m.esc(p.multiple ? "Gõ số của mọi đáp án đúng, ví dụ 1,3." : "Gõ số của đáp án bạn chọn.")].join("\n"),
  quizRight: (m, p) => `✅ Chính xác!${p.explain ? ` ${m.esc(p.explain)}` : ""}`,
  quizWrong: (m, p) => `❌ Chưa đúng: đáp án là ${m.b(m.esc(p.answer))}.${p.explain ? ` ${m.esc(p.explain)}` : ""}`,
  quizAlready: (m, p) => `Bạn đã trả lời câu này rồi (${p.correct ? "đúng" : "sai"}); câu trả lời đầu tiên được tính.`,
  quizNotYours: () => "Câu hỏi này dành cho người khác: /review để ôn câu của bạn.",
  quizBadAnswer: (m, p) => m.esc(p.multiple ? `Gõ số của các đáp án đúng (từ 1 đến ${p.n}), ví dụ 1,3.` : `Gõ một số từ 1 đến ${p.n}.`),
  reviewHeader: (m, p) =>
    p.practice ? `🔁 ${m.b("Luyện tập")} — ${p.n} thẻ; lịch ôn của chúng giữ nguyên.` : `🔁 ${m.b("Ôn tập")} — ${p.n} thẻ đến hạn hôm nay.`,
  reviewGroupHeader: (m, p) => `🔁 ${m.b("Ôn tập")} — ${p.n} thẻ của các thành viên nhóm đến hạn hôm nay. Bấm nút để ôn phần của bạn.`,
  reviewButton: (p) => `🔁 Ôn tập (${p.n} thẻ)`,
  reviewNothingDue: (m, p) => `Hiện chưa có thẻ nào cần ôn 🎉${p.next ? ` Thẻ tiếp theo đến hạn ${m.esc(p.next)}.` : ""} ${m.code("/review all")} để luyện tập thẻ bất kỳ.`,
  reviewNoCards: () => "Bạn chưa có thẻ nào: hãy trả lời các câu hỏi sau mỗi bài học (bấm ✅ dưới bài).",
  reviewInPrivate: () => "📬 Phần ôn tập của bạn đã được gửi vào tin nhắn riêng.",
  reviewNeedsPrivate: () => "Mình chưa nhắn riêng cho bạn được: hãy mở cuộc trò chuyện với mình, bấm Bắt đầu (Start), rồi yêu cầu ôn tập lại.",
  reviewUsage: (m) => `${m.code("/review")} hỏi các thẻ đến hạn; ${m.code("/review all")} luyện tập thẻ bất kỳ mà không đổi lịch ôn.`,
  quizProgress: (m, p) =>
    `🧠 Đã trả lời: ${m.b(String(p.answered))} câu${p.answered ? `, đúng ${p.percent}%` : ""}\n` +
    `🔁 Thẻ đến hạn hôm nay: ${m.b(String(p.due))}` +
    (p.recall !== null ? ` · bạn sẽ nhớ được khoảng ${m.b(`${p.recall} %`)}` : ""),
  memberQuizHeader: (m, p) => m.b(`Câu hỏi và thẻ của ${m.esc(p.name)}`),
  leaderboardHeader: (m, p) => `🏆 ${m.b(p.last ? "Bảng xếp hạng tuần trước" : "Bảng xếp hạng tuần này")} (${p.week})`,
  leaderboardLine: (m, p) => `${p.rank}. ${m.esc(p.name)}: đúng ${p.right}/${p.answered} · 🔥 ${p.streak}`,
  leaderboardEmpty: () => "Tuần này chưa ai trả lời câu hỏi nào.",
  leaderboardOnlyGroups: () => "Bảng xếp hạng dành cho nhóm học: hãy thêm mình vào một nhóm hoặc kênh.",
  leaderboardWeekly: (m, p) =>
    p.on ? `🏆 Mỗi thứ Hai lúc ${m.b(p.time)} (${m.esc(p.zone)}) mình sẽ đăng bảng xếp hạng tuần trước ở đây.` : "Đã tắt bảng xếp hạng hằng tuần.",
  leaderboardUsage: (m) => `${m.code("/leaderboard")} xem bảng xếp hạng tuần này; ${m.code("/leaderboard weekly on")} hoặc ${m.code("off")} để đăng mỗi thứ Hai.`,
};

function languageName(code: string): string {
  return code.startsWith("vi") ? "Tiếng Việt" : code.startsWith("en") ? "Tiếng Anh" : code;
}
