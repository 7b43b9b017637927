#!/usr/bin/env node
// The package lint (publint) of every package that declares one, in one process, over the
// packages as they are built now: what `turbo run lint:package` runs package by package, without
// turbo's `build` dependency (pnpm test has just built everything with scripts/build.mjs; through
// turbo a cache miss rebuilt each package with its own tsc beside the tests). Each package's own
// `lint:package` script decides the options (`publint --strict`: warnings fail too), so the two
// ways cannot drift apart. Exits non-zero if any package has an error.
import { readFile, readdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The packages whose lint:package script is publint.
 * @returns {Promise<{ dir: string, name: string, strict: boolean }[]>}
 */
export async function lintedPackages(root = ROOT) {
  const out = [];
  for (const name of (await readdir(join(root, "packages"))).sort()) {
    const file = join(root, "packages", name, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(await readFile(file, "utf8"));
    const script = pkg.scripts?.["lint:package"];
    if (!script) continue;
    const args = String(script).trim().split(/\s+/);
    if (args[0] !== "publint" || args.some((a, i) => i > 0 && a !== "--strict")) {
      throw new Error(`packages/${name}: lint:package is "${script}"; this runner knows \`publint [--strict]\` only`);
    }
    out.push({ dir: join(root, "packages", name), name: pkg.name, strict: args.includes("--strict") });
  }
  return out;
}

async function main() {
  const packages = await lintedPackages();
  // Each run packs its package with pnpm (a child process): two at a time, like turbo did.
  let failed = 0;
  const queue = [...packages];
  const worker = async () => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      const { messages, pkg } = await publint({ pkgDir: p.dir, strict: p.strict });
      const errors = messages.filter((m) => m.type === "error");
      if (errors.length) failed++;
      const lines = messages.map((m) => `  ${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`);
      console.log(`${errors.length ? "FAIL" : "ok  "} ${p.name}${lines.length ? `\n${lines.join("\n")}` : ""}`);
    }
  };
  await Promise.all([worker(), worker()]);
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(`package lint: ${err?.message ?? err}`);
    process.exit(1);
  });
}
