#!/usr/bin/env node
// Lint specs with Redocly CLI (config: redocly.yaml). Exits non-zero on any error.
// Usage: node scripts/specs/lint.mjs [file ...]   (default: every specs/*/openapi.yaml)
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readSources, ROOT } from "./build.mjs";

const require = createRequire(import.meta.url);

/**
 * Lints files; resolves to { ok, output }.
 * @param {string[]} files
 * @param {{ root?: string }} [options]
 */
export function lint(files, { root = ROOT } = {}) {
  const bin = join(dirname(require.resolve("@redocly/cli/package.json")), "bin/cli.js");
  const r = spawnSync(process.execPath, [bin, "lint", ...files, "--config", join(root, "redocly.yaml"), "--format=stylish"], {
    cwd: root,
    encoding: "utf8",
    // No telemetry, no update check: CI has no internet and we send nothing anywhere.
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
  });
  const output = `${r.stdout}${r.stderr}`.replace(/╔[\s\S]*?╝\n?/g, "");
  return { ok: r.status === 0, output };
}

/**
 * One lint problem: the file linted, the rule, its words, and the JSON pointer of the place.
 * @typedef {{ file: string, ruleId: string, severity: "error" | "warn", message: string, pointer: string }} LintProblem
 */

/**
 * Lints files; resolves to { ok, problems } with every problem at its JSON pointer (Redocly's
 * JSON output), so a caller can say where each is upstream rather than on which line of the
 * file it linted.
 * @param {string[]} files
 * @param {{ root?: string }} [options]
 * @returns {{ ok: boolean, problems: LintProblem[], output: string }}
 */
export function lintProblems(files, { root = ROOT } = {}) {
  const bin = join(dirname(require.resolve("@redocly/cli/package.json")), "bin/cli.js");
  const r = spawnSync(process.execPath, [bin, "lint", ...files, "--config", join(root, "redocly.yaml"), "--format=json"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
  });
  /** @type {{ problems?: { ruleId: string, severity: string, message: string, location?: { source?: { ref?: string }, pointer?: string }[] }[] }} */
  let report = {};
  try {
    report = JSON.parse(r.stdout.slice(r.stdout.indexOf("{")));
  } catch {
    // Not JSON: Redocly failed before linting; its own words are the output.
  }
  const problems = (report.problems ?? []).map((p) => ({
    file: p.location?.[0]?.source?.ref ?? "",
    ruleId: p.ruleId,
    severity: /** @type {"error" | "warn"} */ (p.severity === "error" ? "error" : "warn"),
    message: p.message,
    pointer: p.location?.[0]?.pointer ?? "#",
  }));
  return { ok: r.status === 0, problems, output: report.problems ? "" : `${r.stdout}${r.stderr}` };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(await readSources()).map((p) => `specs/${p}/openapi.yaml`);
  const { ok, output } = lint(files);
  process.stdout.write(output.split("\n").filter((l) => /error|warning|valid|validating/i.test(l)).join("\n") + "\n");
  process.exit(ok ? 0 : 1);
}
