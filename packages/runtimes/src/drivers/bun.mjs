// Bun, from the registry package @oven/bun-linux-x64 (a devDependency of this package):
// plain `bun run`, resolving the same node_modules.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { cliArgs, eachCell, runEntry } from "./process.mjs";

const BUN = join(dirname(createRequire(import.meta.url).resolve("@oven/bun-linux-x64/package.json")), "bin/bun");

export default {
  name: "bun",
  filesystem: true,
  version: async () => `Bun ${execFileSync(BUN, ["--version"], { encoding: "utf8" }).trim()}`,
  run: (ctx, cells) => eachCell(cells, (cell) => runEntry(BUN, ["run", "entries/cli.mjs", ...cliArgs(cell)], { cwd: ctx.project })),
};
