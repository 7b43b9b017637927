#!/usr/bin/env node
// The READMEs' lists of providers against the registry (run by `pnpm test`,
// scripts/test/readme-providers.test.ts), so a provider added to or removed from the registry
// cannot leave a README naming the old set. In the root README and the mock's, the CLI's and
// the facade's, a list of providers is:
//   - a prose list of labels between `<!-- registry:labels -->` and `<!-- /registry -->`
//     (prose cannot be found otherwise): "Moonshot AI (Kimi), Novita AI, ... and Mistral AI";
//   - a list of names joined by `|` (`--provider moonshot|novita|...`), or a union of quoted
//     names (`"moonshot" | "novita" | ...`), naming two providers or more;
//   - a comma list of three or more key variables (`MOONSHOT_API_KEY`, ...) or their prefixes
//     (`MOONSHOT_`, ...), or of three or more links to provider packages;
//   - the rows of a table linking provider packages (a package with src/profile.ts and src/generated/);
//   - a number of providers in words or digits ("the five providers").
// Each must be the registry's, in its order; a problem names the file, the line and the text
// expected, to paste in.
// Usage: node scripts/readme-providers.mjs [--root DIR]
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The READMEs that list the providers. */
export const READMES = ["README.md", "packages/mock/README.md", "packages/cli/README.md", "packages/unified/README.md"];

/** @typedef {{ name: string, label: string, apiKey: string }} ProviderFacts */

const NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];

/** "A", "A and B", "A, B and C". @param {string[]} items */
export const prose = (items) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

/** @param {string} s */
const squash = (s) => s.replace(/\s+/g, " ").trim();

/**
 * The problems of one README's lists of providers.
 * @param {string} text the README
 * @param {ProviderFacts[]} providers the registry's, in order
 * @param {{ file: string, isProviderPackage: (name: string) => boolean }} context
 * @returns {string[]}
 */
