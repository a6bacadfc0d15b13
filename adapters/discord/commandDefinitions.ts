import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { COMMAND_MENU, type Language } from "../../src/learning/index.js";

/** Where a slash command can be used: the bot's DMs, server channels (and their threads), or both. */
export type CommandPlace = "dm" | "guild" | "both";

interface OptionSpec {
  name: string;
  vi: string;
  description: Record<Language, string>;
  type: ApplicationCommandOptionType.String | ApplicationCommandOptionType.Integer;
  required?: boolean;
  autocomplete?: boolean;
  minValue?: number;
  maxLength?: number;
  choices?: { name: string; vi?: string; value: string }[];
}

/** One slash command: what it is called, where it works, and how the adapter answers it. */
export interface CommandSpec {
  /** The name Discord sends back in every interaction (the core's command or one of its aliases). */
  name: string;
  /** The name a Vietnamese Discord client shows. */
  vi: string;
  description: Record<Language, string>;
  place: CommandPlace;
  options: OptionSpec[];
  /** In a server channel only members with Manage Channels may use it (it changes the shared subscription). */
  manageChannels: boolean;
  /** In a server channel the answer is for everyone (else it is ephemeral, for the person who asked). */
  publicInChannel: boolean;
  /** Sends a lesson through the delivery ledger, which may take longer than Discord's 3 s: defer at once. */
  deliversLesson: boolean;
  /**
   * For the operators in ADMIN_IDS (the core answers anyone else as an unknown command). Registered
   * for server channels with no default permission: Discord shows them to server administrators only.
   */
  operator: boolean;
}

/** Commands Discord has and the shared menu does not (server channels only). */
const DISCORD_ONLY: Record<string, Record<Language, string>> = {
  subscribe: { vi: "Đăng ký kênh này nhận bài học mỗi ngày (cần quyền Quản lý kênh)", en: "Subscribe this channel to a lesson a day (needs Manage Channels)" },
  unsubscribe: { vi: "Hủy đăng ký của kênh này (giữ tiến độ)", en: "Unsubscribe this channel (progress is kept)" },
  threads: { vi: "Mỗi bài học mở một chủ đề thảo luận: bật hoặc tắt", en: "Open a discussion thread for each lesson: on or off" },
  stats: { vi: "Vận hành: số người đăng ký, bài đã gửi và lỗi trong 24 giờ", en: "Operators: subscribers, lessons delivered and failed in 24 h" },
  announce: { vi: "Vận hành: gửi một thông báo đến mọi người đăng ký (hỏi lại trước)", en: "Operators: an announcement to every subscriber (asks first)" },
  preview: { vi: "Vận hành: xem trước một bài như người học nhận được", en: "Operators: preview a lesson as learners get it" },
};

function describe(name: string): Record<Language, string> {
  const shared = COMMAND_MENU.find((c) => c.name === name)?.description;
  const own = DISCORD_ONLY[name];
  const description = shared ?? own;
  if (!description) throw new Error(`no description for /${name}`);
  return description;
}

/** A course, picked from autocomplete (its id) or typed (id or number in /courses). */
function courseOption(required: boolean, description: Record<Language, string>): OptionSpec {
  return { name: "course", vi: "khóa-học", type: ApplicationCommandOptionType.String, autocomplete: true, maxLength: 100, ...(required ? { required } : {}), description };
}
const WHICH_COURSE = { vi: "Khóa học (khi bạn theo học nhiều khóa)", en: "The course (when you follow several)" };

function command(name: string, vi: string, place: CommandPlace, opts: Partial<Pick<CommandSpec, "options" | "manageChannels" | "publicInChannel" | "deliversLesson" | "operator">> = {}): CommandSpec {
  return {
    name,
    vi,
    description: describe(name),
    place,
    options: opts.options ?? [],
    manageChannels: opts.manageChannels ?? true,
    publicInChannel: opts.publicInChannel ?? false,
    deliversLesson: opts.deliversLesson ?? false,
    operator: opts.operator ?? false,
  };
}

