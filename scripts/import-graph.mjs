#!/usr/bin/env node
// pnpm check:imports — the import graph of every package's sources (packages/*/src), checked
// with dependency-cruiser (run by `pnpm test`, scripts/test/import-graph.test.ts):
//   - no import cycle anywhere, type-only imports included, and through the package "imports"
//     aliases (#transport, #files: resolved by their "types" condition to src/*-node.ts);
//   - core imports nothing provider-specific: no other package of the workspace, no @llm-files/*;
//   - the floors hold: core -> providers -> registry -> the facade and the mock -> the CLI. A
//     package imports only packages on lower floors (so no provider imports another, and the
//     facade and the mock do not import each other), and none imports the test tooling
//     (testing, reliability, runtimes, bench).
// The floors come from the packages on disk: a provider is a package with src/profile.ts and
// src/generated/ (a sixth provider is one with no change here).
// dependency-cruiser rather than madge: madge only finds cycles, while the floors and core's
// neutrality are rules over paths (forbidden from/to), which dependency-cruiser states as
// data and reports by rule name; it also tells type-only imports and package "imports"
// aliases apart and resolves both.
// Usage: node scripts/import-graph.mjs [--root DIR]
/** @import { ICruiseResult, IConfiguration, IForbiddenRuleType } from "dependency-cruiser" */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { cruise } from "dependency-cruiser";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The packages that are not on a floor: tooling for the tests, the runtime matrix and the bench. */
const TOOLING = ["testing", "reliability", "runtimes"];

/**
 * Each package's floor, read from the packages on disk (an unknown one is a provider if it has
 * a profile and generated code, else tooling).
 * @param {string} root
 * @returns {{ floors: string[][], tooling: string[] }} the packages on each floor, lowest first
 */
export function packageFloors(root) {
  const names = readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter((d) => (d.isDirectory() || d.isSymbolicLink()) && existsSync(join(root, "packages", d.name, "package.json")))
    .map((d) => d.name)
    .sort();
  const providers = names.filter((n) => existsSync(join(root, "packages", n, "src/profile.ts")) && existsSync(join(root, "packages", n, "src/generated")));
  const floors = [["core"], providers, ["registry"], ["unified", "mock"], ["cli"]].map((f) => f.filter((n) => names.includes(n)));
  const placed = new Set(floors.flat());
  return { floors, tooling: names.filter((n) => !placed.has(n)) };
}

/**
 * The rules, as dependency-cruiser's configuration.
 * @param {string} root
 * @returns {IConfiguration}
 */
export function importRules(root) {
  const { floors, tooling } = packageFloors(root);
  const alt = (/** @type {string[]} */ names) => names.map((n) => n.replace(/[^\w-]/g, "\\$&")).join("|");
  /** @type {IForbiddenRuleType[]} */
  const forbidden = [
    {
      name: "no-import-cycle",
      severity: "error",
      comment:
        "A cycle among a package's modules, type-only imports and package \"imports\" aliases (#transport, #files) included. " +
        "An `import()` evaluated on first use (a provider's profile loading its Files operations) is no load-time edge and closes no cycle.",
      from: { path: "^packages/[^/]+/src/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["dynamic-import"] } },
    },
    {
      name: "core-is-provider-neutral",
      severity: "error",
      comment: "core reads profiles and names no provider: it imports no other package of the workspace.",
      from: { path: "^packages/core/src/" },
      to: { path: "^packages/(?!core/)|^bench/|(^|/)@llm-files/" },
    },
  ];
  const onFloors = floors.flat();
  if (onFloors.length) {
    forbidden.push({
      name: "every-import-resolves",
      severity: "error",
      comment:
        "An import that cannot be resolved escapes every other rule (another package is resolved to its built entry: build first). " +
        "The runtime matrix's smoke scripts import packages installed only where they run: tooling is left out.",
      from: { path: `^packages/(${alt(onFloors)})/src/` },
      to: { couldNotResolve: true },
    });
  }
  floors.forEach((floor, i) => {
    const sameOrHigher = floors.slice(i).flat();
    if (floor.length === 0 || sameOrHigher.length === 0) return;
    forbidden.push({
      name: `floor-${i}-imports-only-lower-floors`,
      severity: "error",
      comment: `${floor.join(", ")} import only packages on lower floors (${floors.slice(0, i).flat().join(", ") || "none"}): nothing imports upward or sideways.`,
      from: { path: `^packages/(${alt(floor)})/src/` },
      to: { path: `^packages/(${alt(sameOrHigher)})/`, pathNot: "^packages/$1/" },
    });
  });
  if (onFloors.length && [...tooling, ...TOOLING].length) {
    forbidden.push({
      name: "no-test-tooling-in-packages",
      severity: "error",
      comment: "A published package's sources import none of the test tooling.",
      from: { path: `^packages/(${alt(onFloors)})/src/` },
      to: { path: `^packages/(${alt([...new Set([...tooling, ...TOOLING])])})/|^bench/` },
    });
  }
  return {
    forbidden,
    options: {
      // Type-only imports count: a cycle through `import type` is still a cycle.
      tsPreCompilationDeps: true,
      // Another package is reached at its built entry (dist/*.d.ts) and not followed further:
      // its own sources are cruised from its own src/.
      doNotFollow: { path: "node_modules|/dist/" },
      exclude: { path: "/test/|\\.test\\.ts$" },
      validate: true,
      moduleSystems: ["es6", "cjs"],
      // Package "imports" (#transport) and workspace packages resolve by their "types"
      // condition: to the sources, as TypeScript reads them.
      enhancedResolveOptions: { conditionNames: ["types", "import", "node", "default"], exportsFields: ["exports"], extensions: [".ts", ".d.ts", ".js", ".mjs", ".cjs"], mainFields: ["types", "module", "main"] },
      baseDir: root,
    },
  };
}

/**
 * The violations of the rules in `root`'s packages/*\/src, one line each ("rule: from -> to").
 * @param {string} root
 * @returns {Promise<{ violations: string[], modules: number, dependencies: number }>}
 */
export async function checkImports(root = ROOT) {
  const config = importRules(root);
  const sources = readdirSync(join(root, "packages"))
    .map((p) => `packages/${p}/src`)
    .filter((p) => existsSync(join(root, p)));
  const { output } = await cruise(sources, { ...config.options, ruleSet: { forbidden: config.forbidden } });
  const result = /** @type {ICruiseResult} */ (typeof output === "string" ? JSON.parse(output) : output);
  const violations = result.summary.violations.map((v) => {
    const cycle = v.cycle?.length ? ` (cycle: ${[v.from, ...v.cycle.map((c) => c.name)].join(" -> ")})` : "";
    return `${v.rule.name}: ${v.from} -> ${v.to}${cycle}`;
  });
  return { violations, modules: result.summary.totalCruised, dependencies: result.summary.totalDependenciesCruised ?? 0 };
}

/**
 * @param {string[]} argv
 * @param {{ log(...a: unknown[]): void, error(...a: unknown[]): void }} io
 */
export async function main(argv = process.argv.slice(2), io = console) {
  try {
    const { values } = parseArgs({ args: argv, options: { root: { type: "string" } } });
    const { violations, modules, dependencies } = await checkImports(values.root ? resolve(values.root) : ROOT);
    for (const v of violations) io.error(v);
    io.log(`import graph: ${modules} modules, ${dependencies} imports, ${violations.length} violation(s)`);
    return violations.length ? 1 : 0;
  } catch (err) {
    io.error(err instanceof Error ? err.stack : String(err));
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main().then((code) => process.exit(code));
