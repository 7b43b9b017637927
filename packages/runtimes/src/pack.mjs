// The packages as a user gets them: `pnpm pack` tarballs of the built workspace packages,
// installed with `npm install` into a fresh ESM project in a temp folder, with the smoke
// walk and the per-runtime entries copied next to them. What is packed is the facade and
// every workspace package it depends on, followed through package.json: core, the registry
// and every provider package the registry lists.
import { execFile } from "node:child_process";
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { PROVIDERS, registry } from "@llm-files/registry";

const run = promisify(execFile);
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../../..");

/** name -> folder of every workspace package under packages/. */
async function workspacePackages() {
  const out = new Map();
  for (const dir of await readdir(join(ROOT, "packages"))) {
    try {
      const pkg = JSON.parse(await readFile(join(ROOT, "packages", dir, "package.json"), "utf8"));
      out.set(pkg.name, { dir: join(ROOT, "packages", dir), pkg });
    } catch {}
  }
  return out;
}

/** A workspace package and the workspace packages it depends on, transitively (runtime dependencies only): name -> folder. */
export async function workspaceClosure(from) {
  const workspace = await workspacePackages();
  const seen = new Map();
  const visit = (name) => {
    if (seen.has(name)) return;
    const found = workspace.get(name);
    if (!found) return;
    seen.set(name, found.dir);
    for (const dep of Object.keys(found.pkg.dependencies ?? {})) visit(dep);
  };
  visit(from);
  return seen;
}

/**
 * The smoke walk's packages.mjs: each provider package imported by its name as written, as a
 * program names the packages it uses, so that a bundle (workerd, the browser) holds them (the
 * registry's loadClient imports a name known only at run time, which no bundler follows, and
 * workerd refuses a bundle that holds such an import()).
 * @param {string[]} packages
 */
export function packagesModule(packages) {
  return (
    "// Written by pack.mjs from the registry's list: each provider package, imported by its name.\n" +
    `const PACKAGES = {\n${packages.map((p) => `  ${JSON.stringify(p)}: () => import(${JSON.stringify(p)}),\n`).join("")}};\n` +
    "/** The module of the provider package of that name. */\n" +
    "export const loadPackage = (name) => PACKAGES[name]();\n"
  );
}

/** Packs and installs into `dir` (created); returns the project folder and the packages packed. */
export async function consumerProject(dir) {
  const tarballs = join(dir, "tarballs");
  const project = join(dir, "project");
  await mkdir(tarballs, { recursive: true });
  await mkdir(project, { recursive: true });
  const packages = await workspaceClosure("@llm-files/unified");
  // The matrix runs every provider of the registry: each one's package must be among them.
  const missing = PROVIDERS.map((p) => registry[p].profile.package).filter((name) => !packages.has(name));
  if (missing.length) throw new Error(`@llm-files/unified does not bring ${missing.join(", ")} (the registry's providers): nothing to run them with`);
  for (const folder of packages.values()) await run("pnpm", ["pack", "--pack-destination", tarballs], { cwd: folder });
  const files = (await readdir(tarballs)).filter((f) => f.endsWith(".tgz")).map((f) => join(tarballs, f));
  if (files.length !== packages.size) throw new Error(`pnpm pack made ${files.length} tarballs, expected ${packages.size}`);
  await writeFile(join(project, "package.json"), JSON.stringify({ name: "runtime-matrix-consumer", private: true, type: "module" }, null, 2));
  await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...files], { cwd: project });
  for (const f of ["smoke.mjs", "samples.mjs"]) await cp(join(HERE, f), join(project, f));
  await writeFile(join(project, "packages.mjs"), packagesModule(PROVIDERS.map((p) => registry[p].profile.package)));
  await cp(join(HERE, "entries"), join(project, "entries"), { recursive: true });
  return { project, packed: [...packages.keys()] };
}
