#!/usr/bin/env node
// pnpm new-provider <name> --from <page | dir | url> [--url URL] [--tag T] [--path-prefix P] [--operation-id ID]... [--authored DIR] [--overrides FILE]
// Scaffolds a provider from real material: a folder of documentation pages, one page, or a
// plain OpenAPI 3.0/3.1 document (YAML or JSON, however large), filtered to the Files
// operations by tag / path prefix / operation id; with none given, its Files operations are
// found (its files tag, else its one `files` path prefix: openapi-doc.mjs filesSelection), said
// and recorded, and only an ambiguous document is refused. Writes
//   specs/<name>/       the pages (provenance in specs/sources.json; a huge document is
//                       vendored as its selection only) and the built openapi.yaml;
//   packages/<name>/    the generated code, src/profile.ts (the provider as data, read off
//                       the spec: scaffold/profile.mjs), src/files.ts (its Files operations,
//                       what the facade loads), src/index.ts (core's one client shape over
//                       them), a contract test on Prism, a README;
// and the bookkeeping: the one registry entry (packages/registry/src/index.ts: an import and
// a key), the registry's dependency and project references, the per-provider entries
// (@llm-files/registry/<name>, @llm-files/unified/<name>: scripts/provider-entries.mjs), the
// root build's references, a changeset, and the lockfile (`pnpm install --lockfile-only
// --offline`, when the repo has one).
// The facade, the mock, the CLI, the demo and the test tables read the registry: nothing else
// names a provider. Any failure puts back every file it changed, removes what it wrote, and
// names the page and the problem.
/** @import { Io, PageSource, Select, SourceEntry } from "./specs/lib/openapi.js" */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rm, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT, buildProvider, serialize } from "./specs/build.mjs";
import { SpecSourceError } from "./specs/lib/errors.mjs";
import { fetchableUrl, vendorableText } from "./specs/lib/pages.mjs";
import { filesSelection, looksLikeOpenApiDocument, parseOpenApiDocument } from "./specs/lib/openapi-doc.mjs";
import { profileData } from "./scaffold/profile.mjs";
import { packageSources } from "./scaffold/templates.mjs";
import { entryPlan } from "./provider-entries.mjs";

class UsageError extends Error {}

/** @typedef {{ file: string, url: string | null, text: string, note?: string, at: string }} Page `at`: where it was read (its URL or path) */

/**
 * The command line's options.
 * `authored`: a folder of fragments written from pages that publish nothing machine-readable
 * (each operation with its x-source); `overrides`: a file of named overrides, for material that
 * contradicts itself from the start.
 * @typedef {{ from?: string, url?: string, tag?: string[], "path-prefix"?: string[], "operation-id"?: string[], authored?: string, overrides?: string }} NewProviderOptions
 */

const today = () => new Date().toISOString().slice(0, 10);

/** Names a provider cannot have: it is an identifier in the registry's source. */
const RESERVED = new Set("break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await".split(" "));

/**
 * @param {string} from
 * @param {string | undefined} url
 * @returns {Promise<Page[]>}
 */
async function readPages(from, url) {
  /** @type {Page[]} */
  const pages = [];
  if (/^https?:\/\//.test(from)) {
    const res = await fetch(from, { signal: AbortSignal.timeout(60_000) }).catch((/** @type {Error & { cause?: { code?: string } }} */ err) => {
      throw new SpecSourceError(`${from}: download failed (${err.cause?.code ?? err.message})`);
    });
    if (!res.ok) throw new SpecSourceError(`${from} answered ${res.status}`);
    const file = basename(new URL(from).pathname) || "page.md";
    pages.push({ file, url: from, text: await res.text(), at: from });
  } else {
    const st = await stat(from).catch(() => {
      throw new UsageError(`no such page or folder: ${from}`);
    });
    if (st.isDirectory()) {
      for (const f of (await readdir(from)).filter((f) => !f.startsWith(".")).sort()) pages.push({ file: f, url: null, text: await readFile(join(from, f), "utf8"), at: join(from, f) });
    } else pages.push({ file: basename(from), url: url ?? null, text: await readFile(from, "utf8"), at: from });
  }
  if (pages.length === 0) throw new UsageError(`${from} holds no pages`);
  return pages;
}

