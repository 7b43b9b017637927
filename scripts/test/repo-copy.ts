// A throwaway copy of the parts of the repo the spec pipeline touches, with the real
// node_modules linked in, so the pipeline runs for real without touching this checkout.
import { cp, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "@llm-files/testing";

export const PROVIDERS = ["moonshot", "novita", "minimax", "openai", "mistral"] as const;

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
  exec(cmd: string, args: string[], cwd?: string): Promise<{ status: number; output: string }>;
  cleanup(): Promise<void>;
}

interface Io {
  log(...parts: unknown[]): void;
  error(...parts: unknown[]): void;
}

export async function copyRepo(): Promise<RepoCopy> {
  const root = await mkdtemp(join(tmpdir(), "llm-files-repo-"));
  for (const p of ["specs", "scripts/specs", "scripts/generate.mjs", "scripts/new-provider.mjs", "scripts/scaffold", "scripts/api", "package.json", "tsconfig.base.json", "redocly.yaml", ".changeset", "packages/moonshot/package.json", "packages/moonshot/turbo.json", "packages/moonshot/tsconfig.json", "packages/moonshot/tsconfig.build.json", "packages/moonshot/tsconfig.cjs.json", "packages/moonshot/vitest.config.ts", "packages/moonshot/LICENSE", "tsconfig.build.json"]) {
    await cp(join(REPO_ROOT, p), join(root, p), { recursive: true });
  }
  for (const p of PROVIDERS) {
    // src/ and the API report: specs:update decides the bump from the public API.
    for (const f of ["src", "api", "package.json", "tsconfig.json"]) await cp(join(REPO_ROOT, "packages", p, f), join(root, "packages", p, f), { recursive: true });
    await symlink(join(REPO_ROOT, "packages", p, "node_modules"), join(root, "packages", p, "node_modules"));
  }
  await symlink(join(REPO_ROOT, "node_modules"), join(root, "node_modules"));
  const walk = async (dir: string, out: Map<string, string>) => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.name === "node_modules") continue;
      if (e.isDirectory()) await walk(full, out);
      else out.set(relative(root, full), await readFile(full, "utf8"));
    }
  };
  const exec: RepoCopy["exec"] = (cmd, args, cwd = root) =>
    new Promise((resolve) => {
      const child = spawn(cmd, args, { cwd });
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
      for (const d of ["specs", ".changeset", "packages"]) await walk(join(root, d), out);
      return out;
    },
    run: (args) => script("scripts/specs/update.mjs", ["--skip-tests", ...args]),
    script,
    exec,
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** A directory holding every upstream page as the repo has it now, to edit. */
export async function pagesDir(copy: RepoCopy): Promise<string> {
  const dir = join(copy.root, "incoming");
  for (const p of PROVIDERS) await cp(join(copy.root, "specs", p, "upstream"), dir, { recursive: true });
  return dir;
}
