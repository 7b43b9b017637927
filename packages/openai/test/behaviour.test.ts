// @llm-files/openai against a loopback server that answers as OpenAI does: the base URL forms
// users set for the openai SDK, the key read lazily, the quota 429 that must not be retried,
// the upload's own fields, one page of the list, and bad input refused before any request.
import { json, sparseFile, startServer, tempFile, type TempFile, type TestServer } from "@llm-files/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAIClient, InsufficientBalanceError, MAX_FILE_BYTES, RateLimitError, ValidationError } from "../src/index.js";

const FILE = { id: "file-abc", object: "file", bytes: 6, created_at: 1_700_000_000, filename: "a.jsonl", purpose: "batch", status: "processed" };
let server: TestServer;
let answer: (url: string, index: number) => { status: number; body: unknown; headers?: Record<string, string> };
let file: TempFile;

beforeAll(async () => {
  server = await startServer((req, res, i) => {
    const a = answer(req.url ?? "", i);
    json(res, a.status, a.body, a.headers);
  });
  file = await tempFile("hello\n", "a.jsonl");
});
afterAll(async () => {
  await server?.stop();
  await file?.cleanup();
});
const ok = () => (answer = () => ({ status: 200, body: { object: "list", data: [FILE], first_id: "file-abc", last_id: "file-abc", has_more: false } }));
const since = () => server.requests.length;

describe("base URL", () => {
  for (const tail of ["", "/", "/v1", "/v1/"]) {
    it(`"<origin>${tail}" sends GET /v1/files`, async () => {
      ok();
      const n = since();
      await createOpenAIClient({ apiKey: "k", baseUrl: server.url + tail }).files.list();
      expect(server.requests.slice(n).map((r) => r.url)).toEqual(["/v1/files"]);
    });
  }

  it("OPENAI_BASE_URL and OPENAI_API_KEY are read at request time, not at creation", async () => {
    ok();
    const saved = { key: process.env.OPENAI_API_KEY, base: process.env.OPENAI_BASE_URL };
    try {
      delete process.env.OPENAI_API_KEY;
      process.env.OPENAI_BASE_URL = `${server.url}/v1`;
      const c = createOpenAIClient();
      await expect(c.files.list()).rejects.toMatchObject({ name: "ValidationError", field: "apiKey" });
      process.env.OPENAI_API_KEY = "sk-late";
      const n = since();
      await c.files.list();
      expect(server.requests.slice(n).map((r) => [r.url, r.headers.authorization])).toEqual([["/v1/files", "Bearer sk-late"]]);
    } finally {
      for (const [k, v] of [["OPENAI_API_KEY", saved.key], ["OPENAI_BASE_URL", saved.base]] as const) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
});

describe("429", () => {
  it("insufficient_quota is an InsufficientBalanceError, sent once", async () => {
    answer = () => ({ status: 429, body: { error: { message: "You exceeded your current quota", type: "insufficient_quota", param: null, code: "insufficient_quota" } }, headers: { "retry-after": "0" } });
    const n = since();
    const err = await createOpenAIClient({ apiKey: "k", baseUrl: server.url, maxRetries: 2 }).files.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InsufficientBalanceError);
    expect(err).toMatchObject({ status: 429, code: "insufficient_quota", retryable: false, message: "openai: You exceeded your current quota" });
    expect(since() - n).toBe(1);
  });

  it("a rate limit is a RateLimitError, retried", async () => {
    answer = () => ({ status: 429, body: { error: { message: "Rate limit reached", type: "requests", param: null, code: "rate_limit_exceeded" } }, headers: { "retry-after": "0" } });
    const n = since();
    const err = await createOpenAIClient({ apiKey: "k", baseUrl: server.url, maxRetries: 2 }).files.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ code: "rate_limit_exceeded", retryable: true });
    expect(since() - n).toBe(3);
  });
});

