// The openai SDK (7.57), OpenAI's own client, against @llm-files/mock as a user testing their
// code would drive it: every page through its auto-pagination, order and purpose filters,
// expiry from expires_after on the mock's clock, processing it waits for, the Uploads API in
// parts, and each error status as the SDK's own class. Moonshot and Novita document
// OpenAI-compatible Files APIs, so the same SDK runs their lifecycle (baseURL at /v1,
// /openai/v1). And the SDK and llm-files share one mock, each reading what the other wrote.
import { createHash } from "node:crypto";
import OpenAI, { AzureOpenAI, AuthenticationError, BadRequestError, InternalServerError, NotFoundError, RateLimitError, toFile } from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { startMock, type MockServer } from "@llm-files/mock";
import { createFiles } from "@llm-files/unified";
import { registry } from "@llm-files/registry";
import { measure } from "./timing.js";

let mock: MockServer | undefined;
afterEach(async () => {
  await mock?.stop();
  mock = undefined;
});
const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

it("OpenAI: upload, every page, order, filters, expiry, processing, uploads in parts, errors, content bytes", async () => {
  mock = await startMock("openai", { seed: false, apiKey: "sk-interop", processingMs: 150, failProcessing: /^broken/ });
  const done = measure("openai SDK lifecycle on the OpenAI mock", mock);
  const sdk = new OpenAI({ apiKey: "sk-interop", baseURL: mock.apiUrl, maxRetries: 0 });

  // Five uploads, two purposes; the first expires an hour after it was created.
  const made = [];
  for (let i = 0; i < 5; i++) {
    made.push(await sdk.files.create({ file: await toFile(Buffer.from(`{"n":${i}}\n`), `f${i}.jsonl`), purpose: i % 2 ? "batch" : "user_data", ...(i === 0 ? { expires_after: { anchor: "created_at", seconds: 3600 } } : {}) }));
  }
  expect(made[0]).toMatchObject({ object: "file", filename: "f0.jsonl", purpose: "user_data", bytes: 8, status: "uploaded" });
  expect(made[0]!.expires_at).toBe(made[0]!.created_at + 3600);
  expect(made[1]!.expires_at).toBeUndefined();

  // Every page through the SDK's auto-pagination: limit 2, newest first by default.
  let n = mock.requests.length;
  const listed: string[] = [];
  for await (const f of sdk.files.list({ limit: 2 })) listed.push(f.id);
  expect(listed).toEqual(made.map((f) => f.id).reverse());
  expect(mock.requests.slice(n).map((r) => r.path)).toEqual(["/v1/files?limit=2", `/v1/files?limit=2&after=${made[3]!.id}`, `/v1/files?limit=2&after=${made[1]!.id}`]);
  const first = await sdk.files.list({ limit: 2 });
  expect(first).toMatchObject({ has_more: true });
  expect(first.data.map((f) => f.id)).toEqual([made[4]!.id, made[3]!.id]);
  // order=asc, and a purpose filter over pages.
  const asc: string[] = [];
  for await (const f of sdk.files.list({ limit: 2, order: "asc" })) asc.push(f.id);
  expect(asc).toEqual(made.map((f) => f.id));
  const batch: string[] = [];
  for await (const f of sdk.files.list({ purpose: "batch", limit: 1 })) batch.push(f.id);
  expect(batch).toEqual([made[3]!.id, made[1]!.id]);

  // Processing: the SDK's own wait polls retrieve until the file is processed (or failed).
  expect(await sdk.files.waitForProcessing(made[2]!.id, { pollInterval: 25 })).toMatchObject({ id: made[2]!.id, status: "processed" });
  const broken = await sdk.files.create({ file: await toFile(Buffer.from("not json"), "broken.jsonl"), purpose: "batch" });
  expect(await sdk.files.waitForProcessing(broken.id, { pollInterval: 25 })).toMatchObject({ status: "error", status_details: expect.stringContaining("broken.jsonl") });

  // The bytes come back as uploaded.
  expect((await bytesOf(await sdk.files.content(made[1]!.id))).toString()).toBe('{"n":1}\n');

  // Uploads in parts: create, two parts, complete in order with the md5 of the whole.
  const whole = Buffer.concat([Buffer.alloc(70_000, 1), Buffer.alloc(1234, 2)]);
  const upload = await sdk.uploads.create({ filename: "big.jsonl", purpose: "batch", bytes: whole.length, mime_type: "text/jsonl", expires_after: { anchor: "created_at", seconds: 7200 } });
  expect(upload).toMatchObject({ object: "upload", status: "pending", bytes: whole.length });
  const p2 = await sdk.uploads.parts.create(upload.id, { data: await toFile(whole.subarray(70_000), "p2") });
  const p1 = await sdk.uploads.parts.create(upload.id, { data: await toFile(whole.subarray(0, 70_000), "p1") });
  // Parts named out of order do not add up to the file: the bytes differ, the md5 says so.
  await expect(sdk.uploads.complete(upload.id, { part_ids: [p2.id, p1.id], md5: createHash("md5").update(whole).digest("hex") })).rejects.toBeInstanceOf(BadRequestError);
  await expect(sdk.uploads.complete(upload.id, { part_ids: [p1.id] })).rejects.toThrow(/the parts hold 70000 bytes; the upload was created for 71234/);
  const completed = await sdk.uploads.complete(upload.id, { part_ids: [p1.id, p2.id], md5: createHash("md5").update(whole).digest("hex") });
  expect(completed).toMatchObject({ status: "completed", file: { object: "file", bytes: whole.length, filename: "big.jsonl", purpose: "batch" } });
  expect(completed.file!.expires_at).toBe(completed.file!.created_at + 7200);
  expect((await bytesOf(await sdk.files.content(completed.file!.id))).equals(whole)).toBe(true);
  const cancelled = await sdk.uploads.create({ filename: "c.jsonl", purpose: "batch", bytes: 10, mime_type: "text/jsonl" });
  expect(await sdk.uploads.cancel(cancelled.id)).toMatchObject({ status: "cancelled" });
  await expect(sdk.uploads.parts.create(cancelled.id, { data: await toFile(Buffer.alloc(10), "x") })).rejects.toThrow(/it is cancelled/);

  // Expiry on the mock's clock: an hour later the first file is gone; the others stay.
  mock.clock.advance(3600 * 1000);
  await expect(sdk.files.retrieve(made[0]!.id)).rejects.toBeInstanceOf(NotFoundError);
  expect((await sdk.files.retrieve(made[1]!.id)).id).toBe(made[1]!.id);
  // An upload left pending expires an hour after it was created.
  await expect(sdk.uploads.parts.create(cancelled.id, { data: await toFile(Buffer.alloc(10), "x") })).rejects.toBeInstanceOf(BadRequestError);

  // Errors as the SDK's own classes.
  await expect(new OpenAI({ apiKey: "sk-wrong", baseURL: mock.apiUrl, maxRetries: 0 }).files.list()).rejects.toBeInstanceOf(AuthenticationError);
  await expect(sdk.files.create({ file: await toFile(Buffer.from("x"), "x.txt"), purpose: "nope" as never })).rejects.toThrow(/purpose must be one of/);
  mock.fault({ operation: "list", status: 429, retryAfter: 0 });
  await expect(sdk.files.list()).rejects.toBeInstanceOf(RateLimitError);
  mock.fault({ operation: "retrieve", status: 500 });
  await expect(sdk.files.retrieve(made[1]!.id)).rejects.toBeInstanceOf(InternalServerError);
  // With retries on, the SDK's own retry gets through a 503 carrying Retry-After.
  mock.fault({ operation: "retrieve", status: 503, headers: { "retry-after-ms": "10" } });
  n = mock.requests.length;
  expect((await new OpenAI({ apiKey: "sk-interop", baseURL: mock.apiUrl, maxRetries: 2 }).files.retrieve(made[1]!.id)).id).toBe(made[1]!.id);
  expect(mock.requests.slice(n).map((r) => r.status)).toEqual([503, 200]);

  expect(await sdk.files.delete(made[1]!.id)).toEqual({ id: made[1]!.id, object: "file", deleted: true });
  await expect(sdk.files.content(made[1]!.id)).rejects.toBeInstanceOf(NotFoundError);
  done();
});

