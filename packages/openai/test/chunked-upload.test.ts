// A big file in parts through OpenAI's Uploads API, against @llm-files/mock serving OpenAI's
// spec (its Uploads API checks part order, byte count and md5 as the document says): parts in
// order, completion with the right ids, a failed part retried alone, progress across parts,
// cancel on abort and on failure, options checked before sending. Faults are the mock's own.
import { tempFile } from "@llm-files/testing";
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { RequestPolicy, prepareFile } from "@llm-files/core";
import { InvalidRequestError, ValidationError, createOpenAIClient, profile, type UploadParams, type UploadProgress } from "../src/index.js";
// The parts driver and its steps are this package's own modules, not its public API.
import { checkMultipartThreshold, chunkedUpload, uploadSteps, type ChunkedUploadOptions } from "../src/in-parts.js";
import { uploadsApi } from "../src/uploads.js";
import { STEP, startMock, type FaultSpec, type MockServer } from "./mock.js";

const PART = 64 * 1024;
/** `parts` parts of PART bytes, part i filled with the byte i + 1, and a short last part. */
const patterned = (parts: number, tail = 1000) => {
  const b = new Uint8Array(parts * PART + tail);
  for (let i = 0; i <= parts; i++) b.fill(i + 1, i * PART, Math.min(b.length, (i + 1) * PART));
  return b;
};
let server: MockServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function upload(file: unknown, opts: ChunkedUploadOptions & { filename?: string } = {}, faults: FaultSpec[] = []) {
  server ??= await startMock("openai", { seed: false, faults });
  const policy = new RequestPolicy(profile, { apiKey: "sk-secret", baseUrl: server.url, maxRetries: 2 });
  const prepared = await prepareFile(file, { provider: "openai", filename: opts.filename });
  const steps = uploadSteps<{ id: string; bytes: number }>(uploadsApi(policy), "openai", "batch");
  return chunkedUpload("openai", prepared, steps, { partSizeBytes: PART, ...opts });
}
const steps = () => server!.requests.map((e) => `${STEP[e.operation ?? ""] ?? "unknown"}:${e.status}`);
/** The part requests, failed ones included, in the order they ended. */
const partRequests = () => server!.requests.filter((r) => r.operation === "addUploadPart");
/** Part requests per part (told apart by their first byte). */
const perPart = () => partRequests().reduce<Record<number, number>>((acc, p) => ((acc[p.parts![0]!.head[0]!] = (acc[p.parts![0]!.head[0]!] ?? 0) + 1), acc), {});
/** The one upload, and its parts by id. */
const theUpload = () => {
  const up = server!.uploads()[0]!;
  return { up, byId: new Map(up.parts.map((p) => [p.id, p])) };
};

it("sends the parts of a file on disk and completes with their ids in file order, with 3 in flight", async () => {
  const data = patterned(6);
  const f = await tempFile(data, "train.jsonl");
  const file = await upload(f.path, { partConcurrency: 3 });
  const { up, byId } = theUpload();
  expect(file).toMatchObject({ id: up.fileId, bytes: data.length });
  expect(up).toMatchObject({ filename: "train.jsonl", purpose: "batch", bytes: data.length, status: "completed" });
  expect(up.mimeType).toMatch(/jsonl|json/);
  // The ids named at completion, read back as parts: 1..7 in order, each part's bytes exact.
  expect(up.completedWith!.map((id) => byId.get(id)!.content![0])).toEqual([1, 2, 3, 4, 5, 6, 7]);
  expect(up.completedWith!.map((id) => byId.get(id)!.bytes)).toEqual([PART, PART, PART, PART, PART, PART, 1000]);
  const md5 = (b: Uint8Array) => createHash("md5").update(b).digest("hex");
  expect(up.completedWith!.map((id) => md5(byId.get(id)!.content!))).toEqual(Array.from({ length: 7 }, (_, i) => md5(data.subarray(i * PART, Math.min(data.length, (i + 1) * PART)))));
  // The File holds the file's bytes, in order.
  expect(Buffer.from(server!.files().find((x) => x.id === file.id)!.content).equals(data)).toBe(true);
  expect(steps()).toEqual(["create:200", ...Array(7).fill("part:200"), "complete:200"]);
  await f.cleanup();
});

it("a Blob and bytes are sliced into the same parts", async () => {
  const data = patterned(3, 5);
  for (const [input, name] of [[new Blob([data]), "b.bin"], [data, "u.bin"]] as const) {
    await server?.stop();
    server = undefined;
    const file = await upload(input, { filename: name, partConcurrency: 1 });
    expect(file.bytes).toBe(data.length);
    const { up, byId } = theUpload();
    expect(up.completedWith!.map((id) => [byId.get(id)!.content![0], byId.get(id)!.bytes])).toEqual([[1, PART], [2, PART], [3, PART], [4, 5]]);
  }
});

