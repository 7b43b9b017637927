#!/usr/bin/env node
// pnpm specs:update [--provider P] [--from DIR] [--skip-tests] [--report FILE]
//   1. discover and fetch each provider's pages (its llms.txt index + pattern), or read every
//      page in --from DIR
//   2. merge + overrides (build.mjs)          3. lint (Redocly)
//   4. regenerate the packages                 5. run the affected contract tests
//   6. write a changeset per affected package, its bump derived from the API change
//   7. print the run's report (report.mjs), and write it to FILE with --report (the spec
//      watch's pull-request body; a failed run's report is the issue it opens)
// Any failure leaves the working tree as it was and exits non-zero.
/** @import { Io, OpenApiDocument } from "./lib/openapi.js" */
/** @import { Bump, Change } from "./diff.mjs" */
/** @import { ApiChange } from "../api/model.mjs" */
/** @import { FoundPages } from "./lib/pages.mjs" */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { ROOT, buildProvider, readSources, serialize, upstreamFiles } from "./build.mjs";
import { diffSpecs } from "./diff.mjs";
import { lintProblems } from "./lint.mjs";
import { SpecSourceError } from "./lib/errors.mjs";
import { fetchProviderPages, folderPages } from "./lib/pages.mjs";
import { Provenance, pointerKeys } from "./lib/provenance.mjs";
import { failureReport, runReport } from "./report.mjs";
// generate.mjs (openapi-typescript) and the API report (a TypeScript program) are loaded only
// by a run that regenerates something: a run that finds nothing to change stays light.

/** @typedef {{ bump: Bump, changes: Change[] }} Diff */

/**
 * One provider's update, planned before anything is written; `generatedChanged`, `api` and
 * `bump` are filled in as it is carried out.
 * @typedef {object} Plan
 * @property {string} provider
 * @property {Record<string, string>} pages file -> text
 * @property {FoundPages} found
 * @property {string[]} notes
 * @property {Provenance} trace where each part of the new spec came from
 * @property {OpenApiDocument} doc the new spec
 * @property {OpenApiDocument} before the spec as it was
 * @property {string} [changeset] the changeset written
 * @property {string} text the new spec
 * @property {string} oldText
 * @property {string} specFile
 * @property {string[]} changedPages
 * @property {string[]} removedPages
 * @property {Diff} diff the spec's change
 * @property {boolean} specChanged
 * @property {boolean} [generatedChanged]
 * @property {{ bump: Bump, changes: ApiChange[] }} [api] the public API's change
 * @property {Bump} [bump]
 */

/** @param {string} file */
async function readIfExists(file) {
  return existsSync(file) ? readFile(file, "utf8") : null;
}

/**
 * @param {string} cmd
 * @param {string[]} args
 */
