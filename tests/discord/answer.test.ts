import { afterEach, describe, expect, it } from "vitest";
import { Events, REST, Routes, type Client, type Interaction } from "discord.js";
import pino from "pino";
import { InteractionAnswer } from "../../adapters/discord/answer.js";
import { FakeDiscord, connectClient, type InteractionRecord } from "../fakes/discord/index.js";

let fake: FakeDiscord | undefined;
let client: Client<true> | undefined;
const silent = pino({ level: "silent" });

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
});

/** A fake with /help registered and a real discord.js client whose next interaction runs `handle`. */
async function setup(handle: (answer: InteractionAnswer) => Promise<void>, ephemeral: boolean): Promise<{ f: FakeDiscord; done: Promise<void> }> {
  const f = (fake = await FakeDiscord.start());
  await new REST({ api: f.restUrl }).setToken(f.token).put(Routes.applicationCommands(f.applicationId), { body: [{ name: "help", description: "Help" }] });
  client = await connectClient(f);
  const done = new Promise<void>((resolve, reject) => {
    client!.once(Events.InteractionCreate, (i: Interaction) => {
      if (!i.isRepliable()) return reject(new Error("not repliable"));
      handle(new InteractionAnswer(i, ephemeral, silent)).then(resolve, reject);
    });
  });
  return { f, done };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("GIVEN the answer to one interaction", () => {
  it("WHEN the answer is slower than the budget THEN it is deferred in time and completed by editing the deferred reply, then followed up", async () => {
    let ix: InteractionRecord | undefined;
    const { f, done } = await setup(async (answer) => {
      answer.deferAfter(50);
      // The answer is ready only once Discord has seen the deferral: the budget ran out first.
      await f.waitFor(() => ix?.ackType === 5, 5000, "the deferral");
      await answer.send([{ text: "một" }, { text: "hai" }]);
    }, true);
    ix = f.slashCommand({ name: "help", userId: f.addUser().id, dm: true });
    await done;
    expect(ix.callbacks.map((c) => c.type)).toEqual([5]);
    expect(f.sent.filter((s) => s.interactionId === ix.id).map((s) => [s.via, s.message.content, s.ephemeral])).toEqual([
      ["interaction-edit", "một", true],
      ["follow-up", "hai", true],
    ]);
  });

  it("WHEN the answer is ready within the budget THEN it is one reply, no deferral", async () => {
    const { f, done } = await setup(async (answer) => {
      answer.deferAfter(1000);
      await answer.send([{ text: "ngay" }]);
      await sleep(1100); // past the budget: a deferral now would come after the reply
      await answer.settled();
    }, false);
    const ix = f.slashCommand({ name: "help", userId: f.addUser().id, dm: true });
    await done;
    expect(ix.ackType).toBe(4);
    expect(ix.callbacks).toHaveLength(1);
    expect(f.sent.filter((s) => s.interactionId === ix.id).map((s) => [s.via, s.message.content, s.ephemeral])).toEqual([["interaction-reply", "ngay", false]]);
  });
});