/**
 * Every slash command, in menu order. `manageChannels` mirrors the core's admin-only commands, so a
 * member without the permission is refused before the core is asked, naming the permission.
 */
export const COMMANDS: readonly CommandSpec[] = [
  // In DMs it subscribes the person; in a channel it is /subscribe (the core's texts say /start everywhere).
  command("start", "bắt-đầu", "both", { publicInChannel: true }),
  command("subscribe", "đăng-ký", "guild", { publicInChannel: true }),
  command("unsubscribe", "hủy-đăng-ký", "guild", { publicInChannel: true }),
  command("courses", "các-khóa-học", "both", { manageChannels: false }),
  command("follow", "đăng-ký-khóa", "both", { publicInChannel: true, options: [courseOption(true, { vi: "Khóa học muốn đăng ký", en: "The course to follow" })] }),
  command("leave", "rời-khóa", "both", { publicInChannel: true, options: [courseOption(true, { vi: "Khóa học muốn rời", en: "The course to leave" })] }),
  command("next", "bài-tiếp", "both", { deliversLesson: true, options: [courseOption(false, WHICH_COURSE)] }),
  command("progress", "tiến-độ", "both", { manageChannels: false, publicInChannel: true }),
  command("lessons", "mục-lục", "both", {
    manageChannels: false,
    options: [
      { name: "page", vi: "trang", type: ApplicationCommandOptionType.Integer, minValue: 1, description: { vi: "Trang của mục lục", en: "Page of the table of contents" } },
      courseOption(false, WHICH_COURSE),
    ],
  }),
  command("goto", "đến-bài", "both", {
    deliversLesson: true,
    options: [
      { name: "lesson", vi: "bài", type: ApplicationCommandOptionType.String, required: true, autocomplete: true, maxLength: 100, description: { vi: "Số thứ tự hoặc tên bài", en: "Lesson number or title" } },
      courseOption(false, WHICH_COURSE),
    ],
  }),
  command("resources", "tài-liệu", "both", { manageChannels: false, options: [courseOption(false, WHICH_COURSE)] }),
  command("done", "đã-học", "both", { manageChannels: false }),
  // The core answers in a channel with the member's own review (ephemeral); in DMs it is posted through the ledger.
  command("review", "ôn-tập", "both", {
    manageChannels: false,
    deliversLesson: true,
    options: [
      {
        name: "mode",
        vi: "chế-độ",
        type: ApplicationCommandOptionType.String,
        description: { vi: "all: luyện tập thẻ bất kỳ, không đổi lịch ôn", en: "all: practise any card without changing its schedule" },
        choices: [{ name: "all", vi: "tất cả", value: "all" }],
      },
    ],
  }),
  command("leaderboard", "xếp-hạng", "both", {
    manageChannels: false,
    publicInChannel: true,
    options: [
      {
        name: "weekly",
        vi: "hằng-tuần",
        type: ApplicationCommandOptionType.String,
        description: { vi: "Đăng bảng xếp hạng mỗi thứ Hai (quản trị viên)", en: "Post the leaderboard every Monday (admins)" },
        choices: [
          { name: "on", vi: "bật", value: "weekly on" },
          { name: "off", vi: "tắt", value: "weekly off" },
        ],
      },
    ],
  }),
  command("time", "giờ", "both", {
    options: [{ name: "time", vi: "giờ", type: ApplicationCommandOptionType.String, required: true, maxLength: 5, description: { vi: "Giờ gửi bài, HH:MM (24 giờ), ví dụ 07:30", en: "Time of day, HH:MM (24-hour), e.g. 07:30" } }],
  }),
  command("timezone", "múi-giờ", "both", {
    options: [{ name: "zone", vi: "múi-giờ", type: ApplicationCommandOptionType.String, required: true, autocomplete: true, maxLength: 64, description: { vi: "Khu_vực/Thành_phố, ví dụ Asia/Ho_Chi_Minh", en: "Area/City, e.g. Asia/Ho_Chi_Minh" } }],
  }),
  command("pause", "tạm-dừng", "both"),
  command("resume", "tiếp-tục", "both"),
  command("stop", "dừng", "both"),
  command("lang", "ngôn-ngữ", "both", {
    options: [
      {
        name: "language",
        vi: "ngôn-ngữ",
        type: ApplicationCommandOptionType.String,
        required: true,
        description: { vi: "Ngôn ngữ của bot", en: "The bot's language" },
        choices: [
          { name: "Tiếng Việt", value: "vi" },
          { name: "English", value: "en" },
        ],
      },
    ],
  }),
  command("threads", "chủ-đề", "guild", {
    options: [
      {
        name: "mode",
        vi: "chế-độ",
        type: ApplicationCommandOptionType.String,
        required: true,
        description: { vi: "Bật hoặc tắt", en: "On or off" },
        choices: [
          { name: "on", vi: "bật", value: "on" },
          { name: "off", vi: "tắt", value: "off" },
        ],
      },
    ],
  }),
  command("help", "trợ-giúp", "both", { manageChannels: false }),
  command("stats", "thống-kê", "guild", { manageChannels: false, operator: true }),
  command("announce", "thông-báo", "guild", {
    manageChannels: false,
    operator: true,
    options: [
      { name: "text", vi: "nội-dung", type: ApplicationCommandOptionType.String, required: true, maxLength: 3500, description: { vi: "Nội dung thông báo; yes để gửi, no để bỏ", en: "The announcement; yes to send it, no to drop it" } },
      courseOption(false, { vi: "Chỉ gửi cho người theo học khóa này", en: "Only to the followers of this course" }),
    ],
  }),
  command("preview", "xem-trước", "guild", {
    manageChannels: false,
    operator: true,
    options: [
      { name: "lesson", vi: "bài", type: ApplicationCommandOptionType.String, required: true, autocomplete: true, maxLength: 100, description: { vi: "Số thứ tự hoặc tên bài", en: "Lesson number or title" } },
      courseOption(false, { vi: "Khóa học của bài", en: "The lesson's course" }),
    ],
  }),
];

