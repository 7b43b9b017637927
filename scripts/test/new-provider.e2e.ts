// pnpm new-provider on real material, in temp copies of the repo: a plain OpenAPI document
// (trimmed copies of OpenAI's YAML and Mistral's JSON, see fixtures/), one Mintlify page, and
// failures that must leave the tree exactly as it was. The sixth-provider test
// (sixth-provider.e2e.ts) takes one scaffold through the registry, the facade, the mock, the CLI
// and the demo; these check what the scaffold reads off different documents.
import { readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { REPO_ROOT, startServer } from "@llm-files/testing";
import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { typeCheck } from "../api/programs.mjs";
import { copyRepo, pagesDir, type RepoCopy } from "./repo-copy.js";

const FIXTURES = join(REPO_ROOT, "scripts/test/fixtures");
const OPENAI = join(FIXTURES, "openai-openapi.trimmed.yaml");
const MISTRAL = join(FIXTURES, "mistral-openapi.trimmed.json");
const WRITER = join(FIXTURES, "writer-files.yaml");
const BIN = join(REPO_ROOT, "node_modules/.bin");

let copy: RepoCopy | undefined;
afterEach(async () => {
  await copy?.cleanup();
  copy = undefined;
});

const newProvider = (c: RepoCopy, args: string[]) => c.script("scripts/new-provider.mjs", args);
const operations = (doc: any) => Object.entries<any>(doc.paths).flatMap(([p, item]) => Object.keys(item).filter((k) => k !== "parameters").map((m) => `${m.toUpperCase()} ${p}`)).sort();

describe("new-provider", () => {
  it("from a plain OpenAPI YAML document filtered by tag: the package type-checks and its contract tests pass on Prism, no hand edits", async () => {
    copy = await copyRepo();
    const r = await newProvider(copy, ["openaidoc", "--from", OPENAI, "--tag", "Files", "--url", "https://github.com/openai/openai-openapi/blob/HEAD/openapi.yaml"]);
    expect(r.status, r.output).toBe(0);
    const spec = parse(await copy.read("specs/openaidoc/openapi.yaml"));
    // The fixture also holds GET /models: the filter keeps the Files operations only. Its server
    // is https://api.openai.com/v1 over /files: the build folds "/v1" into the paths, so the
    // client's prefix is "/v1" and a base URL with or without /v1 means the same.
    expect(operations(spec)).toEqual(["DELETE /v1/files/{file_id}", "GET /v1/files", "GET /v1/files/{file_id}", "GET /v1/files/{file_id}/content", "POST /v1/files"]);
    expect(spec.servers.map((s: { url: string }) => s.url)).toEqual(["https://api.openai.com"]);
    const profile = await copy.read("packages/openaidoc/src/profile.ts");
    expect(profile).toContain('pathPrefix: "/v1"');
    // Built by the one-pass build like the others, tested with the same Vitest settings.
    const build = await copy.read("tsconfig.build.json");
    expect(build).toContain('{ "path": "packages/openaidoc/tsconfig.build.json" }');
    expect(build).toContain('{ "path": "packages/openaidoc/tsconfig.cjs.json" }');
    expect(await copy.read("packages/openaidoc/vitest.config.ts")).toBe(await copy.read("packages/moonshot/vitest.config.ts"));
    expect(Object.keys(spec.components.schemas)).not.toContain("ListModelsResponse");
    const sources = JSON.parse(await copy.read("specs/sources.json"));
    expect(sources.openaidoc.select).toEqual({ tags: ["Files"] });
    expect(sources.openaidoc.pages["openai-openapi.trimmed.yaml"]).toMatchObject({ url: "https://github.com/openai/openai-openapi/blob/HEAD/openapi.yaml", captured: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
    // The GitHub page is HTML: what specs:update downloads is the raw file behind it.
    expect(sources.openaidoc.document).toBe("https://raw.githubusercontent.com/openai/openai-openapi/HEAD/openapi.yaml");
    // Multipart, as the spec says; the download where the spec has it; OpenAI's paging (after,
    // limit, has_more, last_id), its purpose filter, its order parameter and its documented status values.
    expect(profile).toContain('upload: { method: "post", path: "/v1/files", body: { form: "multipart", fileField: "file" } },');
    expect(profile).toContain('content: { method: "get", path: "/v1/files/{file_id}/content", id: { in: "path", name: "file_id" } },');
    expect(profile).toContain('paging: { style: "cursor", after: "after", limit: "limit", hasMore: "has_more", lastId: "last_id" }, purpose: { name: "purpose" }, query: { order: { type: "enum", values: ["asc", "desc"] } } },');
    expect(profile).toContain('states: { processing: ["uploaded"], ready: ["processed"], failed: ["error"] },');
    // The one registry entry.
    expect(await copy.read("packages/registry/src/index.ts")).toContain('import { provider as openaidoc } from "@llm-files/openaidoc/profile";');
    // The package as pnpm install would link it (same dependencies as packages/moonshot).
    await symlink(join(REPO_ROOT, "packages/moonshot/node_modules"), join(copy.root, "packages/openaidoc/node_modules"));
    const pkg = join(copy.root, "packages/openaidoc");
    // The type check is `tsc -p tsconfig.json --noEmit` done in this process (the libraries
    // parsed once for the run); the contract tests run in their own Vitest, on their own Prism.
    const running = copy.exec(join(BIN, "vitest"), ["run", "--reporter=dot"], pkg);
    const typeErrors = typeCheck(join(pkg, "tsconfig.json"));
    const test = await running;
    expect(typeErrors).toBe("");
    expect(test.status, test.output).toBe(0);
    // Every operation of the spec once, each documented error status once, the profile's
    // operations found in the spec, the call without credentials.
    const cases = Object.values<Record<string, { responses?: object }>>(spec.paths).flatMap((item) => Object.values(item)).reduce((n, op) => n + 1 + Object.keys(op.responses ?? {}).filter((s) => /^[45]/.test(s)).length, 0);
    expect(test.output.replace(/\x1b\[[0-9;]*m/g, "")).toMatch(new RegExp(`Tests\\s+${cases + 2} passed`));
    // The spec rebuilds identically and the generated code is in sync.
    expect((await copy.script("scripts/specs/build.mjs", ["--provider", "openaidoc", "--check"])).status).toBe(0);
    expect((await copy.script("scripts/generate.mjs", ["openaidoc", "--check"])).status).toBe(0);
  });

  it("from a plain OpenAPI JSON document filtered by path prefix: the client follows the paths the provider has", async () => {
    copy = await copyRepo();
    const r = await newProvider(copy, ["mistraldoc", "--from", MISTRAL, "--path-prefix", "/v1/files"]);
    expect(r.status, r.output).toBe(0);
    const spec = parse(await copy.read("specs/mistraldoc/openapi.yaml"));
    expect(operations(spec)).toEqual([
      "DELETE /v1/files/{file_id}",
      "GET /v1/files",
      "GET /v1/files/{file_id}",
      "GET /v1/files/{file_id}/content",
      "GET /v1/files/{file_id}/url",
      "POST /v1/files",
    ]);
    const profile = await copy.read("packages/mistraldoc/src/profile.ts");
    expect(profile).toContain('pathPrefix: "/v1"');
    // Mistral's numbered pages: page from 0, page_size 100 by default, and the total.
    expect(profile).toContain('paging: { style: "page", page: "page", size: "page_size", total: "total", first: 0, defaultSize: 100 }');
    const test = await copy.read("packages/mistraldoc/test/contract.test.ts");
    // file_id is a uuid in Mistral's spec: the test sends one Prism accepts.
    expect(test).toContain('fileId: "3b7d1c1e-3c5f-4a8e-9d3c-6f1e2a4b5c6d"');
    expect(JSON.parse(await copy.read("specs/sources.json")).mistraldoc.pages["mistral-openapi.trimmed.json"].note).toMatch(/set url/);
    // Fetch mode for a provider that publishes one document: specs:update fetches it, filters
    // it with the recorded selection, and finds nothing to change.
    const text = await readFile(MISTRAL, "utf8");
    const server = await startServer((_req, res) => void res.end(text));
    try {
      const sources = JSON.parse(await copy.read("specs/sources.json"));
      sources.mistraldoc.document = `${server.url}/openapi.json`;
      sources.mistraldoc.pages["mistral-openapi.trimmed.json"].url = sources.mistraldoc.document;
      await copy.write("specs/sources.json", JSON.stringify(sources, null, 2) + "\n");
      const before = await copy.snapshot();
      const u = await copy.run(["--provider", "mistraldoc"]);
      expect(u.status, u.output).toBe(0);
      expect(u.output).toMatch(/mistraldoc: unchanged/);
      expect(server.requests.length).toBe(1);
      expect(await copy.snapshot()).toEqual(before);
    } finally {
      await server.stop();
    }
  });

  it("a small document of Files operations only needs no flags (the selection is said and recorded), and its raw-body upload comes from the spec: the package type-checks and its contract tests pass on Prism", async () => {
    copy = await copyRepo();
    const r = await newProvider(copy, ["writer", "--from", WRITER]);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain(
      'writer-files.yaml: selected the Files operations by tag "File API" (= path prefix "/v1/files"): 6 operations: GET /v1/files/{file_id}, DELETE /v1/files/{file_id}, GET /v1/files, POST /v1/files, GET /v1/files/{file_id}/download, POST /v1/files/retry',
    );
    expect(JSON.parse(await copy.read("specs/sources.json")).writer.select).toEqual({ tags: ["File API"] });
    const profile = await copy.read("packages/writer/src/profile.ts");
    // The file is the body, in one of the 14 media types the spec lists, named and sized in the
    // headers the spec requires; Writer's upload takes no purpose, so the sample has none.
    const types = ["text/plain", "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.ms-powerpoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "image/jpeg", "image/png", "message/rfc822", "text/html", "application/pdf", "application/x-subrip", "text/csv", "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"];
    expect(profile).toContain(`upload: { method: "post", path: "/v1/files", body: { form: "raw", mediaTypes: ${JSON.stringify(types).replaceAll(",", ", ")}, nameHeader: "content-disposition", sizeRequired: true } },`);
    expect(profile).toContain('sample: { filename: "hello.txt", content: "Hello from llm-files.\\n" },');
    expect(profile).toContain("export const UPLOAD_PURPOSES = [] as const;");
    expect(profile).toContain("// - neither the file object nor the upload has a purpose: the profile lists none (nothing is sent; a purpose given is refused)");
    await symlink(join(REPO_ROOT, "packages/moonshot/node_modules"), join(copy.root, "packages/writer/node_modules"));
    const pkg = join(copy.root, "packages/writer");
    const running = copy.exec(join(BIN, "vitest"), ["run", "--reporter=dot"], pkg);
    const typeErrors = typeCheck(join(pkg, "tsconfig.json"));
    const test = await running;
    expect(typeErrors).toBe("");
    // Every operation, the upload through files.upload (the raw body Prism checks against the
    // spec: a listed media type, the required Content-Disposition and Content-Length), the
    // retry through raw.
    expect(test.status, test.output).toBe(0);
    expect(test.output).toMatch(/contract: writer ran \d+ spec cases \(6 operations\)/);
  });

  it("a huge document is vendored as its Files selection only, with a note saying so", async () => {
    copy = await copyRepo();
    const doc = JSON.parse(await readFile(MISTRAL, "utf8"));
    for (let i = 0; i < 3000; i++) doc.paths[`/v1/other/${i}`] = { get: { operationId: `other${i}`, description: "x".repeat(200), responses: { 200: { description: "ok" } } } };
    const big = join(copy.root, "openapi.json");
    await writeFile(big, JSON.stringify(doc));
    const r = await newProvider(copy, ["mistraldoc", "--from", big, "--path-prefix", "/v1/files"]);
    expect(r.status, r.output).toBe(0);
    const vendored = await copy.read("specs/mistraldoc/upstream/openapi.json");
    expect(vendored.length).toBeLessThan(100_000);
    expect(vendored).toMatch(/^# The operations of this OpenAPI document that match path prefix "\/v1\/files"/);
    expect(JSON.parse(await copy.read("specs/sources.json")).mistraldoc.pages["openapi.json"].note).toMatch(/out of a \d+\.\d MB document/);
    expect((await copy.script("scripts/specs/build.mjs", ["--provider", "mistraldoc", "--check"])).status).toBe(0);
  });

  it("from one Mintlify page: the spec's paths, nothing invented (no content path the provider lacks)", async () => {
    copy = await copyRepo();
    const dir = await pagesDir(copy);
    const r = await newProvider(copy, ["kimi", "--from", join(dir, "002_0055645eb4ee3e84.txt")]);
    expect(r.status, r.output).toBe(0);
    expect(operations(parse(await copy.read("specs/kimi/openapi.yaml")))).toEqual(["POST /v1/files"]);
    const profile = await copy.read("packages/kimi/src/profile.ts");
    expect(profile).toContain('upload: { method: "post", path: "/v1/files", body: { form: "multipart", fileField: "file" } },');
    expect(profile).not.toContain("/content");
    expect(profile).not.toContain("delete:");
    // A publishable package of its own: its repository folder, the CommonJS copy, a LICENSE.
    const pkg = JSON.parse(await copy.read("packages/kimi/package.json"));
    expect(pkg.name).toBe("@llm-files/kimi");
    expect(pkg.repository.directory).toBe("packages/kimi");
    expect(pkg.exports["."].require.default).toBe("./dist/cjs/index.js");
    expect(await copy.read("packages/kimi/tsconfig.cjs.json")).toContain('"module": "CommonJS"');
    expect(await copy.read("packages/kimi/LICENSE")).toContain("MIT License");
    // Twice is refused, and the refusal writes nothing.
    const before = await copy.snapshot();
    expect((await newProvider(copy, ["kimi", "--from", join(dir, "002_0055645eb4ee3e84.txt")])).output).toMatch(/exists already/);
    expect(await copy.snapshot()).toEqual(before);
  });

  it("a failed run leaves nothing behind and names the page and the problem", async () => {
    copy = await copyRepo();
    const before = await copy.snapshot();
    const sourcesBefore = await copy.read("specs/sources.json");
    const noMatch = await newProvider(copy, ["openaidoc", "--from", OPENAI, "--operation-id", "createFile", "--operation-id", "uploadEverything"]);
    expect(noMatch.status).not.toBe(0);
    expect(noMatch.output).toContain(`openai-openapi.trimmed.yaml: no operation with operationId "uploadEverything" (read from ${OPENAI})`);
    // A whole document whose Files operations cannot be told apart: no files tag, and two
    // collections of files (the fixture's own /files, and vector store files as OpenAI's
    // document has them, its tags taken away to make the document ambiguous).
    const doc = parse(await readFile(OPENAI, "utf8"));
    for (const item of Object.values<Record<string, { tags?: string[] }>>(doc.paths)) for (const op of Object.values(item)) delete op.tags;
    doc.paths["/vector_stores/{vector_store_id}/files"] = { get: { ...doc.paths["/files"].get, operationId: "listVectorStoreFiles" } };
    const ambiguous = join(copy.root, "ambiguous.yaml");
    await writeFile(ambiguous, stringify(doc));
    const unfiltered = await newProvider(copy, ["openaidoc", "--from", ambiguous]);
    expect(unfiltered.status).not.toBe(0);
    expect(unfiltered.output).toMatch(/ambiguous\.yaml: ambiguous: several collections of files and no files tag: path prefix "\/files" \(5 operations: .*\); path prefix "\/vector_stores\/\{vector_store_id\}\/files" \(1 operation: GET \/vector_stores\/\{vector_store_id\}\/files\); say which operations are the Files API with --tag, --path-prefix or --operation-id/);
    await rm(ambiguous);
    const dir = await pagesDir(copy);
    const nothing = await newProvider(copy, ["acme", "--from", join(dir, "..", "package.json")]);
    expect(nothing.status).not.toBe(0);
    expect(nothing.output).toMatch(/package\.json: not an OpenAPI 3\.0\/3\.1 document/);
    expect(nothing.output).toContain(`(read from ${join(copy.root, "package.json")})`);
    expect(await copy.read("specs/sources.json")).toBe(sourcesBefore);
    const after = await copy.snapshot();
    for (const k of after.keys()) if (k.startsWith("incoming/")) after.delete(k);
    expect(after).toEqual(before);
  });

  it("a run that fails at the registry, after the spec and the package were written, puts every file back", async () => {
    copy = await copyRepo();
    const registry = (await copy.read("packages/registry/src/index.ts")).replace("export const registry = {", "export const providers = {");
    await copy.write("packages/registry/src/index.ts", registry);
    const before = await copy.snapshot();
    const buildBefore = await copy.read("tsconfig.build.json");
    const r = await newProvider(copy, ["openaidoc", "--from", OPENAI, "--tag", "Files"]);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/packages\/registry\/src\/index\.ts: no .* to add the provider to/);
    expect(await copy.snapshot()).toEqual(before);
    expect(await copy.read("tsconfig.build.json")).toBe(buildBefore);
  });
});
