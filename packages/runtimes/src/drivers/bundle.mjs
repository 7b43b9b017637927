// The bundle a user's build would make for a runtime without node_modules resolution
// (workerd, a browser): esbuild, one ESM file, no node: built-ins available.
import { build } from "esbuild";
import { join } from "node:path";

/** Bundles `entry` (relative to the project) to `out`; throws with esbuild's first error. */
export async function bundle(project, entry, out, options) {
  const result = await build({
    absWorkingDir: project,
    entryPoints: [entry],
    outfile: join(project, out),
    bundle: true,
    format: "esm",
    target: "es2022",
    logLevel: "silent",
    ...options,
  }).catch((err) => err);
  const errors = result.errors ?? [];
  if (result instanceof Error && !errors.length) throw result;
  if (errors.length) {
    const [first] = errors;
    const where = first.location ? `${first.location.file.replace(/^.*node_modules\//, "")}: ` : "";
    throw new Error(`esbuild: ${where}${first.text}${errors.length > 1 ? ` (and ${errors.length - 1} more errors)` : ""}`);
  }
  return join(project, out);
}
