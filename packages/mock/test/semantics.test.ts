// What moves in the mock, by the profile's data alone: pages of every style (a profile of its
// own with token paging included: a new provider gets them with no code here), order and
// filters, expiry on the mock's clock, processing that ends or fails, and what it keeps.
import { afterEach, describe, expect, it } from "vitest";
import { createFilesClient, type Profile, type ProviderModule } from "@llm-files/core";
import { registry } from "@llm-files/registry";
import { createFiles, filesFromProvider, FileProcessingError, NotFoundError } from "@llm-files/unified";
import { startMock, type MockServer } from "../src/index.js";

let mock: MockServer | undefined;
afterEach(async () => {
  await mock?.stop();
  mock = undefined;
});
const text = (s: string) => new TextEncoder().encode(s);
const get = async (path: string) => {
  const res = await fetch(`${mock!.url}${path}`, { headers: { authorization: "Bearer k" } });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

describe("pages, as the profile says", () => {
  it("cursor (OpenAI): limit, after, has_more, first_id and last_id, order; the facade walks every page", async () => {
    mock = await startMock("openai", { seed: false });
    const files = createFiles({ provider: "openai", apiKey: "k", baseUrl: mock.url });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await files.upload({ file: text(`${i}`), filename: `${i}.jsonl`, purpose: i === 4 ? "user_data" : "batch" })).id);
    const first = await get("/v1/files?limit=2");
    expect(first.body).toMatchObject({ object: "list", has_more: true, first_id: ids[4], last_id: ids[3] });
    expect(first.body.data.map((f: { id: string }) => f.id)).toEqual([ids[4], ids[3]]);
    const last = await get(`/v1/files?limit=2&after=${ids[1]}`);
    expect(last.body).toMatchObject({ has_more: false, first_id: ids[0], last_id: ids[0] });
    expect((await get("/v1/files?limit=3&order=asc")).body.data.map((f: { id: string }) => f.id)).toEqual(ids.slice(0, 3));
    expect((await get("/v1/files?purpose=user_data")).body.data.map((f: { id: string }) => f.id)).toEqual([ids[4]]);
    // A cursor naming a file deleted since still pages from where it stood.
    await files.delete(ids[3]!);
    expect((await get(`/v1/files?limit=1&after=${ids[3]}`)).body.data.map((f: { id: string }) => f.id)).toEqual([ids[2]]);
    // Out of the documented range, or a cursor that never was: a 400 naming the parameter.
    expect(await get("/v1/files?limit=0")).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^limit must be from 1 to 10000/) } } });
    expect(await get("/v1/files?after=file-nope")).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^after: no file file-nope/) } } });
    expect(await get("/v1/files?order=up")).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^order must be one of asc, desc/) } } });
    const n = mock.requests.length;
    expect((await files.list({ pageSize: 1 })).map((f) => f.id)).toEqual([ids[4], ids[2], ids[1], ids[0]]);
    expect(mock.requests.length - n).toBe(4);
  });

  it("numbered pages (Mistral): page, page_size and total, newest first; include_total=false leaves total out", async () => {
    mock = await startMock("mistral", { seed: false });
    const files = createFiles({ provider: "mistral", apiKey: "k", baseUrl: mock.url });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await files.upload({ file: text(`${i}`), filename: `${i}.jsonl`, purpose: "batch" })).id);
    const page1 = await get("/v1/files?page=1&page_size=2");
    expect(page1.body).toMatchObject({ object: "list", total: 3 });
    expect(page1.body.data.map((f: { id: string }) => f.id)).toEqual([ids[0]]);
    expect((await get("/v1/files?include_total=false")).body.total).toBeNull();
    expect((await get("/v1/files?search=1.JSON")).body.data.map((f: { id: string }) => f.id)).toEqual([ids[1]]);
    expect((await get("/v1/files?sample_type=batch_request&sample_type=instruct")).body.data).toHaveLength(3);
    expect((await get("/v1/files?sample_type=pretrain")).body.data).toHaveLength(0);
    const n = mock.requests.length;
    expect((await files.list({ pageSize: 2 })).map((f) => f.id)).toEqual([...ids].reverse());
    expect(mock.requests.length - n).toBe(2);
  });

  it("an opaque page token, for a profile of its own: the mock and core's client page by the profile alone", async () => {
    const openai = registry.openai.profile as Profile;
    const profile: Profile = { ...openai, name: "tokened", operations: { ...openai.operations, list: { ...openai.operations.list!, paging: { style: "token", token: "after", size: "limit", next: "next_page_token" } } } };
    const module: ProviderModule = { profile, client: async () => (o) => createFilesClient(profile, o), spec: () => registry.openai.spec() };
    mock = await startMock(module, { seed: false });
    const files = filesFromProvider(module, { apiKey: "k", baseUrl: mock.url });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await files.upload({ file: text(`${i}`), filename: `${i}.jsonl`, purpose: "batch" } as never)).id);
    const first = await get("/v1/files?limit=2");
    expect(typeof first.body.next_page_token).toBe("string");
    expect((await get(`/v1/files?limit=2&after=nonsense`)).status).toBe(400);
    const n = mock.requests.length;
    expect((await files.list({ pageSize: 2 } as never)).map((f) => f.id)).toEqual([...ids].reverse());
    const paths = mock.requests.slice(n).map((r) => new URL(r.path, mock!.url).searchParams);
    expect(paths.map((q) => [q.get("limit"), q.get("after")])).toEqual([["2", null], ["2", first.body.next_page_token], ["2", expect.any(String)]]);
  });
});

