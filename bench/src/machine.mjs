// The machine and the versions a run measured, for the header of RESULTS.md.
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { cpus, release, totalmem } from "node:os";
import { join } from "node:path";
import { PROVIDER_PACKAGES, packageDir } from "./providers.mjs";

const sh = (cmd, args, cwd) => {
  try {
    return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "?";
  }
};

export async function versions(bench, root) {
  // Read package.json from disk: some packages (openai) do not export it.
  const version = async (pkg) => {
    for (const dir of [join(bench, "node_modules", pkg), packageDir(pkg), join(root, "packages", pkg.split("/").pop())].filter(Boolean)) {
      try {
        return JSON.parse(await readFile(join(dir, "package.json"), "utf8")).version;
      } catch {}
    }
    return "?";
  };
  return {
    node: process.versions.node,
    undici: process.versions.undici,
    openai: await version("openai"),
    esbuild: await version("esbuild"),
    "@llm-files/unified": await version("@llm-files/unified"),
    ...Object.fromEntries(await Promise.all(PROVIDER_PACKAGES.map(async (p) => [p, await version(p)]))),
    npm: sh("npm", ["--version"], bench),
    pnpm: sh("pnpm", ["--version"], bench),
    commit: sh("git", ["rev-parse", "--short", "HEAD"], root),
  };
}

export function machine() {
  const cpu = cpus();
  const model = cpu[0]?.model?.trim() || "unknown CPU";
  return `${model}, ${cpu.length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB memory, Linux ${release()}`;
}
