// What importing a package costs, in counts a busy machine cannot change: the files a fresh Node
// process loads for `import(target)` (seen by a module loader hook), their bytes, and the
// node: built-ins it loads on top of a bare process (process.moduleLoadList). The budget test
// (scripts/test/budget.test.ts) holds the packages to these; the bench (bench/src/figures/
// import.mjs) prints them beside the cold-import times.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The loader hooks, run in Node's hooks thread: every module loaded is posted to the main thread. */
const HOOKS = `
let port;
export async function initialize(data) { port = data.port; }
export async function load(url, context, next) { const r = await next(url, context); port.postMessage(url); return r; }
`;

/** @param {string} target a specifier or a file: URL @returns {string} the child's program */
const program = (target) => `
import { register } from "node:module";
import { MessageChannel } from "node:worker_threads";
const { port1, port2 } = new MessageChannel();
const urls = [];
port1.on("message", (u) => urls.push(u));
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)}, { data: { port: port2 }, transferList: [port2] });
const before = new Set(process.moduleLoadList);
await import(${JSON.stringify(target)});
// The hooks thread's last messages.
await new Promise((resolve) => setTimeout(resolve, 50));
port1.close();
const builtins = process.moduleLoadList.filter((m) => !before.has(m) && /^NativeModule (?!internal\\/)/.test(m)).map((m) => "node:" + m.slice("NativeModule ".length));
process.stdout.write(JSON.stringify({ modules: urls.filter((u) => u.startsWith("file:")), builtins }));
`;

/**
 * @typedef {{ modules: string[], bytes: number, builtins: string[] }} ImportCost
 *   modules: the files loaded (file: URLs), in load order; bytes: their size on disk; builtins:
 *   the public node: modules loaded that a bare process had not (e.g. node:https, node:zlib)
 */

/**
 * What `import(target)` loads in a fresh Node process started in `cwd` (where a bare specifier resolves).
 * @param {string} target
 * @param {{ cwd: string }} options
 * @returns {Promise<ImportCost>}
 */
export function importCost(target, { cwd }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", program(target)], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`import(${target}) failed (exit ${code}): ${err.slice(-1500)}`));
      /** @type {{ modules: string[], builtins: string[] }} */
      const r = JSON.parse(out);
      const bytes = r.modules.reduce((n, u) => n + statSync(fileURLToPath(u)).size, 0);
      resolve({ modules: r.modules, bytes, builtins: r.builtins });
    });
  });
}

/**
 * The source files the loaded files hold: a bundled package's dist file (scripts/release/
 * bundle-esm.mjs records them in its dist/.bundle.json) stands for each source in it, as
 * "<package folder>/src/<file>.ts"; any other file stands for itself (its path).
 * @param {string[]} modules file: URLs, as importCost gives them
 * @returns {string[]}
 */
export function sourcesOf(modules) {
  return modules.flatMap((u) => {
    const file = fileURLToPath(u);
    // The nearest dist/ folder above the file, and its record.
    for (let d = dirname(file); d !== dirname(d); d = dirname(d)) {
      if (d.endsWith("/dist") && existsSync(join(d, ".bundle.json"))) {
        const held = JSON.parse(readFileSync(join(d, ".bundle.json"), "utf8"))[relative(d, file)];
        return held ? held.map((/** @type {string} */ s) => join(dirname(d), s)) : [file];
      }
    }
    return [file];
  });
}