it("a part answered 500 is sent again alone; the parts already sent are not resent; progress never goes back", async () => {
  const f = await tempFile(patterned(4), "d.bin");
  const progress: UploadProgress[] = [];
  const file = await upload(f.path, { partConcurrency: 1, onProgress: (p) => progress.push(p) }, [{ operation: "addUploadPart", skip: 2, status: 500 }]);
  expect(file.id).toBe(theUpload().up.fileId);
  expect(perPart()).toEqual({ 1: 1, 2: 1, 3: 2, 4: 1, 5: 1 });
  expect(partRequests().map((p) => p.status)).toEqual([200, 200, 500, 200, 200, 200]);
  const size = 4 * PART + 1000;
  expect(progress.at(-1)).toEqual({ loaded: size, total: size });
  for (let i = 1; i < progress.length; i++) expect(progress[i]!.loaded).toBeGreaterThan(progress[i - 1]!.loaded);
  expect(progress.every((p) => p.total === size)).toBe(true);
  // The part's retry re-read its range: the completed parts hold the file's bytes.
  const { up, byId } = theUpload();
  expect(up.completedWith!.map((id) => byId.get(id)!.content![0])).toEqual([1, 2, 3, 4, 5]);
  await f.cleanup();
});

it("a part left unanswered times out and is sent again alone", async () => {
  const file = await upload(patterned(2), { filename: "t.bin", partConcurrency: 1, timeoutMs: 2000 }, [{ operation: "addUploadPart", skip: 1, hang: true }]);
  expect(file.id).toBe(theUpload().up.fileId);
  expect(perPart()).toEqual({ 1: 1, 2: 2, 3: 1 });
  expect(steps().filter((s) => s.startsWith("part"))).toEqual(["part:200", "part:0", "part:200", "part:200"]);
});

it("progress across parts sent two at a time is monotonic and ends at the size", async () => {
  const data = patterned(8, 17);
  const progress: UploadProgress[] = [];
  await upload(data, { filename: "p.bin", partConcurrency: 2, onProgress: (p) => progress.push(p) });
  expect(progress.at(-1)).toEqual({ loaded: data.length, total: data.length });
  for (let i = 1; i < progress.length; i++) expect(progress[i]!.loaded).toBeGreaterThan(progress[i - 1]!.loaded);
});

it("abort while a part hangs: the upload is cancelled, nothing completed, and the abort reason surfaces", async () => {
  const controller = new AbortController();
  const reason = new Error("stopped by the user");
  const f = await tempFile(patterned(5), "d.bin");
  server = await startMock("openai", { seed: false });
  // The third part reaches the server and will never be answered: the user gives up.
  const hang = server.fault({ operation: "addUploadPart", skip: 2, hang: true });
  void hang.applied.then(() => setImmediate(() => controller.abort(reason)));
  const run = upload(f.path, { partConcurrency: 2, signal: controller.signal });
  await expect(run).rejects.toBe(reason);
  expect(steps()).toContain("cancel:200");
  expect(steps()).not.toContain("complete:200");
  expect(theUpload().up.status).toBe("cancelled");
  // No part was started after the abort (the hung one ends when the client gives up on it).
  await expect.poll(() => partRequests().length).toBeGreaterThanOrEqual(3);
  expect(partRequests().length).toBeLessThanOrEqual(4);
  await f.cleanup();
});

