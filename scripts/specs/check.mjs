#!/usr/bin/env node
// pnpm specs:check — for CI: specs rebuild identically, lint clean, generated code in sync,
// each provider package's public API equals its committed report.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT, readSources } from "./build.mjs";

const node = (args) => spawnSync(process.execPath, args, { cwd: ROOT, stdio: "inherit" }).status === 0;
const providers = Object.keys(await readSources());
const results = [
  ["specs rebuild identically", node([join(ROOT, "scripts/specs/build.mjs"), "--check"])],
  ["specs lint clean", node([join(ROOT, "scripts/specs/lint.mjs")])],
  ...providers.map((p) => [`${p} generated code in sync`, node([join(ROOT, "scripts/generate.mjs"), p, "--check"])]),
  ["public API reports match the packages (packages/<p>/api/public-api.txt)", node([join(ROOT, "scripts/api/report.mjs"), "--check"])],
];
for (const [what, ok] of results) console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
process.exit(results.every(([, ok]) => ok) ? 0 : 1);
