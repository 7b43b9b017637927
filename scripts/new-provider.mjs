#!/usr/bin/env node
// pnpm new-provider <name> --from <page | dir | url> [--url URL] [--tag T] [--path-prefix P] [--operation-id ID]...
// Scaffolds a provider from real material: a folder of documentation pages, one page, or a
// plain OpenAPI 3.0/3.1 document (YAML or JSON, however large), filtered to the Files
// operations by tag / path prefix / operation id. Writes specs/<name>/ (the pages, with
// provenance in specs/sources.json; a huge document is vendored as its selection only),
// the built openapi.yaml, and packages/<name> (generated types, a client with exactly the
// operations and body forms the spec has, a contract test on Prism).
// Any failure removes everything it wrote and names the page and the problem.
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT, buildProvider, serialize } from "./specs/build.mjs";
import { SpecSourceError } from "./specs/lib/errors.mjs";
import { fetchableUrl, vendorableText } from "./specs/lib/pages.mjs";
import { looksLikeOpenApiDocument } from "./specs/lib/openapi-doc.mjs";
import { packageSources } from "./scaffold/templates.mjs";

class UsageError extends Error {}

const today = () => new Date().toISOString().slice(0, 10);

async function readPages(from, url, select) {
  const pages = [];
  if (/^https?:\/\//.test(from)) {
    const res = await fetch(from, { signal: AbortSignal.timeout(60_000) }).catch((err) => {
      throw new SpecSourceError(`${from}: download failed (${err.cause?.code ?? err.message})`);
    });
    if (!res.ok) throw new SpecSourceError(`${from} answered ${res.status}`);
    const file = basename(new URL(from).pathname) || "page.md";
    pages.push({ file, url: from, text: await res.text() });
  } else {
    const st = await stat(from).catch(() => {
      throw new UsageError(`no such page or folder: ${from}`);
    });
    if (st.isDirectory()) {
      for (const f of (await readdir(from)).filter((f) => !f.startsWith(".")).sort()) pages.push({ file: f, url: null, text: await readFile(join(from, f), "utf8") });
    } else pages.push({ file: basename(from), url: url ?? null, text: await readFile(from, "utf8") });
  }
  if (pages.length === 0) throw new UsageError(`${from} holds no pages`);
  // A huge plain OpenAPI document is vendored as its Files selection.
  for (const p of pages) {
    const original = p.text.length;
    p.text = vendorableText(p.text, p.file, select);
    if (p.text.length !== original) p.note = `the operations matching the selection, out of a ${(original / 1e6).toFixed(1)} MB document`;
  }
  return pages;
}

