// The sixth provider, as a new maintainer would add it: `pnpm new-provider groq` on Groq's
// published OpenAPI document (a real document the project does not ship: fixtures/
// groq-openapi.trimmed.yaml, provenance in its header), in a copy of the whole workspace
// (repo-copy.ts: copyWorkspace). Then, with no hand edit:
//   - outside specs/groq/ and packages/groq/ the change is bookkeeping (sources.json, the
//     lockfile, a changeset, tsconfig references, the registry's package.json) plus the one
//     registry entry (an import and a key);
//   - the package is in the shape of every provider package (profile.ts, index.ts, exports);
//   - it builds and type-checks, and its contract tests pass on Prism;
//   - the registry lists it, so createFiles({ provider: "groq" }) walks upload -> list ->
//     retrieve -> content -> delete against startMock("groq"), `llm-files --provider groq
//     --mock` lists and uploads, the demo walks it, and the runtime matrix (which reads the
//     registry: its cells run in CI's `pnpm test:runtimes` on the real tree) includes it.
// One scaffold, one copy; the checks run in this process where they can (the scripts' main(),
// the TypeScript builds, the facade, the mock and the CLI), in children where a command is
// the point (the contract tests on Prism, the demo).
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "@llm-files/testing";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildProject, typeCheck } from "../api/programs.mjs";
import { copyWorkspace, type WorkspaceCopy } from "./repo-copy.js";

const GROQ = join(REPO_ROOT, "scripts/test/fixtures/groq-openapi.trimmed.yaml");
const GROQ_URL = "https://github.com/tryAGI/Groq/blob/9b4542efda6114e000c4c53a13a896703069946d/src/libs/Groq/openapi.yaml";
const BIN = join(REPO_ROOT, "node_modules/.bin");
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "");

let ws: WorkspaceCopy | undefined;
afterAll(async () => {
  await ws?.cleanup();
});

/** The copy the first test made (each test below needs it). */
const workspace = (): WorkspaceCopy => {
  if (!ws) throw new Error("no workspace copy: the scaffold test did not run");
  return ws;
};

/** A module of the copy, imported by Node (the copies are external to Vite). */
const load = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(ws!.root, path)).href)) as T;

// One scaffold for the whole file: each `it` below is one claim about it, in order.
let spec: { paths: Record<string, Record<string, { responses?: object }>> };
/** What the walk below uses of the facade (@llm-files/unified), loaded from the copy. */
interface Facade {
  PROVIDERS: string[];
  createFiles(options: { provider: string; baseUrl: string; apiKey: string }): {
    upload(params: { file: string; purpose: string }): Promise<{ id: string }>;
    list(): Promise<{ id: string }[]>;
    retrieve(id: string): Promise<unknown>;
    content(id: string): Promise<Response>;
    delete(id: string): Promise<unknown>;
  };
}
let unified: Facade;
const sampleContent = '{"custom_id":"r1","method":"POST","url":"/v1/chat/completions","body":{}}\n';

