// The size and import budget (issue 25): what importing a package loads, and what a browser
// bundle of the facade with one provider weighs, held under budgets with a margin. Counts and
// bytes, not times: a busy machine changes neither, so this fails on a regression and on
// nothing else (the times are the bench's: `pnpm bench`, bench/RESULTS.md).
//   - import: files loaded and their bytes, and no node: built-in loaded at import (node:http,
//     node:https, node:zlib, node:fs load with the first request or file; scripts/import-cost.mjs);
//   - the browser build (esbuild --bundle --minify --platform=browser, gzip -9) of the facade
//     for one provider: no node: import, no mime-db table, at most so many bytes, and for every
//     provider no openapi-fetch (the facade never uses `raw`, and no provider module names the
//     package's client).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type BuildOptions, type Metafile } from "esbuild";
import { REPO_ROOT } from "@llm-files/testing";
import { describe, expect, it } from "vitest";
import { importCost, sourcesOf } from "../import-cost.mjs";
import { registryProviders } from "../provider-entries.mjs";
import { readFileSync } from "node:fs";

/** Budgets: today's figure plus a margin (today's in the comment). Raise one only for a change that is worth its cost. */
const BUDGET = {
  /**
   * `import "@llm-files/unified"`: one file per package: the facade's entry and shared file, core's
   * light entry and the registry (4 files, 29.5 kB), and each provider's profile (1 file, 3-6 kB).
   * With eight providers: 12 files, 64 kB (35 files, 78 kB before the entries were bundled).
   */
  facade: { modules: (providers: number) => 4 + providers + 2, kB: (providers: number) => 34 + 5 * providers },
  /** `import "@llm-files/unified/<provider>"`: one provider's profile only (5 files, 32 kB; was 14 files, 42 kB). */
  oneProvider: { modules: 6, kB: 38 },
  /** `import "@llm-files/<provider>"`: the client (core, openapi-fetch) and nothing node: (11 files, its files.ts one of them; was 35-40). */
  providerPackage: { modules: 12 },
  /**
   * The browser bundle of `@llm-files/unified/<provider>`, min+gz: what loads at start (7.7 kB:
   * core's light entry keeps its functions' names, +0.4 kB, so a minified app's errors keep
   * theirs), and the whole single file: what the provider module names, its Files operations
   * (its `files()`) and spec (left out by the package's "browser" map), inlined (24.7 kB for
   * moonshot, 24.3 kB for anthropic, 26.4 kB for openai; 27.5 kB for moonshot while the module
   * also had `client()`, whose import() brought the client and openapi-fetch, 6.5 kB min).
   */
  browser: { startKB: 8.5, wholeKB: 25.4 },
} as const;

/** A string only openapi-fetch's code has (its middleware's error): the raw client's library is in a bundle. */
const OPENAPI_FETCH = "onError: must return new Response() or instance of Error";
const PROVIDERS = registryProviders(readFileSync(join(REPO_ROOT, "packages/registry/src/index.ts"), "utf8")).map((p) => p.name);
const FIRST = PROVIDERS[0]!;
const pkgDir = (name: string) => join(REPO_ROOT, "packages", name);
const kB = (n: number) => n / 1024;

