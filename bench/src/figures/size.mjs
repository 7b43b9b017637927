// 5. Size: the minified+gzipped bundle of the facade and of each provider package (esbuild,
// zlib), and the bytes on disk of a consumer's npm install of @llm-files/unified (the
// workspace packages packed with `pnpm pack`, their dependencies from the npm registry)
// against one of openai.
import { execFileSync } from "node:child_process";
import { mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { NOT_BUILT } from "../available.mjs";
import { packageOf } from "../profile.mjs";
import { PROVIDER_PACKAGES, ROUTES, entryFile, packageDir, profileOf } from "../providers.mjs";
import { workspaceClosure } from "../../../packages/runtimes/src/pack.mjs";

const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
const MB = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
/** Target (issue 25): the facade with one provider, a browser build, at most this many bytes min+gz. */
const LIMIT = 12 * 1024;

const ownerOf = (path) => packageOf(path) ?? path;

// Code splitting on, as webpack and rollup do by default: what `import()` loads on demand
// (a provider's Files operations and OpenAPI document, which its profile module loads on first
// use; on Node, the proxy helpers, loaded only when a proxy is set) lands in its own chunks,
// reported apart from what loads at start: the entry chunk and every chunk it imports
// statically (esbuild puts code that both start and a lazy import need into such shared chunks).
async function bundle(bench, entry, platform = "node", lazyFrom = [], splitting = true) {
  const { build } = await import("esbuild");
  const r = await build({
    entryPoints: { entry: "bench-size-entry" },
    // A package the bench does not depend on itself (a provider reached through the registry) by its entry file.
    plugins: [{ name: "entry", setup: (b) => (b.onResolve({ filter: /^bench-size-entry$/ }, () => ({ path: "entry", namespace: "entry" })), b.onLoad({ filter: /.*/, namespace: "entry" }, () => ({ contents: `export * from ${JSON.stringify(entry.startsWith("@llm-files/") ? (entryFile(entry) ?? entry) : entry)};`, resolveDir: bench }))) }],
    bundle: true,
    splitting,
    outdir: "out",
    minify: true,
    format: "esm",
    platform,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const outputs = r.metafile.outputs;
  const fileOf = (key) => r.outputFiles.find((f) => f.path.endsWith(`/${key}`));
  /** The chunks `from` loads before running: itself and its static imports, transitively. */
  const loaded = (from) => {
    const seen = new Set();
    const visit = (key) => {
      if (seen.has(key) || !outputs[key]) return;
      seen.add(key);
      for (const i of outputs[key].imports) if (i.kind === "import-statement") visit(i.path);
    };
    from.forEach(visit);
    return seen;
  };
  const entryKey = Object.keys(outputs).find((k) => k.endsWith("entry.js"));
  const start = loaded([entryKey]);
  const js = Object.keys(outputs).filter((k) => k.endsWith(".js"));
  const size = (keys, gz) => [...keys].reduce((n, k) => n + (gz ? gzipSync(fileOf(k).contents, { level: 9 }).length : fileOf(k).contents.length), 0);
  // What a first call adds for one provider: the chunks holding its package's entry (lazyFrom: absolute file paths) and their static imports.
  const holding = js.filter((k) => Object.keys(outputs[k].inputs).some((input) => lazyFrom.includes(resolve(input))));
  const withOne = new Set([...start, ...loaded(holding)]);
  const byOwner = new Map();
  for (const key of start) for (const [path, { bytesInOutput }] of Object.entries(outputs[key].inputs)) byOwner.set(ownerOf(path), (byOwner.get(ownerOf(path)) ?? 0) + bytesInOutput);
  const text = r.outputFiles.map((f) => f.text).join("\n");
  return {
    min: size(start, false),
    gz: size(start, true),
    lazyGz: size(js.filter((k) => !start.has(k)), true),
    withOneGz: holding.length ? size(withOne, true) : undefined,
    nodeImports: new Set(text.match(/["'`]node:[a-z_/]+["'`]/g) ?? []).size,
    byOwner,
  };
}

/** Minified bytes by package, largest first. */
const owners = (byOwner) => [...byOwner].filter(([o]) => o !== "<stdin>" && o !== "entry:entry").sort((x, y) => y[1] - x[1]).map(([o, n]) => `${o} ${kB(n)}`).join(", ");

function du(dir) {
  return Number(execFileSync("du", ["-sb", dir], { encoding: "utf8" }).split("\t")[0]);
}

async function countPackages(nodeModules) {
  let n = 0;
  for (const name of await readdir(nodeModules)) {
    if (name.startsWith(".")) continue;
    if (name.startsWith("@")) n += (await readdir(join(nodeModules, name))).length;
    else n++;
  }
  return n;
}

async function footprint(openaiVersion) {
  const dir = join(tmpdir(), `llm-files-footprint-${process.pid}`);
  await rm(dir, { recursive: true, force: true });
  const packed = join(dir, "tarballs");
  await mkdir(packed, { recursive: true });
  const tarball = {};
  // The facade and every llm-files package it depends on, transitively (core, the registry, the providers it lists).
  for (const [name, folder] of await workspaceClosure("@llm-files/unified")) {
    const before = new Set(await readdir(packed));
    execFileSync("pnpm", ["pack", "--pack-destination", packed], { cwd: folder, stdio: "ignore" });
    tarball[name] = join(packed, (await readdir(packed)).find((f) => !before.has(f)));
  }
  // One provider package alone (the bench's list/retrieve provider) and what it depends on.
  const one = profileOf(ROUTES).package;
  const consumer = async (name, deps) => {
    const c = join(dir, name.replace(/\W+/g, "-"));
    await mkdir(c, { recursive: true });
    await writeFile(join(c, "package.json"), JSON.stringify({ name: "bench-consumer", private: true }));
    try {
      execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock", ...deps], { cwd: c, stdio: "pipe" });
    } catch (err) {
      throw new Error(`npm install ${deps.join(" ")} failed: ${String(err.stderr).slice(-1500)}`);
    }
    const nm = join(c, "node_modules");
    return { name, bytes: du(nm), packages: await countPackages(nm) };
  };
  try {
    const packedBytes = (await Promise.all(Object.values(tarball).map((f) => stat(f)))).reduce((s, x) => s + x.size, 0);
    const rows = [
      await consumer("@llm-files/unified", Object.values(tarball)),
      await consumer(one, [...(await workspaceClosure(one)).keys()].map((name) => tarball[name])),
      await consumer("openai", [`openai@${openaiVersion}`]),
    ];
    return { rows, packedBytes, packages: Object.keys(tarball).length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function sizeFigure(ctx) {
  const { bench, available, quick } = ctx;
  const entries = ["@llm-files/unified", ...PROVIDER_PACKAGES, "openai"];
  const rows = [];
  const targets = [];
  let facadeOwners = "";
  let oneOwners = "";
  for (const entry of entries) {
    if (entry.startsWith("@llm-files") && !available.has(entry)) {
      rows.push(`| ${entry} | ${NOT_BUILT} | | | |`);
      continue;
    }
    const b = await bundle(bench, entry, "node");
    rows.push(`| ${entry} | ${kB(b.min)} | ${kB(b.gz)} | ${b.lazyGz ? kB(b.lazyGz) : "—"} | ${b.nodeImports} |`);
    if (entry === "@llm-files/unified") {
      // The default build (browsers, workers): no node: import may remain.
      const w = await bundle(bench, entry, "browser");
      rows.push(`| ${entry} (platform browser) | ${kB(w.min)} | ${kB(w.gz)} | ${w.lazyGz ? kB(w.lazyGz) : "—"} | ${w.nodeImports} |`);
      targets.push(["browser bundle of the facade: 0 node: imports", String(w.nodeImports), w.nodeImports === 0]);
      facadeOwners = owners(b.byOwner);
    }
  }
  // The facade with one provider in a browser build: its own entry (@llm-files/unified/<provider>),
  // as one file (esbuild --bundle --minify --platform=browser: what its provider module loads on
  // first use, the Files operations, inlined; no client: the module names none), and with code
  // splitting (what loads at start; what the first call adds).
  const one = `@llm-files/unified/${ROUTES}`;
  const browserRows = [];
  if (available.has(one)) {
    const whole = await bundle(bench, one, "browser", [], false);
    // The first call loads the provider's Files operations (its provider module's files(): dist/files.js) and the facade's operations.
    const providerDir = packageDir(profileOf(ROUTES).package);
    const firstCall = [providerDir && join(providerDir, "dist/files.js"), packageDir("@llm-files/unified") && join(packageDir("@llm-files/unified"), "dist/operations.js")].filter(Boolean);
    const split = await bundle(bench, one, "browser", firstCall);
    browserRows.push(`| ${one}, one file | ${kB(whole.min)} | ${kB(whole.gz)} | ${whole.nodeImports} |`);
    browserRows.push(`| ${one}, split: at start | ${kB(split.min)} | ${kB(split.gz)} | ${split.nodeImports} |`);
    browserRows.push(`| ${one}, split: at start + the first call's chunks | — | ${kB(split.withOneGz ?? split.gz)} | ${split.nodeImports} |`);
    targets.push([`facade + one provider ≤ 12 kB min+gz, browser build as one file (${one}; its Files operations included)`, kB(whole.gz), whole.gz <= LIMIT]);
    targets.push([`facade + one provider ≤ 12 kB min+gz, browser build, what loads at start (${one}; the Files operations are a chunk of the first call)`, `${kB(split.gz)} (+ first call: ${kB(split.withOneGz ?? split.gz)})`, split.gz <= LIMIT]);
    oneOwners = owners(whole.byOwner);
  } else targets.push([`facade + one provider ≤ 12 kB min+gz (${one})`, NOT_BUILT, null]);
  for (const entry of PROVIDER_PACKAGES) {
    if (!available.has(entry)) continue;
    const alone = await bundle(bench, entry, "browser", [], false);
    browserRows.push(`| ${entry} alone, one file | ${kB(alone.min)} | ${kB(alone.gz)} | ${alone.nodeImports} |`);
  }
  let body =
    `Bundles: \`export * from "<package>"\` bundled by esbuild (minified, ESM, platform node unless said, so node: built-ins stay external; code splitting on), gzip level 9. ` +
    `"min" and "min+gz" are what loads at start (the entry chunk and the chunks it imports statically); "lazy" is what \`import()\` loads on demand (llm-files: every provider's Files operations and OpenAPI document, which its profile module loads on first use; on Node, the proxy helpers, only when a proxy is set); "node: imports" counts distinct node: built-ins left in the output.\n\n` +
    `| bundle | min | min+gz | lazy chunks, min+gz | node: imports |\n|---|---|---|---|---|\n${rows.join("\n")}`;
  if (browserRows.length) {
    body +=
      `\n\nBrowser builds of one provider (\`esbuild --bundle --minify --platform=browser\`, gzip -9): the facade's entry for ${ROUTES} as one file (what a plain bundle holds: what it loads on first use, the provider's Files operations, inlined) and with code splitting; each provider package alone, as one file.\n\n` +
      `| browser bundle | min | min+gz | node: imports |\n|---|---|---|---|\n${browserRows.join("\n")}`;
  }
  if (facadeOwners) body += `\n\nWhat the facade bundle is made of (minified bytes by package): ${facadeOwners}.`;
  if (oneOwners) body += `\n\nWhat ${one} as one browser file is made of (minified bytes by package): ${oneOwners}.`;
  if (quick) body += "\n\nConsumer install footprint: skipped in --quick.";
  else if (!available.has("@llm-files/unified")) body += `\n\nConsumer install footprint: ${NOT_BUILT}.`;
  else {
    const { rows: installs, packedBytes, packages } = await footprint(ctx.versions.openai);
    body +=
      `\n\nConsumer install: \`npm install\` into an empty project (\`--ignore-scripts\`, no lockfile); the llm-files packages from \`pnpm pack\` tarballs (${kB(packedBytes)} packed, all ${packages}), ` +
      `their dependencies (openapi-fetch) and openai from the npm registry; bytes of node_modules by \`du -sb\`.\n\n` +
      `| consumer installs | node_modules on disk | packages |\n|---|---|---|\n${installs.map((r) => `| ${r.name} | ${MB(r.bytes)} | ${r.packages} |`).join("\n")}`;
  }
  console.log("size done");
  return { title: "Size", body, targets };
}
