// OpenAI and Mistral through the facade, against real loopback servers shaped like each
// provider: OpenAI's cursor pages (after / limit / has_more / last_id) and its status and
// expires_after; Mistral's numbered pages (page / page_size / total) and its expiry in hours.
import { json, startServer, tempFile, type TempFile, type TestServer } from "@llm-files/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFiles, FileProcessingError, ValidationError } from "../src/index.js";

const T0 = 1_700_000_000;
const openaiFile = (i: number, extra: Record<string, unknown> = {}) => ({ id: `file-${i}`, object: "file", bytes: 100 + i, created_at: T0 - i, filename: `f${i}.jsonl`, purpose: i % 2 ? "batch" : "assistants", status: "processed", ...extra });
const mistralFile = (i: number) => ({ id: `0000000${i}-409e-4a46-9304-36588f6292b0`, object: "file", bytes: i === 3 ? null : 100 + i, created_at: T0 - i, filename: `f${i}.jsonl`, purpose: "batch", sample_type: "batch_request", source: "upload" });
const OPENAI = Array.from({ length: 7 }, (_, i) => openaiFile(i + 1));
const MISTRAL = Array.from({ length: 7 }, (_, i) => mistralFile(i + 1));

let openai: TestServer;
let mistral: TestServer;
let upload: TempFile;
/** What GET /v1/files/{id} answers at OpenAI, in turn (the last one repeats). */
let statuses: string[] = ["processed"];
let served = 0;

beforeAll(async () => {
  upload = await tempFile('{"custom_id":"1"}\n', "in.jsonl");
  openai = await startServer((req, res) => {
    const url = new URL(req.url!, "http://x");
    if (req.method === "POST") return json(res, 200, openaiFile(9, { status: "uploaded", expires_at: T0 + 7200 }));
    if (url.pathname === "/v1/files") {
      const q = url.searchParams;
      const pool = q.get("purpose") ? OPENAI.filter((f) => f.purpose === q.get("purpose")) : OPENAI;
      const start = q.get("after") ? pool.findIndex((f) => f.id === q.get("after")) + 1 : 0;
      const data = pool.slice(start, start + Number(q.get("limit") ?? 10_000));
      return json(res, 200, { object: "list", data, first_id: data[0]?.id, last_id: data.at(-1)?.id, has_more: start + data.length < pool.length });
    }
    const status = statuses[Math.min(served++, statuses.length - 1)]!;
    json(res, 200, openaiFile(1, { status, status_details: status === "error" ? "Invalid file format for Batch API: line 1 is not JSON" : undefined }));
  });
  mistral = await startServer((req, res) => {
    const url = new URL(req.url!, "http://x");
    if (req.method === "POST") return json(res, 200, { ...mistralFile(9), expires_at: T0 + 7200 });
    if (url.pathname === "/v1/files") {
      const page = Number(url.searchParams.get("page") ?? 0);
      const size = Number(url.searchParams.get("page_size") ?? 100);
      return json(res, 200, { object: "list", data: MISTRAL.slice(page * size, page * size + size), total: MISTRAL.length });
    }
    json(res, 200, mistralFile(1));
  });
});
afterAll(() => Promise.all([openai.stop(), mistral.stop(), upload.cleanup()]));

const oa = () => createFiles({ provider: "openai", apiKey: "sk-oa", baseUrl: openai.url, maxRetries: 0 });
const mi = () => createFiles({ provider: "mistral", apiKey: "sk-mi", baseUrl: mistral.url, maxRetries: 0 });
const since = (s: TestServer, n: number) => s.requests.slice(n).map((r) => `${r.method} ${r.url}`);

