#!/usr/bin/env node
// Build specs/<provider>/openapi.yaml from what is vendored beside it:
//   upstream/   the provider's pages exactly as published: EVERY file there is read (pages are
//               discovered, not listed); specs/sources.json only records where each came
//               from (url, captured) and, for a plain OpenAPI document, which operations to keep
//   authored/   fragments we wrote from the docs for operations nothing publishes; a published
//               page wins over an authored fragment for the same method and path (the build says so)
//   overrides.yaml  named corrections, each failing loudly if its target is gone
// Usage: node scripts/specs/build.mjs [--provider P] [--check]
/** @import { Io, OpenApiDocument, PathItem, Sources } from "./lib/openapi.js" */
/** @import { Fragment } from "./lib/merge.mjs" */
import { readFile, readdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { parse, stringify } from "yaml";
import { pageFragments, SpecSourceError } from "./lib/extract.mjs";
import { mergeFragments, checkDocument, sortComponents, retireAuthored } from "./lib/merge.mjs";
import { applyOverride } from "./lib/overrides.mjs";
import { isRecord } from "./lib/files-ops.mjs";
import { Provenance } from "./lib/provenance.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const METHOD_ORDER = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** @returns {Promise<Sources>} */
export async function readSources(root = ROOT) {
  const sources = JSON.parse(await readFile(join(root, "specs/sources.json"), "utf8"));
  delete sources.$comment;
  return sources;
}

/**
 * The page files vendored for a provider (every file in upstream/, hidden files aside).
 * @param {string} provider
 */
export async function upstreamFiles(provider, root = ROOT) {
  const dir = join(root, "specs", provider, "upstream");
  return existsSync(dir) ? (await readdir(dir)).filter((f) => !f.startsWith(".")).sort() : [];
}

/**
 * Build one provider's document. `pages` optionally maps a page file name to its text
 * (specs:update with freshly fetched pages: then those are the pages); otherwise every
 * file in upstream/ is read. `notes` collects what the build decided (retired fragments).
 * `trace` (a Provenance) collects where each part came from, so a failure here or later (the
 * lint) names the page, its URL (`where`: file -> where a reader finds it, and whether the
 * text's lines are its lines) and its own line.
 * @param {string} provider
 * @param {{ root?: string, pages?: Record<string, string>, notes?: string[], trace?: Provenance, where?: Record<string, { at: string, lines: boolean }> }} [options]
 * @returns {Promise<OpenApiDocument & { paths: Record<string, PathItem> }>}
 */
export async function buildProvider(provider, { root = ROOT, pages, notes = [], trace = new Provenance(), where = {} } = {}) {
  const sources = await readSources(root);
  const entry = sources[provider];
  if (!entry) throw new SpecSourceError(`unknown provider "${provider}" (specs/sources.json has: ${Object.keys(sources).join(", ")})`);
  const dir = join(root, "specs", provider);
  /** @type {Fragment[]} */
  const published = [];
  const names = pages ? Object.keys(pages).sort() : await upstreamFiles(provider, root);
  // A provider that publishes nothing machine-readable (rendered pages only) is its authored fragments.
  const authoredOnly = names.length === 0 && entry.authored !== undefined && Object.keys(entry.authored).length > 0;
  if (names.length === 0 && !authoredOnly) throw new SpecSourceError(`specs/${provider}/upstream/ holds no pages`);
  for (const file of names) {
    const text = pages?.[file] ?? (await readFile(join(dir, "upstream", file), "utf8"));
    const page = { file, ...(entry.pages?.[file] ?? {}) };
    const at = where[file];
    trace.addPage(file, text, at?.at ?? (pages ? page.url ?? undefined : `specs/${provider}/upstream/${file}${page.url ? `, from ${page.url}` : ""}`), at?.lines);
    /** @type {OpenApiDocument[]} */
    let docs;
    try {
      docs = pageFragments(text, page, entry.select);
    } catch (err) {
      // The page's own words and line, and where a reader finds the page.
      const at = trace.pages.get(file)?.where;
      if (err instanceof SpecSourceError && at && err.message.startsWith(`${file}:`)) {
        const [first, ...rest] = err.message.split("\n");
        throw new SpecSourceError([`${first} (read from ${at})`, ...rest].join("\n"));
      }
      throw err;
    }
    for (const doc of docs) published.push({ doc, source: file });
  }
  const authoredDir = join(dir, "authored");
  const authored = existsSync(authoredDir) ? (await readdir(authoredDir)).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  const fragments = [...published];
  for (const f of authored) {
    const source = `authored/${f}`;
    const text = await readFile(join(authoredDir, f), "utf8");
    trace.addPage(source, text, `specs/${provider}/authored/${f}`);
    const doc = retireAuthored(parse(text), source, published, notes);
    if (doc) fragments.push({ doc, source });
  }
  const doc = mergeFragments(fragments, trace.origin);
  dropIgnoredHeaders(doc, notes);
  trace.folded = foldServerPath(doc, notes) ?? "";
  const overridesFile = join(dir, "overrides.yaml");
  if (existsSync(overridesFile)) {
    const file = `specs/${provider}/overrides.yaml`;
    // The spec as last built: where an override's target went, when it is gone.
    const builtFile = join(dir, "openapi.yaml");
    const before = existsSync(builtFile) ? parse(await readFile(builtFile, "utf8")) : undefined;
    for (const o of parse(await readFile(overridesFile, "utf8")) ?? []) {
      const applied = applyOverride(doc, o, file, { before });
      trace.overrides.push({ name: String(o.name), file, ...applied });
    }
  }
  const paths = doc.paths ?? {};
  doc.paths = Object.fromEntries(
    Object.keys(paths)
      .sort()
      .map((p) => [p, Object.fromEntries(Object.entries(paths[p]).sort(([a], [b]) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b)))]),
  );
  sortComponents(doc);
  checkDocument(doc, `specs/${provider}`, (pointer) => trace.describe(pointer, doc));
  const TOP = ["openapi", "info", "servers", "security", "paths", "components"];
  const ordered = Object.fromEntries(Object.keys(doc).sort((a, b) => (TOP.indexOf(a) + 1 || 99) - (TOP.indexOf(b) + 1 || 99)).map((k) => [k, doc[k]]));
  return { ...ordered, paths: doc.paths };
}

