#!/usr/bin/env node
// pnpm test:release — the release, end to end, against a local registry:
//   1. verdaccio on a free loopback port (temp storage; @llm-files/* local only);
//   2. a clean clone of this repository's HEAD, installed from the lockfile, a changeset
//      added the way specs:update writes them, then `pnpm release` (changeset version →
//      build → publish) into that registry; the changelog must come out of the changeset;
//   3. fresh projects far from the repository install by name from the registry:
//      @llm-files/moonshot alone, @llm-files/unified, @llm-files/mock (the loopback server),
//      run a smoke walk (upload, list, retrieve, content, delete) as ESM and as CommonJS, and
//      type-check ESM and CJS consumers with "types": [] and skipLibCheck: false;
//   4. `npm install -g @llm-files/cli` into a temp prefix: `llm-files --mock ls`, an upload.
// Every step logs PASS or stops the run with what failed. Options: --keep (leave the temp dir).
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { installVerdaccio, npmRegistry, startRegistry } from "./registry.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, "../..");
const CONSUMER = join(HERE, "consumer");
const keep = process.argv.includes("--keep");
const started = Date.now();
const secs = (/** @type {number} */ t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
const log = (/** @type {string} */ line) => console.log(`[release-e2e] ${line}`);

// Children get our environment minus what pnpm injects into scripts (npm_config_*, npm_package_*),
// so the npm we run reads only its own config and the flags given here.
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_)/i.test(k)));

/** @typedef {{ cwd?: string, env?: Record<string, string>, quiet?: boolean, allowFail?: boolean }} RunOptions */
/** @typedef {(cmd: string, args: string[], options?: RunOptions) => { status: number | null, stdout: string, output: string }} Run */

/**
 * Runs a command to its end; throws with its output when it fails (unless allowFail).
 * @type {Run}
 */