export const COMMANDS_BY_NAME: ReadonlyMap<string, CommandSpec> = new Map(COMMANDS.map((c) => [c.name, c]));

const CONTEXTS: Record<CommandPlace, InteractionContextType[]> = {
  dm: [InteractionContextType.BotDM],
  guild: [InteractionContextType.Guild],
  both: [InteractionContextType.Guild, InteractionContextType.BotDM],
};

function optionJson(o: OptionSpec): APIApplicationCommandOption {
  const base = {
    name: o.name,
    name_localizations: { vi: o.vi },
    description: o.description.en,
    description_localizations: { vi: o.description.vi },
    ...(o.required ? { required: true } : {}),
  };
  if (o.type === ApplicationCommandOptionType.Integer) {
    return { ...base, type: o.type, ...(o.minValue !== undefined ? { min_value: o.minValue } : {}) };
  }
  if (o.autocomplete) return { ...base, type: o.type, autocomplete: true, ...(o.maxLength ? { max_length: o.maxLength } : {}) };
  return {
    ...base,
    type: o.type,
    ...(o.maxLength ? { max_length: o.maxLength } : {}),
    ...(o.choices ? { choices: o.choices.map((c) => ({ name: c.name, ...(c.vi ? { name_localizations: { vi: c.vi } } : {}), value: c.value })) } : {}),
  };
}

/** The registration body of one command: English names and descriptions, Vietnamese localizations. */
export function commandJson(c: CommandSpec): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: c.name,
    name_localizations: { vi: c.vi },
    description: c.description.en,
    description_localizations: { vi: c.description.vi },
    contexts: CONTEXTS[c.place],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    ...(c.operator ? { default_member_permissions: "0" } : {}),
    ...(c.options.length ? { options: c.options.map(optionJson) } : {}),
  };
}