describe("upload", () => {
  it("sends expires_after as OpenAI's bracketed multipart fields", async () => {
    answer = () => ({ status: 200, body: { ...FILE, expires_at: 1_700_003_600 } });
    const n = since();
    const up = await createOpenAIClient({ apiKey: "k", baseUrl: server.url }).files.upload({ file: file.path, purpose: "batch", expires_after: { anchor: "created_at", seconds: 3600 } });
    expect(up.expires_at).toBe(1_700_003_600);
    const [req] = server.requests.slice(n);
    expect(req!.url).toBe("/v1/files");
    expect(req!.text).toMatch(/name="purpose"\r\n\r\nbatch\r\n/);
    expect(req!.text).toMatch(/name="expires_after\[anchor\]"\r\n\r\ncreated_at\r\n/);
    expect(req!.text).toMatch(/name="expires_after\[seconds\]"\r\n\r\n3600\r\n/);
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ["seconds below an hour", { expires_after: { anchor: "created_at", seconds: 60 } }, "expires_after.seconds"],
    ["seconds above 30 days", { expires_after: { anchor: "created_at", seconds: 2_592_001 } }, "expires_after.seconds"],
    ["another anchor", { expires_after: { anchor: "last_active_at", seconds: 3600 } }, "expires_after.anchor"],
    ["not an object", { expires_after: 3600 }, "expires_after"],
    ["an unknown purpose", { purpose: "assistants_output" }, "purpose"],
  ];
  for (const [name, params, field] of bad) {
    it(`${name}: ValidationError(${field}), nothing sent`, async () => {
      const n = since();
      const err = await createOpenAIClient({ apiKey: "k", baseUrl: server.url }).files.upload({ file: file.path, purpose: "batch", ...params } as never).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect(err).toMatchObject({ field });
      expect(since()).toBe(n);
    });
  }

  it("over 512 MB a file goes in parts (uploads.test.ts); refused before anything is sent: over 8 GB, or a purpose the Uploads API does not take", async () => {
    const big = await sparseFile(MAX_FILE_BYTES + 1, "big.jsonl");
    const huge = await sparseFile(8 * 1024 ** 3 + 1, "huge.jsonl");
    try {
      const n = since();
      const c = createOpenAIClient({ apiKey: "k", baseUrl: server.url });
      const tooBig = await c.files.upload({ file: huge.path, purpose: "batch" }).catch((e: unknown) => e);
      expect(tooBig).toBeInstanceOf(ValidationError);
      expect(tooBig).toMatchObject({ field: "file" });
      expect(String((tooBig as Error).message)).toMatch(/8 GB/);
      const userData = await c.files.upload({ file: big.path, purpose: "user_data" }).catch((e: unknown) => e);
      expect(userData).toMatchObject({ name: "ValidationError", field: "purpose" });
      expect(String((userData as Error).message)).toMatch(/512 MB/);
      expect(since()).toBe(n);
    } finally {
      await big.cleanup();
      await huge.cleanup();
    }
  });
});

describe("listPage", () => {
  it("sends after / limit / order / purpose and returns the page as sent", async () => {
    const page = { object: "list", data: [FILE], first_id: "file-abc", last_id: "file-abc", has_more: true };
    answer = () => ({ status: 200, body: page });
    const n = since();
    const r = await createOpenAIClient({ apiKey: "k", baseUrl: server.url }).files.listPage({ after: "file-0", limit: 1, order: "asc", purpose: "batch" });
    expect(r).toEqual(page);
    const url = new URL(server.requests[n]!.url, "http://x");
    expect(url.pathname).toBe("/v1/files");
    expect(Object.fromEntries(url.searchParams)).toEqual({ after: "file-0", limit: "1", order: "asc", purpose: "batch" });
  });

  for (const [name, opts, field] of [
    ["limit 0", { limit: 0 }, "limit"],
    ["limit 10001", { limit: 10_001 }, "limit"],
    ["order sideways", { order: "sideways" }, "order"],
    ["after empty", { after: "" }, "after"],
  ] as const) {
    it(`${name}: ValidationError(${field}), nothing sent`, async () => {
      const n = since();
      await expect(createOpenAIClient({ apiKey: "k", baseUrl: server.url }).files.listPage(opts as never)).rejects.toMatchObject({ name: "ValidationError", field });
      expect(since()).toBe(n);
    });
  }
});