describe("the mock's clock", () => {
  it("expiry: expires_after (OpenAI, seconds) and expiry (Mistral, hours) set expires_at; past it the file is gone", async () => {
    const start = Date.UTC(2030, 0, 1);
    for (const provider of ["openai", "mistral"] as const) {
      mock = await startMock(provider, { seed: false, now: start });
      const files = createFiles({ provider, apiKey: "k", baseUrl: mock.url });
      const short = await files.upload({ file: text("a"), filename: "a.jsonl", purpose: "batch", expiresAfterSeconds: 7200 });
      const kept = await files.upload({ file: text("b"), filename: "b.jsonl", purpose: "batch" });
      expect(short.createdAt.getTime()).toBe(Math.floor(start / 1000) * 1000);
      expect(short.expiresAt?.getTime()).toBe(short.createdAt.getTime() + 7200_000);
      expect(kept.expiresAt).toBeUndefined();
      mock.clock.advance(7199_000);
      expect((await files.list()).map((f) => f.id).sort()).toEqual([short.id, kept.id].sort());
      mock.clock.advance(1000);
      expect((await files.list()).map((f) => f.id)).toEqual([kept.id]);
      await expect(files.retrieve(short.id)).rejects.toBeInstanceOf(NotFoundError);
      mock.clock.set(new Date(start));
      expect(mock.clock.now() - start).toBeLessThan(1000);
      await mock.stop();
    }
    mock = undefined;
  });

  it("processing: a file is processing for processingMs, then processed, or failed (failProcessing, failFile); waitUntilReady follows it", async () => {
    mock = await startMock("openai", { seed: false, processingMs: 60_000, failProcessing: (f) => (f.filename.startsWith("bad") ? `line 1 of ${f.filename} is not JSON` : undefined) });
    const files = createFiles({ provider: "openai", apiKey: "k", baseUrl: mock.url });
    const good = await files.upload({ file: text("{}"), filename: "good.jsonl", purpose: "batch" });
    const bad = await files.upload({ file: text("x"), filename: "bad.jsonl", purpose: "batch" });
    const other = await files.upload({ file: text("{}"), filename: "other.jsonl", purpose: "batch" });
    expect([good.status, good.state]).toEqual(["uploaded", "processing"]);
    // Waits poll retrieve; the mock's clock moves on under them.
    const ready = files.waitUntilReady(good.id, { intervalMs: 5 });
    const failed = files.waitUntilReady(bad.id, { intervalMs: 5 }).catch((e: unknown) => e);
    await expect.poll(() => mock!.requests.filter((r) => r.operation === "retrieve").length).toBeGreaterThanOrEqual(2);
    mock.clock.advance(60_000);
    expect(await ready).toMatchObject({ id: good.id, status: "processed", state: "ready" });
    expect(await failed).toBeInstanceOf(FileProcessingError);
    expect(await failed).toMatchObject({ fileId: bad.id, fileStatus: "error", detail: "line 1 of bad.jsonl is not JSON" });
    mock.editFile(other.id, { filename: "renamed.jsonl" });
    expect((await files.retrieve(other.id)).filename).toBe("renamed.jsonl");
    expect(() => mock!.editFile(other.id, { id: "x" })).toThrow(/a file's id \(id\) cannot be edited/);
    mock.failFile(other.id, "the file holds no request");
    await expect(files.waitUntilReady(other.id, { intervalMs: 5 })).rejects.toMatchObject({ name: "FileProcessingError", detail: "the file holds no request" });
    expect(mock.files().map((f) => f.state).sort()).toEqual(["failed", "failed", "ready"]);
    // A provider that reports no status: nothing to wait for.
    const m2 = await startMock("mistral", { seed: false, processingMs: 60_000 });
    const mistral = createFiles({ provider: "mistral", apiKey: "k", baseUrl: m2.url });
    const up = await mistral.upload({ file: text("x"), filename: "x.jsonl", purpose: "batch" });
    expect(await mistral.waitUntilReady(up.id)).toMatchObject({ id: up.id });
    await m2.stop();
  });
});

it("storeContent: false counts the bytes and keeps none; content answers 410 saying so", async () => {
  mock = await startMock("moonshot", { seed: false, storeContent: false });
  const files = createFiles({ provider: "moonshot", apiKey: "k", baseUrl: mock.url });
  const up = await files.upload({ file: new Uint8Array(100_000).fill(3), filename: "a.pdf", purpose: "file-extract" });
  expect(up.bytes).toBe(100_000);
  expect(mock.files()).toMatchObject([{ id: up.id, bytes: 100_000, content: new Uint8Array(0) }]);
  await expect(files.content(up.id)).rejects.toThrow(/did not keep the bytes of file .* \(storeContent: false\)/);
});

it("limits: the provider's own (by purpose, as MiniMax's 20 MB for voice_clone) and what the mock keeps (maxUploadBytes) are a 413 / the in-body error", async () => {
  mock = await startMock("openai", { seed: false, maxUploadBytes: 1000 });
  const files = createFiles({ provider: "openai", apiKey: "k", baseUrl: mock.url, maxRetries: 0 });
  await expect(files.upload({ file: new Uint8Array(1001), filename: "a.jsonl", purpose: "batch" })).rejects.toMatchObject({ status: 413, message: expect.stringContaining("maxUploadBytes 1000") });
  expect(mock.files()).toEqual([]);
  await mock.stop();
  // MiniMax's profile with its voice_clone limit made small: what is tested is that the mock reads it.
  const minimax = registry.minimax.profile as Profile;
  const small: Profile = { ...minimax, limits: { byPurpose: { voice_clone: { maxBytes: 1000, maxLabel: "1000 B" } } } };
  mock = await startMock({ profile: small, spec: () => registry.minimax.spec() }, { seed: false });
  const form = new FormData();
  form.append("purpose", "voice_clone");
  form.append("file", new Blob([new Uint8Array(1001)]), "v.mp3");
  const res = await fetch(`${mock.url}/v1/files/upload`, { method: "POST", body: form, headers: { authorization: "Bearer k" } });
  expect(await res.json()).toEqual({ base_resp: { status_code: 2013, status_msg: "the upload of 1001 bytes is larger than MiniMax takes for voice_clone (1000 B)" } });
  expect(mock.files()).toEqual([]);
});

it("options and faults are checked, naming what is wrong", async () => {
  await expect(startMock("openai", { processingMs: -1 })).rejects.toThrow(/processingMs must be a whole number >= 0, got -1/);
  await expect(startMock("openai", { failProcessing: "bad" as never })).rejects.toThrow(/failProcessing must be a RegExp/);
  await expect(startMock("openai", { faults: [{ status: 700 }] })).rejects.toThrow(/fault.status must be an HTTP status/);
  mock = await startMock("openai");
  expect(() => mock!.fault({ times: 0, status: 500 })).toThrow(/fault.times must be a whole number >= 1, got 0/);
  expect(() => mock!.fault({ status: 500, hang: true })).toThrow(/one outcome/);
  expect(() => mock!.fault({ operation: "list" })).toThrow(/needs an outcome/);
  expect(() => mock!.clock.advance(-1)).toThrow(/advance takes a number of milliseconds >= 0/);
});

it("requests are checked against the spec's own schemas: the answer names the field, what is allowed and what came", async () => {
  mock = await startMock("openai", { seed: false });
  const post = async (path: string, body: BodyInit, json = false) => {
    const res = await fetch(`${mock!.url}${path}`, { method: "POST", body, headers: { authorization: "Bearer k", ...(json ? { "content-type": "application/json" } : {}) } });
    return [res.status, ((await res.json()) as { error: { message: string } }).error.message];
  };
  const form = new FormData();
  form.append("purpose", "batch");
  form.append("expires_after[anchor]", "created_at");
  form.append("expires_after[seconds]", "10");
  form.append("file", new Blob(["x"]), "a.jsonl");
  expect(await post("/v1/files", form)).toEqual([400, "expires_after.seconds must be >= 3600, got 10"]);
  expect(await post("/v1/uploads", JSON.stringify({ filename: "a", purpose: "nope", bytes: 1, mime_type: "text/plain" }), true)).toEqual([400, 'purpose must be one of assistants, batch, fine-tune, vision, got "nope"']);
  expect(await post("/v1/uploads", JSON.stringify({ purpose: "batch", bytes: 1, mime_type: "text/plain" }), true)).toEqual([400, "filename is required"]);
  expect(await post("/v1/uploads", "{not json", true)).toEqual([400, "the body is not a JSON object"]);
  expect(mock.files()).toEqual([]);
  expect(mock.uploads()).toEqual([]);
});
