#!/usr/bin/env node
// Rewrites a package's ES-module entry files in dist/ (those its package.json "exports" and
// "imports" name; the CommonJS copy aside) as esbuild bundles of its own sources. Why: Node's
// ES-module loader pays per file (resolve, read, compile, link: about a millisecond each on a
// cold start, the code itself almost nothing), and `import "@llm-files/unified"` loaded 26
// files for +41 ms over `node -e 0` (issue 25's target: +25 ms).
//
// Two layers, so that what loads at import is one file per package and every module still has
// exactly one copy (a class is one class whichever entry reached it):
//   1. the package's light entry (BASE below: core's `./profile`, a provider's `./profile`, the
//      facade's shared part) as ONE file holding every module it reaches statically; it also
//      exports those modules' names, for layer 2 (its own exports win over theirs);
//   2. the other entries, bundled together with code splitting (shared code in
//      dist/chunk-<hash>.js), importing layer 1's modules from layer 1's file; and, as entries
//      of their own (dist/<x>.js), the modules layer 1 loads lazily (a provider's files.ts,
//      which its client imports too; the facade's operations.ts), so that such a module has one
//      copy whoever imports it.
// Any other dynamic import() stays lazy (its own chunk). Every import of another package (bare
// specifiers, node:, the package's own "#..." conditions) is left for Node or the app's bundler
// to resolve, as before. tsc still emits every file (the .d.ts the "types" conditions name, the
// CommonJS copy); this step runs after it (scripts/build.mjs, each package's `build` script) and
// overwrites the entry files and layer 1's file only. dist/.bundle.json records which sources
// each output holds (the budget test reads it). After a build, each entry is imported once in a
// child Node process: a missing name or path fails the build, not a user.
//   node scripts/release/bundle-esm.mjs [<package dir>...]   (no argument: every package whose build runs it)
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Layer 1 of each bundled package: the module whose file it becomes (under src/, no extension), and other modules folded into it. */
const PROVIDER_BASE = { entry: "profile", with: [] };
export const BASE = /** @type {Record<string, { entry: string, with: string[] }>} */ ({
  core: { entry: "profile-entry", with: [] },
  // The facade's part that every entry loads: the facade over one module, and the per-provider wrapper.
  unified: { entry: "facade", with: ["one-provider"] },
  moonshot: PROVIDER_BASE,
  novita: PROVIDER_BASE,
  minimax: PROVIDER_BASE,
  openai: PROVIDER_BASE,
  mistral: PROVIDER_BASE,
});

/**
 * Every string target in an exports/imports map.
 * @param {unknown} map
 * @returns {string[]}
 */
const targets = (map) => (typeof map === "string" ? [map] : map && typeof map === "object" ? Object.values(map).flatMap(targets) : []);

/**
 * The package's ES-module entry files: dist/<x>.js (not dist/cjs/) built from src/<x>.ts; a "*" expands over src.
 * @param {string} dir
 * @returns {string[]} the <x>s
 */