export async function newProvider(name, options) {
  if (!name || !/^[a-z][a-z0-9]*$/.test(name)) throw new UsageError("usage: pnpm new-provider <name (lowercase letters and digits)> --from <page | dir | url> [--tag T] [--path-prefix P] [--operation-id ID]");
  if (!options.from) throw new UsageError("--from is required: a documentation page, a folder of pages, a page URL, or an OpenAPI document");
  const specDir = join(ROOT, "specs", name);
  const pkgDir = join(ROOT, "packages", name);
  if (existsSync(specDir) || existsSync(pkgDir)) throw new UsageError(`${name} exists already`);
  const select = {};
  if (options.tag?.length) select.tags = options.tag;
  if (options["path-prefix"]?.length) select.pathPrefix = options["path-prefix"];
  if (options["operation-id"]?.length) select.operationIds = options["operation-id"];

  const pages = await readPages(options.from, options.url, select);
  const isDocument = pages.some((p) => looksLikeOpenApiDocument(p.text));
  if (isDocument && !Object.keys(select).length) {
    throw new UsageError(`${pages.find((p) => looksLikeOpenApiDocument(p.text)).file} is a whole OpenAPI document: say which operations are the Files API with --tag, --path-prefix or --operation-id`);
  }

  const sourcesFile = join(ROOT, "specs/sources.json");
  const sourcesText = await readFile(sourcesFile, "utf8");
  const buildFile = join(ROOT, "tsconfig.build.json");
  const buildText = existsSync(buildFile) ? await readFile(buildFile, "utf8") : null;
  try {
    await mkdir(join(specDir, "upstream"), { recursive: true });
    await mkdir(join(specDir, "authored"), { recursive: true });
    for (const p of pages) await writeFile(join(specDir, "upstream", p.file), p.text);
    await writeFile(join(specDir, "authored", ".gitkeep"), "");
    await writeFile(
      join(specDir, "overrides.yaml"),
      "# Named corrections applied on top of the upstream pages and authored fragments.\n# Each patch operation must find its target, or the build stops naming the override.\n[]\n",
    );
    const sources = JSON.parse(sourcesText);
    const entry = {};
    if (isDocument && pages.length === 1 && pages[0].url) entry.document = fetchableUrl(pages[0].url);
    if (Object.keys(select).length) entry.select = select;
    entry.pages = Object.fromEntries(
      pages.map((p) => [p.file, { url: p.url, captured: today(), ...(p.note || !p.url ? { note: [p.note, p.url ? "" : "read from a local copy: set url"].filter(Boolean).join("; ") } : {}) }]),
    );
    sources[name] = entry;
    await writeFile(sourcesFile, JSON.stringify(sources, null, 2) + "\n");

    // The spec: fails here, naming the page, if a page documents nothing.
    const notes = [];
    const doc = await buildProvider(name, { notes });
    await writeFile(join(specDir, "openapi.yaml"), serialize(name, doc));

    // The package, shaped like packages/moonshot.
    const template = JSON.parse(await readFile(join(ROOT, "packages/moonshot/package.json"), "utf8"));
    const pkg = { ...template, name: `@llm-files/${name}`, version: "0.0.0", description: `Typed client for the ${name} Files API, generated from its OpenAPI spec, on openapi-fetch.` };
    pkg.scripts = { ...template.scripts, generate: `node ../../scripts/generate.mjs ${name}` };
    pkg.repository = { ...template.repository, directory: `packages/${name}` };
    pkg.homepage = template.homepage.replace("/packages/moonshot", `/packages/${name}`);
    await mkdir(join(pkgDir, "src"), { recursive: true });
    await mkdir(join(pkgDir, "test"), { recursive: true });
    await writeFile(join(pkgDir, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
    for (const f of ["tsconfig.json", "tsconfig.build.json", "tsconfig.cjs.json", "vitest.config.ts", "LICENSE"]) {
      if (existsSync(join(ROOT, "packages/moonshot", f))) await writeFile(join(pkgDir, f), await readFile(join(ROOT, "packages/moonshot", f), "utf8"));
    }
    // The one-pass build (scripts/build.mjs: `tsc -b tsconfig.build.json`) builds the package too.
    if (buildText !== null) await writeFile(buildFile, withReferences(buildText, name));
    await writeFile(join(pkgDir, "turbo.json"), (await readFile(join(ROOT, "packages/moonshot/turbo.json"), "utf8")).replaceAll("/moonshot/", `/${name}/`));
    const { files, ops, collection } = packageSources(name, doc);
    for (const [f, text] of Object.entries(files)) {
      await mkdir(dirname(join(pkgDir, f)), { recursive: true });
      await writeFile(join(pkgDir, f), text);
    }
    // In this process: no second Node start and load of openapi-typescript.
    const { writeGenerated } = await import("./generate.mjs");
    try {
      await writeGenerated(name, { log: () => {} });
    } catch (err) {
      throw new SpecSourceError(`generating packages/${name}/src/generated failed:\n${err?.stack ?? err}`);
    }
    const opCount = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).filter((k) => k !== "parameters").length, 0);
    return { pages, notes, opCount, ops, collection };
  } catch (err) {
    await rm(specDir, { recursive: true, force: true });
    await rm(pkgDir, { recursive: true, force: true });
    await writeFile(sourcesFile, sourcesText);
    if (buildText !== null) await writeFile(buildFile, buildText);
    throw err;
  }
}

/** tsconfig.build.json with the package's ESM and CommonJS builds referenced after moonshot's. */
function withReferences(text, name) {
  let out = text;
  for (const kind of ["build", "cjs"]) {
    const ref = `{ "path": "packages/${name}/tsconfig.${kind}.json" }`;
    const anchor = `{ "path": "packages/moonshot/tsconfig.${kind}.json" },`;
    if (!out.includes(ref) && out.includes(anchor)) out = out.replace(anchor, `${anchor}\n    ${ref},`);
  }
  return out;
}

/**
 * The command line as a function: argv without node and the script, io.log/io.error print a
 * line; resolves to the exit code (the tests call it in their own process on a copy of the repo;
 * the file run as a script exits with it).
 */
export async function main(argv = process.argv.slice(2), io = console) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { from: { type: "string" }, url: { type: "string" }, tag: { type: "string", multiple: true }, "path-prefix": { type: "string", multiple: true }, "operation-id": { type: "string", multiple: true } },
    });
    const name = positionals[0];
    const r = await newProvider(name, values);
    const found = Object.entries(r.ops).map(([k, o]) => `${k} (${o.method.toUpperCase()} ${o.path})`);
    io.log(`Scaffolded ${name}:
  specs/${name}/            ${r.pages.length} upstream page(s), authored/, overrides.yaml, openapi.yaml (${r.opCount} operations)
  packages/${name}/         @llm-files/${name}: generated types, a client with ${found.join(", ") || "no recognised Files operations"}, a contract test
Next:
  1. pnpm install && pnpm --filter @llm-files/${name} test
  2. set any page URL still null in specs/sources.json; add fragments for unpublished operations under specs/${name}/authored/
  3. the facade: add packages/unified/src/adapters/${name}.ts and a ProviderTypes entry in packages/unified/src/types.ts`);
    return 0;
  } catch (err) {
    const known = err instanceof SpecSourceError || err instanceof UsageError || String(err?.code).startsWith("ERR_PARSE_ARGS");
    io.error(`new-provider failed, nothing written: ${known ? err.message : err.stack ?? err}`);
    return 1;
  }
}

if (process.argv[1] && process.argv[1].endsWith("new-provider.mjs")) main().then((code) => process.exit(code));