export function checkReadme(text, providers, context) {
  /** @type {string[]} */
  const problems = [];
  const names = providers.map((p) => p.name);
  const lineOf = (/** @type {number} */ index) => text.slice(0, index).split("\n").length;
  const report = (/** @type {number} */ index, /** @type {string} */ what, /** @type {string} */ found, /** @type {string} */ expected) =>
    problems.push(`${context.file}:${lineOf(index)}: ${what} is not the registry's.\n  found:    ${squash(found)}\n  expected: ${expected}`);
  const isProvider = (/** @type {string} */ n) => names.includes(n) || context.isProviderPackage(n);

  for (const m of text.matchAll(/<!--\s*registry:labels\s*-->([\s\S]*?)<!--\s*\/registry\s*-->/g)) {
    const expected = prose(providers.map((p) => p.label));
    if (squash(m[1] ?? "") !== expected) report(m.index ?? 0, "the list of providers (registry:labels)", m[1] ?? "", expected);
  }
  for (const m of text.matchAll(/(?<![\w|-])([a-z0-9]+(?:\|[a-z0-9]+){1,})(?![\w|])/g)) {
    const items = (m[1] ?? "").split("|");
    if (items.filter(isProvider).length < 2) continue;
    const expected = names.join("|");
    if (m[1] !== expected) report(m.index ?? 0, "a list of provider names", m[1] ?? "", expected);
  }
  for (const m of text.matchAll(/"[a-z0-9]+"(?:\s*\|\s*"[a-z0-9]+")+/g)) {
    const items = [...m[0].matchAll(/"([a-z0-9]+)"/g)].map((x) => x[1] ?? "");
    if (items.filter(isProvider).length < 2) continue;
    const expected = names.map((n) => `"${n}"`).join(" | ");
    if (squash(m[0]) !== expected) report(m.index ?? 0, "a union of provider names", m[0], expected);
  }
  const keys = providers.map((p) => p.apiKey);
  for (const [pattern, want, what] of /** @type {const} */ ([
    [/`[A-Z0-9_]+_API_KEY`(?:,\s*`[A-Z0-9_]+_API_KEY`){2,}/g, keys, "a list of key variables"],
    [/`[A-Z0-9]+_`(?:,\s*`[A-Z0-9]+_`){2,}/g, keys.map((k) => k.replace(/API_KEY$/, "")), "a list of variable prefixes"],
  ])) {
    for (const m of text.matchAll(pattern)) {
      const expected = want.map((k) => `\`${k}\``).join(", ");
      if (squash(m[0]) !== expected) report(m.index ?? 0, what, m[0], expected);
    }
  }
  for (const m of text.matchAll(/\[`@llm-files\/[a-z0-9]+`\]\([^)]*\)(?:,\s*\[`@llm-files\/[a-z0-9]+`\]\([^)]*\)){2,}/g)) {
    const links = [...m[0].matchAll(/\[`@llm-files\/([a-z0-9]+)`\]\(([^)]*)\)/g)];
    if (links.filter((l) => isProvider(l[1] ?? "")).length < 3) continue;
    const base = (links[0]?.[2] ?? "").replace(/[a-z0-9]+\/?$/, "");
    const expected = names.map((n) => `[\`@llm-files/${n}\`](${base}${n})`).join(", ");
    if (squash(m[0]) !== expected) report(m.index ?? 0, "a list of provider packages", m[0], expected);
  }
  // Table rows linking provider packages: one per registry provider, none for another.
  const rows = [...text.matchAll(/^\|\s*\[`@llm-files\/([a-z0-9]+)`\]\([^)]*\)\s*\|/gm)].filter((r) => isProvider(r[1] ?? ""));
  if (rows.length) {
    const listed = rows.map((r) => r[1] ?? "");
    const missing = names.filter((n) => !listed.includes(n));
    const extra = listed.filter((n) => !names.includes(n));
    if (missing.length || extra.length) {
      problems.push(`${context.file}:${lineOf(rows[0]?.index ?? 0)}: the table of packages ${[missing.length ? `lacks a row for ${missing.join(", ")}` : "", extra.length ? `has a row for ${extra.join(", ")}, not in the registry` : ""].filter(Boolean).join(" and ")}.`);
    }
  }
  for (const m of text.matchAll(/\b(\d+|[a-z]+) providers\b/gi)) {
    const word = (m[1] ?? "").toLowerCase();
    const n = /^\d+$/.test(word) ? Number(word) : NUMBERS.indexOf(word);
    if (n < 2) continue;
    if (n !== providers.length) report(m.index ?? 0, `the number of providers ("${m[0]}")`, m[0], `${/^\d+$/.test(word) ? providers.length : (NUMBERS[providers.length] ?? providers.length)} providers (or no number: "every provider")`);
  }
  return problems;
}

/**
 * The registry's providers, from its build.
 * @param {string} root
 * @returns {Promise<ProviderFacts[]>}
 */
export async function registryProviders(root) {
  const { registry, PROVIDERS } = await import(join(root, "packages/registry/dist/index.js"));
  return PROVIDERS.map((/** @type {string} */ name) => {
    const { label, env } = registry[name].profile;
    return { name, label, apiKey: env.apiKey };
  });
}

/**
 * Checks every README of READMES; prints the problems, exit code 1 when there are any.
 * @param {string[]} [argv]
 * @param {{ log(...a: unknown[]): void, error(...a: unknown[]): void }} [io]
 */
export async function main(argv = process.argv.slice(2), io = console) {
  const { values } = parseArgs({ args: argv, options: { root: { type: "string" } } });
  const root = resolve(values.root ?? ROOT);
  const providers = await registryProviders(root);
  // A provider package has a profile and generated code (as the import graph tells them).
  const isProviderPackage = (/** @type {string} */ n) => existsSync(join(root, "packages", n, "src", "profile.ts")) && existsSync(join(root, "packages", n, "src", "generated"));
  const problems = READMES.flatMap((file) => checkReadme(readFileSync(join(root, file), "utf8"), providers, { file, isProviderPackage }));
  for (const p of problems) io.error(p);
  if (!problems.length) io.log(`readme-providers: ${READMES.length} READMEs list the registry's ${providers.length} providers`);
  return problems.length ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await main();