it("an already aborted signal sends nothing", async () => {
  const reason = new Error("no");
  await expect(upload(patterned(2), { filename: "x.bin", signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  expect(server?.requests ?? []).toEqual([]);
});

it("a part refused (400) fails the upload with a typed error and cancels it; a failing cancel does not hide that error", async () => {
  const f = await tempFile(patterned(3), "d.bin");
  await expect(upload(f.path, { partConcurrency: 1 }, [{ operation: "addUploadPart", skip: 1, status: 400 }])).rejects.toBeInstanceOf(InvalidRequestError);
  expect(steps()).toEqual(["create:200", "part:200", "part:400", "cancel:200"]);
  expect(perPart()).toEqual({ 1: 1, 2: 1 });
  await server!.stop();
  server = undefined;
  const err = await upload(f.path, { partConcurrency: 1 }, [
    { operation: "addUploadPart", status: 400 },
    { operation: "cancelUpload", status: 500, times: Infinity },
  ]).catch((e) => e);
  expect(err).toBeInstanceOf(InvalidRequestError);
  expect(String(err.message) + JSON.stringify(err)).not.toContain("sk-secret");
  expect(steps().filter((s) => s.startsWith("cancel")).length).toBeGreaterThanOrEqual(1);
  await f.cleanup();
});

it("a completion refused cancels the upload too", async () => {
  await expect(upload(patterned(1), { filename: "x.bin" }, [{ operation: "completeUpload", status: 400, times: Infinity }])).rejects.toBeInstanceOf(InvalidRequestError);
  expect(steps()).toEqual(["create:200", "part:200", "part:200", "complete:400", "cancel:200"]);
});

it("a 429 on create is retried; the upload then goes through", async () => {
  const file = await upload(patterned(1), { filename: "x.bin" }, [{ operation: "createUpload", status: 429, headers: { "retry-after-ms": "10" } }]);
  expect(file.id).toBe(theUpload().up.fileId);
  expect(steps()[0]).toBe("create:429");
});

it("options are checked before anything is sent: a ValidationError naming the field", async () => {
  server = await startMock("openai", { seed: false });
  for (const partSizeBytes of [0, -1, 1.5, 64 * 1024 * 1024 + 1, "64MB", Number.NaN]) {
    const err = await upload(patterned(1), { filename: "x.bin", partSizeBytes: partSizeBytes as number }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.field).toBe("partSizeBytes");
  }
  for (const partConcurrency of [0, 9, 1.5]) {
    expect((await upload(patterned(1), { filename: "x.bin", partConcurrency }).catch((e) => e)).field).toBe("partConcurrency");
  }
  expect((await upload(patterned(1), { filename: "x.bin", onProgress: 3 as never }).catch((e) => e)).field).toBe("onProgress");
  // A stream has no size and is read once: refused for an upload in parts, with the fix.
  const err = await upload(new Blob([patterned(1)]).stream(), { filename: "s.bin" }).catch((e) => e);
  expect(err).toBeInstanceOf(ValidationError);
  expect(err.field).toBe("file");
  expect(err.message).toMatch(/path, Blob or bytes/);
  for (const bad of [-1, 1.5, "1GB"]) {
    expect(() => checkMultipartThreshold("openai", bad)).toThrow(expect.objectContaining({ field: "multipartThresholdBytes" }));
  }
  expect(checkMultipartThreshold("openai", undefined)).toBe(512 * 1024 * 1024);
  expect(server.requests).toEqual([]);
});

describe("files.upload routed by size", () => {
  const routed = async () => {
    server ??= await startMock("openai", { seed: false });
    const client = createOpenAIClient({ apiKey: "sk-secret", baseUrl: server.url });
    return (params: UploadParams) => client.files.upload(params);
  };

  it("at or below the threshold one POST /files; above it the Uploads API; a stream (size unknown) in one request", async () => {
    const upload = await routed();
    const data = patterned(3);
    const a = await upload({ file: data, filename: "a.jsonl", purpose: "batch", multipartThresholdBytes: data.length });
    expect(a).toMatchObject({ bytes: data.length });
    expect(server!.uploads()).toHaveLength(0);
    const b = await upload({ file: data, filename: "b.jsonl", purpose: "batch", multipartThresholdBytes: data.length - 1, partSizeBytes: PART });
    expect(b).toMatchObject({ id: theUpload().up.fileId, bytes: data.length });
    expect(theUpload().up.parts.map((p) => p.bytes)).toEqual([PART, PART, PART, 1000]);
    const c = await upload({ file: new Blob([data]).stream(), filename: "c.jsonl", purpose: "batch", multipartThresholdBytes: 0 });
    expect(c).toMatchObject({ bytes: data.length });
    // a and c went in one POST /v1/files each; b through the Uploads API.
    expect(server!.requests.map((r) => STEP[r.operation!])).toEqual(["file", "create", "part", "part", "part", "part", "complete", "file"]);
    expect(server!.files().filter((f) => f.id !== b.id).map((f) => [f.id, f.fields.filename, f.bytes])).toEqual([[a.id, "a.jsonl", data.length], [c.id, "c.jsonl", data.length]]);
  });

  it("refuses bad options on every upload, and a purpose the Uploads API does not take above the threshold, before sending", async () => {
    const upload = await routed();
    const small = { file: patterned(1), filename: "a.jsonl", purpose: "user_data" };
    const field = async (p: object) => (await upload({ ...small, ...p } as UploadParams).catch((e) => e)).field;
    expect(await field({ partSizeBytes: 64 * 1024 * 1024 + 1 })).toBe("partSizeBytes");
    expect(await field({ partConcurrency: 0 })).toBe("partConcurrency");
    expect(await field({ multipartThresholdBytes: -1 })).toBe("multipartThresholdBytes");
    expect(await field({ multipartThresholdBytes: 512 * 1024 * 1024 + 1 })).toBe("multipartThresholdBytes");
    expect(await field({ multipartThresholdBytes: 10 })).toBe("purpose");
    expect(server!.requests).toEqual([]);
    // user_data at or below the threshold goes in one request, as /files takes it.
    const one = await upload(small as UploadParams);
    expect(server!.files().map((f) => f.id)).toEqual([one.id]);
    expect(server!.requests.map((r) => `${r.operation}:${r.status}`)).toEqual(["upload:200"]);
  });
});
