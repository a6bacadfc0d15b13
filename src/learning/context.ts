import type { Logger } from "pino";
import type { Catalog, Markup } from "../i18n/index.js";
import type { Clock } from "../schedule/clock.js";
import type { Store } from "../store/store.js";
import type { Catalogue } from "./catalogue.js";
import type { Courses } from "./courses.js";
import type { DeliveryService } from "./delivery.js";
import type { PaidBroadcasts } from "./paidBroadcasts.js";
import type { OutgoingMessage } from "./sender.js";
import type { Subscriber } from "../store/types.js";
import type { ChatAddress, Language } from "../contract/chat.js";

/** What an adapter hands the core for each update: who said what, where. */
export interface Incoming {
  chat: ChatAddress;
  user: {
    id: string;
    /** Shown in a group's members table. */
    name: string;
    /** Chat admins may change a group's or channel's settings; in a private chat the user is admin. */
    isAdmin: boolean;
  };
  /** A message's text (commands: "/next", "/time 07:30", "/next@SauPhutBot"). */
  text?: string;
  /** The data of a pressed inline button ("done:42", "c:follow:dl-pytorch"). */
  button?: string;
}

export interface Defaults {
  timeZone: string;
  /** "HH:MM". */
  sendTime: string;
  /** REVIEW_PER_DAY: due cards asked with the day's lessons (default 3). */
  reviewPerDay?: number;
}

export interface CoreDeps {
  store: Store;
  courses: Courses;
  delivery: DeliveryService;
  clock: Clock;
  log: Logger;
  defaults: Defaults;
  /** Operators, as "platform:userId" (ADMIN_IDS): /stats, /announce, /preview answer only them. */
  operators?: ReadonlySet<string>;
  /** Paid broadcasts, when on: /stats shows today's Stars. */
  paidBroadcasts?: PaidBroadcasts;
}

/** Everything a command handler needs, resolved once per update. */
export interface CommandContext {
  deps: CoreDeps;
  incoming: Incoming;
  /** The text after the command, trimmed, at most a few hundred characters. */
  args: string;
  /** The chat's subscription, if it ever subscribed (any status). */
  sub: Subscriber | undefined;
  /** The courses offered on the chat's platform. */
  catalogue: Catalogue;
  language: Language;
  t: Catalog;
  m: Markup;
  now: number;
  /** Deliveries to start once the replies are out (a lesson's questions after "✅ recorded"). */
  later: number[];
}

export type Reply = OutgoingMessage;

export type CommandHandler = (c: CommandContext) => Reply[] | Promise<Reply[]>;

export function text(t: string): Reply {
  return { text: t };
}