export function entriesOf(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const found = new Set();
  for (const t of [...targets(pkg.exports), ...targets(pkg.imports)]) {
    const m = /^\.\/dist\/(?!cjs\/)(.+)\.js$/.exec(t);
    if (!m) continue;
    if (!m[1].includes("*")) found.add(m[1]);
    else {
      const [before, after] = m[1].split("*");
      const sub = dirname(`${before}x`);
      for (const f of readdirSync(join(dir, "src", sub))) {
        const n = join(sub, f.replace(/\.ts$/, "")).replace(/^\.\//, "");
        if (f.endsWith(".ts") && !f.endsWith(".d.ts") && n.startsWith(before) && n.endsWith(after)) found.add(n);
      }
    }
  }
  return [...found].filter((n) => existsSync(join(dir, "src", `${n}.ts`)));
}

/** The source file an import of `spec` from `resolveDir` names (./x.js is src/x.ts), or undefined. */
const sourceOf = (/** @type {string} */ spec, /** @type {string} */ resolveDir) => {
  const p = resolve(resolveDir, spec);
  for (const f of [p.replace(/\.js$/, ".ts"), p, `${p}.ts`]) if (existsSync(f) && f.endsWith(".ts")) return f;
  return undefined;
};

/** @type {import("esbuild").BuildOptions} */
const COMMON = {
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  sourcemap: true,
  sourcesContent: false,
  metafile: true,
  write: true,
  logLevel: "warning",
};

/**
 * Bundles one package's entries into its dist/.
 * @param {string} dir the package folder
 */
export async function bundlePackage(dir) {
  const name = basename(dir);
  // A provider package the list does not name yet (`pnpm new-provider` copies moonshot's scripts): its profile.
  const base = BASE[name] ?? (existsSync(join(dir, "src/profile.ts")) ? PROVIDER_BASE : undefined);
  const opts = { absWorkingDir: dir };
  if (!base) throw new Error(`bundle-esm: ${name} has no layer 1 (BASE in scripts/release/bundle-esm.mjs)`);
  const src = join(dir, "src");
  const dist = join(dir, "dist");
  const record = join(dist, ".bundle.json");
  const tsconfig = join(dir, "tsconfig.build.json");
  // The chunks of the last run go first: their names are hashes of their contents.
  if (existsSync(record)) for (const f of Object.keys(JSON.parse(readFileSync(record, "utf8")))) if (/(^|\/)chunk-[^/]+\.js$/.test(f)) for (const x of [f, `${f}.map`]) rmSync(join(dist, x), { force: true });
  const entries = entriesOf(dir);
  const baseFile = join(src, `${base.entry}.ts`);
  /** Another package's module, or a built-in: left as it is. */
  const outside = { name: "outside", setup: (/** @type {import("esbuild").PluginBuild} */ b) => b.onResolve({ filter: /^[^./]/ }, (a) => ({ path: a.path, external: true })) };

  const baseOut = join(dist, `${base.entry}.js`);
  const entryOut = new Map(entries.map((e) => [join(src, `${e}.ts`), join(dist, `${e}.js`)]));
  /** The path from where `importer`'s code lands (its entry's file; shared code: a chunk at dist/) to `target`. */
  const pathFrom = (/** @type {string} */ importer, /** @type {string} */ target) => {
    const from = importer === "<stdin>" ? dirname(baseOut) : dirname(entryOut.get(importer) ?? join(dist, "chunk.js"));
    const path = relative(from, target);
    return path.startsWith(".") ? path : `./${path}`;
  };
  /** The modules layer 1 loads lazily that are no entry: built with layer 2, each as its own entry (found by the dry run). */
  const lazy = new Set();
  // Layer 1 reaches another entry only lazily (a provider's client, by import()): that entry is its own file;
  // so is a module it loads lazily (a provider's Files operations), which layer 2 may import too.
  const siblings = {
    name: "siblings",
    setup: (/** @type {import("esbuild").PluginBuild} */ b) =>
      b.onResolve({ filter: /^\./ }, (a) => {
        const file = sourceOf(a.path, a.resolveDir);
        if (file && file !== baseFile && a.kind === "dynamic-import" && !entryOut.has(file)) {
          lazy.add(file);
          entryOut.set(file, join(dist, relative(src, file).replace(/\.ts$/, ".js")));
        }
        const out = file && file !== baseFile ? entryOut.get(file) : undefined;
        return out ? { path: pathFrom(a.importer, out), external: true } : undefined;
      }),
  };

  // Layer 1: which modules the light entry reaches statically (a dry run), then one file of them all.
  const starts = new Set([baseFile, ...base.with.map((m) => join(src, `${m}.ts`))]);
  const dry = await build({ ...COMMON, ...opts, entryPoints: [...starts], outdir: join(dist, ".dry"), splitting: true, write: false, tsconfig, plugins: [outside, siblings] });
  const dryOutputs = /** @type {import("esbuild").Metafile} */ (dry.metafile).outputs;
  // The entries' own files (an import() target is an entry point of the metafile too: not these).
  const startKeys = Object.entries(dryOutputs).filter(([, o]) => o.entryPoint && starts.has(resolve(dir, o.entryPoint))).map(([k]) => k);
  /** @type {Set<string>} */
  const layer1 = new Set();
  const reach = (/** @type {string} */ k) => {
    for (const i of Object.keys(dryOutputs[k].inputs)) layer1.add(resolve(dir, i));
    for (const imp of dryOutputs[k].imports) if (imp.kind === "import-statement" && dryOutputs[imp.path]) reach(imp.path);
  };
  startKeys.forEach(reach);
  const also = [...layer1].filter((f) => f !== baseFile).map((f) => `export * from ${JSON.stringify(`./${relative(dirname(baseFile), f).replace(/\.ts$/, ".js")}`)};`);
  const one = await build({
    ...COMMON,
    ...opts,
    // esbuild turns a class that names itself into `var X = class _X`, whose name is then "_X";
    // FilesError sets this.name from its class's name. keepNames fixes the names, at a cost in an
    // app's bundle (its __name() calls: 1.4 kB min+gz over all of core), so only where a class is
    // declared in layer 1 (core's errors); the entry check below tests every exported class's name.
    keepNames: [...layer1].some((f) => /^export class /m.test(readFileSync(f, "utf8"))),
    entryPoints: [{ in: baseFile, out: base.entry }],
    outdir: dist,
    splitting: true,
    chunkNames: "chunk-[hash]",
    tsconfig,
    plugins: [
      outside,
      siblings,
      {
        name: "layer-1-exports",
        // The light entry's own text (its exports win), then every module it reaches, re-exported for layer 2.
        setup: (b) => b.onLoad({ filter: /\.ts$/ }, (a) => (a.path === baseFile ? { contents: `${readFileSync(baseFile, "utf8")}\n// Layer 2's imports of these modules come here (scripts/release/bundle-esm.mjs).\n${also.join("\n")}\n`, loader: "ts" } : undefined)),
      },
    ],
  });

  // Layer 2: the other entries and the modules layer 1 loads lazily, layer 1's modules imported from its file.
  const rest = [...entries.filter((e) => e !== base.entry), ...[...lazy].map((f) => relative(src, f).replace(/\.ts$/, ""))];
  const two = rest.length
    ? await build({
        ...COMMON,
        ...opts,
        entryPoints: rest.map((e) => ({ in: join(src, `${e}.ts`), out: e })),
        outdir: dist,
        splitting: true,
        chunkNames: "chunk-[hash]",
        tsconfig,
        plugins: [
          outside,
          {
            name: "layer-1",
            setup: (b) =>
              b.onResolve({ filter: /^\./ }, (a) => {
                const file = sourceOf(a.path, a.resolveDir);
                return file && layer1.has(file) ? { path: pathFrom(a.importer, baseOut), external: true } : undefined;
              }),
          },
        ],
      })
    : undefined;

  /** @type {Record<string, string[]>} */
  const holds = {};
  const seen = new Map();
  for (const r of [one, two]) {
    if (!r) continue;
    for (const [out, o] of Object.entries(/** @type {import("esbuild").Metafile} */ (r.metafile).outputs)) {
      if (!out.endsWith(".js")) continue;
      const key = relative(dist, resolve(dir, out));
      holds[key] = Object.keys(o.inputs).map((i) => relative(dir, resolve(dir, i)));
      for (const i of holds[key]) {
        if (seen.has(i) && seen.get(i) !== key) throw new Error(`bundle-esm: ${name}: ${i} is in both ${seen.get(i)} and ${key}: a module must have one copy`);
        seen.set(i, key);
      }
    }
  }
  writeFileSync(record, JSON.stringify(holds, null, 1) + "\n");

  // esbuild writes a bare `import "./chunk-X.js";` beside an import of a chunk that imports X
  // itself (to keep the order of evaluation, which that import keeps already). An app's esbuild,
  // seeing "sideEffects": false, warns that it ignores it (ignored-bare-import): the line goes,
  // as a comment, so the source map's lines stay where they were.
  /** @type {Map<string, string[]>} each output's static imports of the package's own outputs */
  const importsOf = new Map();
  for (const r of [one, two]) {
    if (!r) continue;
    for (const [out, o] of Object.entries(/** @type {import("esbuild").Metafile} */ (r.metafile).outputs)) {
      if (out.endsWith(".js")) importsOf.set(resolve(dir, out), o.imports.filter((i) => i.kind === "import-statement" && !i.external).map((i) => resolve(dir, i.path)));
    }
  }
  /**
   * Whether `target` is reached through `from`'s static imports.
   * @param {string} from
   * @param {string} target
   * @returns {boolean}
   */
  const reaches = (from, target, seen = new Set()) => {
    if (from === target) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    return (importsOf.get(from) ?? []).some((/** @type {string} */ i) => reaches(i, target, seen));
  };
  for (const [file, imports] of importsOf) {
    const text = readFileSync(file, "utf8");
    const cleaned = text.replace(/^import "(\.{1,2}\/[^"]+)";$/gm, (line, spec) => {
      const target = resolve(dirname(file), spec);
      return imports.some((i) => i !== target && reaches(i, target)) ? `// ${spec}: imported through another chunk (bundle-esm.mjs)` : line;
    });
    if (cleaned !== text) writeFileSync(file, cleaned);
  }
  // Each entry imported once, as Node will: a name layer 1 lacks, or a wrong path, fails here.
  const files = [...entryOut.values()];
  // And every class it exports is named as exported (not "_X", nor "X2" where two modules shared a name).
  const program = `for (const f of ${JSON.stringify(files.map((f) => pathToFileURL(f).href))}) {
    const ns = await import(f);
    for (const [k, v] of Object.entries(ns)) if (typeof v === "function" && /^class\\b/.test(Function.prototype.toString.call(v)) && v.name !== k && ns[v.name] !== v) throw new Error(f + ": class " + k + " is named " + v.name);
  }`;
  const check = spawnSync(process.execPath, ["--input-type=module", "-e", program], { cwd: dir, encoding: "utf8" });
  if (check.status !== 0) throw new Error(`bundle-esm: ${name}: importing its entries failed:\n${check.stderr.slice(-2000)}`);
}

/**
 * The packages whose `build` script runs this step (scripts/build.mjs bundles these).
 * @returns {string[]} their folders
 */
export function bundledPackages() {
  const pkgs = new Map();
  for (const p of readdirSync(join(ROOT, "packages"))) {
    const d = join(ROOT, "packages", p);
    if (!existsSync(join(d, "package.json"))) continue;
    const pkg = JSON.parse(readFileSync(join(d, "package.json"), "utf8"));
    if (/bundle-esm\.mjs/.test(pkg.scripts?.build ?? "")) pkgs.set(pkg.name, { dir: d, deps: Object.keys(pkg.dependencies ?? {}) });
  }
  // Dependencies first: each package's entry check imports the bundled packages it depends on.
  /** @type {string[]} */
  const order = [];
  const visit = (/** @type {string} */ name) => {
    const p = pkgs.get(name);
    if (!p || order.includes(p.dir)) return;
    p.deps.forEach(visit);
    if (!order.includes(p.dir)) order.push(p.dir);
  };
  [...pkgs.keys()].sort().forEach(visit);
  return order;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dirs = process.argv.slice(2);
  for (const d of dirs.length ? dirs.map((x) => resolve(x)) : bundledPackages()) await bundlePackage(d);
}
