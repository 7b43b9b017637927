// @llm-files/mistral against a loopback server that answers as Mistral does: base URL forms,
// the error bodies it sends (FastAPI's detail list, a detail string, { message }, plain text),
// its upload fields (expiry, visibility), one page of the list, bad input refused up front.
import { json, startServer, tempFile, type TempFile, type TestServer } from "@llm-files/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthenticationError, createMistralClient, InvalidRequestError, RateLimitError, ServerError, ValidationError } from "../src/index.js";

const ID = "e85980c9-409e-4a46-9304-36588f6292b0";
const FILE = { id: ID, object: "file", bytes: null, created_at: 1_759_500_189, filename: "a.jsonl", purpose: "batch", sample_type: "batch_request", source: "upload" };
let server: TestServer;
let answer: (url: string) => { status: number; body: unknown; type?: string };
let file: TempFile;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const a = answer(req.url ?? "");
    if (a.type) {
      res.writeHead(a.status, { "content-type": a.type });
      res.end(String(a.body));
    } else json(res, a.status, a.body, { "retry-after": "0" });
  });
  file = await tempFile("{}\n", "a.jsonl");
});
afterAll(async () => {
  await server?.stop();
  await file?.cleanup();
});
const since = () => server.requests.length;
const client = (o: Record<string, unknown> = {}) => createMistralClient({ apiKey: "k", baseUrl: server.url, maxRetries: 0, ...o });

describe("base URL", () => {
  for (const tail of ["", "/", "/v1", "/v1/"]) {
    it(`"<origin>${tail}" sends GET /v1/files`, async () => {
      answer = () => ({ status: 200, body: { data: [FILE], object: "list", total: 1 } });
      const n = since();
      await client({ baseUrl: server.url + tail }).files.list();
      expect(server.requests.slice(n).map((r) => r.url)).toEqual(["/v1/files"]);
    });
  }
});

describe("errors", () => {
  const cases: [string, number, { body: unknown; type?: string }, new (...a: never[]) => Error, string][] = [
    ["FastAPI's detail list (422)", 422, { body: { detail: [{ loc: ["body", "purpose"], msg: "Input should be 'fine-tune', 'batch' or 'ocr'", type: "enum" }] } }, InvalidRequestError, "mistral: body.purpose: Input should be 'fine-tune', 'batch' or 'ocr'"],
    ["a detail string (404)", 404, { body: { detail: "File not found" } }, Error, "mistral: File not found"],
    ["{ object: error, message } (401)", 401, { body: { object: "error", message: "Unauthorized", type: "invalid_request_error", param: null, code: null } }, AuthenticationError, "mistral: Unauthorized"],
    ["{ message } (429)", 429, { body: { message: "Requests rate limit exceeded" } }, RateLimitError, "mistral: Requests rate limit exceeded"],
    ["plain text (502)", 502, { body: "<html>Bad Gateway</html>", type: "text/html" }, ServerError, "Bad Gateway"],
  ];
  for (const [name, status, body, Class, message] of cases) {
    it(`${name} -> ${Class.name} with the provider's words`, async () => {
      answer = () => ({ status, ...body });
      const err = await client().files.retrieve(ID).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Class);
      expect(err).toMatchObject({ provider: "mistral", status });
      expect((err as Error).message).toContain(message);
    });
  }
});

describe("upload", () => {
  it("sends expiry (hours) and visibility as multipart fields; bytes: null is kept", async () => {
    answer = () => ({ status: 200, body: FILE });
    const n = since();
    const up = await client().files.upload({ file: file.path, purpose: "batch", expiryHours: 48, visibility: "user" });
    expect(up.bytes).toBeNull();
    const [req] = server.requests.slice(n);
    expect(req!.text).toMatch(/name="purpose"\r\n\r\nbatch\r\n/);
    expect(req!.text).toMatch(/name="expiry"\r\n\r\n48\r\n/);
    expect(req!.text).toMatch(/name="visibility"\r\n\r\nuser\r\n/);
  });

  for (const [name, params, field] of [
    ["expiry 0", { expiryHours: 0 }, "expiryHours"],
    ["expiry fractional", { expiryHours: 1.5 }, "expiryHours"],
    ["visibility public", { visibility: "public" }, "visibility"],
    ["purpose assistants", { purpose: "assistants" }, "purpose"],
  ] as const) {
    it(`${name}: ValidationError(${field}), nothing sent`, async () => {
      const n = since();
      const err = await client().files.upload({ file: file.path, purpose: "batch", ...params } as never).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect(err).toMatchObject({ field });
      expect(since()).toBe(n);
    });
  }
});

describe("listPage and signedUrl", () => {
  it("sends page / page_size / purpose and returns { data, object, total }", async () => {
    const page = { data: [FILE], object: "list", total: 7 };
    answer = () => ({ status: 200, body: page });
    const n = since();
    expect(await client().files.listPage({ page: 2, page_size: 3, purpose: "batch" })).toEqual(page);
    const url = new URL(server.requests[n]!.url, "http://x");
    expect(url.pathname).toBe("/v1/files");
    expect(Object.fromEntries(url.searchParams)).toEqual({ page: "2", page_size: "3", purpose: "batch" });
  });

  it("refuses a negative page before sending", async () => {
    const n = since();
    await expect(client().files.listPage({ page: -1 })).rejects.toMatchObject({ name: "ValidationError", field: "page" });
    expect(since()).toBe(n);
  });

  it("signedUrl sends expiry in hours", async () => {
    answer = () => ({ status: 200, body: { url: "https://blob.example/x?sig=1" } });
    const n = since();
    expect(await client().files.signedUrl(ID, { expiryHours: 2 })).toEqual({ url: "https://blob.example/x?sig=1" });
    expect(server.requests[n]!.url).toBe(`/v1/files/${ID}/url?expiry=2`);
  });
});
