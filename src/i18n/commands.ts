import type { Language } from "../contract/chat.js";

/**
 * The commands as a platform's menu lists them (Telegram setMyCommands, Discord slash commands), with
 * a short description in each language. `where` says in which chats the command belongs.
 */
export interface CommandInfo {
  name: string;
  description: Record<Language, string>;
  where: "everywhere" | "groups";
}

export const COMMAND_MENU: readonly CommandInfo[] = [
  { name: "start", where: "everywhere", description: { vi: "Đăng ký nhận bài học mỗi ngày", en: "Subscribe to a lesson a day" } },
  { name: "courses", where: "everywhere", description: { vi: "Các khóa học và khóa bạn đang theo học", en: "The courses, and the ones you follow" } },
  { name: "follow", where: "everywhere", description: { vi: "Đăng ký một khóa học", en: "Follow a course" } },
  { name: "leave", where: "everywhere", description: { vi: "Rời một khóa học (giữ tiến độ)", en: "Leave a course (your place is kept)" } },
  { name: "next", where: "everywhere", description: { vi: "Học bài tiếp theo ngay", en: "The next lesson now" } },
  { name: "progress", where: "everywhere", description: { vi: "Tiến độ và chuỗi ngày học", en: "Where you are, your streak" } },
  { name: "lessons", where: "everywhere", description: { vi: "Mục lục khóa học", en: "Table of contents" } },
  { name: "goto", where: "everywhere", description: { vi: "Chuyển đến bài số n", en: "Jump to lesson n" } },
  { name: "resources", where: "everywhere", description: { vi: "Tài liệu đọc thêm", en: "Further reading" } },
  { name: "done", where: "everywhere", description: { vi: "Đánh dấu đã học bài hiện tại", en: "Mark the current lesson as learned" } },
  { name: "review", where: "everywhere", description: { vi: "Ôn các thẻ đến hạn (all: luyện tập thẻ bất kỳ)", en: "Review the cards due (all: practise any card)" } },
  { name: "leaderboard", where: "everywhere", description: { vi: "Bảng xếp hạng tuần của nhóm", en: "The group's leaderboard this week" } },
  { name: "time", where: "everywhere", description: { vi: "Giờ gửi bài hằng ngày (HH:MM)", en: "Daily time (HH:MM)" } },
  { name: "timezone", where: "everywhere", description: { vi: "Múi giờ (Khu_vực/Thành_phố)", en: "Time zone (Area/City)" } },
  { name: "pause", where: "everywhere", description: { vi: "Tạm dừng bài hằng ngày", en: "Pause the daily lessons" } },
  { name: "resume", where: "everywhere", description: { vi: "Tiếp tục bài hằng ngày", en: "Resume the daily lessons" } },
  { name: "stop", where: "everywhere", description: { vi: "Hủy đăng ký (giữ tiến độ)", en: "Unsubscribe (progress is kept)" } },
  { name: "lang", where: "everywhere", description: { vi: "Ngôn ngữ: vi hoặc en", en: "Language: vi or en" } },
  { name: "help", where: "everywhere", description: { vi: "Danh sách lệnh", en: "The list of commands" } },
];