function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } });
  return { ok: r.status === 0, output: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Plans one provider's update without writing anything.
 * @param {string} provider
 * @param {FoundPages} found
 * @returns {Promise<Plan>}
 */
async function plan(provider, found) {
  const pages = Object.fromEntries(Object.entries(found).map(([f, p]) => [f, p.text]));
  /** @type {string[]} */
  const notes = [];
  const trace = new Provenance();
  /** @type {Record<string, { at: string, lines: boolean }>} */
  const where = {};
  for (const [f, p] of Object.entries(found)) {
    const at = p.url ?? p.path;
    if (at) where[f] = { at, lines: !p.selected };
  }
  const doc = await buildProvider(provider, { pages, notes, trace, where });
  const text = serialize(provider, doc);
  const specFile = join(ROOT, "specs", provider, "openapi.yaml");
  const oldText = (await readIfExists(specFile)) ?? "";
  const changedPages = [];
  for (const file of Object.keys(pages)) {
    if ((await readIfExists(join(ROOT, "specs", provider, "upstream", file))) !== pages[file]) changedPages.push(file);
  }
  const removedPages = (await upstreamFiles(provider)).filter((f) => !(f in pages));
  const before = oldText ? /** @type {OpenApiDocument} */ (parse(oldText)) : {};
  const diff = diffSpecs(before, doc);
  return { provider, pages, found, notes, trace, doc, before, text, oldText, specFile, changedPages, removedPages, diff, specChanged: text !== oldText };
}

/**
 * @param {{ provider?: string, from?: string, skipTests?: boolean, log?: (line: string) => void }} [options]
 */
export async function update({ provider, from, skipTests = false, log = console.log } = {}) {
  const sources = await readSources();
  const providers = provider ? [provider] : Object.keys(sources);
  for (const p of providers) if (!sources[p]) throw new SpecSourceError(`unknown provider "${p}" (specs/sources.json has: ${Object.keys(sources).join(", ")})`);

  // 1-3: fetch, build, lint every provider first: nothing is written unless all succeed.
  /** @type {Plan[]} */
  const plans = [];
  const fromFolder = from ? await folderPages(from, sources, providers) : undefined;
  for (const p of providers) {
    const found = fromFolder ? fromFolder[p] : await fetchProviderPages(p, sources[p]);
    if (Object.keys(found).length === 0) {
      log(from ? `${p}: no pages for it in ${from}: left as it is` : `${p}: nothing to fetch (rendered pages only: its fragments are authored): left as it is`);
      continue;
    }
    plans.push(await plan(p, found));
  }
  for (const x of plans) for (const n of x.notes) log(`${x.provider}: ${n}`);
  const touched = plans.filter((x) => x.specChanged || x.changedPages.length || x.removedPages.length);
  const scratch = await mkdtemp(join(tmpdir(), "llm-files-specs-"));
  try {
    // One Redocly run for every changed spec (its start-up is most of its cost); only when that
    // fails is each linted alone, to name the provider whose spec does not lint.
    const changed = touched.filter((t) => t.specChanged);
    const file = (/** @type {Plan} */ x) => join(scratch, `${x.provider}.yaml`);
    for (const x of changed) await writeFile(file(x), x.text);
    const all = changed.length ? lintProblems(changed.map(file)) : { ok: true, problems: [], output: "" };
    if (!all.ok) {
      // Each error at its place upstream (the page, its URL or file, the pointer in its own
      // document and its line there, the override that patched it): never a line of the
      // temporary file linted here.
      const messages = [];
      for (const x of changed) {
        const errors = all.problems.filter((p) => p.severity === "error" && p.file.endsWith(`${x.provider}.yaml`));
        if (!errors.length) continue;
        const lines = errors.map((p) => `  - ${p.ruleId}: ${p.message}\n    at ${x.trace.describe(p.pointer, x.doc)}`);
        const pages = [...new Set(errors.map((p) => x.trace.sourceOf(pointerKeys(p.pointer), x.doc)?.source).filter((s) => s !== undefined))];
        messages.push(`specs/${x.provider}: the merged spec does not lint (${errors.length} error${errors.length === 1 ? "" : "s"}${pages.length ? `, from ${pages.join(", ")}` : ""}):\n${lines.join("\n")}`);
      }
      throw new SpecSourceError(messages.join("\n") || `specs ${changed.map((x) => x.provider).join(", ")}: the merged specs do not lint:\n${all.output.trim()}`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  // 4-6 write, regenerate, test, changeset: rolled back as a whole on any failure.
  /** @type {Map<string, string | null>} */
  const backup = new Map();
  const save = async (/** @type {string} */ file) => {
    if (!backup.has(file)) backup.set(file, await readIfExists(file));
  };
  /** @type {string[]} */
  const written = [];
  /** @type {string[]} */
  const summary = [];
  try {
    const sourcesFile = join(ROOT, "specs/sources.json");
    const sourcesJson = JSON.parse(await readFile(sourcesFile, "utf8"));
    for (const x of touched) {
      const provenance = (sourcesJson[x.provider].pages ??= {});
      for (const f of x.changedPages) {
        const file = join(ROOT, "specs", x.provider, "upstream", f);
        await save(file);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, x.pages[f]);
        const url = x.found[f].url ?? provenance[f]?.url ?? null;
        provenance[f] = { ...provenance[f], url, captured: today(), ...(x.found[f].url ? {} : { note: `read from a folder (--from); captured is the day it was read${url ? "" : ", set url"}` }) };
      }
      for (const f of x.removedPages) {
        const file = join(ROOT, "specs", x.provider, "upstream", f);
        await save(file);
        await unlink(file);
        delete provenance[f];
      }
      if (x.changedPages.length || x.removedPages.length) {
        await save(sourcesFile);
        await writeFile(sourcesFile, JSON.stringify(sourcesJson, null, 2) + "\n");
      }
      const genDir = join(ROOT, "packages", x.provider, "src", "generated");
      const genFiles = ["schema.ts", "spec-info.ts"].map((n) => join(genDir, n));
      for (const f of genFiles) await save(f);
      if (x.specChanged) {
        await save(x.specFile);
        await writeFile(x.specFile, x.text);
      }
      const before = await readIfExists(genFiles[0]);
      // In this process (one load of openapi-typescript for every provider of the run).
      const { writeGenerated } = await import("../generate.mjs");
      try {
        await writeGenerated(x.provider, { log: () => {} });
      } catch (err) {
        throw new Error(`generate ${x.provider} failed:\n${err instanceof Error ? err.stack : err}`);
      }
      x.generatedChanged = (await readIfExists(genFiles[0])) !== before;
    }
    // The bump follows what changes for a caller: the package's public API before and after
    // (scripts/api/model.mjs), not only the spec. A words-only spec change cannot change it.
    const apiCandidates = touched.filter((t) => t.generatedChanged && t.diff.bump !== "patch" && t.diff.bump !== "none");
    const { currentReports, reportFile } = apiCandidates.length ? await import("../api/report.mjs") : { currentReports: undefined, reportFile: undefined };
    const apiTouched = reportFile ? apiCandidates.filter((t) => existsSync(reportFile(t.provider, ROOT))) : [];
    if (apiTouched.length && currentReports && reportFile) {
      const { apiBump } = await import("../api/model.mjs");
      const after = currentReports(apiTouched.map((t) => t.provider), ROOT);
      for (const x of apiTouched) {
        const file = reportFile(x.provider, ROOT);
        const before = await readFile(file, "utf8");
        x.api = apiBump(before, after[x.provider]);
        if (after[x.provider] !== before) {
          await save(file);
          await writeFile(file, after[x.provider]);
        }
      }
    }
    for (const x of touched) {
      // No API report (a package not yet recorded): the spec diff decides, as before.
      x.bump = x.api ? (x.api.bump === "none" ? (x.diff.bump === "none" ? "none" : "patch") : x.api.bump) : x.diff.bump;
    }
    if (!skipTests) {
      for (const x of touched.filter((t) => t.generatedChanged)) {
        const t = run("pnpm", ["turbo", "run", "test", `--filter=@llm-files/${x.provider}`, "--output-logs=errors-only"]);
        if (!t.ok) throw new Error(`the ${x.provider} contract tests fail on the new spec:\n${t.output.slice(-4000)}`);
      }
    }
    for (const x of plans) {
      const changesetWorthy = x.generatedChanged && x.bump !== "none";
      if (!changesetWorthy) {
        summary.push(`${x.provider}: ${x.specChanged ? "spec changed, generated API unchanged: no changeset" : x.changedPages.length || x.removedPages.length ? "pages changed, spec unchanged" : "unchanged"}`);
        continue;
      }
      const pkg = JSON.parse(await readFile(join(ROOT, "packages", x.provider, "package.json"), "utf8")).name;
      const id = createHash("sha256").update(x.text).digest("hex").slice(0, 8);
      const file = join(ROOT, ".changeset", `specs-${x.provider}-${id}.md`);
      const specLines = x.diff.changes.filter((c) => c.bump === x.diff.bump || x.diff.changes.length <= 12).map((c) => `- ${x.provider}: ${c.text}`);
      const apiChanges = x.api?.changes ?? [];
      const apiLines = apiChanges.filter((c) => c.bump === x.bump || apiChanges.length <= 12).slice(0, 20).map((c) => `- public API: ${c.text} (${c.bump})`);
      const lines = [...specLines, ...apiLines];
      const why = x.api ? (x.api.bump === "none" ? "the public API is unchanged" : `decided by the public API (${x.api.changes.length} change${x.api.changes.length === 1 ? "" : "s"})`) : "decided by the spec (no API report)";
      const body = `---\n"${pkg}": ${x.bump}\n---\n\n${x.provider}: spec updated from the provider's documentation (${x.changedPages.join(", ") || "sources"}); bump ${why}.\n\n${lines.join("\n")}\n`;
      await save(file);
      await writeFile(file, body);
      written.push(file);
      x.changeset = file.slice(ROOT.length + 1);
      summary.push(`${x.provider}: ${x.bump} (${x.diff.changes.length} spec change${x.diff.changes.length === 1 ? "" : "s"}; ${why}) -> ${file.slice(ROOT.length + 1)}\n${lines.map((l) => `    ${l}`).join("\n")}`);
    }
  } catch (err) {
    for (const [file, content] of backup) {
      if (content === null) await unlink(file).catch(() => {});
      else await writeFile(file, content);
    }
    throw err;
  }
  for (const line of summary) log(line);
  const report = runReport(
    plans.map((x) => ({ provider: x.provider, doc: x.doc, before: x.before, trace: x.trace, changedPages: x.changedPages, removedPages: x.removedPages, found: x.found, diff: x.diff, api: x.api, bump: x.bump ?? x.diff.bump, generated: x.generatedChanged === true, changeset: x.changeset })),
    { mode: from ? `--from ${from}` : "fetch" },
  );
  return { plans: plans.map((x) => ({ provider: x.provider, bump: x.generatedChanged ? x.bump : "none", api: x.api, changes: x.diff.changes, changedPages: x.changedPages })), changesets: written, report };
}

/**
 * The command line as a function: argv without node and the script, io.log/io.error print a
 * line; resolves to the exit code. The end-to-end tests call it in their own process on a copy
 * of the repo (no Node start, and openapi-typescript and TypeScript loaded once for all runs);
 * the file run as a script calls it once and exits with its code.
 * @param {string[]} argv
 * @param {Io} io
 */
export async function main(argv = process.argv.slice(2), io = console) {
  const started = Date.now();
  /** @type {string | undefined} */
  let reportTo;
  let mode = "fetch";
  try {
    const { values } = parseArgs({ args: argv, options: { provider: { type: "string" }, from: { type: "string" }, "skip-tests": { type: "boolean" }, report: { type: "string" } } });
    reportTo = values.report;
    if (values.from) mode = `--from ${values.from}`;
    const { report } = await update({ provider: values.provider, from: values.from, skipTests: values["skip-tests"], log: (line) => io.log(line) });
    io.log(`\n${report}`);
    if (reportTo) await writeFile(reportTo, report);
    io.log(`specs:update done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (err) {
    const known = err instanceof SpecSourceError || (err instanceof Error && "code" in err && String(err.code).startsWith("ERR_PARSE_ARGS"));
    const message = known ? err.message : err instanceof Error ? String(err.stack) : String(err);
    io.error(`specs:update failed, nothing changed: ${message}`);
    if (reportTo) await writeFile(reportTo, failureReport(message, { mode })).catch(() => {});
    return 1;
  }
}

if (process.argv[1] && process.argv[1].endsWith("update.mjs")) main().then((code) => process.exit(code));
