/**
 * The few answers only Discord needs (its permission names, its DM settings, the confirmation of a
 * lesson posted below an interaction), in Discord Markdown. Everything else is the core's catalog.
 */
export interface DiscordStrings {
  needsManageChannels(command: string): string;
  lessonPosted(): string;
  /** /review in DMs: the review is posted below. */
  reviewPosted(): string;
  cannotDm(): string;
  missingPermission(permission: string): string;
  lessonNotSent(): string;
  internalError(): string;
  /** An operator's /preview went to their DMs. */
  previewSent(): string;
  /** The placeholder of a select menu of courses. */
  chooseCourse(): string;
}

const vi: DiscordStrings = {
  needsManageChannels: (command) =>
    `🔒 Chỉ thành viên có quyền **Quản lý kênh** (Manage Channels) mới dùng được \`/${command}\` ở kênh này, vì lệnh đổi cài đặt chung của cả nhóm. Bạn vẫn dùng được \`/progress\`, \`/lessons\`, \`/resources\` và nút ✅.`,
  lessonPosted: () => "📖 Bài học đã được gửi.",
  reviewPosted: () => "🔁 Phần ôn tập ở ngay bên dưới.",
  cannotDm: () => "✉️ Mình không gửi tin nhắn riêng cho bạn được. Hãy bật **Cho phép tin nhắn trực tiếp** từ thành viên máy chủ (Cài đặt quyền riêng tư), rồi gửi lại `/start`.",
  missingPermission: (permission) => `⚠️ Mình thiếu quyền **${permission}** ở kênh này nên chưa gửi được bài. Nhờ quản trị viên cấp quyền rồi gửi \`/resume\`.`,
  lessonNotSent: () => "⏳ Chưa gửi được bài học lúc này; mình sẽ thử lại sau.",
  internalError: () => "Xin lỗi, có lỗi phía mình. Bạn thử lại sau ít phút nhé.",
  previewSent: () => "👁 Bản xem trước đã được gửi vào tin nhắn riêng của bạn.",
  chooseCourse: () => "Chọn một khóa học",
};

const en: DiscordStrings = {
  needsManageChannels: (command) =>
    `🔒 Only members with the **Manage Channels** permission can use \`/${command}\` in this channel: it changes the whole group's settings. You can still use \`/progress\`, \`/lessons\`, \`/resources\` and the ✅ button.`,
  lessonPosted: () => "📖 The lesson is posted.",
  reviewPosted: () => "🔁 Your review is posted below.",
  cannotDm: () => "✉️ I cannot send you direct messages. Allow **Direct Messages** from server members (Privacy Settings), then send `/start` again.",
  missingPermission: (permission) => `⚠️ I lack the permission **${permission}** in this channel, so the lesson was not posted. Ask an admin to grant it, then send \`/resume\`.`,
  lessonNotSent: () => "⏳ The lesson could not be posted right now; I will try again later.",
  internalError: () => "Sorry, something went wrong on my side. Please try again in a moment.",
  previewSent: () => "👁 The preview is in your direct messages.",
  chooseCourse: () => "Choose a course",
};

/** Discord's `locale` of the person's client ("vi", "en-US", …) → the language of these strings. */
export function stringsFor(locale: string | null | undefined): DiscordStrings {
  return locale?.toLowerCase().startsWith("vi") ? vi : en;
}