describe.each(["moonshot", "novita"] as const)("%s through the openai SDK (an OpenAI-compatible Files API)", (provider) => {
  it("upload, list, retrieve, content, delete, and errors as the SDK's classes", async () => {
    mock = await startMock(provider, { seed: false, apiKey: "sk-interop" });
    const done = measure(`openai SDK lifecycle on the ${provider} mock`, mock);
    const sdk = new OpenAI({ apiKey: "sk-interop", baseURL: mock.apiUrl, maxRetries: 0 });
    const { purpose } = registry[provider].profile.sample;
    const a = await sdk.files.create({ file: await toFile(Buffer.from("first\n"), "a.jsonl"), purpose: purpose as never });
    const b = await sdk.files.create({ file: await toFile(Buffer.from("second\n"), "b.jsonl"), purpose: purpose as never });
    expect(a).toMatchObject({ filename: "a.jsonl", bytes: 6, purpose });
    // No pages here: the SDK's auto-pagination stops after the one answer (no has_more).
    const listed: string[] = [];
    for await (const f of sdk.files.list()) listed.push(f.id);
    expect(listed.sort()).toEqual([a.id, b.id].sort());
    expect(await sdk.files.retrieve(b.id)).toMatchObject({ id: b.id, filename: "b.jsonl" });
    expect((await bytesOf(await sdk.files.content(b.id))).toString()).toBe("second\n");
    expect(await sdk.files.delete(a.id)).toMatchObject({ id: a.id, deleted: true });
    await expect(sdk.files.retrieve(a.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(new OpenAI({ apiKey: "sk-wrong", baseURL: mock.apiUrl, maxRetries: 0 }).files.list()).rejects.toBeInstanceOf(AuthenticationError);
    await expect(sdk.files.create({ file: await toFile(Buffer.from("x"), "x.txt"), purpose: "nope" as never })).rejects.toBeInstanceOf(BadRequestError);
    mock.fault({ status: 429, retryAfter: 0 });
    await expect(sdk.files.list()).rejects.toBeInstanceOf(RateLimitError);
    done();
  });
});

describe.each(["openai", "moonshot", "novita"] as const)("%s: the openai SDK and llm-files share one mock", (provider) => {
  it("each reads what the other wrote, byte for byte", async () => {
    mock = await startMock(provider, { seed: false });
    const sdk = new OpenAI({ apiKey: "sk-shared", baseURL: mock.apiUrl, maxRetries: 0 });
    const files = createFiles({ provider, apiKey: "sk-shared", baseUrl: mock.url });
    const { purpose } = registry[provider].profile.sample;
    const fromSdk = Buffer.from([0, 1, 2, 250, 255, ...Buffer.from(" from the SDK\n")]);
    const fromUs = Buffer.from("from llm-files \u00e9\u4e2d\n");
    const a = await sdk.files.create({ file: await toFile(fromSdk, "sdk.bin"), purpose: purpose as never });
    const b = await files.upload({ file: fromUs, filename: "ours.txt", purpose: purpose as never });
    expect((await files.retrieve(a.id)).filename).toBe("sdk.bin");
    expect((await bytesOf(await files.content(a.id))).equals(fromSdk)).toBe(true);
    expect((await sdk.files.retrieve(b.id)).bytes).toBe(fromUs.length);
    expect((await bytesOf(await sdk.files.content(b.id))).equals(fromUs)).toBe(true);
    expect((await files.list()).map((f) => f.id).sort()).toEqual([a.id, b.id].sort());
    if (provider === "openai") {
      // llm-files' own uploads in parts, read back by the SDK.
      const big = Buffer.alloc(3 * 65_536 + 5, 7);
      const c = await files.upload({ file: big, filename: "parts.jsonl", purpose: "batch", multipartThresholdBytes: 65_536, partSizeBytes: 65_536 });
      expect(mock.uploads()).toHaveLength(1);
      expect((await bytesOf(await sdk.files.content(c.id))).equals(big)).toBe(true);
    }
    await sdk.files.delete(b.id);
    await files.delete(a.id);
    expect(mock.files()).toHaveLength(provider === "openai" ? 1 : 0);
  });
});

it("Azure OpenAI through the openai SDK's AzureOpenAI: api-key and Entra ID tokens, api-version, upload with expiry, every page, processing, content, delete, errors; shared with llm-files", async () => {
  mock = await startMock("azure", { seed: false, apiKey: "azure-interop", processingMs: 150 });
  const done = measure("openai SDK's AzureOpenAI lifecycle on the Azure OpenAI mock", mock);
  // The v1 API: the resource's /openai/v1 as the base URL, api-version=v1 on every request.
  const sdk = new AzureOpenAI({ apiKey: "azure-interop", baseURL: mock.apiUrl, apiVersion: "v1", maxRetries: 0 });
  const made = [];
  for (let i = 0; i < 5; i++) made.push(await sdk.files.create({ file: await toFile(Buffer.from(`{"n":${i}}\n`), `f${i}.jsonl`), purpose: "batch", ...(i === 0 ? { expires_after: { anchor: "created_at", seconds: 14 * 86400 } } : {}) }));
  expect(made[0]).toMatchObject({ object: "file", filename: "f0.jsonl", purpose: "batch", bytes: 8, status: "uploaded" });
  expect(made[0]!.expires_at).toBe(made[0]!.created_at + 14 * 86400);
  expect(mock.requests.every((r) => new URL(r.path, mock!.url).searchParams.get("api-version") === "v1")).toBe(true);

  // Every page through the SDK's auto-pagination (limit, after), as the resource's own tokens too.
  const entra = new AzureOpenAI({ azureADTokenProvider: async () => "azure-interop", baseURL: mock.apiUrl, apiVersion: "v1", maxRetries: 0 });
  const listed: string[] = [];
  for await (const f of entra.files.list({ limit: 2 })) listed.push(f.id);
  expect(listed).toEqual(made.map((f) => f.id).reverse());
  expect(await sdk.files.waitForProcessing(made[2]!.id, { pollInterval: 25 })).toMatchObject({ status: "processed" });
  expect((await bytesOf(await sdk.files.content(made[1]!.id))).toString()).toBe('{"n":1}\n');

  // Errors as the SDK's classes: a wrong key, a purpose Azure does not take, an api-version it does not know, a 429.
  await expect(new AzureOpenAI({ apiKey: "wrong", baseURL: mock.apiUrl, apiVersion: "v1", maxRetries: 0 }).files.list()).rejects.toBeInstanceOf(AuthenticationError);
  await expect(sdk.files.create({ file: await toFile(Buffer.from("x"), "x.txt"), purpose: "vision" })).rejects.toThrow(/purpose must be one of/);
  await expect(new AzureOpenAI({ apiKey: "azure-interop", baseURL: mock.apiUrl, apiVersion: "2024-10-21", maxRetries: 0 }).files.list()).rejects.toBeInstanceOf(BadRequestError);
  mock.fault({ operation: "list", status: 429, retryAfter: 0 });
  await expect(sdk.files.list()).rejects.toBeInstanceOf(RateLimitError);
  expect(await sdk.files.delete(made[3]!.id)).toMatchObject({ id: made[3]!.id, deleted: true });
  await expect(sdk.files.retrieve(made[3]!.id)).rejects.toBeInstanceOf(NotFoundError);
  done();

  // One mock, two clients: each reads what the other wrote.
  const files = createFiles({ provider: "azure", apiKey: "azure-interop", baseUrl: mock.url });
  const fromSdk = Buffer.from([0, 1, 2, 250, 255, ...Buffer.from(" from the SDK\n")]);
  const fromUs = Buffer.from("from llm-files \u00e9\u4e2d\n");
  const a = await sdk.files.create({ file: await toFile(fromSdk, "sdk.bin"), purpose: "batch" });
  const b = await files.upload({ file: fromUs, filename: "ours.jsonl", purpose: "batch", expiresAfterSeconds: 30 * 86400 });
  expect(await files.retrieve(a.id)).toMatchObject({ filename: "sdk.bin", bytes: fromSdk.length });
  expect((await bytesOf(await files.content(a.id))).equals(fromSdk)).toBe(true);
  expect(await sdk.files.retrieve(b.id)).toMatchObject({ bytes: fromUs.length, expires_at: Math.floor(b.createdAt.getTime() / 1000) + 30 * 86400 });
  expect((await bytesOf(await sdk.files.content(b.id))).equals(fromUs)).toBe(true);
  await sdk.files.delete(b.id);
  await files.delete(a.id);
});
