#!/usr/bin/env node
// Builds every package in one pass, the way `pnpm test` wants it: the mock's embedded specs,
// then one `tsc -b` over tsconfig.build.json (ES modules and CommonJS copies, project
// references, one process), then the CommonJS folders' "type" markers. `pnpm build` (turbo,
// cached per package) runs the same steps package by package.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const packages = readdirSync(join(ROOT, "packages")).map((p) => join(ROOT, "packages", p));
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
for (const dir of packages) {
  const embed = join(dir, "scripts/embed-specs.mjs");
  if (existsSync(embed)) step(process.execPath, [embed]);
}
step(join(ROOT, "node_modules/.bin/tsc"), ["-b", "tsconfig.build.json"]);
const cjs = packages.filter((dir) => existsSync(join(dir, "tsconfig.cjs.json")));
step(process.execPath, [join(ROOT, "scripts/release/cjs-marker.mjs"), ...cjs]);
