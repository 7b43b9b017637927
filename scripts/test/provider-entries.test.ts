// The per-provider entries (scripts/provider-entries.mjs) follow the registry's list: the
// committed files are what the generator writes, and a registry with a provider added or taken
// out gives its entries and typesVersions, and leaves no stale file.
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@llm-files/testing";
import { afterAll, describe, expect, it } from "vitest";
import { ENTRY_PACKAGES, entryPlan, registryProviders, writeProviderEntries } from "../provider-entries.mjs";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** The two packages' sources and package.json files, and the registry's list, in a temp root. */
async function copy(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "llm-files-entries-"));
  dirs.push(root);
  for (const p of ENTRY_PACKAGES) {
    await cp(join(REPO_ROOT, p, "src"), join(root, p, "src"), { recursive: true });
    await cp(join(REPO_ROOT, p, "package.json"), join(root, p, "package.json"));
  }
  return root;
}

describe("the per-provider entries", () => {
  it("are in sync with the registry (else run `node scripts/provider-entries.mjs`)", () => {
    expect(writeProviderEntries(REPO_ROOT, { check: true })).toEqual({ changed: [], removed: [] });
  });

  it("are read from the registry's list, one per provider, in its order", async () => {
    const text = await readFile(join(REPO_ROOT, "packages/registry/src/index.ts"), "utf8");
    const providers = registryProviders(text);
    expect(providers.length).toBeGreaterThanOrEqual(5);
    for (const { name, pkg } of providers) {
      expect(pkg).toBe(`@llm-files/${name}`);
      const unified = await readFile(join(REPO_ROOT, `packages/unified/src/providers/${name}.ts`), "utf8");
      expect(unified).toContain(`import { provider } from "@llm-files/registry/${name}";`);
      // No other provider is named: a bundle of this entry holds this one only.
      for (const other of providers.filter((p) => p.name !== name)) expect(unified).not.toContain(`/${other.name}"`);
    }
  });

  it("a provider added to the registry gets both entries and its typesVersions; one taken out leaves nothing behind", async () => {
    const root = await copy();
    const index = join(root, "packages/registry/src/index.ts");
    let text = await readFile(index, "utf8");
    const first = registryProviders(text)[0]!.name;
    // As new-provider writes it: an import line and a key.
    text = text.replace(/^(import \{ provider as \w+ \} from "@llm-files\/\w+\/profile";\n)(?!import \{ provider)/m, `$1import { provider as groq } from "@llm-files/groq/profile";\n`).replace(/^} as const;$/m, "  groq,\n} as const;");
    // And one taken out.
    text = text.replace(new RegExp(`^import \\{ provider as ${first} \\} from "@llm-files/${first}/profile";\\n`, "m"), "").replace(new RegExp(`^  ${first},\\n`, "m"), "");
    await writeFile(index, text);
    const { changed, removed } = writeProviderEntries(root);
    expect(changed).toEqual(expect.arrayContaining(["packages/registry/src/providers/groq.ts", "packages/unified/src/providers/groq.ts", "packages/registry/package.json", "packages/unified/package.json"]));
    expect(removed.sort()).toEqual([`packages/registry/src/providers/${first}.ts`, `packages/unified/src/providers/${first}.ts`]);
    expect(await readFile(join(root, "packages/registry/src/providers/groq.ts"), "utf8")).toContain('export { provider } from "@llm-files/groq/profile";');
    expect(await readFile(join(root, "packages/unified/src/providers/groq.ts"), "utf8")).toContain('export const createFiles = oneProvider<"groq">(provider);');
    for (const p of ENTRY_PACKAGES) {
      const pkg = JSON.parse(await readFile(join(root, p, "package.json"), "utf8"));
      expect(pkg.typesVersions["*"].groq).toEqual(["./dist/cjs/providers/groq.d.ts"]);
      expect(pkg.typesVersions["*"][first]).toBeUndefined();
      expect(pkg.exports["./*"].import.default).toBe("./dist/providers/*.js");
      expect(await readdir(join(root, p, "src/providers"))).not.toContain(`${first}.ts`);
    }
    // Written once, nothing left to change.
    expect(writeProviderEntries(root, { check: true })).toEqual({ changed: [], removed: [] });
    expect([...entryPlan(root).files.keys()].filter((f) => f.includes("/providers/")).length).toBe(2 * registryProviders(text).length);
  });
});
