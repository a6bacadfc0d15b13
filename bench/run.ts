/** `npm run bench`: every benchmark, each in its own process so peak RSS is its own. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const here = import.meta.dirname;
const only = process.argv[2];
let failed = false;
for (const name of ["engine", "learning", "telegram", "discord", "studio"]) {
  if (only && only !== name) continue;
  const file = join(here, `${name}.ts`);
  if (!existsSync(file)) continue;
  console.log(`\n## ${name}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", file, ...process.argv.slice(3)], { stdio: "inherit" });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
