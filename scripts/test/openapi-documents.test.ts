// What the real OpenAI and Mistral documents needed of the pipeline, as classes: a server URL
// that carries the version path, a GitHub "blob" link given as provenance, and a whole
// published document given to specs:update --from (vendored as its selection, as in fetch mode);
// and where a place of a merged spec is upstream, for the failures that name it.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { foldServerPath } from "../specs/build.mjs";
import { fetchableUrl, folderPages } from "../specs/lib/pages.mjs";
import { Provenance } from "../specs/lib/provenance.mjs";
import type { Server } from "../specs/lib/openapi.js";

const doc = (servers: Server[]) => ({ openapi: "3.1.0", servers, paths: { "/files": { get: {} }, "/files/{id}": { delete: {} } } });

describe("foldServerPath", () => {
  for (const url of ["https://api.openai.com/v1", "https://api.openai.com/v1/"]) {
    it(`${url}: the path moves into every path, the server keeps its origin`, () => {
      const d = doc([{ url, description: "prod" }]);
      const notes: string[] = [];
      foldServerPath(d, notes);
      expect(d.servers).toEqual([{ url: "https://api.openai.com", description: "prod" }]);
      expect(Object.keys(d.paths)).toEqual(["/v1/files", "/v1/files/{id}"]);
      expect(notes).toEqual(['server path "/v1" folded into the paths (servers: https://api.openai.com)']);
    });
  }
  it("an origin-only server leaves the document as it is", () => {
    const d = doc([{ url: "https://api.mistral.ai" }]);
    foldServerPath(d);
    expect(Object.keys(d.paths)).toEqual(["/files", "/files/{id}"]);
    expect(d.servers).toEqual([{ url: "https://api.mistral.ai" }]);
  });
  it("servers with different paths are refused, naming them", () => {
    expect(() => foldServerPath(doc([{ url: "https://a.example/v1" }, { url: "https://b.example/v2" }]))).toThrow(/servers carry different paths \(\/v1, \/v2\)/);
  });
  it("a server whose variable is its origin folds its path all the same (Azure's {endpoint}/openai/v1)", () => {
    const d = doc([{ url: "{endpoint}/openai/v1", variables: { endpoint: { default: "" } } }]);
    foldServerPath(d);
    expect(d.servers).toEqual([{ url: "{endpoint}", variables: { endpoint: { default: "" } } }]);
    expect(Object.keys(d.paths)).toEqual(["/openai/v1/files", "/openai/v1/files/{id}"]);
  });
  it("a templated server is left alone (its path is not known)", () => {
    const d = doc([{ url: "https://{region}.example/{version}" }]);
    foldServerPath(d);
    expect(Object.keys(d.paths)).toEqual(["/files", "/files/{id}"]);
  });
});

describe("fetchableUrl", () => {
  it("a GitHub blob page becomes its raw file; anything else is kept", () => {
    expect(fetchableUrl("https://github.com/openai/openai-openapi/blob/f85dbe2/openapi.yaml")).toBe("https://raw.githubusercontent.com/openai/openai-openapi/f85dbe2/openapi.yaml");
    expect(fetchableUrl("https://docs.mistral.ai/openapi.yaml")).toBe("https://docs.mistral.ai/openapi.yaml");
  });
});

describe("folderPages", () => {
  it("a whole document in --from is vendored as the provider's selection", async () => {
    const dir = await mkdtemp(join(tmpdir(), "llm-files-from-"));
    try {
      const big: { openapi: string; info: object; paths: Record<string, unknown> } = { openapi: "3.1.0", info: { title: "t", version: "1" }, paths: { "/v1/files": { get: { operationId: "list", responses: { 200: { description: "ok" } } } } } };
      for (let i = 0; i < 2000; i++) big.paths[`/v1/other/${i}`] = { get: { operationId: `o${i}`, description: "x".repeat(200), responses: { 200: { description: "ok" } } } };
      await writeFile(join(dir, "doc.json"), JSON.stringify(big));
      const sources = { acme: { document: "https://example.com/doc.json", select: { pathPrefix: ["/v1/files"] }, pages: { "doc.json": { url: "https://example.com/doc.json" } } } };
      const out = await folderPages(dir, sources, ["acme"]);
      const text: string = out.acme["doc.json"].text;
      expect(text.length).toBeLessThan(10_000);
      expect(text).toMatch(/^# The operations of this OpenAPI document that match path prefix "\/v1\/files"/);
      expect(text).not.toContain("/v1/other/");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("Provenance", () => {
  it("names a place of the merged spec upstream: the pointer in the page's own document (the folded server path taken off), where the page was read, its line, and the override that patched it", () => {
    const trace = new Provenance();
    const page = "# Files\n\n````yaml GET /files\nopenapi: 3.1.0\npaths:\n  /files:\n    get:\n      responses: {}\ncomponents:\n  schemas:\n    File:\n      type: object\n````\n";
    trace.addPage("files.md", page, "https://example.com/files.md");
    trace.origin.set("/files#get", "files.md");
    trace.origin.set("components.schemas.File", "files.md");
    trace.folded = "/v1";
    trace.overrides.push({ name: "file-example", file: "specs/acme/overrides.yaml", pointers: ["/components/schemas/File/example"], changed: true });
    expect(trace.describe("#/paths/~1v1~1files/get/parameters")).toBe("#/paths/~1files/get/parameters in files.md (https://example.com/files.md), line 7 (#/paths/~1files/get; the rest is not in the page)");
    expect(trace.describe("#/components/schemas/File")).toBe('#/components/schemas/File in files.md (https://example.com/files.md), line 11; patched by override "file-example" (specs/acme/overrides.yaml)');
    // A page read as the Files selection of a huge document: its lines are no file's, only its pointers are given.
    trace.addPage("doc.json", "openapi: 3.1.0\npaths: {}\n", "https://example.com/doc.json", false);
    trace.origin.set("/files#post", "doc.json");
    expect(trace.describe("#/paths/~1v1~1files/post")).toBe("#/paths/~1files/post in doc.json (https://example.com/doc.json, read as its Files selection)");
    expect(trace.describe("#/info/title")).toBe("#/info/title of the merged spec");
  });
});
