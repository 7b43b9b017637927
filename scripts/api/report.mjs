#!/usr/bin/env node
// pnpm api:report — writes packages/<p>/api/public-api.txt, the resolved public API of each
// provider package and of the libraries (core, the registry, the facade; scripts/api/model.mjs);
// --check fails when a package's API differs from its committed report (CI: the API changed
// without the report, hence without a reviewed bump).
// Usage: node scripts/api/report.mjs [package...] [--check]
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
/** @import { Io } from "../specs/lib/openapi.js" */
import { apiModels } from "./model.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const reportFile = (/** @type {string} */ provider, root = ROOT) => join(root, "packages", provider, "api", "public-api.txt");
export const HEADER = (/** @type {string} */ provider) => `# The public API of @llm-files/${provider}, resolved to shapes (scripts/api/model.mjs). GENERATED: \`node scripts/api/report.mjs ${provider}\`.\n`;
/** The packages with a report besides the providers: their API is chosen, not generated. */
export const LIBRARIES = ["core", "registry", "unified"];

/**
 * The reports of the packages given, from one TypeScript program.
 * @param {string[]} providers
 * @returns {Record<string, string>} package -> report text
 */
export function currentReports(providers, root = ROOT) {
  const models = apiModels(providers.map((p) => join(root, "packages", p)));
  return Object.fromEntries(providers.map((p, i) => [p, HEADER(p) + models[i]]));
}

/**
 * The command line (`node scripts/api/report.mjs [provider ...] [--check]`) as a function: argv
 * without node and the script, io.log/io.error print a line; resolves to the exit code
 * (specs:check calls it in its own process; the file run as a script exits with it).
 * @param {string[]} argv
 * @param {Io} io
 */
export async function main(argv = process.argv.slice(2), io = console) {
  try {
    return await report(argv, io);
  } catch (err) {
    io.error(err instanceof Error ? err.stack : String(err));
    return 1;
  }
}

/**
 * @param {string[]} argv
 * @param {Io} io
 */
async function report(argv, io) {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { check: { type: "boolean" } } });
  const sources = JSON.parse(await readFile(join(ROOT, "specs/sources.json"), "utf8"));
  const providers = positionals.length ? positionals : [...LIBRARIES, ...Object.keys(sources).filter((p) => p !== "$comment")].filter((p) => existsSync(join(ROOT, "packages", p, "src", "index.ts")));
  let stale = 0;
  const reports = currentReports(providers);
  for (const p of providers) {
    const text = reports[p];
    const file = reportFile(p);
    const old = existsSync(file) ? await readFile(file, "utf8") : "";
    if (old === text) {
      io.log(`packages/${p}/api/public-api.txt: up to date`);
      continue;
    }
    if (values.check) {
      stale++;
      io.error(`packages/${p}/api/public-api.txt differs from the package's public API: run \`node scripts/api/report.mjs ${p}\` and review the change`);
    } else {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
      io.log(`packages/${p}/api/public-api.txt: written`);
    }
  }
  return stale ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main().then((code) => process.exit(code));
