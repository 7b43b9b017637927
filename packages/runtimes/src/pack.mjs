// The packages as a user gets them: `pnpm pack` tarballs of the built workspace packages,
// installed with `npm install` into a fresh ESM project in a temp folder, with the smoke
// walk and the per-runtime entries copied next to them.
import { execFile } from "node:child_process";
import { cp, mkdir, readdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../../..");
export const PACKAGES = ["core", "moonshot", "novita", "minimax", "openai", "mistral", "unified"];

/** Packs and installs into `dir` (created); returns the project folder. */
export async function consumerProject(dir) {
  const tarballs = join(dir, "tarballs");
  const project = join(dir, "project");
  await mkdir(tarballs, { recursive: true });
  await mkdir(project, { recursive: true });
  for (const p of PACKAGES) {
    await run("pnpm", ["pack", "--pack-destination", tarballs], { cwd: join(ROOT, "packages", p) });
  }
  const files = (await readdir(tarballs)).filter((f) => f.endsWith(".tgz")).map((f) => join(tarballs, f));
  if (files.length !== PACKAGES.length) throw new Error(`pnpm pack made ${files.length} tarballs, expected ${PACKAGES.length}`);
  await writeFile(join(project, "package.json"), JSON.stringify({ name: "runtime-matrix-consumer", private: true, type: "module" }, null, 2));
  await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...files], { cwd: project });
  for (const f of ["smoke.mjs", "samples.mjs"]) await cp(join(HERE, f), join(project, f));
  await cp(join(HERE, "entries"), join(project, "entries"), { recursive: true });
  return project;
}
