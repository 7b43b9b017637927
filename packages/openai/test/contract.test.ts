// Contract test on Prism started from specs/openai/openapi.yaml, scaffolded by `pnpm new-provider`.
// Every Files operation the client has: its answer must carry a documented status and media
// type and validate against the documented schema; each documented error status must become a
// typed error. Never a particular example value, so a words-only upstream change cannot fail it.
import { fileURLToPath } from "node:url";
import { responseChecker, startPrism, tempFile, type Prism, type TempFile } from "@llm-files/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAIClient, FilesError, type OpenAIClient } from "../src/index.js";

const SPEC = fileURLToPath(new URL("../../../specs/openai/openapi.yaml", import.meta.url));
const check = responseChecker(SPEC);
let prism: Prism;
let file: TempFile;
let last: { status: number; type: string | null; body: unknown; violations: string | null } | undefined;

const watching: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  const type = res.headers.get("content-type");
  const text = await res.clone().text();
  let body: unknown = text;
  if (type && /json/.test(type) && text) body = JSON.parse(text);
  last = { status: res.status, type, body, violations: res.headers.get("sl-violations") };
  return res;
};
const client = (headers?: Record<string, string>): OpenAIClient => createOpenAIClient({ baseUrl: prism.url, apiKey: "contract-test-key", headers, fetch: watching, maxRetries: 0 });

beforeAll(async () => {
  // --dynamic: answers generated from the schemas (a provider's examples may not match its own schemas).
  prism = await startPrism({ spec: SPEC, errors: true, dynamic: true });
  file = await tempFile("sample\n", "sample.jsonl");
}, 60_000);
afterAll(async () => {
  await prism?.stop();
  await file?.cleanup();
});

const cases: Array<{ name: string; method: string; path: string; errors: number[]; call: (c: OpenAIClient) => Promise<unknown> }> = [
  { name: "list", method: "get", path: "/v1/files", errors: [], call: (c) => c.files.list() },
  { name: "listPage", method: "get", path: "/v1/files", errors: [], call: (c) => c.files.listPage({ limit: 2, order: "asc", after: "file-abc123", purpose: "batch" }) },
  { name: "upload", method: "post", path: "/v1/files", errors: [], call: (c) => c.files.upload({ file: file.path, purpose: "batch", expires_after: { anchor: "created_at", seconds: 3600 } }) },
  { name: "retrieve", method: "get", path: "/v1/files/{file_id}", errors: [], call: (c) => c.files.retrieve("file-abc123") },
  { name: "content", method: "get", path: "/v1/files/{file_id}/content", errors: [], call: (c) => c.files.content("file-abc123").then((r) => r.arrayBuffer()) },
  { name: "delete", method: "delete", path: "/v1/files/{file_id}", errors: [], call: (c) => c.files.delete("file-abc123") },
];

describe("openai contract (Prism on specs/openai/openapi.yaml)", () => {
  it("covers the Files operations the spec has", () => {
    expect(cases.map((c) => c.name)).toEqual(["list", "listPage", "upload", "retrieve", "content", "delete"]);
  });
  for (const c of cases) {
    it(`${c.name}: ${c.method.toUpperCase()} ${c.path} answers as documented`, async () => {
      last = undefined;
      await c.call(client());
      expect(last, "no request was sent").toBeDefined();
      expect(last!.violations).toBeNull();
      expect(check(c.method, c.path, last!.status, last!.type, last!.body)).toEqual([]);
    });
    for (const status of c.errors) {
      it(`${c.name}: documented ${status} becomes a typed error`, async () => {
        const err = await c.call(client({ Prefer: `code=${status}` })).then(() => undefined, (e: unknown) => e);
        expect(FilesError.isInstance(err)).toBe(true);
        expect(err).toMatchObject({ provider: "openai", status });
      });
    }
  }
});
