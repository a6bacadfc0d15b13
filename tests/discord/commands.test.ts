import { describe, expect, it } from "vitest";
import { REST } from "discord.js";
import { InteractionContextType, PermissionFlagsBits } from "discord-api-types/v10";
import pino from "pino";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import { COMMANDS, commandJson } from "../../adapters/discord/commandDefinitions.js";
import { registerCommands, registrationPlan } from "../../adapters/discord/registerCommands.js";
import { Secret } from "../../src/config.js";
import { Courses } from "../../src/learning/index.js";
import { answerOf, answerText, type Bot, botSuite } from "./harness.js";

const suite = botSuite();
let bot: Bot | undefined;
const silent = pino({ level: "silent" });

describe("GIVEN the bot's slash commands", () => {
  it("WHEN it starts with a test server THEN the server gets its commands and DMs the DM ones, localized in Vietnamese; a restart writes nothing", async () => {
    bot = await suite.start();
    const { fake, guild, learning } = bot;
    const inServer = fake.commands(guild.id);
    expect(inServer.map((c) => c.name).sort()).toEqual(
      ["announce", "courses", "done", "follow", "goto", "help", "lang", "leaderboard", "leave", "lessons", "next", "pause", "preview", "progress", "resources", "resume", "review", "start", "stats", "stop", "subscribe", "threads", "time", "timezone", "unsubscribe"].sort(),
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
    await again.start({ core: learning.core, sender: again.sender, courses: new Courses([suite.catalogue]), log: silent });
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
    bot = await suite.start({ guildId: false });
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

describe("GIVEN operator commands on Discord", () => {
  it("WHEN registered THEN only server administrators see them; an operator gets /stats and a /preview in DMs; anyone else an unknown command", async () => {
    let operatorId = "";
    bot = await suite.start({
      before: (fake, guild) => {
        const op = fake.addUser({ username: "op", globalName: "Op" });
        fake.addMember(guild.id, op.id, { permissions: PermissionFlagsBits.Administrator });
        operatorId = op.id;
      },
      operators: () => [`discord:${operatorId}`],
    });
    const { fake, guild, channelId, member } = bot;
    for (const name of ["stats", "announce", "preview"]) {
      const c = fake.commands(guild.id).find((x) => x.name === name)!;
      expect(c.default_member_permissions).toBe("0");
      expect(c.contexts).toEqual([InteractionContextType.Guild]);
    }
    const stats = await answerOf(fake, fake.slashCommand({ name: "stats", userId: operatorId, channelId }));
    expect(stats[0]!.message.content).toContain("Người đăng ký");
    expect(stats[0]!.ephemeral).toBe(true);
    const refused = await answerText(fake, fake.slashCommand({ name: "stats", userId: member.id, channelId }));
    expect(refused).toContain("Mình không hiểu lệnh `/stats`");
    const preview = await answerText(fake, fake.slashCommand({ name: "preview", userId: operatorId, channelId, options: { lesson: "1" } }), 15_000);
    expect(preview).toContain("Bản xem trước đã được gửi vào tin nhắn riêng");
    const dm = fake.dmChannelOf(operatorId)!;
    const inDm = fake.sent.filter((s) => s.channelId === dm);
    expect(inDm.some((s) => s.componentsV2)).toBe(true);
    expect(inDm.some((s) => String((s.payload as { content?: unknown }).content ?? "").includes("Xem trước, components"))).toBe(true);
    expect(fake.rejections).toEqual([]);
  }, 60_000);
});