function run(cmd, args, { cwd, env = {}, quiet = false, allowFail = false } = {}) {
  const r = spawnSync(cmd, args, { cwd, env: { ...baseEnv, ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const output = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  if (r.status !== 0 && !allowFail) {
    throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) exited ${r.status ?? r.signal}:\n${output.slice(-6000)}`);
  }
  const shown = output.replace(/^npm warn Unknown user config "nodedir".*\n/gm, "").trimEnd();
  if (!quiet && shown) process.stdout.write(`${shown.replace(/^/gm, "    ")}\n`);
  return { status: r.status, stdout: r.stdout ?? "", output };
}

/**
 * @template T
 * @param {string} name
 * @param {() => T | Promise<T>} fn
 * @returns {Promise<T>}
 */
async function step(name, fn) {
  const t = Date.now();
  log(`… ${name}`);
  const result = await fn();
  log(`PASS ${name} (${secs(t)})`);
  return result;
}

const work = mkdtempSync(join(tmpdir(), "llm-files-release-"));
/** @type {(() => Promise<unknown>)[]} */
const cleanups = [];
let failed = false;
try {
  const dirty = run("git", ["status", "--porcelain"], { cwd: REPO, quiet: true }).stdout.trim();
  if (dirty) log("note: the working tree has uncommitted changes; this tests the committed HEAD (a clean clone)");
  const head = run("git", ["rev-parse", "HEAD"], { cwd: REPO, quiet: true }).stdout.trim();

  const uplink = npmRegistry();
  const bin = await step(`install verdaccio (npm, from ${uplink})`, () => installVerdaccio(join(REPO, "node_modules", ".cache", "release-verdaccio"), run));
  const registryDir = join(work, "registry");
  mkdirSync(registryDir);
  const registry = await step("start the local registry", () => startRegistry(bin, registryDir, { uplink, log }));
  cleanups.push(() => registry.stop());
  const host = registry.url.replace(/^https?:/, "");
  const npmrc = `registry=${registry.url}/\n${host}/:_authToken=${registry.token}\n`;
  const npmEnv = { npm_config_cache: join(work, "npm-cache"), npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };

  // 2. Release from a clean clone.
  const clone = join(work, "clone");
  await step(`clean clone of ${head.slice(0, 12)}, install from the lockfile`, () => {
    run("git", ["clone", "--quiet", "--no-checkout", REPO, clone], { quiet: true });
    run("git", ["checkout", "--quiet", head], { cwd: clone, quiet: true });
    run("pnpm", ["install", "--frozen-lockfile", "--reporter=append-only"], { cwd: clone, quiet: true, env: { TURBO_TELEMETRY_DISABLED: "1" } });
  });
  const versionsBefore = publicPackages(clone);
  await step("pnpm release (changeset version -> build -> publish) into the local registry", () => {
    // A changeset exactly as specs:update writes one (scripts/specs/update.mjs).
    writeFileSync(
      join(clone, ".changeset", "specs-moonshot-e2e00000.md"),
      `---\n"@llm-files/moonshot": patch\n---\n\nmoonshot: spec updated from the provider's documentation (release e2e).\n\n- moonshot: release e2e marker\n`,
    );
    writeFileSync(join(clone, ".npmrc"), `${readFileOr(join(clone, ".npmrc"))}${npmrc}`);
    run("pnpm", ["release"], { cwd: clone, env: { TURBO_TELEMETRY_DISABLED: "1", npm_config_registry: `${registry.url}/` } });
  });
  const versions = publicPackages(clone);
  await step("changelogs and versions come out of the changeset", () => {
    const changelog = readFileOr(join(clone, "packages/moonshot/CHANGELOG.md"));
    if (!changelog.includes("moonshot: release e2e marker")) throw new Error(`packages/moonshot/CHANGELOG.md lacks the changeset's text:\n${changelog}`);
    // A patch to moonshot bumps moonshot only: its dependents' ranges (^0.1.x) still hold it,
    // and updateInternalDependencies: "patch" bumps them only when they would not.
    if (versions["@llm-files/moonshot"] === versionsBefore["@llm-files/moonshot"]) throw new Error(`@llm-files/moonshot was not bumped by changeset version (still ${versions["@llm-files/moonshot"]})`);
    if (readFileOr(join(clone, ".changeset/specs-moonshot-e2e00000.md"))) throw new Error("changeset version left the consumed changeset in place");
    for (const [name, version] of Object.entries(versions)) {
      const got = run("npm", ["view", `${name}@${version}`, "version", `--registry=${registry.url}/`], { cwd: work, quiet: true, env: npmEnv }).stdout.trim();
      if (got !== version) throw new Error(`${name}@${version} is not in the local registry (npm view said ${JSON.stringify(got)})`);
      log(`  published ${name}@${version}${version !== versionsBefore[name] ? ` (was ${versionsBefore[name]})` : ""}`);
    }
  });

  // 3. Fresh projects with no access to the repository, by name.
  const consumers = join(work, "consumers");
  const project = (/** @type {string} */ name) => {
    const dir = join(consumers, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: `release-e2e-${name}`, private: true, version: "0.0.0" }, null, 2)}\n`);
    writeFileSync(join(dir, ".npmrc"), `registry=${registry.url}/\n`);
    cpSync(CONSUMER, dir, { recursive: true });
    return dir;
  };
  const install = (/** @type {string} */ dir, /** @type {string} */ spec) => {
    run("npm", ["install", spec], { cwd: dir, env: npmEnv, quiet: true });
    const tree = JSON.parse(run("npm", ["ls", "--all", "--json"], { cwd: dir, env: npmEnv, quiet: true }).stdout);
    /** @type {string[]} */
    const names = [];
    /** @typedef {Record<string, { version: string, dependencies?: Deps }>} Deps */
    /** @param {Deps} [deps] @returns {void} */
    const walkTree = (deps = {}) => Object.entries(deps).forEach(([n, d]) => (names.push(`${n}@${d.version}`), walkTree(d.dependencies)));
    walkTree(tree.dependencies);
    const unique = [...new Set(names)].sort();
    if (unique.some((n) => n.startsWith("@types/node@"))) throw new Error(`${spec} pulled in @types/node: ${unique.join(", ")}`);
    log(`  npm install ${spec} -> ${unique.join(", ")}`);
    return unique;
  };

  const tools = project("tools");
  const tsVersion = JSON.parse(readFileSync(join(clone, "node_modules/typescript/package.json"), "utf8")).version;
  await step(`install typescript@${tsVersion} for the consumer type-checks (its own project)`, () => install(tools, `typescript@${tsVersion}`));
  const tsc = join(tools, "node_modules/typescript/bin/tsc");

  const server = project("server");
  await step("by-name install: npm install @llm-files/mock (the smoke runs' loopback server)", () => install(server, "@llm-files/mock"));
  const mock = spawn(process.execPath, ["serve.mjs"], { cwd: server, stdio: ["pipe", "pipe", "inherit"] });
  cleanups.push(() => new Promise((r) => (mock.exitCode !== null ? r(undefined) : (mock.once("exit", r), mock.stdin.end()))));
  /** @type {string} */
  const urls = await new Promise((resolve, reject) => {
    let out = "";
    mock.stdout.on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve(out.split("\n")[0]);
    });
    mock.once("exit", (code) => reject(new Error(`the mock server exited (${code}) before printing its URLs: ${out}`)));
  });
  log(`  mock servers (from the registry's @llm-files/mock): ${urls}`);

  for (const [name, spec] of [
    ["moonshot", "@llm-files/moonshot"],
    ["unified", "@llm-files/unified"],
  ]) {
    const dir = project(name);
    await step(`by-name install: npm install ${spec} (alone, in a fresh project)`, () => {
      const installed = install(dir, spec);
      // Alone: core and nothing else of llm-files (no other provider, whichever the registry lists).
      if (name === "moonshot" && installed.some((n) => /^@llm-files\//.test(n) && !/^@llm-files\/(moonshot|core)@/.test(n))) throw new Error(`@llm-files/moonshot alone pulled in other llm-files packages: ${installed.join(", ")}`);
      for (const want of [spec, "@llm-files/moonshot"]) {
        if (!installed.includes(`${want}@${versions[want]}`)) throw new Error(`${want}@${versions[want]} (just released) was not installed: ${installed.join(", ")}`);
      }
    });
    await step(`${spec}: smoke walk as ESM (import)`, () => run(process.execPath, ["smoke.mjs", name, urls], { cwd: dir }));
    await step(`${spec}: smoke walk as CommonJS (require)`, () => run(process.execPath, ["smoke.cjs", name, urls], { cwd: dir }));
    await step(`${spec}: tsc type-check of ESM and CJS consumers (types: [], skipLibCheck: false)`, () => {
      for (const f of ["moonshot", "unified"]) if (f !== name) for (const ext of ["mts", "cts"]) rmSync(join(dir, `${f}-types.${ext}`));
      run(process.execPath, [tsc, "-p", "tsconfig.json", "--listFilesOnly"], { cwd: dir, quiet: true });
      run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: dir });
    });
  }

  // 4. The CLI, installed globally by name.
  const prefix = join(work, "global");
  const cliBin = join(prefix, "bin", "llm-files");
  await step("by-name install: npm install -g @llm-files/cli (temp prefix)", () => {
    run("npm", ["install", "-g", "@llm-files/cli", `--prefix=${prefix}`, `--registry=${registry.url}/`], { cwd: consumers, env: npmEnv, quiet: true });
  });
  const cliDir = project("cli-run");
  const cliEnv = { LLM_FILES_PROVIDER: "moonshot", MOONSHOT_API_KEY: "", NO_COLOR: "1" };
  await step("llm-files --mock ls (installed CLI, no repository)", () => {
    const r = run(cliBin, ["--mock", "ls"], { cwd: cliDir, env: cliEnv });
    if (!/clg681objj8g9m7n4je0\s+xlnet\.pdf/.test(r.stdout)) throw new Error(`unexpected listing:\n${r.output}`);
  });
  await step("llm-files --mock upload notes.txt --purpose file-extract", () => {
    writeFileSync(join(cliDir, "notes.txt"), "notes from the release test\n");
    const r = run(cliBin, ["--mock", "upload", "notes.txt", "--purpose", "file-extract"], { cwd: cliDir, env: cliEnv });
    if (!/notes\.txt/.test(r.stdout)) throw new Error(`upload did not report notes.txt:\n${r.output}`);
  });
  await step("llm-files upload then ls against the registry's @llm-files/mock server (state kept across runs)", () => {
    const base = ["--base-url", JSON.parse(urls).moonshot, "--json"];
    const env = { ...cliEnv, MOONSHOT_API_KEY: "e2e-key" };
    const up = JSON.parse(run(cliBin, [...base, "upload", "notes.txt", "--purpose", "file-extract"], { cwd: cliDir, env, quiet: true }).stdout);
    const id = up.uploaded[0].id;
    const ls = JSON.parse(run(cliBin, [...base, "ls"], { cwd: cliDir, env, quiet: true }).stdout);
    if (!ls.some((/** @type {{ id: string, filename: string }} */ f) => f.id === id && f.filename === "notes.txt")) throw new Error(`ls does not show the upload ${id}: ${JSON.stringify(ls)}`);
    log(`  uploaded ${id}; ls shows it (${ls.length} files)`);
  });
} catch (err) {
  failed = true;
  console.error(`[release-e2e] FAIL: ${err instanceof Error ? err.message : err}`);
} finally {
  for (const c of cleanups.reverse()) await c().catch(() => {});
  if (keep || failed) log(`temp dir kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
  log(`${failed ? "FAILED" : "passed"} after ${secs(started)}`);
  process.exitCode = failed ? 1 : 0;
}

/**
 * The published packages of a checkout and their versions.
 * @param {string} root
 * @returns {Record<string, string>}
 */
function publicPackages(root) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const dir of run("git", ["ls-files", "packages/*/package.json"], { cwd: root, quiet: true }).stdout.trim().split("\n")) {
    const pkg = JSON.parse(readFileSync(join(root, dir), "utf8"));
    if (!pkg.private) out[pkg.name] = pkg.version;
  }
  return out;
}

/** @param {string} path */
function readFileOr(path) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}