describe("OpenAI", () => {
  it("list() follows after/has_more to the last page; iterate() stops after one page when you do", async () => {
    let n = openai.requests.length;
    expect((await oa().list({ pageSize: 3 })).map((f) => f.id)).toEqual(OPENAI.map((f) => f.id));
    expect(since(openai, n)).toEqual(["GET /v1/files?limit=3", "GET /v1/files?after=file-3&limit=3", "GET /v1/files?after=file-6&limit=3"]);
    n = openai.requests.length;
    const seen: string[] = [];
    for await (const f of oa().iterate({ pageSize: 3 })) if (seen.push(f.id) === 3) break;
    expect(seen).toEqual(["file-1", "file-2", "file-3"]);
    expect(since(openai, n)).toEqual(["GET /v1/files?limit=3"]);
  });

  it("the provider's default page (no limit sent) and a purpose filtered by the server", async () => {
    let n = openai.requests.length;
    expect(await oa().list()).toHaveLength(7);
    expect(since(openai, n)).toEqual(["GET /v1/files"]);
    n = openai.requests.length;
    expect((await oa().list({ purpose: "batch", pageSize: 2 })).map((f) => f.id)).toEqual(["file-1", "file-3", "file-5", "file-7"]);
    expect(since(openai, n)).toEqual(["GET /v1/files?limit=2&purpose=batch", "GET /v1/files?after=file-3&limit=2&purpose=batch"]);
    await expect(oa().list({ purpose: "nope" as never })).rejects.toMatchObject({ name: "ValidationError", field: "purpose" });
    await expect(oa().list({ pageSize: 10_001 })).rejects.toMatchObject({ name: "ValidationError", field: "limit" });
  });

  it("state from status: uploaded → processing, processed → ready; waitUntilReady polls until processed", async () => {
    statuses = ["uploaded", "uploaded", "processed"];
    served = 0;
    const n = openai.requests.length;
    const f = await oa().waitUntilReady("file-1", { intervalMs: 5 });
    expect(f).toMatchObject({ id: "file-1", status: "processed", state: "ready" });
    expect(since(openai, n)).toEqual(Array(3).fill("GET /v1/files/file-1"));
    statuses = ["uploaded"];
    served = 0;
    expect(await oa().retrieve("file-1")).toMatchObject({ status: "uploaded", state: "processing" });
  });

  it("status error: FileProcessingError with OpenAI's status_details", async () => {
    statuses = ["uploaded", "error"];
    served = 0;
    const err = await oa().waitUntilReady("file-1", { intervalMs: 5 }).catch((e) => e);
    expect(err).toBeInstanceOf(FileProcessingError);
    expect(err).toMatchObject({ provider: "openai", fileId: "file-1", fileStatus: "error", detail: "Invalid file format for Batch API: line 1 is not JSON" });
  });

  it("expiresAfterSeconds is sent as expires_after from created_at; expiresAt comes from the answer", async () => {
    const n = openai.requests.length;
    const f = await oa().upload({ file: upload.path, purpose: "batch", expiresAfterSeconds: 7200 });
    expect(f.expiresAt?.toISOString()).toBe(new Date((T0 + 7200) * 1000).toISOString());
    const body = openai.requests[n]!.text!;
    expect(body).toMatch(/name="expires_after\[anchor\]"\r\n\r\ncreated_at\r\n/);
    expect(body).toMatch(/name="expires_after\[seconds\]"\r\n\r\n7200\r\n/);
    // Without it, no expires_after field at all.
    await oa().upload({ file: upload.path, purpose: "batch" });
    expect(openai.requests.at(-1)!.text).not.toContain("expires_after");
  });

  it("expiresAfterSeconds outside OpenAI's 1 hour to 30 days: ValidationError, nothing sent", async () => {
    const n = openai.requests.length;
    for (const bad of [60, 3599, 2_592_001, 3600.5]) {
      const err = await oa().upload({ file: upload.path, purpose: "batch", expiresAfterSeconds: bad }).catch((e) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect(err).toMatchObject({ field: "expiresAfterSeconds" });
      expect(err.message).toMatch(/from 3600 to 2592000/);
    }
    expect(openai.requests.length).toBe(n);
  });
});

describe("Mistral", () => {
  it("list() walks page/page_size to the total; iterate() sends one request when you stop in the first page", async () => {
    let n = mistral.requests.length;
    const all = await mi().list({ pageSize: 3 });
    expect(all.map((f) => f.filename)).toEqual(MISTRAL.map((f) => f.filename));
    expect(all[2]!.bytes).toBeNull(); // Mistral's bytes: null, kept as null
    expect(since(mistral, n)).toEqual(["GET /v1/files?page_size=3", "GET /v1/files?page=1&page_size=3", "GET /v1/files?page=2&page_size=3"]);
    n = mistral.requests.length;
    for await (const _ of mi().iterate({ pageSize: 3 })) break;
    expect(since(mistral, n)).toEqual(["GET /v1/files?page_size=3"]);
    n = mistral.requests.length;
    expect(await mi().list()).toHaveLength(7);
    expect(since(mistral, n)).toEqual(["GET /v1/files"]);
  });

  it("no status: state is undefined and waitUntilReady is one retrieve", async () => {
    const n = mistral.requests.length;
    const f = await mi().waitUntilReady(MISTRAL[0]!.id, { intervalMs: 5 });
    expect(f.state).toBeUndefined();
    expect(mistral.requests.length - n).toBe(1);
  });

  it("expiresAfterSeconds is sent as whole hours in `expiry`; other values are refused before any request", async () => {
    const n = mistral.requests.length;
    const f = await mi().upload({ file: upload.path, purpose: "batch", expiresAfterSeconds: 7200 });
    expect(f.expiresAt?.getTime()).toBe((T0 + 7200) * 1000);
    expect(mistral.requests[n]!.text).toMatch(/name="expiry"\r\n\r\n2\r\n/);
    for (const bad of [5400, 60, 0]) {
      await expect(mi().upload({ file: upload.path, purpose: "batch", expiresAfterSeconds: bad })).rejects.toMatchObject({ name: "ValidationError", field: "expiresAfterSeconds" });
    }
    expect(mistral.requests.length).toBe(n + 1);
  });
});