/**
 * The fragments in an --authored folder (YAML), each with the first page its operations name as x-source.
 * @param {string} dir
 * @returns {Promise<{ file: string, text: string, source?: string }[]>}
 */
async function readAuthored(dir) {
  const files = await readdir(dir).catch(() => {
    throw new UsageError(`no such folder of authored fragments: ${dir}`);
  });
  const out = [];
  for (const file of files.filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const text = await readFile(join(dir, file), "utf8");
    out.push({ file, text, source: /x-source:\s*(\S+)/.exec(text)?.[1] });
  }
  if (out.length === 0) throw new UsageError(`${dir} holds no .yaml fragment`);
  return out;
}

/**
 * The files new-provider changes outside its own folders, saved first so a failure puts them
 * back (null: the file did not exist, and is removed).
 */
class Changes {
  /** @type {Map<string, string | null>} */
  saved = new Map();
  /** @param {string} file */
  async read(file) {
    const text = existsSync(file) ? await readFile(file, "utf8") : null;
    if (!this.saved.has(file)) this.saved.set(file, text);
    return text;
  }
  /** @param {string} file @param {string} text */
  async write(file, text) {
    if (!this.saved.has(file)) await this.read(file);
    await writeFile(file, text);
  }
  async restore() {
    for (const [file, text] of this.saved) {
      if (text === null) await unlink(file).catch(() => {});
      else await writeFile(file, text);
    }
  }
}

/**
 * @param {string | undefined} name
 * @param {NewProviderOptions} options
 */
