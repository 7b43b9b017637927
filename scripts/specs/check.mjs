#!/usr/bin/env node
// pnpm specs:check — for CI: specs rebuild identically, lint clean, generated code in sync,
// each provider package's public API equals its committed report.
// The lint (Redocly CLI, which has no API) runs as a child process while this process does
// the rest: the rebuild check, every provider's generated code (one load of openapi-typescript
// for all of them), and the API reports (one TypeScript program for all packages). Each step's
// output is printed in order.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ROOT, readSources, main as build } from "./build.mjs";
import { main as generate } from "../generate.mjs";
import { main as report } from "../api/report.mjs";

/** @typedef {{ ok: boolean, out: string }} Result */

/** @returns {Promise<Result>} */
const node = (/** @type {string[]} */ args) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", (err) => resolve({ ok: false, out: `${out}${err}\n` }));
    child.on("close", (code) => resolve({ ok: code === 0, out }));
  });

/**
 * A script's main(argv, io) in this process, its lines captured like a child's output.
 * @param {(argv: string[], io: import("./lib/openapi.js").Io) => Promise<number>} main
 * @param {string[]} argv
 * @returns {Promise<Result>}
 */
async function inProcess(main, argv) {
  let out = "";
  const line = (/** @type {unknown[]} */ ...parts) => void (out += `${parts.map(String).join(" ")}\n`);
  const code = await main(argv, { log: line, error: line });
  return { ok: code === 0, out };
}

const providers = Object.keys(await readSources());
const lint = node([join(ROOT, "scripts/specs/lint.mjs")]);
/** @type {[string, Result | Promise<Result>][]} */
const results = [["specs rebuild identically", await inProcess(build, ["--check"])], ["specs lint clean", lint]];
for (const p of providers) results.push([`${p} generated code in sync`, await inProcess(generate, [p, "--check"])]);
results.push(["public API reports match the packages (packages/<p>/api/public-api.txt)", await inProcess(report, ["--check"])]);
/** @type {[string, boolean][]} */
const settled = [];
for (const [what, result] of results) {
  const r = await result;
  process.stdout.write(r.out);
  settled.push([what, r.ok]);
}
for (const [what, ok] of settled) console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
process.exit(settled.every(([, ok]) => ok) ? 0 : 1);
