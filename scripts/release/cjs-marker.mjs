// After the CommonJS build (tsconfig.cjs.json → dist/cjs), mark dist/cjs as CommonJS: the
// package is "type": "module", so without this Node and TypeScript would read the emitted
// .js/.d.ts files there as ES modules.
//
// dist/cjs/package.json is then the package scope of the CommonJS files, and an "imports"
// field there is not something to publish (publint: nested "imports" are ignored by tools
// and only some resolvers read them). So a package "imports" specifier (#wire, #files) in the
// CommonJS copy is written as the relative path of its "node" → "require" target: require()
// exists only in Node-compatible runtimes, which have node:http and a filesystem. The types
// (.d.ts) never name these specifiers. Usage: cjs-marker.mjs [package-dir ...] (default: .)
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

/**
 * The CommonJS file an "imports" entry names for Node (the node.require branch, else require).
 * @param {unknown} target
 * @returns {string | undefined}
 */
function requireTarget(target) {
  if (typeof target === "string") return target.startsWith("./dist/cjs/") ? target : undefined;
  if (target === null || typeof target !== "object") return undefined;
  const t = /** @type {{ node?: { require?: unknown } | string | null, require?: unknown }} */ (target);
  return requireTarget(t.node !== null && typeof t.node === "object" ? (t.node.require ?? t.node) : t.node) ?? requireTarget(t.require);
}

/**
 * @param {string} dir
 * @returns {Generator<string>}
 */
function* jsFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* jsFiles(path);
    else if (entry.name.endsWith(".js")) yield path;
  }
}

const dirs = process.argv.length > 2 ? process.argv.slice(2) : ["."];
for (const dir of dirs) {
  const cjs = join(dir, "dist/cjs");
  writeFileSync(join(cjs, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const targets = new Map();
  for (const [name, target] of Object.entries(pkg.imports ?? {})) {
    const file = requireTarget(target);
    if (!file) throw new Error(`${dir}/package.json: "imports" ${name} has no node/require target in dist/cjs`);
    targets.set(name, join(dir, file));
  }
  if (targets.size === 0) continue;
  for (const file of jsFiles(cjs)) {
    const text = readFileSync(file, "utf8");
    const out = text.replace(/require\("(#[^"]+)"\)/g, (whole, name) => {
      const target = targets.get(name);
      if (!target) throw new Error(`${file}: require("${name}") is not in package.json "imports"`);
      let rel = relative(dirname(file), target).split("\\").join("/");
      if (!rel.startsWith(".")) rel = `./${rel}`;
      return `require("${rel}")`;
    });
    if (out !== text) writeFileSync(file, out);
  }
}
