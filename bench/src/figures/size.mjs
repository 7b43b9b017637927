// 5. Size: the minified+gzipped bundle of the facade and of each provider package (esbuild,
// zlib), and the bytes on disk of a consumer's npm install of @llm-files/unified (the
// workspace packages packed with `pnpm pack`, their dependencies from the npm registry)
// against one of openai.
import { execFileSync } from "node:child_process";
import { mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { NOT_BUILT } from "../available.mjs";
import { packageOf } from "../profile.mjs";
import { PROVIDER_PACKAGES, ROUTES, entryFile, profileOf } from "../providers.mjs";
import { workspaceClosure } from "../../../packages/runtimes/src/pack.mjs";

const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
const MB = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
const LIMIT = 15 * 1024;

const ownerOf = (path) => packageOf(path) ?? path;

// Code splitting on, as webpack and rollup do by default: what `import()` loads on demand
// (on Node, the proxy helpers, loaded only when a proxy is set) lands in its own chunks,
// reported apart from the entry chunk that loads at start.
async function bundle(bench, entry, platform = "node") {
  const { build } = await import("esbuild");
  const r = await build({
    entryPoints: { entry: "bench-size-entry" },
    // A package the bench does not depend on itself (a provider reached through the registry) by its entry file.
    plugins: [{ name: "entry", setup: (b) => (b.onResolve({ filter: /^bench-size-entry$/ }, () => ({ path: "entry", namespace: "entry" })), b.onLoad({ filter: /.*/, namespace: "entry" }, () => ({ contents: `export * from ${JSON.stringify(entry.startsWith("@llm-files/") ? (entryFile(entry) ?? entry) : entry)};`, resolveDir: bench }))) }],
    bundle: true,
    splitting: true,
    outdir: "out",
    minify: true,
    format: "esm",
    platform,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const main = r.outputFiles.find((f) => /\/entry\.js$/.test(f.path));
  const lazy = r.outputFiles.filter((f) => f !== main && f.path.endsWith(".js"));
  const byOwner = new Map();
  const mainMeta = Object.entries(r.metafile.outputs).find(([k]) => k.endsWith("entry.js"))[1];
  for (const [path, { bytesInOutput }] of Object.entries(mainMeta.inputs)) byOwner.set(ownerOf(path), (byOwner.get(ownerOf(path)) ?? 0) + bytesInOutput);
  const text = r.outputFiles.map((f) => f.text).join("\n");
  return {
    min: main.contents.length,
    gz: gzipSync(main.contents, { level: 9 }).length,
    lazyGz: lazy.reduce((n, f) => n + gzipSync(f.contents, { level: 9 }).length, 0),
    nodeImports: new Set(text.match(/["'`]node:[a-z_/]+["'`]/g) ?? []).size,
    byOwner,
  };
}

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
  for (const entry of entries) {
    if (entry.startsWith("@llm-files") && !available.has(entry)) {
      rows.push(`| ${entry} | ${NOT_BUILT} | | | |`);
      continue;
    }
    const b = await bundle(bench, entry);
    rows.push(`| ${entry} | ${kB(b.min)} | ${kB(b.gz)} | ${b.lazyGz ? kB(b.lazyGz) : "—"} | ${b.nodeImports} |`);
    if (entry === "@llm-files/unified") {
      // The default build (browsers, workers): no node: import may remain.
      const w = await bundle(bench, entry, "browser");
      rows.push(`| ${entry} (platform browser) | ${kB(w.min)} | ${kB(w.gz)} | ${w.lazyGz ? kB(w.lazyGz) : "—"} | ${w.nodeImports} |`);
      targets.push(["browser bundle of the facade: 0 node: imports", String(w.nodeImports), w.nodeImports === 0]);
    }
    if (entry === "@llm-files/unified") {
      targets.push(["facade + one provider ≤ 15 kB min+gz (the facade bundle holds every provider)", kB(b.gz), b.gz <= LIMIT]);
      facadeOwners = [...b.byOwner].filter(([o]) => o !== "<stdin>").sort((x, y) => y[1] - x[1]).map(([o, n]) => `${o} ${kB(n)}`).join(", ");
    }
  }
  if (!available.has("@llm-files/unified")) targets.push(["facade + one provider ≤ 15 kB min+gz", NOT_BUILT, null]);
  let body =
    `Bundles: \`export * from "<package>"\` bundled by esbuild (minified, ESM, platform node unless said, so node: built-ins stay external; code splitting on), gzip level 9. ` +
    `"min" and "min+gz" are the entry chunk, what loads at start; "lazy" is what \`import()\` loads on demand (llm-files on Node: the proxy helpers, only when a proxy is set); "node: imports" counts distinct node: built-ins left in the output.\n\n` +
    `| bundle | min | min+gz | lazy chunks, min+gz | node: imports |\n|---|---|---|---|---|\n${rows.join("\n")}`;
  if (facadeOwners) body += `\n\nWhat the facade bundle is made of (minified bytes by package): ${facadeOwners}.`;
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