describe("what an import loads", () => {
  it("the facade: its budget of modules and bytes, and no node: built-in", async () => {
    const c = await importCost("@llm-files/unified", { cwd: pkgDir("unified") });
    expect(c.modules.length, c.modules.join("\n")).toBeLessThanOrEqual(BUDGET.facade.modules(PROVIDERS.length));
    expect(kB(c.bytes)).toBeLessThanOrEqual(BUDGET.facade.kB(PROVIDERS.length));
    expect(c.builtins).toEqual([]);
    // Nothing that sends: no client, request policy, transport, openapi-fetch, proxy helpers. By
    // source file: a bundled dist file stands for the sources it holds (its dist/.bundle.json).
    const sources = sourcesOf(c.modules);
    expect(sources.some((f) => f.endsWith("/core/src/errors.ts")), sources.join("\n")).toBe(true);
    expect(sources.filter((f) => /\/(client|policy|transport-node|transport-fetch|proxy-node|decode-node)\.[jt]s$|openapi-fetch|proxy-from-env|proxy-agent|\/mime\//.test(f))).toEqual([]);
  });

  it("a provider's own facade entry: one profile, none of the other providers'", async () => {
    const c = await importCost(`@llm-files/unified/${FIRST}`, { cwd: pkgDir("unified") });
    expect(c.modules.length, c.modules.join("\n")).toBeLessThanOrEqual(BUDGET.oneProvider.modules);
    expect(kB(c.bytes)).toBeLessThanOrEqual(BUDGET.oneProvider.kB);
    expect(c.builtins).toEqual([]);
    for (const other of PROVIDERS.filter((p) => p !== FIRST)) expect(c.modules.some((u) => u.includes(`/packages/${other}/`)), other).toBe(false);
  });

  it("every provider package: its client loads no node: built-in until the first request or file", async () => {
    const costs = await Promise.all(PROVIDERS.map((p) => importCost(`@llm-files/${p}`, { cwd: pkgDir(p) })));
    for (const [i, p] of PROVIDERS.entries()) {
      const c = costs[i]!;
      expect(c.modules.length, `${p}: ${c.modules.join("\n")}`).toBeLessThanOrEqual(BUDGET.providerPackage.modules);
      expect(c.builtins, p).toEqual([]);
      const sources = sourcesOf(c.modules);
      expect(sources.some((f) => f.endsWith("/core/src/client.ts")), `${p}: ${sources.join("\n")}`).toBe(true);
      expect(sources.filter((f) => /proxy-from-env|proxy-agent|\/mime\/|decode-node/.test(f)), p).toEqual([]);
    }
  });
});

/** esbuild's browser bundle of `export * from "<spec>"`, as the issue measures it (one file). */
async function oneFile(spec: string) {
  const common: BuildOptions = { stdin: { contents: `export * from ${JSON.stringify(spec)};`, resolveDir: pkgDir("unified"), loader: "js" }, bundle: true, minify: true, format: "esm", platform: "browser", write: false, logLevel: "silent" };
  return { common, whole: await build({ ...common, outfile: "out.js" }) };
}

/** esbuild's browser bundle of `export * from "<spec>"`, as the issue measures it, and with code splitting (what loads at start). */
async function browserBundle(spec: string): Promise<{ wholeGz: number; startGz: number; text: string; warnings: string[] }> {
  const gz = (b: Uint8Array) => gzipSync(b, { level: 9 }).length;
  const { common, whole } = await oneFile(spec);
  const split = await build({ ...common, splitting: true, outdir: "out", metafile: true });
  const outputs = (split.metafile as Metafile).outputs;
  const start = new Set<string>();
  const visit = (k: string) => {
    if (start.has(k)) return;
    start.add(k);
    for (const i of outputs[k]!.imports) if (i.kind === "import-statement") visit(i.path);
  };
  visit(Object.keys(outputs).find((k) => outputs[k]!.entryPoint)!);
  const startGz = [...start].reduce((n, k) => n + gz(split.outputFiles!.find((f) => f.path.endsWith(`/${k.split("/").pop()}`))!.contents), 0);
  return { wholeGz: gz(whole.outputFiles![0]!.contents), startGz, text: whole.outputFiles![0]!.text, warnings: [...whole.warnings, ...split.warnings].map((w) => w.text) };
}

describe("the browser build of the facade with one provider", () => {
  it(`@llm-files/unified/${FIRST}: no node: import, no mime-db table, none of the other providers, within its bytes`, async () => {
    const b = await browserBundle(`@llm-files/unified/${FIRST}`);
    expect(b.text.match(/["'`]node:[a-z_/]+["'`]/g) ?? []).toEqual([]);
    // A type mime-db has and the small table does not: the 40 kB table is not there.
    expect(b.text).not.toContain("application/vnd.ms-fontobject");
    // Nothing an app's bundler warns about (a bare import of a chunk in a "sideEffects": false package was one).
    expect(b.warnings).toEqual([]);
    // Nor the provider's OpenAPI document (its package.json's "browser" map leaves it out).
    expect(b.text).not.toMatch(/["']?openapi["']?:["']3\./);
    // Nor openapi-fetch: the provider module names no client (the package's index, raw over openapi-fetch).
    expect(b.text.includes(OPENAPI_FETCH), "the facade's bundle holds openapi-fetch").toBe(false);
    for (const other of PROVIDERS.filter((p) => p !== FIRST)) expect(b.text.includes(`"${other}"`), other).toBe(false);
    expect(kB(b.startGz)).toBeLessThanOrEqual(BUDGET.browser.startKB);
    expect(kB(b.wholeGz)).toBeLessThanOrEqual(BUDGET.browser.wholeKB);
  });

  it("every provider's facade entry as one file (its Files operations inlined) holds no openapi-fetch; its client does", async () => {
    for (const p of PROVIDERS) {
      const { whole } = await oneFile(`@llm-files/unified/${p}`);
      expect(whole.outputFiles![0]!.text.includes(OPENAPI_FETCH), `@llm-files/unified/${p} bundles openapi-fetch`).toBe(false);
      expect(whole.warnings.map((w) => w.text), p).toEqual([]);
    }
    // The string is still openapi-fetch's (an upgrade that rewords it would make the checks above pass vacuously).
    expect((await oneFile(join(pkgDir(FIRST), "dist/index.js"))).whole.outputFiles![0]!.text).toContain(OPENAPI_FETCH);
  });

  it("minified, its error classes keep their names (FilesError names each error after its class)", async () => {
    const b = await browserBundle(`@llm-files/unified/${FIRST}`);
    const file = join(mkdtempSync(join(tmpdir(), "llm-files-budget-")), "bundle.mjs");
    writeFileSync(file, b.text);
    try {
      const m = (await import(pathToFileURL(file).href)) as { FilesError: { name: string }; RateLimitError: new (o: { provider: string; message: string }) => Error };
      expect(new m.RateLimitError({ provider: FIRST, message: "slow down" }).name).toBe("RateLimitError");
      expect(m.FilesError.name).toBe("FilesError");
    } finally {
      rmSync(dirname(file), { recursive: true, force: true });
    }
  });
});
