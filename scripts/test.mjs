#!/usr/bin/env node
// pnpm test: the whole suite, on one machine, as fast as its CPU allows.
//   1. scripts/build.mjs builds every package with `tsc -b` (tsconfig.build.json: project
//      references; the ES modules, then the CommonJS copies; tests run the built code);
//   2. then, side by side: one Vitest run over every package (vitest.config.ts: projects, a
//      shared Prism per spec), one type check of the whole repo (tsconfig.json, incremental:
//      its state in node_modules/.cache, so an unchanged file is not checked again), and the
//      package lint (scripts/lint-packages.mjs: publint over the packages just built, in one
//      process; through turbo, a cache miss rebuilt every package beside the tests).
// The type check's and the lint's output is held back and printed after the tests only when
// that step failed, so nothing interleaves. Arguments go to Vitest. Exits non-zero if any
// step failed.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (/** @type {string} */ name) => join(ROOT, "node_modules", ".bin", name);
const vitestArgs = process.argv.slice(2).filter((a, i) => !(i === 0 && a === "--"));

/** @typedef {{ label: string, code: number, out: string, seconds: number }} Step */

/**
 * @param {string} label
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ buffer?: boolean }} [options] buffer: hold the output back (printed if the step fails)
 * @returns {Promise<Step>}
 */
function run(label, cmd, args, { buffer = false } = {}) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: buffer ? ["ignore", "pipe", "pipe"] : "inherit", env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } });
    let out = "";
    if (buffer) {
      child.stdout?.on("data", (d) => (out += d));
      child.stderr?.on("data", (d) => (out += d));
    }
    child.on("error", (err) => resolve({ label, code: 1, out: String(err), seconds: 0 }));
    child.on("close", (code, signal) => resolve({ label, code: code ?? (signal ? 1 : 0), out, seconds: (performance.now() - started) / 1000 }));
  });
}

const build = await run("build", process.execPath, [join(ROOT, "scripts/build.mjs")]);
const steps = [build];
if (build.code === 0) {
  steps.push(
    ...(await Promise.all([
      run("tests", bin("vitest"), ["run", ...vitestArgs]),
      run("type check", bin("tsc"), ["-p", "tsconfig.json", "--incremental", "--tsBuildInfoFile", join(ROOT, "node_modules/.cache/typecheck.tsbuildinfo")], { buffer: true }),
      run("package lint", process.execPath, [join(ROOT, "scripts/lint-packages.mjs")], { buffer: true }),
    ])),
  );
}
console.log("");
for (const s of steps) {
  if (s.code !== 0 && s.out.trim()) console.log(`--- ${s.label} output\n${s.out.trim()}`);
  console.log(`${s.code === 0 ? "ok  " : "FAIL"} ${s.label} (${s.seconds.toFixed(1)} s)`);
}
process.exit(steps.every((s) => s.code === 0) && steps.length === 4 ? 0 : 1);
