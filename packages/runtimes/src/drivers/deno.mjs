// Deno, from the registry package @deno/linux-x64-glibc, on the npm project's node_modules.
// Two rows: least privilege (network to 127.0.0.1, read of the one file it uploads; key and
// base URL passed as options, so nothing should need the environment) and --allow-all.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { cliArgs, eachCell, runEntry } from "./process.mjs";

const DENO = join(dirname(createRequire(import.meta.url).resolve("@deno/linux-x64-glibc/package.json")), "deno");
const version = async () => execFileSync(DENO, ["--version"], { encoding: "utf8" }).split("\n")[0].replace(/^deno/, "Deno").replace(/ \(.*/, "");

function deno(name, label, permissions) {
  return {
    name,
    label,
    filesystem: true,
    version,
    run: (ctx, cells) =>
      eachCell(cells, (cell) =>
        runEntry(DENO, ["run", "--quiet", ...permissions(cell), "entries/cli.mjs", ...cliArgs(cell)], {
          cwd: ctx.project,
          env: { DENO_DIR: join(ctx.dir, "deno-dir"), DENO_NO_UPDATE_CHECK: "1" },
        }),
      ),
  };
}

export const denoLeast = deno("deno", "deno --allow-net=127.0.0.1 --allow-read=FILE", (cell) => ["--allow-net=127.0.0.1", ...(cell.path ? [`--allow-read=${cell.path}`] : [])]);
export const denoAll = deno("deno-all", "deno --allow-all", () => ["--allow-all"]);
