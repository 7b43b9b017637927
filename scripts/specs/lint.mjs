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

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(await readSources()).map((p) => `specs/${p}/openapi.yaml`);
  const { ok, output } = lint(files);
  process.stdout.write(output.split("\n").filter((l) => /error|warning|valid|validating/i.test(l)).join("\n") + "\n");
  process.exit(ok ? 0 : 1);
}
