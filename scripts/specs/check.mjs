#!/usr/bin/env node
// pnpm specs:check — for CI: specs rebuild identically, lint clean, generated code in sync,
// each provider package's public API equals its committed report.
// The rebuild, the lint and the API report run as child processes side by side while this
// process checks every provider's generated code (one load of openapi-typescript for all of
// them, however many providers there are). Each step's output is printed in order.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ROOT, readSources } from "./build.mjs";
import { writeGenerated } from "../generate.mjs";

const node = (args) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", (err) => resolve({ ok: false, out: `${out}${err}\n` }));
    child.on("close", (code) => resolve({ ok: code === 0, out }));
  });

async function generated(provider) {
  try {
    const stale = await writeGenerated(provider, { check: true });
    return { ok: stale.length === 0, out: stale.map((f) => `${f} differs from what specs/${provider}/openapi.yaml generates: run \`pnpm generate\`\n`).join("") };
  } catch (err) {
    return { ok: false, out: `${err?.stack ?? err}\n` };
  }
}

const providers = Object.keys(await readSources());
const spawned = [
  ["specs rebuild identically", node([join(ROOT, "scripts/specs/build.mjs"), "--check"])],
  ["specs lint clean", node([join(ROOT, "scripts/specs/lint.mjs")])],
  ["public API reports match the packages (packages/<p>/api/public-api.txt)", node([join(ROOT, "scripts/api/report.mjs"), "--check"])],
];
const inProcess = [];
for (const p of providers) inProcess.push([`${p} generated code in sync`, await generated(p)]);
const results = [...spawned.slice(0, 2), ...inProcess, spawned[2]];
const settled = [];
for (const [what, result] of results) {
  const r = await result;
  process.stdout.write(r.out);
  settled.push([what, r.ok]);
}
for (const [what, ok] of settled) console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
process.exit(settled.every(([, ok]) => ok) ? 0 : 1);
