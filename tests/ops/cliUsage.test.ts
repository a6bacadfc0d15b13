/**
 * The command line's usage as a new operator meets it: --help for the whole and for each command
 * (printed, exit 0, nothing run), an unknown option or a missing value (one line naming it and what is
 * valid, exit 2), and usage text that tells the truth about defaults.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "./cliProcess.js";

const data = mkdtempSync(join(tmpdir(), "sau-phut-usage-"));
afterAll(() => rmSync(data, { recursive: true, force: true }));
const env = { DATA_DIR: data };

describe("the command line's usage", () => {
  it("GIVEN --help, -h, help or nothing THEN the overview lists every command, exit 0", async () => {
    for (const args of [["--help"], ["-h"], ["help"], []]) {
      const run = await cli(args, env);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe("");
      for (const command of ["render", "check", "backup", "doctor", "preview"]) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    }
  });

  it("GIVEN COMMAND --help (or help COMMAND) THEN that command's usage with each option and its default, exit 0, and the command does not run", async () => {
    const runs = await Promise.all(["render", "check", "doctor", "backup", "preview"].map((c) => cli([c, "--help"], env)));
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stderr).toBe("");
      expect(run.stdout).toMatch(/^Usage: npm run cli -- \w+/);
    }
    const [render, check, doctor, backup, preview] = runs.map((r) => r.stdout);
    expect(render).toMatch(/--platform P\s+telegram, discord, console \(default: telegram\)/);
    expect(render).toMatch(/--out OUT\s+the folder to write \(required\)/);
    expect(render).toMatch(/--cache DIR\s+.*\(default: DATA_DIR\/cache\/math, now .*\/cache\/math;/);
    expect(check).toMatch(/--content DIR\s+.*\(default: CONTENT_DIR, now /);
    expect(check).not.toMatch(/error\(s\)/);
    expect(doctor).not.toMatch(/^[✔✘] /m);
    expect(backup).toMatch(/^Usage: npm run cli -- backup OUT\.sqlite/);
    expect(preview).toMatch(/--port PORT\s+the port to serve on \(default: 4000/);
    expect(preview).toMatch(/--host HOST\s+the address to serve on \(default: 127\.0\.0\.1\)/);
    expect((await cli(["help", "check"], env)).stdout).toBe(check);
  });

  it("GIVEN an unknown option, a missing value, a bad platform or an extra argument THEN one line naming it and what is valid, exit 2", async () => {
    const typo = await cli(["check", "--contnet", "x"], env);
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe("");
    expect(typo.stderr.trim().split("\n")).toEqual([
      "check: unknown option --contnet (did you mean --content?); the options are --content, --cache, --help (npm run cli -- check --help)",
    ]);
    const missing = await cli(["render", "--out"], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^render: Option '--out <value>' argument missing/)]);
    const platform = await cli(["render", "--out", join(data, "out"), "--platform", "slack"], env);
    expect(platform.code).toBe(2);
    expect(platform.stderr.trim()).toBe('render: --platform must be telegram, discord, console, not "slack" (npm run cli -- render --help)');
    const extra = await cli(["doctor", "now"], env);
    expect(extra.code).toBe(2);
    expect(extra.stderr.trim()).toBe('doctor: unexpected argument "now" (doctor takes options only) (npm run cli -- doctor --help)');
    const command = await cli(["chekc"], env);
    expect(command.code).toBe(2);
    expect(command.stderr.trim()).toBe('unknown command "chekc"; the commands are render, check, backup, doctor, preview (npm run cli -- --help)');
  });
});
