// Throwaway copies of the repo, with the real node_modules linked in, so the spec pipeline
// and new-provider run for real without touching this checkout:
// - copyRepo(): the parts the spec pipeline touches (specs, the scripts, each provider's
//   sources and API report, the registry's entry file);
// - copyWorkspace(): the whole workspace as a git repository, for the sixth-provider test: the
//   packages a new provider changes or runs through (the registry, the facade, the mock, the
//   CLI, the test helpers) as real copies with their built dist/, the others linked to this
//   checkout's; each copied package's node_modules links its dependencies as pnpm would, to
//   the copy's packages where the copy has them.
import { cp, lstat, mkdir, mkdtemp, readFile, readdir, readlink, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "@llm-files/testing";

/** The providers whose specs the pipeline keeps: specs/sources.json (the pipeline's own list; the registry lists their packages). */
export const PROVIDERS: readonly string[] = Object.keys(JSON.parse(readFileSync(join(REPO_ROOT, "specs/sources.json"), "utf8"))).filter((k) => k !== "$comment");

export interface RepoCopy {
  root: string;
  read(path: string): Promise<string>;
  write(path: string, text: string): Promise<void>;
  /** Every file under specs/, .changeset/, packages/ (node_modules aside) with its content. */
  snapshot(): Promise<Map<string, string>>;
  /** Runs specs:update (without the contract-test step) in the copy. */
  run(args: string[]): Promise<{ status: number; output: string }>;
  /**
   * Runs one of the copy's scripts (`scripts/specs/build.mjs`, …) as `node <script> <args>` in
   * the copy would, but in this process: its exported `main(argv, io)`, with the copy's own
   * files (its ROOT is the copy) and the output captured. A Node start and a load of
   * openapi-typescript and TypeScript per run was most of what these tests cost.
   */
  script(path: string, args: string[]): Promise<{ status: number; output: string }>;
  /** Runs a command in a child process in the copy (tsc, vitest). */
  exec(cmd: string, args: string[], cwd?: string, env?: Record<string, string>): Promise<{ status: number; output: string }>;
  cleanup(): Promise<void>;
}

interface Io {
  log(...parts: unknown[]): void;
  error(...parts: unknown[]): void;
}

function copyOf(root: string, snapshotDirs: string[]): RepoCopy {
  const walk = async (dir: string, out: Map<string, string>) => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.name === "node_modules" || e.name === "dist" || e.name === ".git") continue;
      if (e.isDirectory()) await walk(full, out);
      else if (e.isFile()) out.set(relative(root, full), await readFile(full, "utf8"));
    }
  };
  const exec: RepoCopy["exec"] = (cmd, args, cwd = root, env = {}) =>
    new Promise((resolve) => {
      const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env } });
      let output = "";
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      child.on("close", (status) => resolve({ status: status ?? -1, output }));
    });
  const script: RepoCopy["script"] = async (path, args) => {
    // Imported by Node itself (scripts/vitest.config.ts keeps the copies external to Vite), so
    // the copy's modules are its own and its dependencies are the checkout's, loaded once.
    const { main } = (await import(pathToFileURL(join(root, path)).href)) as { main: (argv: string[], io: Io) => Promise<number> };
    let output = "";
    const line = (...parts: unknown[]) => void (output += `${parts.map(String).join(" ")}\n`);
    const status = await main(args, { log: line, error: line });
    return { status, output };
  };
  return {
    root,
    read: (p) => readFile(join(root, p), "utf8"),
    write: (p, t) => writeFile(join(root, p), t),
    async snapshot() {
      const out = new Map<string, string>();
      for (const d of snapshotDirs) if (existsSync(join(root, d))) await walk(join(root, d), out);
      return out;
    },
    run: (args) => script("scripts/specs/update.mjs", ["--skip-tests", ...args]),
    script,
    exec,
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/**
 * `unbuilt`: the copy is a fresh clone before any build, as CI or a new maintainer has it:
 * packages/core is a copy of its sources with no dist/, and each provider package's
 * node_modules links that copy (the checkout's core is built).
 */
export async function copyRepo({ unbuilt = false }: { unbuilt?: boolean } = {}): Promise<RepoCopy> {
  const root = await mkdtemp(join(tmpdir(), "llm-files-repo-"));
  const registry = ["src", "package.json", "tsconfig.build.json", "tsconfig.cjs.json"].map((f) => `packages/registry/${f}`);
  for (const p of ["specs", "scripts/specs", "scripts/generate.mjs", "scripts/new-provider.mjs", "scripts/provider-entries.mjs", "scripts/scaffold", "scripts/api", "package.json", "tsconfig.base.json", "redocly.yaml", ".changeset", "packages/moonshot/package.json", "packages/moonshot/turbo.json", "packages/moonshot/tsconfig.json", "packages/moonshot/tsconfig.build.json", "packages/moonshot/tsconfig.cjs.json", "packages/moonshot/vitest.config.ts", "packages/moonshot/LICENSE", "tsconfig.build.json", ...registry, "packages/unified/package.json", "packages/unified/src/providers"]) {
    await cp(join(REPO_ROOT, p), join(root, p), { recursive: true });
  }
  if (unbuilt) {
    for (const f of ["src", "package.json", "tsconfig.json"]) await cp(join(REPO_ROOT, "packages/core", f), join(root, "packages/core", f), { recursive: true });
    await symlink(join(REPO_ROOT, "packages/core/node_modules"), join(root, "packages/core/node_modules"));
  }
  for (const p of PROVIDERS) {
    // src/ and the API report: specs:update decides the bump from the public API.
    for (const f of ["src", "api", "package.json", "tsconfig.json"]) await cp(join(REPO_ROOT, "packages", p, f), join(root, "packages", p, f), { recursive: true });
    if (unbuilt) await linkDependencies(join(REPO_ROOT, "packages", p, "node_modules"), join(root, "packages", p, "node_modules"), { "@llm-files/core": join(root, "packages/core") });
    else await symlink(join(REPO_ROOT, "packages", p, "node_modules"), join(root, "packages", p, "node_modules"));
  }
  await symlink(join(REPO_ROOT, "node_modules"), join(root, "node_modules"));
  return copyOf(root, ["specs", ".changeset", "packages"]);
}

/** A node_modules folder linking what `from` links, except the packages in `instead`, which link where it says. */
async function linkDependencies(from: string, to: string, instead: Record<string, string>): Promise<void> {
  for (const e of await readdir(from, { withFileTypes: true })) {
    if (e.name.startsWith(".")) continue;
    const names = e.name.startsWith("@") ? (await readdir(join(from, e.name))).map((n) => `${e.name}/${n}`) : [e.name];
    for (const name of names) {
      await mkdir(dirname(join(to, name)), { recursive: true });
      await symlink(instead[name] ?? (await realpath(join(from, name))), join(to, name));
    }
  }
}

/** A pages directory holding every upstream page as the repo has it now, to edit. */
export async function pagesDir(copy: RepoCopy): Promise<string> {
  const dir = join(copy.root, "incoming");
  for (const p of PROVIDERS) await cp(join(copy.root, "specs", p, "upstream"), dir, { recursive: true });
  return dir;
}

export interface WorkspaceCopy extends RepoCopy {
  /** The packages copied (the rest of packages/ links to this checkout's). */
  copied: readonly string[];
  /** Links a copied (or new) package's dependencies into its node_modules, as `pnpm install` would. */
  link(pkg: string): Promise<void>;
  /** `git status --porcelain` of the copy: what changed since it was made. */
  changed(): Promise<string[]>;
}

/** The packages a new provider changes (the registry) or that a test runs through, copied rather than linked. */
const COPIED = ["registry", "unified", "mock", "cli", "testing"];

export async function copyWorkspace(): Promise<WorkspaceCopy> {
  const root = await mkdtemp(join(tmpdir(), "llm-files-repo-"));
  for (const f of ["package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml", "tsconfig.base.json", "tsconfig.build.json", "tsconfig.json", "redocly.yaml", ".gitignore", "turbo.json"]) {
    if (existsSync(join(REPO_ROOT, f))) await cp(join(REPO_ROOT, f), join(root, f));
  }
  await cp(join(REPO_ROOT, "specs"), join(root, "specs"), { recursive: true });
  await cp(join(REPO_ROOT, ".changeset"), join(root, ".changeset"), { recursive: true });
  await cp(join(REPO_ROOT, "scripts"), join(root, "scripts"), { recursive: true, filter: (src) => !/[\\/]scripts[\\/](node_modules|test)([\\/]|$)/.test(src) });
  await symlink(join(REPO_ROOT, "scripts/node_modules"), join(root, "scripts/node_modules"));
  await symlink(join(REPO_ROOT, "bench"), join(root, "bench"));
  await symlink(join(REPO_ROOT, "node_modules"), join(root, "node_modules"));
  await mkdir(join(root, "packages"));
  for (const p of (await readdir(join(REPO_ROOT, "packages"))).sort()) {
    if (COPIED.includes(p)) await cp(join(REPO_ROOT, "packages", p), join(root, "packages", p), { recursive: true, filter: (src) => !/[\\/]node_modules([\\/]|$)/.test(src) });
    else await symlink(join(REPO_ROOT, "packages", p), join(root, "packages", p));
  }
  const copy = copyOf(root, ["specs", ".changeset", "packages"]);
  /** Where a dependency of a package is: the copy's package for a workspace one, else the checkout's installed copy. */
  const target = async (pkg: string, dep: string): Promise<string | undefined> => {
    const workspace = /^@llm-files\/(.+)$/.exec(dep)?.[1];
    if (workspace && existsSync(join(root, "packages", workspace))) {
      const at = join(root, "packages", workspace);
      return (await lstat(at)).isSymbolicLink() ? await readlink(at) : at;
    }
    for (const dir of [join(REPO_ROOT, "packages", pkg), ...COPIED.map((p) => join(REPO_ROOT, "packages", p)), join(REPO_ROOT, "packages/moonshot"), REPO_ROOT]) {
      if (existsSync(join(dir, "node_modules", dep))) return join(dir, "node_modules", dep);
    }
    return undefined;
  };
  const link = async (pkg: string) => {
    const dir = join(root, "packages", pkg);
    const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8"));
    await rm(join(dir, "node_modules"), { recursive: true, force: true });
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies })) {
      const to = await target(pkg, dep);
      if (!to) continue;
      await mkdir(dirname(join(dir, "node_modules", dep)), { recursive: true });
      await symlink(to, join(dir, "node_modules", dep));
    }
  };
  for (const p of COPIED) await link(p);
  const git = async (...args: string[]) => {
    const r = await copy.exec("git", ["-c", "user.name=llm-files test", "-c", "user.email=test@llm-files.invalid", "-c", "core.hooksPath=/dev/null", ...args]);
    if (r.status !== 0) throw new Error(`git ${args.join(" ")} in ${root}: ${r.output}`);
    return r.output;
  };
  await git("init", "-q");
  // node_modules are symlinks here, which the checkout's `node_modules/` (a directory) pattern does not match.
  await writeFile(join(root, ".git/info/exclude"), "node_modules\ndist/\n");
  await git("add", "-A");
  await git("commit", "-qm", "the workspace as copied");
  return {
    ...copy,
    copied: COPIED,
    link,
    async changed() {
      return (await git("status", "--porcelain", "--untracked-files=all"))
        .split("\n")
        .filter(Boolean)
        .map((l) => l.slice(3));
    },
  };
}