/**
 * A server URL that carries a path (OpenAI's "https://api.openai.com/v1" over "/files") is
 * folded into the paths ("https://api.openai.com" over "/v1/files"), so every spec has the
 * same shape: servers are origins, paths are what goes on the wire. Then the client's path
 * prefix is read from the paths alone, a user's base URL with or without "/v1" means the same,
 * and Prism, the mock and the test servers serve the routes the client sends.
 * @param {OpenApiDocument} doc
 * @param {string[]} [notes]
 * @returns {string | undefined} the path folded into every path, if any
 */
export function foldServerPath(doc, notes = []) {
  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  // A server variable in the origin only ("{endpoint}/openai/v1") leaves the path known: it folds too.
  const parts = (/** @type {string} */ url) => /^((?:[a-z][a-z\d+.-]*:\/\/)?[^/]*)(\/.*)?$/i.exec(url);
  if (!servers.length || servers.some((s) => typeof s?.url !== "string" || /[{}]/.test(parts(s.url)?.[2] ?? "{"))) return;
  const split = servers.map((s) => {
    const [, origin, path = ""] = /** @type {RegExpExecArray} */ (parts(s.url));
    return { origin: /[{}]/.test(origin) ? origin : new URL(s.url).origin, path: path.replace(/\/+$/, "") };
  });
  const path = split[0].path;
  if (!path) return;
  if (split.some((s) => s.path !== path)) throw new SpecSourceError(`servers carry different paths (${split.map((s) => s.path || "/").join(", ")}): pick one server with an override`);
  doc.servers = servers.map((s, i) => ({ ...s, url: split[i].origin }));
  doc.paths = Object.fromEntries(Object.entries(doc.paths ?? {}).map(([p, item]) => [`${path}${p}`, item]));
  notes.push(`server path "${path}" folded into the paths (servers: ${split.map((s) => s.origin).join(", ")})`);
  return path;
}

/**
 * OpenAPI: header parameters named Accept, Content-Type or Authorization "SHALL be ignored"
 * (media types and security say those). MiniMax's current pages declare a required
 * Content-Type header; kept, it would become an input every caller must pass by hand.
 * @param {OpenApiDocument} doc
 * @param {string[]} notes
 */
function dropIgnoredHeaders(doc, notes) {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, value] of Object.entries(item)) {
      const op = /** @type {import("./lib/openapi.js").Operation | undefined} */ (isRecord(value) ? value : undefined);
      if (!op || !Array.isArray(op.parameters)) continue;
      const kept = op.parameters.filter((p) => !(p?.in === "header" && /^(accept|content-type|authorization)$/i.test(p.name ?? "")));
      if (kept.length === op.parameters.length) continue;
      notes.push(`${method.toUpperCase()} ${path}: header parameter(s) ${op.parameters.filter((p) => !kept.includes(p)).map((p) => p.name).join(", ")} dropped (OpenAPI ignores them)`);
      if (kept.length) op.parameters = kept;
      else delete op.parameters;
    }
  }
}

/**
 * @param {string} provider
 * @param {OpenApiDocument} doc
 */
export function serialize(provider, doc) {
  const header =
    `# GENERATED by scripts/specs/build.mjs from specs/${provider}/{upstream/,authored/,overrides.yaml}.\n` +
    `# Do not edit: change a source and run \`pnpm specs:build\`.\n`;
  return header + stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
}

/**
 * The command line (`node scripts/specs/build.mjs [--provider P] [--check]`) as a function: argv
 * without node and the script, io.log/io.error print a line; resolves to the exit code. The
 * tests call it in their own process on a copy of the repo (a Node start and a load of the
 * YAML library per run saved); the file run as a script calls it once and exits with its code.
 * @param {string[]} argv
 * @param {Io} io
 */
export async function main(argv = process.argv.slice(2), io = console) {
  try {
    return await build(argv, io);
  } catch (err) {
    io.error(err instanceof SpecSourceError ? `specs: ${err.message}` : err instanceof Error ? err.stack : String(err));
    return 1;
  }
}

/**
 * @param {string[]} argv
 * @param {Io} io
 */
async function build(argv, io) {
  const { values } = parseArgs({ args: argv, options: { provider: { type: "string" }, check: { type: "boolean" } } });
  const providers = values.provider ? [values.provider] : Object.keys(await readSources());
  let stale = 0;
  for (const p of providers) {
    /** @type {string[]} */
    const notes = [];
    const text = serialize(p, await buildProvider(p, { notes }));
    for (const n of notes) io.log(`specs/${p}: ${n}`);
    const file = join(ROOT, "specs", p, "openapi.yaml");
    const current = existsSync(file) ? await readFile(file, "utf8") : "";
    if (values.check) {
      if (current !== text) {
        stale++;
        io.error(`specs/${p}/openapi.yaml is out of date with its sources: run \`pnpm specs:build\``);
      } else io.log(`specs/${p}/openapi.yaml: up to date`);
    } else if (current !== text) {
      await writeFile(file, text);
      io.log(`specs/${p}/openapi.yaml: written`);
    } else io.log(`specs/${p}/openapi.yaml: unchanged`);
  }
  return stale ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main().then((code) => process.exit(code));