describe("a sixth provider from its published OpenAPI document, in one command", () => {
  it("pnpm new-provider groq: outside specs/groq/ and packages/groq/, bookkeeping and the one registry entry", async () => {
    ws = await copyWorkspace();
    const r = await ws.script("scripts/new-provider.mjs", ["groq", "--from", GROQ, "--path-prefix", "/openai/v1/files", "--url", GROQ_URL]);
    expect(r.status, r.output).toBe(0);

    // 1. The diff outside specs/groq/ and packages/groq/: bookkeeping and the one entry.
    const outside = (await ws.changed()).filter((f) => !f.startsWith("specs/groq/") && !f.startsWith("packages/groq/")).sort();
    expect(outside).toEqual([
      ".changeset/new-provider-groq.md",
      "packages/registry/package.json",
      "packages/registry/src/index.ts",
      "packages/registry/src/providers/groq.ts",
      "packages/registry/tsconfig.build.json",
      "packages/registry/tsconfig.cjs.json",
      "packages/unified/package.json",
      "packages/unified/src/providers/groq.ts",
      "pnpm-lock.yaml",
      "specs/sources.json",
      "tsconfig.build.json",
    ]);
    const diff = (file: string) => ws!.exec("git", ["diff", "-U0", "--no-color", file]).then((d) => d.output.split("\n").filter((l) => /^[+-](?![+-])/.test(l)));
    expect(await diff("packages/registry/src/index.ts")).toEqual(['+import { provider as groq } from "@llm-files/groq/profile";', "+  groq,"]);
    expect(await diff("packages/registry/package.json")).toContain('+    "@llm-files/groq": "workspace:^",');
    // The per-provider entries the registry's list gives (scripts/provider-entries.mjs), and their typesVersions.
    for (const p of ["registry", "unified"]) {
      expect(JSON.parse(await ws.read(`packages/${p}/package.json`)).typesVersions["*"].groq).toEqual(["./dist/cjs/providers/groq.d.ts"]);
      expect(await ws.read(`packages/${p}/src/providers/groq.ts`)).toContain(p === "registry" ? 'export { provider } from "@llm-files/groq/profile";' : 'export const createFiles = oneProvider<"groq">(provider);');
    }
    // The lockfile gains the package's importer and the registry's link to it, nothing else.
    const lock = await diff("pnpm-lock.yaml");
    expect(lock.every((l) => l.startsWith("+")), lock.join("\n")).toBe(true);
    expect(lock.join("\n")).toMatch(/^\+  packages\/groq:$/m);
    expect(lock.join("\n")).toMatch(/^\+        version: link:\.\.\/groq$/m);
    expect(await ws.read(".changeset/new-provider-groq.md")).toMatch(/^---\n"@llm-files\/groq": minor\n"@llm-files\/registry": minor\n---\n/);
    const sources = JSON.parse(await ws.read("specs/sources.json"));
    expect(sources.groq).toMatchObject({ select: { pathPrefix: ["/openai/v1/files"] }, document: GROQ_URL.replace("https://github.com/", "https://raw.githubusercontent.com/").replace("/blob/", "/") });
  });

  it("the spec keeps the Files operations only; the package is in the one shape (moonshot's), its profile read off the document", async () => {
    const ws = workspace();
    spec = parse(await ws.read("specs/groq/openapi.yaml"));
    expect(Object.keys(spec.paths).sort()).toEqual(["/openai/v1/files", "/openai/v1/files/{file_id}", "/openai/v1/files/{file_id}/content"]);
    const files = (await readdir(join(ws.root, "packages/groq"), { recursive: true })).filter((f) => !f.startsWith("node_modules")).sort();
    expect(files).toEqual(
      ["LICENSE", "README.md", "package.json", "src", "src/generated", "src/generated/schema.ts", "src/generated/spec-info.ts", "src/generated/spec.ts", "src/files.ts", "src/index.ts", "src/profile.ts", "test", "test/contract.test.ts", "tsconfig.build.json", "tsconfig.cjs.json", "tsconfig.json", "turbo.json", "vitest.config.ts"].sort(),
    );
    const pkg = JSON.parse(await ws.read("packages/groq/package.json"));
    const moonshotPkg = JSON.parse(await ws.read("packages/moonshot/package.json"));
    expect(Object.keys(pkg.exports)).toEqual([".", "./profile", "./spec", "./package.json"]);
    expect(pkg.exports["./profile"]).toEqual(moonshotPkg.exports["./profile"]);
    expect(pkg.typesVersions).toEqual(moonshotPkg.typesVersions);
    expect(pkg.dependencies).toEqual(moonshotPkg.dependencies);
    const profileTs = await ws.read("packages/groq/src/profile.ts");
    expect(profileTs).toContain('export const profile = {\n  name: "groq",');
    expect(profileTs).toContain('env: { apiKey: "GROQ_API_KEY", baseUrl: "GROQ_BASE_URL" }');
    expect(profileTs).toContain('list: { method: "get", path: "/openai/v1/files", items: "data" },');
    expect(profileTs).toContain('delete: { method: "delete", path: "/openai/v1/files/{file_id}", id: { in: "path", name: "file_id" }, result: { id: "id", deleted: "deleted" } },');
    // Purposes are the generated enum arrays, the limit the document's own words.
    expect(profileTs).toContain("export const UPLOAD_PURPOSES = createFileRequestPurposeValues;");
    expect(profileTs).toContain("export const PURPOSES = filePurposeValues;");
    expect(profileTs).toMatch(/"The Batch API only supports `\.jsonl` files up to 100 MB in size\."[^\n]*\nexport const MAX_FILE_BYTES = 100 \* 1024 \* 1024;/);
    expect(profileTs).toContain("export type GroqTypes = TypesOf<paths, typeof profile>;");
    expect(profileTs).toContain("export const provider: ProviderModule<GroqTypes> = {");
    // index.ts and files.ts are moonshot's, name for name (its Files operations are `<name>Files`).
    const skeleton = (text: string, label: string, Name: string) =>
      text.split("\n").filter((l) => !l.startsWith("//")).join("\n").replaceAll(label, "<Name>").replaceAll(Name, "<Name>").replaceAll(Name.toUpperCase(), "<NAME>").replaceAll(`${Name.toLowerCase()}Files`, "<name>Files");
    for (const file of ["src/index.ts", "src/files.ts"]) {
      expect(skeleton(await ws.read(`packages/groq/${file}`), "Groq", "Groq"), file).toBe(skeleton(await ws.read(`packages/moonshot/${file}`), "Moonshot AI (Kimi)", "Moonshot"));
    }
  });

  it("linked as `pnpm install` would, it builds and type-checks with no hand edit, and so does the registry", async () => {
    const ws = workspace();
    await ws.link("groq");
    await ws.link("registry");
    expect(buildProject(join(ws.root, "packages/groq/tsconfig.build.json"))).toBe("");
    expect(buildProject(join(ws.root, "packages/registry/tsconfig.build.json"))).toBe("");
    expect(typeCheck(join(ws.root, "packages/groq/tsconfig.json"))).toBe("");
  });

  it("the registry lists it, and so does the facade, which reads it", async () => {
    const registry = await load<{ PROVIDERS: string[]; loadClient(name: string): Promise<(options: object) => { raw: object }> }>("packages/registry/dist/index.js");
    expect(registry.PROVIDERS).toContain("groq");
    // Its client by the registry's rule (the package's one create<Name>Client); its provider module names none.
    expect(await workspace().read("packages/groq/src/profile.ts")).not.toContain('"./index.js"');
    const createGroqClient = await registry.loadClient("groq");
    expect(createGroqClient.name).toBe("createGroqClient");
    expect(createGroqClient({ apiKey: "k" }).raw).toBeDefined();
    unified = await load<Facade>("packages/unified/dist/index.js");
    expect(unified.PROVIDERS).toContain("groq");
  });

  it("the runtime matrix takes its providers from the registry (its cells run in CI's pnpm test:runtimes, on the real tree)", async () => {
    const runtimes = JSON.parse(await readFile(join(REPO_ROOT, "packages/runtimes/package.json"), "utf8"));
    expect(Object.keys({ ...runtimes.dependencies, ...runtimes.devDependencies })).toContain("@llm-files/registry");
    for (const f of await readdir(join(REPO_ROOT, "packages/runtimes/src"), { recursive: true })) {
      if (!/\.(m?js|ts)$/.test(f)) continue;
      const text = await readFile(join(REPO_ROOT, "packages/runtimes/src", f), "utf8");
      expect(text, `packages/runtimes/src/${f} lists providers by hand`).not.toMatch(/["'](moonshot|novita|minimax|openai|mistral)["']\s*,\s*["'](moonshot|novita|minimax|openai|mistral)["']/);
    }
  });

  it('createFiles({ provider: "groq" }) walks upload -> list -> retrieve -> content -> delete against startMock("groq")', async () => {
    const ws = workspace();
    const { startMock } = await load<{ startMock(p: string): Promise<{ url: string; stop(): Promise<void> }> }>("packages/mock/dist/index.js");
    const mock = await startMock("groq");
    const sampleFile = join(ws.root, "batch.jsonl");
    const content = sampleContent;
    await writeFile(sampleFile, content);
    try {
      const files = unified.createFiles({ provider: "groq", baseUrl: mock.url, apiKey: "sixth-provider-key" });
      const up = await files.upload({ file: sampleFile, purpose: "batch" });
      expect(up).toMatchObject({ filename: "batch.jsonl", purpose: "batch", bytes: content.length });
      expect((await files.list()).map((f) => f.id)).toContain(up.id);
      expect(await files.retrieve(up.id)).toMatchObject({ id: up.id, filename: "batch.jsonl" });
      expect(await (await files.content(up.id)).text()).toBe(content);
      expect(await files.delete(up.id)).toMatchObject({ id: up.id, deleted: true });
      await expect(files.retrieve(up.id)).rejects.toMatchObject({ name: "NotFoundError", provider: "groq", status: 404 });
    } finally {
      await mock.stop();
    }
  });

  it("the CLI: llm-files --provider groq --mock ls, and an upload", async () => {
    const ws = workspace();
    const sampleFile = join(ws.root, "batch.jsonl");
    await writeFile(sampleFile, sampleContent);
    const { run } = await load<{ run(argv: string[], io: object): Promise<number> }>("packages/cli/dist/cli.js");
    const cli = async (...argv: string[]) => {
      let out = "";
      const sink = () => new Writable({ write: (chunk, _e, done) => void ((out += chunk), done()) });
      const code = await run(argv, { stdout: sink(), stderr: sink(), stdin: new PassThrough(), env: { NO_COLOR: "1" } });
      return { code, out };
    };
    const ls = await cli("--provider", "groq", "--mock", "ls");
    expect(ls.code, ls.out).toBe(0);
    // The mock starts with a file sampled from the list's schema (the document gives no example).
    const listed = JSON.parse((await cli("--provider", "groq", "--mock", "--json", "ls")).out) as { id: string }[];
    expect(listed.length).toBeGreaterThan(0);
    expect(typeof listed[0]!.id).toBe("string");
    const upload = await cli("--provider", "groq", "--mock", "--json", "upload", sampleFile, "--purpose", "batch");
    expect(upload.code, upload.out).toBe(0);
    expect(JSON.parse(upload.out)).toMatchObject({ uploaded: [{ filename: "batch.jsonl", purpose: "batch" }] });
  });

  it("the demo walks it (on @llm-files/mock, from its spec and profile, as every provider)", async () => {
    const ws = workspace();
    const demo = await ws.exec(process.execPath, ["scripts/demo.mjs", "--provider", "groq"], join(ws.root, "packages/unified"));
    expect(demo.status, demo.output).toBe(0);
    expect(demo.output).toMatch(/^\| groq +\| .*\| deleted +\|/m);
  });

  it("its contract tests pass on Prism: every operation of its spec, counted from the spec", async () => {
    const ws = workspace();
    // Each operation once, each documented error status once, the profile's operations found
    // in the spec, and the call without credentials.
    const test = await ws.exec(join(BIN, "vitest"), ["run", "--reporter=dot"], join(ws.root, "packages/groq"));
    expect(test.status, test.output).toBe(0);
    const cases = Object.values<Record<string, { responses?: object }>>(spec.paths).flatMap((item) => Object.values(item)).reduce((n, op) => n + 1 + Object.keys(op.responses ?? {}).filter((s) => /^[45]/.test(s)).length, 0);
    expect(plain(test.output)).toMatch(new RegExp(`Tests\\s+${cases + 2} passed`));
  });
});
