// TypeScript programs built in a process that builds many (specs:update's API reports, the tests
// that run it again and again, specs:check): what they share is parsed once.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import ts from "typescript";

/**
 * Files parsed once per process and reused by every program it builds: parsing them is most of
 * what a program costs. Declaration files under node_modules (TypeScript's lib, @types/node,
 * dependencies), keyed by path; and the workspace's own files outside the temporary folder
 * (a checkout's packages: core's sources or declarations, which every provider's report reads),
 * keyed by path and content, so an edited file is parsed anew. Files in the temporary folder
 * (the end-to-end tests' throwaway copies of the repo, each read a few times) are never kept.
 * Shared through a global because a process may load this module more than once (those tests run
 * specs:update in many copies, each with its own copy of this file).
 */
const KEY = Symbol.for("llm-files.programs.parsed");
const shared = /** @type {{ [KEY]?: Map<string, ts.SourceFile> }} */ (globalThis);
const PARSED = (shared[KEY] ??= new Map());
const TEMP = [tmpdir(), realpathSync(tmpdir())].map((d) => d + sep);

/**
 * A compiler host for `options` that takes the files PARSED keeps from there.
 * @param {ts.CompilerOptions} options
 * @returns {ts.CompilerHost}
 */
export function cachingHost(options) {
  const host = ts.createCompilerHost(options);
  const parse = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, shouldCreate) => {
    const dependency = /[\\/]node_modules[\\/]/.test(fileName);
    if (!dependency && TEMP.some((t) => fileName.startsWith(t))) return parse(fileName, language, onError, shouldCreate);
    let key = `${fileName}\0${JSON.stringify(language)}`;
    /** @type {string | undefined} */
    let text;
    if (!dependency) {
      text = host.readFile(fileName);
      if (text === undefined) return parse(fileName, language, onError, shouldCreate);
      key += `\0${createHash("sha1").update(text).digest("hex")}`;
    }
    let file = PARSED.get(key);
    if (!file) {
      file = text === undefined ? parse(fileName, language, onError, shouldCreate) : ts.createSourceFile(fileName, text, language);
      if (file) PARSED.set(key, file);
    }
    return file;
  };
  return host;
}

/**
 * A tsconfig file as `tsc -p` reads it (extends followed); throws with TypeScript's words when
 * it cannot be read.
 * @param {string} tsconfig
 * @returns {ts.ParsedCommandLine}
 */
export function parsedConfig(tsconfig) {
  const cfg = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (!cfg) throw new Error(`${tsconfig}: not a TypeScript configuration`);
  return cfg;
}

/** @param {readonly ts.Diagnostic[]} diagnostics */
const formatted = (diagnostics) => ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: ts.sys.getCurrentDirectory, getNewLine: () => "\n" });

/**
 * What `tsc -p <tsconfig> --noEmit` reports, from this process: the errors formatted as tsc
 * prints them ("" when there are none).
 * @param {string} tsconfig
 */
export function typeCheck(tsconfig) {
  const cfg = parsedConfig(tsconfig);
  const options = { ...cfg.options, noEmit: true };
  const host = cachingHost(options);
  const program = ts.createProgram({ rootNames: cfg.fileNames, options, host, projectReferences: cfg.projectReferences });
  return formatted([...cfg.errors, ...ts.getPreEmitDiagnostics(program)]);
}

/**
 * What `tsc -p <tsconfig>` does, from this process: the program's files emitted to its outDir,
 * and its errors formatted as tsc prints them ("" when there are none). Declaration files under
 * node_modules come from PARSED. Project references are read from their built declarations,
 * as `tsc -p` reads them: build a referenced project first.
 * @param {string} tsconfig
 */
export function buildProject(tsconfig) {
  const cfg = parsedConfig(tsconfig);
  const options = { ...cfg.options, noEmit: false };
  const host = cachingHost(options);
  const program = ts.createProgram({ rootNames: cfg.fileNames, options, host, projectReferences: cfg.projectReferences });
  const emitted = program.emit();
  return formatted([...cfg.errors, ...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics]);
}

/**
 * Compiler `paths` that take each workspace package (packages/*) from its sources: every entry
 * of its package.json `exports` whose types are a built declaration (`./dist/x.d.ts`) maps to
 * the source it is built from (`./src/x.ts`). A program with these reads the same types in a
 * fresh clone before any build as after one: without them, an import of a package that is not
 * built yet resolves to nothing, and every type reached through it to `any`.
 * @param {string} root the repository's root
 * @returns {Record<string, string[]>} module name -> [source file]
 */
export function workspaceSources(root) {
  /** @type {Record<string, string[]>} */
  const paths = {};
  const dir = join(root, "packages");
  if (!existsSync(dir)) return paths;
  for (const name of readdirSync(dir).sort()) {
    const manifest = join(dir, name, "package.json");
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, "utf8"));
    for (const [sub, entry] of Object.entries(pkg.exports ?? {})) {
      const types = entry?.import?.types ?? entry?.types;
      const m = typeof types === "string" ? /^\.\/dist\/(?!cjs\/)(.+)\.d\.ts$/.exec(types) : null;
      const source = m && join(dir, name, "src", `${m[1]}.ts`);
      if (source && existsSync(source)) paths[sub === "." ? pkg.name : `${pkg.name}${sub.slice(1)}`] = [source];
    }
  }
  return paths;
}
