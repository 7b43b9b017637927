#!/usr/bin/env node
// pnpm specs:update [--provider P] [--from DIR] [--skip-tests]
//   1. fetch each provider's pages (or read same-named files from --from DIR)
//   2. merge + overrides (build.mjs)          3. lint (Redocly)
//   4. regenerate the packages                 5. run the affected contract tests
//   6. write a changeset per affected package, its bump derived from the API change
// Any failure leaves the working tree as it was and exits non-zero.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { ROOT, buildProvider, readSources, serialize } from "./build.mjs";
import { diffSpecs } from "./diff.mjs";
import { lint } from "./lint.mjs";
import { SpecSourceError } from "./lib/extract.mjs";

const FETCH_TIMEOUT_MS = 30_000;

async function fetchPage(page, from) {
  if (from) {
    const file = join(from, page.file);
    try {
      return await readFile(file, "utf8");
    } catch (err) {
      throw new SpecSourceError(`page ${page.file}: cannot read ${file} (${err.code ?? err.message})`);
    }
  }
  let res;
  try {
    res = await fetch(page.url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: "text/markdown, text/plain, */*" } });
  } catch (err) {
    throw new SpecSourceError(`page ${page.file}: download from ${page.url} failed (${err.cause?.code ?? err.message})`);
  }
  if (!res.ok) throw new SpecSourceError(`page ${page.file}: ${page.url} answered ${res.status} ${res.statusText}`);
  return res.text();
}

async function readIfExists(file) {
  return existsSync(file) ? readFile(file, "utf8") : null;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } });
  return { ok: r.status === 0, output: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

/** Plans one provider's update without writing anything. */
async function plan(provider, entry, from) {
  const pages = {};
  for (const page of entry.pages) pages[page.file] = await fetchPage(page, from);
  const doc = await buildProvider(provider, { pages });
  const text = serialize(provider, doc);
  const specFile = join(ROOT, "specs", provider, "openapi.yaml");
  const oldText = (await readIfExists(specFile)) ?? "";
  const changedPages = [];
  for (const page of entry.pages) {
    if ((await readIfExists(join(ROOT, "specs", provider, "upstream", page.file))) !== pages[page.file]) changedPages.push(page.file);
  }
  const diff = diffSpecs(oldText ? parse(oldText) : {}, doc);
  return { provider, pages, text, oldText, specFile, changedPages, diff, specChanged: text !== oldText };
}

export async function update({ provider, from, skipTests = false, log = console.log } = {}) {
  const sources = await readSources();
  const providers = provider ? [provider] : Object.keys(sources);
  for (const p of providers) if (!sources[p]) throw new SpecSourceError(`unknown provider "${p}" (specs/sources.json has: ${Object.keys(sources).join(", ")})`);

  // 1-3: fetch, build, lint every provider first: nothing is written unless all succeed.
  const plans = [];
  for (const p of providers) plans.push(await plan(p, sources[p], from));
  const touched = plans.filter((x) => x.specChanged || x.changedPages.length);
  const scratch = await mkdtemp(join(tmpdir(), "llm-files-specs-"));
  try {
    for (const x of touched.filter((t) => t.specChanged)) {
      const file = join(scratch, `${x.provider}.yaml`);
      await writeFile(file, x.text);
      const result = lint([file]);
      if (!result.ok) throw new SpecSourceError(`specs/${x.provider}: the merged spec does not lint:\n${result.output.trim()}`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  // 4-6 write, regenerate, test, changeset: rolled back as a whole on any failure.
  const backup = new Map();
  const save = async (file) => {
    if (!backup.has(file)) backup.set(file, await readIfExists(file));
  };
  const written = [];
  const summary = [];
  try {
    for (const x of touched) {
      for (const f of x.changedPages) {
        const file = join(ROOT, "specs", x.provider, "upstream", f);
        await save(file);
        await writeFile(file, x.pages[f]);
      }
      const genDir = join(ROOT, "packages", x.provider, "src", "generated");
      const genFiles = ["schema.ts", "spec-info.ts"].map((n) => join(genDir, n));
      for (const f of genFiles) await save(f);
      if (x.specChanged) {
        await save(x.specFile);
        await writeFile(x.specFile, x.text);
      }
      const before = await readIfExists(genFiles[0]);
      const gen = run(process.execPath, [join(ROOT, "scripts/generate.mjs"), x.provider]);
      if (!gen.ok) throw new Error(`generate ${x.provider} failed:\n${gen.output}`);
      x.generatedChanged = (await readIfExists(genFiles[0])) !== before;
    }
    if (!skipTests) {
      for (const x of touched.filter((t) => t.generatedChanged)) {
        const t = run("pnpm", ["turbo", "run", "test", `--filter=@llm-files/${x.provider}`, "--output-logs=errors-only"]);
        if (!t.ok) throw new Error(`the ${x.provider} contract tests fail on the new spec:\n${t.output.slice(-4000)}`);
      }
    }
    for (const x of plans) {
      const changesetWorthy = x.generatedChanged && x.diff.bump !== "none";
      if (!changesetWorthy) {
        summary.push(`${x.provider}: ${x.specChanged ? "spec changed, generated API unchanged: no changeset" : x.changedPages.length ? "pages changed, spec unchanged" : "unchanged"}`);
        continue;
      }
      const pkg = JSON.parse(await readFile(join(ROOT, "packages", x.provider, "package.json"), "utf8")).name;
      const id = createHash("sha256").update(x.text).digest("hex").slice(0, 8);
      const file = join(ROOT, ".changeset", `specs-${x.provider}-${id}.md`);
      const lines = x.diff.changes.filter((c) => c.bump === x.diff.bump || x.diff.changes.length <= 12).map((c) => `- ${x.provider}: ${c.text}`);
      const body = `---\n"${pkg}": ${x.diff.bump}\n---\n\n${x.provider}: spec updated from the provider's documentation (${x.changedPages.join(", ") || "sources"}).\n\n${lines.join("\n")}\n`;
      await save(file);
      await writeFile(file, body);
      written.push(file);
      summary.push(`${x.provider}: ${x.diff.bump} (${x.diff.changes.length} change${x.diff.changes.length === 1 ? "" : "s"}) -> ${file.slice(ROOT.length + 1)}\n${lines.map((l) => `    ${l}`).join("\n")}`);
    }
  } catch (err) {
    for (const [file, content] of backup) {
      if (content === null) await unlink(file).catch(() => {});
      else await writeFile(file, content);
    }
    throw err;
  }
  for (const line of summary) log(line);
  return { plans: plans.map((x) => ({ provider: x.provider, bump: x.generatedChanged ? x.diff.bump : "none", changes: x.diff.changes, changedPages: x.changedPages })), changesets: written };
}

async function main() {
  const { values } = parseArgs({ options: { provider: { type: "string" }, from: { type: "string" }, "skip-tests": { type: "boolean" } } });
  const started = Date.now();
  try {
    await update({ provider: values.provider, from: values.from, skipTests: values["skip-tests"] });
    console.log(`specs:update done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    console.error(`specs:update failed, nothing changed: ${err instanceof SpecSourceError ? err.message : err.stack ?? err}`);
    process.exit(1);
  }
}

if (process.argv[1] && process.argv[1].endsWith("update.mjs")) main();
