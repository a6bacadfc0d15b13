import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { REST } from "discord.js";
import { InteractionContextType } from "discord-api-types/v10";
import pino from "pino";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import { COMMANDS, commandJson } from "../../adapters/discord/commandDefinitions.js";
import { registerCommands, registrationPlan } from "../../adapters/discord/registerCommands.js";
import { Secret } from "../../src/config.js";
import { Courses, type CourseView } from "../../src/learning/index.js";
import { renderTestCourse, startBot, tempDir, type Bot } from "./harness.js";

let course: CourseView;
const tmp = tempDir();
let bot: Bot | undefined;
const silent = pino({ level: "silent" });

beforeAll(async () => {
  course = await renderTestCourse(tmp.dir);
});
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});
afterAll(() => tmp.cleanup());

describe("GIVEN the bot's slash commands", () => {
  it("WHEN it starts with a test server THEN the server gets its commands and DMs the DM ones, localized in Vietnamese; a restart writes nothing", async () => {
    bot = await startBot({ course, dir: tmp.dir });
    const { fake, guild, learning } = bot;
    const inServer = fake.commands(guild.id);
    expect(inServer.map((c) => c.name).sort()).toEqual(
      ["done", "goto", "help", "lang", "lessons", "next", "pause", "progress", "resources", "resume", "start", "stop", "subscribe", "threads", "time", "timezone", "unsubscribe"].sort(),
    );
    expect(inServer.every((c) => c.contexts?.join() === String(InteractionContextType.Guild))).toBe(true);
    const inDms = fake.commands();
    expect(inDms.map((c) => c.name)).not.toContain("subscribe");
    expect(inDms.map((c) => c.name)).toContain("start");
    expect(inDms.every((c) => c.contexts?.join() === String(InteractionContextType.BotDM))).toBe(true);
    const next = inServer.find((c) => c.name === "next")!;
    expect(next.name_localizations).toEqual({ vi: "bài-tiếp" });
    expect(next.description_localizations?.vi).toBe("Học bài tiếp theo ngay");
    expect(next.description).toBe("The next lesson now");
    const zone = inServer.find((c) => c.name === "timezone")!.options![0]!;
    expect(zone).toMatchObject({ name: "zone", autocomplete: true, required: true, name_localizations: { vi: "múi-giờ" } });
    expect(fake.commandWrites(guild.id)).toBe(1);
    expect(fake.commandWrites()).toBe(1);

    // A second start (a restart of the process) finds the same commands and registers nothing.
    const again = createDiscordAdapter({ token: new Secret(fake.token), applicationId: fake.applicationId, apiRoot: fake.restUrl, guildId: guild.id, format: "components" }, { log: silent });
    await again.start({ core: learning.core, sender: again.sender, courses: new Courses([["discord", course]]), log: silent });
    await again.stop();
    expect(fake.commandWrites(guild.id)).toBe(1);
    expect(fake.commandWrites()).toBe(1);

    // A changed definition is written, in its scope only.
    const rest = new REST({ api: fake.restUrl }).setToken(fake.token);
    const changed = COMMANDS.map((c) => (c.name === "help" ? commandJson({ ...c, description: { vi: "Các lệnh", en: "Commands" } }) : commandJson(c)));
    expect(await registerCommands(rest, fake.applicationId, registrationPlan(changed, guild.id), silent)).toBe(2);
    expect(await registerCommands(rest, fake.applicationId, registrationPlan(changed, guild.id), silent)).toBe(0);
    expect(fake.commands(guild.id).find((c) => c.name === "help")!.description).toBe("Commands");
  });

  it("WHEN it starts without a test server THEN every command is global, usable where its contexts say", async () => {
    bot = await startBot({ course, dir: tmp.dir, guildId: false });
    const { fake, guild } = bot;
    expect(fake.commands(guild.id)).toEqual([]);
    const global = new Map(fake.commands().map((c) => [c.name, c.contexts]));
    expect(global.size).toBe(COMMANDS.length);
    expect(global.get("subscribe")).toEqual([InteractionContextType.Guild]);
    expect(global.get("next")).toEqual([InteractionContextType.Guild, InteractionContextType.BotDM]);
    // DM commands work in DMs, server commands in servers.
    const dm = fake.slashCommand({ name: "help", userId: bot.learner.id, dm: true });
    await fake.waitFor(() => dm.ackType, 3000, "an answer to /help");
    expect(fake.rejections).toEqual([]);
  });
});
