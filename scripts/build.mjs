#!/usr/bin/env node
// Builds every package in one pass, the way `pnpm test` wants it: `tsc -b` over
// tsconfig.build.json's projects (ES modules, then the CommonJS copies;
// project references), then the CommonJS folders' "type" markers, then the bundled ES-module
// entries (scripts/release/bundle-esm.mjs; after a bare `tsc -b`, run it too). `pnpm build` (turbo,
// cached per package) runs the same steps package by package.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const packages = readdirSync(join(ROOT, "packages")).map((p) => join(ROOT, "packages", p));
const step = (/** @type {string} */ cmd, /** @type {string[]} */ args) => {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
// Two passes, ES modules then the CommonJS copies, each one `tsc -b` over the projects listed in
// tsconfig.build.json. In a single pass a clean build failed: the ESM facade's build looked up
// core's dist/cjs/index.d.ts (through its node_modules symlink) before the CommonJS copy
// existed, and tsc -b kept that "does not exist" for the facade's own CommonJS build, because
// writing the file under packages/core did not clear the entry cached under the symlinked path.
/** @type {string[]} */
const projects = JSON.parse(readFileSync(join(ROOT, "tsconfig.build.json"), "utf8").replace(/^\s*\/\/.*$/gm, "")).references.map((/** @type {{ path: string }} */ r) => r.path);
const tsc = join(ROOT, "node_modules/.bin/tsc");
step(tsc, ["-b", ...projects.filter((p) => !p.endsWith("tsconfig.cjs.json"))]);
step(tsc, ["-b", ...projects.filter((p) => p.endsWith("tsconfig.cjs.json"))]);
const cjs = packages.filter((dir) => existsSync(join(dir, "tsconfig.cjs.json")));
step(process.execPath, [join(ROOT, "scripts/release/cjs-marker.mjs"), ...cjs]);
// Then the ES-module entries of the packages whose build bundles them (scripts/release/bundle-esm.mjs:
// an import loads one file per package, not one per source file), dependencies first.
step(process.execPath, [join(ROOT, "scripts/release/bundle-esm.mjs")]);