export async function newProvider(name, options) {
  if (!name || !/^[a-z][a-z0-9]*$/.test(name) || RESERVED.has(name)) {
    throw new UsageError("usage: pnpm new-provider <name (lowercase letters and digits, not a JavaScript keyword)> --from <page | dir | url> [--tag T] [--path-prefix P] [--operation-id ID] [--authored DIR] [--overrides FILE]");
  }
  if (!options.from && !options.authored) throw new UsageError("--from is required: a documentation page, a folder of pages, a page URL, or an OpenAPI document (or --authored DIR: fragments written from rendered pages)");
  const specDir = join(ROOT, "specs", name);
  const pkgDir = join(ROOT, "packages", name);
  if (existsSync(specDir) || existsSync(pkgDir)) throw new UsageError(`${name} exists already`);
  const registryDir = join(ROOT, "packages/registry");
  if (!existsSync(join(registryDir, "src/index.ts"))) throw new UsageError(`no provider registry at packages/registry/src/index.ts: run new-provider from the repository's root`);
  /** @type {Select} */
  const select = {};
  if (options.tag?.length) select.tags = options.tag;
  if (options["path-prefix"]?.length) select.pathPrefix = options["path-prefix"];
  if (options["operation-id"]?.length) select.operationIds = options["operation-id"];

  // A whole document with no selection given: its Files operations are found (its files tag,
  // else its one files path prefix), said, and recorded; an ambiguous document is refused.
  /** @type {string | undefined} */
  let chosen;
  const pages = options.from ? await readPages(options.from, options.url) : [];
  const authored = options.authored ? await readAuthored(options.authored) : [];
  const whole = pages.find((p) => looksLikeOpenApiDocument(p.text));
  if (whole && !Object.keys(select).length) {
    const found = filesSelection(parseOpenApiDocument(whole.text, whole.file), whole.file);
    Object.assign(select, found.select);
    chosen = `${whole.file}: selected the Files operations by ${found.chosen}`;
  }
  // A huge plain OpenAPI document is vendored as its Files selection.
  for (const p of pages) {
    const original = p.text.length;
    p.text = vendorableText(p.text, p.file, select);
    if (p.text.length !== original) p.note = `the operations matching the selection, out of a ${(original / 1e6).toFixed(1)} MB document`;
  }

  const changes = new Changes();
  try {
    await mkdir(join(specDir, "upstream"), { recursive: true });
    await mkdir(join(specDir, "authored"), { recursive: true });
    for (const p of pages) await writeFile(join(specDir, "upstream", p.file), p.text);
    // Kept in git when empty (a provider of authored fragments only): every provider has the folder.
    if (pages.length === 0) await writeFile(join(specDir, "upstream", ".gitkeep"), "");
    await writeFile(join(specDir, "authored", ".gitkeep"), "");
    for (const a of authored) await writeFile(join(specDir, "authored", a.file), a.text);
    await writeFile(
      join(specDir, "overrides.yaml"),
      options.overrides
        ? await readFile(options.overrides, "utf8").catch(() => {
            throw new UsageError(`no such overrides file: ${options.overrides}`);
          })
        : "# Named corrections applied on top of the upstream pages and authored fragments.\n# Each patch operation must find its target, or the build stops naming the override.\n[]\n",
    );
    const sourcesFile = join(ROOT, "specs/sources.json");
    const sources = JSON.parse((await changes.read(sourcesFile)) ?? "{}");
    /** @type {SourceEntry} */
    const entry = {};
    if (whole && pages.length === 1 && pages[0].url) entry.document = fetchableUrl(pages[0].url);
    if (Object.keys(select).length) entry.select = select;
    entry.pages = Object.fromEntries(
      pages.map((p) => {
        /** @type {PageSource} */
        const source = { url: p.url, captured: today() };
        const note = [p.note, p.url ? "" : "read from a local copy: set url"].filter(Boolean).join("; ");
        if (note) source.note = note;
        return [p.file, source];
      }),
    );
    // Fragments written from rendered pages: the pages each one came from (its operations' x-source).
    if (authored.length && !pages.length) entry.authored = Object.fromEntries(authored.map((a) => [a.file, { url: a.source ?? null, captured: today(), note: "authored from the rendered page(s): nothing machine-readable is published" }]));
    sources[name] = entry;
    await changes.write(sourcesFile, JSON.stringify(sources, null, 2) + "\n");

    // The spec: fails here, naming the page, if a page documents nothing.
    /** @type {string[]} */
    const notes = [];
    // A failure names each page where it was read (the vendored copy goes if the run fails).
    const where = Object.fromEntries(pages.map((p) => [p.file, { at: p.at, lines: p.note === undefined }]));
    const doc = await buildProvider(name, { notes, where });
    await writeFile(join(specDir, "openapi.yaml"), serialize(name, doc));

    // The package, shaped like packages/moonshot: its package.json (exports ".", "./profile",
    // "./spec", typesVersions), configs, LICENSE, turbo inputs; then the generated code.
    const template = JSON.parse(await readFile(join(ROOT, "packages/moonshot/package.json"), "utf8"));
    const data = profileData(name, doc);
    const pkg = { ...template, name: data.package, version: "0.0.0", description: `Typed client for the ${data.label} Files API, generated from its OpenAPI spec.` };
    pkg.scripts = { ...template.scripts, generate: `node ../../scripts/generate.mjs ${name}` };
    pkg.repository = { ...template.repository, directory: `packages/${name}` };
    pkg.homepage = String(template.homepage).replace("/packages/moonshot", `/packages/${name}`);
    await mkdir(join(pkgDir, "src"), { recursive: true });
    await mkdir(join(pkgDir, "test"), { recursive: true });
    await writeFile(join(pkgDir, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
    for (const f of ["tsconfig.json", "tsconfig.build.json", "tsconfig.cjs.json", "vitest.config.ts", "LICENSE"]) {
      if (existsSync(join(ROOT, "packages/moonshot", f))) await writeFile(join(pkgDir, f), await readFile(join(ROOT, "packages/moonshot", f), "utf8"));
    }
    await writeFile(join(pkgDir, "turbo.json"), (await readFile(join(ROOT, "packages/moonshot/turbo.json"), "utf8")).replaceAll("/moonshot/", `/${name}/`));
    // In this process: no second Node start and load of openapi-typescript.
    const { writeGenerated } = await import("./generate.mjs");
    try {
      await writeGenerated(name, { log: () => {} });
    } catch (err) {
      throw new SpecSourceError(`generating packages/${name}/src/generated failed:\n${err instanceof Error ? err.stack : err}`);
    }
    const files = packageSources(data, await readFile(join(pkgDir, "src/generated/schema.ts"), "utf8"));
    for (const [f, text] of Object.entries(files)) {
      await mkdir(dirname(join(pkgDir, f)), { recursive: true });
      await writeFile(join(pkgDir, f), text);
    }

    // The bookkeeping: the registry entry, references, a changeset, the lockfile.
    await registerProvider(name, changes);
    // The per-provider entries the registry's list gives (@llm-files/registry/<name>, @llm-files/unified/<name>).
    for (const [path, text] of entryPlan(ROOT).files) {
      await mkdir(dirname(join(ROOT, path)), { recursive: true });
      if ((await changes.read(join(ROOT, path))) !== text) await changes.write(join(ROOT, path), text);
    }
    const buildFile = join(ROOT, "tsconfig.build.json");
    const buildText = await changes.read(buildFile);
    if (buildText !== null) await changes.write(buildFile, withBuildReferences(buildText, name));
    const origin = entry.document ?? pages.map((p) => p.url ?? p.file).join(", ");
    await changes.write(
      join(ROOT, ".changeset", `new-provider-${name}.md`),
      `---\n"${data.package}": minor\n"@llm-files/registry": minor\n---\n\n${name}: a new provider, scaffolded by \`pnpm new-provider\` from ${origin}; the registry lists it.\n`,
    );
    const lockfile = await updateLockfile(changes);

    const opCount = Object.values(doc.paths ?? {}).reduce((n, item) => n + Object.keys(item).filter((k) => k !== "parameters").length, 0);
    return { pages, notes, chosen, checks: data.notes, opCount, operations: data.operations, lockfile, changed: [...changes.saved.keys()] };
  } catch (err) {
    await changes.restore();
    await rm(specDir, { recursive: true, force: true });
    await rm(pkgDir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * The one registry entry (an import of the package's `./profile` and a key), the registry's
 * dependency on the package, and its project references (ES modules and CommonJS builds).
 * @param {string} name
 * @param {Changes} changes
 */
async function registerProvider(name, changes) {
  const dir = join(ROOT, "packages/registry");
  const indexFile = join(dir, "src/index.ts");
  const text = /** @type {string} */ (await changes.read(indexFile));
  const imports = [...text.matchAll(/^import \{ provider as \w+ \} from "@llm-files\/\w+\/profile";$/gm)];
  const last = imports[imports.length - 1];
  const close = /^} as const;$/m.exec(text.slice(text.indexOf("export const registry = {")));
  if (!last || last.index === undefined || !close || !text.includes("export const registry = {")) {
    throw new SpecSourceError("packages/registry/src/index.ts: no `import { provider as x } from \"@llm-files/x/profile\";` line or no `export const registry = { ... } as const;` to add the provider to");
  }
  const at = last.index + last[0].length;
  let out = `${text.slice(0, at)}\nimport { provider as ${name} } from "@llm-files/${name}/profile";${text.slice(at)}`;
  const registryStart = out.indexOf("export const registry = {");
  const end = registryStart + /** @type {RegExpExecArray} */ (/^} as const;$/m.exec(out.slice(registryStart))).index;
  out = `${out.slice(0, end)}  ${name},\n${out.slice(end)}`;
  await changes.write(indexFile, out);

  const pkgFile = join(dir, "package.json");
  const pkg = JSON.parse(/** @type {string} */ (await changes.read(pkgFile)));
  const deps = { ...pkg.dependencies, [`@llm-files/${name}`]: "workspace:^" };
  pkg.dependencies = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));
  await changes.write(pkgFile, JSON.stringify(pkg, null, 2) + "\n");

  for (const kind of ["build", "cjs"]) {
    const file = join(dir, `tsconfig.${kind}.json`);
    const config = await changes.read(file);
    if (config === null) continue;
    const ref = `{ "path": "../${name}/tsconfig.${kind}.json" }`;
    const lastRef = [...config.matchAll(/\{ "path": "\.\.\/\w+\/tsconfig\.(build|cjs)\.json" \}(?=\s*\])/g)].pop();
    if (!lastRef || lastRef.index === undefined) throw new SpecSourceError(`packages/registry/tsconfig.${kind}.json: no "references" list to add ../${name} to`);
    const end = lastRef.index + lastRef[0].length;
    await changes.write(file, `${config.slice(0, end)}, ${ref}${config.slice(end)}`);
  }
}

/**
 * tsconfig.build.json with the package's ESM and CommonJS builds referenced after moonshot's.
 * @param {string} text
 * @param {string} name
 */
function withBuildReferences(text, name) {
  let out = text;
  for (const kind of ["build", "cjs"]) {
    const ref = `{ "path": "packages/${name}/tsconfig.${kind}.json" }`;
    const anchor = `{ "path": "packages/moonshot/tsconfig.${kind}.json" },`;
    if (!out.includes(ref) && out.includes(anchor)) out = out.replace(anchor, `${anchor}\n    ${ref},`);
  }
  return out;
}

/**
 * The lockfile with the new package and the registry's new dependency: `pnpm install
 * --lockfile-only --offline` (resolves from the lockfile and the store's metadata, writes only
 * pnpm-lock.yaml, links nothing). Skipped where the repo has no lockfile.
 * @param {Changes} changes
 * @returns {Promise<"updated" | "none" | string>} "none" (no lockfile), "updated", or why it could not be
 */
async function updateLockfile(changes) {
  const file = join(ROOT, "pnpm-lock.yaml");
  if ((await changes.read(file)) === null) return "none";
  const r = spawnSync("pnpm", ["install", "--lockfile-only", "--offline", "--reporter=append-only"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
  if (r.status === 0) return "updated";
  // Put back whatever pnpm wrote: `pnpm install` will do it with the network.
  const saved = changes.saved.get(file);
  if (saved !== undefined && saved !== null) await writeFile(file, saved);
  return `${r.error?.message ?? `${r.stdout}${r.stderr}`.trim().split("\n").slice(-3).join(" ")}`;
}

/**
 * The command line as a function: argv without node and the script, io.log/io.error print a
 * line; resolves to the exit code (the tests call it in their own process on a copy of the repo;
 * the file run as a script exits with it).
 * @param {string[]} argv
 * @param {Io} io
 */
export async function main(argv = process.argv.slice(2), io = console) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { from: { type: "string" }, url: { type: "string" }, authored: { type: "string" }, overrides: { type: "string" }, tag: { type: "string", multiple: true }, "path-prefix": { type: "string", multiple: true }, "operation-id": { type: "string", multiple: true } },
    });
    const name = /** @type {string} */ (positionals[0]);
    const r = await newProvider(name, values);
    const found = Object.entries(r.operations).map(([k, o]) => `${k} (${o.method.toUpperCase()} ${o.path})`);
    const check = r.checks.length ? `\n  2. check src/profile.ts against ${name}'s documentation, where the spec does not say:\n${r.checks.map((n) => `       - ${n}`).join("\n")}` : "\n  2. check src/profile.ts against the provider's documentation";
    const pad = (/** @type {string} */ s) => s.padEnd(22);
    io.log(`Scaffolded ${name}:${r.chosen ? `\n  (${r.chosen}; pass --tag, --path-prefix or --operation-id to choose others)` : ""}${r.notes.map((n) => `\n  (spec build: ${n})`).join("")}
  ${pad(`specs/${name}/`)}${r.pages.length} upstream page(s), authored/, overrides.yaml, openapi.yaml (${r.opCount} operations)
  ${pad(`packages/${name}/`)}@llm-files/${name}: generated code, src/profile.ts (${found.join(", ") || "no recognised Files operations"}), src/files.ts, src/index.ts, a contract test, a README
  ${pad("the registry")}packages/registry/src/index.ts lists ${name}: the facade, the mock, the CLI, the demo and the test tables read it
  ${pad("entries")}@llm-files/registry/${name} and @llm-files/unified/${name} (packages/{registry,unified}/src/providers/${name}.ts, generated)
  ${pad("bookkeeping")}the registry's package.json and tsconfig references, tsconfig.build.json, .changeset/new-provider-${name}.md${r.lockfile === "updated" ? ", pnpm-lock.yaml" : ""}
Next:
  1. pnpm install${r.lockfile === "updated" || r.lockfile === "none" ? "" : ` (the lockfile was not updated offline: ${r.lockfile})`} && node scripts/build.mjs${check}
  3. pnpm --filter @llm-files/${name} test (its contract test on Prism) and node scripts/api/report.mjs ${name} (its API report)
  4. set any page URL still null in specs/sources.json; add fragments for unpublished operations under specs/${name}/authored/`);
    return 0;
  } catch (err) {
    const known = err instanceof SpecSourceError || err instanceof UsageError || (err instanceof Error && "code" in err && String(err.code).startsWith("ERR_PARSE_ARGS"));
    io.error(`new-provider failed, nothing written: ${known ? err.message : err instanceof Error ? err.stack : err}`);
    return 1;
  }
}

if (process.argv[1] && process.argv[1].endsWith("new-provider.mjs")) main().then((code) => process.exit(code));
