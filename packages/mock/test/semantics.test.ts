// What moves in the mock, by the profile's data alone: pages of every style (a profile of its
// own with token paging included: a new provider gets them with no code here), order and
// filters, expiry on the mock's clock, processing that ends or fails, and what it keeps.
import { afterEach, describe, expect, it } from "vitest";
import { RequestPolicy, filesOperations, type Profile, type ProviderModule } from "@llm-files/core";
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
    const module: ProviderModule = { profile, files: async () => (o) => filesOperations(new RequestPolicy(profile, o), profile), spec: () => registry.openai.spec() };
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

describe("the three beyond the OpenAI shape, by their profiles", () => {
  it("Gemini: resource-name ids, pageToken pages to nextPageToken, PROCESSING then ACTIVE on the mock's clock, kept 48 hours, exact sizes", async () => {
    const start = Date.UTC(2030, 0, 1);
    mock = await startMock("gemini", { seed: false, now: start, processingMs: 60_000 });
    const files = createFiles({ provider: "gemini", apiKey: "k", baseUrl: mock.url });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await files.upload({ file: text(`${i}`), filename: `${i}.txt` })).id);
    expect(ids.every((id) => /^files\/[a-z0-9]+$/.test(id))).toBe(true);
    const key = { "x-goog-api-key": "k" };
    const page = async (q: string) => (await fetch(`${mock!.url}/v1beta/files${q}`, { headers: key })).json() as Promise<Record<string, any>>;
    const first = await page("?pageSize=2");
    expect(first.files.map((f: { name: string }) => f.name)).toEqual([ids[2], ids[1]]);
    expect(typeof first.nextPageToken).toBe("string");
    const last = await page(`?pageSize=2&pageToken=${first.nextPageToken}`);
    expect(last.files.map((f: { name: string }) => f.name)).toEqual([ids[0]]);
    expect(last.nextPageToken).toBeUndefined();
    // The file as proto3's JSON writes it: the size an exact decimal string, no field at its zero value.
    const raw = (await (await fetch(`${mock.url}/v1beta/${ids[0]}`, { headers: key })).json()) as Record<string, unknown>;
    expect(raw).toMatchObject({ name: ids[0], displayName: "0.txt", sizeBytes: "1", state: "PROCESSING" });
    // The mock's clock runs on from where it was set: times are within a second of it, expiry 48 hours after creation.
    expect(Date.parse(raw.createTime as string) - start).toBeLessThan(1000);
    expect(Date.parse(raw.expirationTime as string) - Date.parse(raw.createTime as string)).toBe(48 * 3600_000);
    expect(Object.values(raw).some((v) => v === "" || v === 0)).toBe(false);
    mock.clock.advance(60_000);
    expect(await files.waitUntilReady(ids[0]!, { intervalMs: 5 })).toMatchObject({ state: "ready", status: "ACTIVE" });
    // By the id's last part too; and 48 hours after upload, every file is gone.
    expect((await files.retrieve(ids[1]!.slice("files/".length))).id).toBe(ids[1]);
    mock.clock.advance(48 * 3600_000);
    expect(await files.list()).toEqual([]);
    await expect(files.retrieve(ids[0]!)).rejects.toMatchObject({ name: "NotFoundError", code: "NOT_FOUND" });
  });

  it("Anthropic: before_id / after_id pages, RFC 3339 times, no purpose; content only for a file that says downloadable; its headers required", async () => {
    mock = await startMock("anthropic", { seed: false });
    const files = createFiles({ provider: "anthropic", apiKey: "k", baseUrl: mock.url });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await files.upload({ file: text(`${i}`), filename: `${i}.txt` })).id);
    const headers = { "x-api-key": "k", "anthropic-version": "2023-06-01", "anthropic-beta": "files-api-2025-04-14" };
    const get = async (path: string, h: Record<string, string> = headers) => {
      const res = await fetch(`${mock!.url}${path}`, { headers: h });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
    const first = await get("/v1/files?limit=2");
    expect(first.body).toMatchObject({ has_more: true, first_id: ids[3], last_id: ids[2] });
    expect(first.body.data[0]).toMatchObject({ type: "file", filename: "3.txt", size_bytes: 1, mime_type: "text/plain", downloadable: false, created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/) });
    expect((await get(`/v1/files?limit=2&after_id=${ids[2]}`)).body).toMatchObject({ has_more: false, first_id: ids[1], last_id: ids[0] });
    expect((await get(`/v1/files?limit=1&before_id=${ids[1]}`)).body).toMatchObject({ has_more: true, first_id: ids[2], last_id: ids[2] });
    expect((await files.list({ pageSize: 3 })).map((f) => f.id)).toEqual([...ids].reverse());
    // Uploads cannot be downloaded (only files Anthropic's tools make can): refused as the API does, until a file says so.
    const refused = await get(`/v1/files/${ids[0]}/content`);
    expect(refused).toMatchObject({ status: 400, body: { type: "error", error: { type: "invalid_request_error", message: expect.stringContaining("cannot be downloaded") } } });
    mock.editFile(ids[0]!, { downloadable: true });
    expect(await (await files.content(ids[0]!)).text()).toBe("0");
    // The version and the Files API's beta are required on every request.
    const noVersion = await get("/v1/files", { "x-api-key": "k", "anthropic-beta": "files-api-2025-04-14" });
    expect(noVersion).toMatchObject({ status: 400, body: { type: "error", error: { type: "invalid_request_error", message: "anthropic-version: header is required" } } });
    expect((await get("/v1/files", { ...headers, "anthropic-beta": "other-beta-2025-01-01" })).status).toBe(400);
    expect((await get("/v1/files", { ...headers, "anthropic-beta": "other-beta-2025-01-01,files-api-2025-04-14" })).status).toBe(200);
    mock.fault({ operation: "list", status: 500 });
    expect((await get("/v1/files")).body.error.type).toBe("api_error");
  });

  it("Azure OpenAI: api-key or an Entra ID bearer token, api-version checked, the seven statuses' path to processed, expiry of 14 to 30 days", async () => {
    const start = Date.UTC(2030, 0, 1);
    mock = await startMock("azure", { seed: false, now: start, processingMs: 1000 });
    const byKey = createFiles({ provider: "azure", apiKey: "azure-key", baseUrl: mock.url });
    const byToken = createFiles({ provider: "azure", tokenProvider: async () => "entra-token", baseUrl: mock.url } as never);
    const up = await byKey.upload({ file: text("{}\n"), filename: "b.jsonl", purpose: "batch", expiresAfterSeconds: 14 * 86400 });
    expect(up).toMatchObject({ status: "uploaded", state: "processing", expiresAt: new Date(Math.floor(start / 1000) * 1000 + 14 * 86400_000) });
    mock.clock.advance(1000);
    expect(await byToken.retrieve(up.id)).toMatchObject({ status: "processed", state: "ready" });
    const get = (q: string, h: Record<string, string>) => fetch(`${mock!.url}/openai/v1/files${q}`, { headers: h });
    expect((await get("?api-version=v1", { authorization: "Bearer t" })).status).toBe(200);
    expect((await get("?api-version=preview", { "api-key": "k" })).status).toBe(200);
    const bad = await get("?api-version=2099-01-01", { "api-key": "k" });
    expect([bad.status, ((await bad.json()) as any).error]).toEqual([400, expect.objectContaining({ message: 'api-version must be one of v1, preview, got "2099-01-01"', type: "error" })]);
    expect((await get("", {})).status).toBe(401);
    // Outside 14 to 30 days: refused by the mock as by its spec (and by llm-files before sending).
    const form = new FormData();
    form.append("purpose", "batch");
    form.append("expires_after[anchor]", "created_at");
    form.append("expires_after[seconds]", "3600");
    form.append("file", new Blob(["x"]), "a.jsonl");
    expect((await fetch(`${mock.url}/openai/v1/files`, { method: "POST", body: form, headers: { "api-key": "k" } })).status).toBe(400);
    mock.clock.advance(14 * 86400_000);
    await expect(byKey.retrieve(up.id)).rejects.toMatchObject({ name: "NotFoundError" });
  });
});
