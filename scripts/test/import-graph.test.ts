// The import-graph check (scripts/import-graph.mjs, dependency-cruiser): the real tree keeps
// its rules, and each rule fails on a tree that breaks it (a planted cycle, one hidden behind a
// package "imports" alias, a type-only one, core importing a provider, a provider importing the
// registry, the facade importing the mock, a package importing the test tooling). The planted
// trees are written to a temp dir, laid out like the workspace.
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "@llm-files/testing";
import { afterAll, describe, expect, it } from "vitest";
import { checkImports, packageFloors } from "../import-graph.mjs";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** A workspace of packages: { "core/src/a.ts": "...", "core/package.json": "..." }; each package's node_modules links the others as pnpm would. */
async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "llm-files-imports-"));
  dirs.push(root);
  const packages = new Set(Object.keys(files).map((f) => f.split("/")[0]!));
  for (const p of packages) if (!files[`${p}/package.json`]) files[`${p}/package.json`] = JSON.stringify({ name: `@llm-files/${p}`, type: "module", exports: { ".": { types: "./src/index.ts" }, "./profile": { types: "./src/profile.ts" } } });
  for (const [f, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, "packages", f)), { recursive: true });
    await writeFile(join(root, "packages", f), text);
  }
  for (const p of packages) {
    for (const q of packages) {
      if (p === q) continue;
      await mkdir(join(root, "packages", p, "node_modules/@llm-files"), { recursive: true });
      await symlink(join(root, "packages", q), join(root, "packages", p, "node_modules/@llm-files", q));
    }
  }
  return root;
}

const provider = (name: string, imports = "") => ({
  [`${name}/src/profile.ts`]: `${imports}export const profile = { name: "${name}" };\nexport const provider = { profile, files: () => import("./files.js") };\n`,
  [`${name}/src/files.ts`]: `import { profile } from "./profile.js";\nexport const files = () => profile;\n`,
  [`${name}/src/index.ts`]: `export { profile, provider } from "./profile.js";\nexport { files } from "./files.js";\n`,
  [`${name}/src/generated/schema.ts`]: "export type paths = {};\n",
});
const clean = () => ({
  "core/src/index.ts": 'export { a } from "./a.js";\n',
  "core/src/a.ts": "export const a = 1;\n",
  ...provider("moonshot", 'import { a } from "@llm-files/core";\nvoid a;\n'),
  ...provider("groq", 'import type { a } from "@llm-files/core";\n'),
  "registry/src/index.ts": 'import { provider as moonshot } from "@llm-files/moonshot/profile";\nimport { provider as groq } from "@llm-files/groq/profile";\nexport const registry = { moonshot, groq };\n',
  "unified/src/index.ts": 'import { registry } from "@llm-files/registry";\nexport const files = registry;\n',
  "mock/src/index.ts": 'import { registry } from "@llm-files/registry";\nexport const mock = registry;\n',
  "cli/src/index.ts": 'import { files } from "@llm-files/unified";\nimport { mock } from "@llm-files/mock";\nexport const cli = [files, mock];\n',
  "testing/src/index.ts": 'import { registry } from "@llm-files/registry";\nexport const t = registry;\n',
});

describe("the import graph", () => {
  it("the workspace's packages keep the rules: no cycle, core names no provider, every package on its floor", async () => {
    const { violations, modules } = await checkImports(REPO_ROOT);
    expect(modules).toBeGreaterThan(50);
    expect(violations).toEqual([]);
  });

  it("floors come from the packages on disk: a provider is a package with a profile and generated code", async () => {
    const root = await tree(clean());
    expect(packageFloors(root)).toEqual({ floors: [["core"], ["groq", "moonshot"], ["registry"], ["unified", "mock"], ["cli"]], tooling: ["testing"] });
    // The layered tree, a provider's profile loading its Files operations (which import the profile) by import(), breaks no rule.
    expect((await checkImports(root)).violations).toEqual([]);
  });

  it("fails on a planted cycle, a type-only one, and one hidden behind a package \"imports\" alias", async () => {
    const root = await tree({
      ...clean(),
      "core/package.json": JSON.stringify({ name: "@llm-files/core", type: "module", exports: { ".": { types: "./src/index.ts" } }, imports: { "#files": { types: "./src/files-node.ts", default: "./dist/files-web.js" } } }),
      "core/src/index.ts": 'export { a } from "./a.js";\nexport { read } from "./files.js";\n',
      "core/src/a.ts": 'import { b } from "./b.js";\nexport const a = b + 1;\n',
      "core/src/b.ts": 'import type { a } from "./a.js";\nexport const b = 1;\nexport type B = typeof a;\n',
      "core/src/files.ts": 'import { open } from "#files";\nexport const read = open;\n',
      "core/src/files-node.ts": 'import type { read } from "./files.js";\nexport const open = (f: string) => f;\nexport type R = typeof read;\n',
    });
    const { violations } = await checkImports(root);
    expect(violations).toContainEqual(expect.stringMatching(/^no-import-cycle: packages\/core\/src\/a\.ts -> packages\/core\/src\/b\.ts/));
    // Reported from either end: files.ts -> #files (files-node.ts) -> files.ts.
    expect(violations).toContainEqual(expect.stringMatching(/^no-import-cycle: packages\/core\/src\/files(-node)?\.ts -> .*\(cycle: .*files-node\.ts -> .*files\.ts|^no-import-cycle: .*\(cycle: .*files\.ts -> packages\/core\/src\/files-node\.ts/));
  });

  it("fails when core imports a provider, a provider the registry, the facade the mock, or a package the test tooling", async () => {
    const root = await tree({
      ...clean(),
      "core/src/a.ts": 'import { profile } from "@llm-files/moonshot/profile";\nexport const a = profile;\n',
      ...provider("novita", 'import { registry } from "@llm-files/registry";\nvoid registry;\n'),
      "unified/src/index.ts": 'import { registry } from "@llm-files/registry";\nimport { mock } from "@llm-files/mock";\nexport const files = [registry, mock];\n',
      "cli/src/index.ts": 'import { files } from "@llm-files/unified";\nimport { t } from "@llm-files/testing";\nexport const cli = [files, t];\n',
    });
    const { violations } = await checkImports(root);
    const rules = (from: string) => violations.filter((v) => v.includes(`: packages/${from}`)).map((v) => v.split(":")[0]).sort();
    // core -> moonshot -> core is a cycle as well.
    expect(rules("core/src/a.ts")).toEqual(["core-is-provider-neutral", "floor-0-imports-only-lower-floors", "no-import-cycle"]);
    expect(rules("novita/src/profile.ts")).toEqual(["floor-1-imports-only-lower-floors"]);
    expect(rules("unified/src/index.ts")).toEqual(["floor-3-imports-only-lower-floors"]);
    expect(rules("cli/src/index.ts")).toEqual(["no-test-tooling-in-packages"]);
  });
});
