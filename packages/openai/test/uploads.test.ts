// OpenAI's Uploads API through @llm-files/openai, against @llm-files/mock serving OpenAI's
// spec: the typed operations, and files.upload sending files above multipartThresholdBytes in parts.
import { tempFile } from "@llm-files/testing";
import { afterEach, expect, it } from "vitest";
import { createOpenAIClient, type UploadProgress } from "../src/index.js";
import { STEP, startMock, type MockServer } from "./mock.js";

const PART = 64 * 1024;
let server: MockServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});
const client = async (options = {}) => {
  server = await startMock("openai", { seed: false });
  return createOpenAIClient({ apiKey: "sk-test", baseUrl: `${server.url}/v1`, ...options });
};
const data = (parts: number, tail = 10) => {
  const b = new Uint8Array(parts * PART + tail);
  for (let i = 0; i <= parts; i++) b.fill(i + 1, i * PART, Math.min(b.length, (i + 1) * PART));
  return b;
};

it("uploads: create, addPart, complete and cancel, typed over the generated paths", async () => {
  const c = await client();
  const bytes = data(1);
  const up = await c.uploads.create({ filename: "t.jsonl", purpose: "fine-tune", bytes: bytes.length, mime_type: "text/jsonl" });
  expect(up).toMatchObject({ status: "pending", bytes: bytes.length });
  const a = await c.uploads.addPart(up.id, { data: bytes.subarray(0, PART) });
  const b = await c.uploads.addPart(up.id, { data: new Blob([bytes.subarray(PART)]) });
  const done = await c.uploads.complete(up.id, { part_ids: [a.id, b.id] });
  expect(done.status).toBe("completed");
  expect(done.file).toMatchObject({ object: "file", bytes: bytes.length, filename: "t.jsonl", purpose: "fine-tune" });
  const other = await c.uploads.create({ filename: "u.jsonl", purpose: "batch", bytes: 5, mime_type: "text/jsonl" });
  expect((await c.uploads.cancel(other.id)).status).toBe("cancelled");
  await expect(c.uploads.addPart("../x", { data: bytes })).rejects.toMatchObject({ name: "ValidationError", field: "uploadId" });
  await expect(c.uploads.addPart(up.id, { data: new Uint8Array(64 * 1024 * 1024 + 1) })).rejects.toMatchObject({ name: "ValidationError", field: "file" });
});

it("files.upload above multipartThresholdBytes: create with expires_after, parts in order, the File back; at or below it one POST /v1/files", async () => {
  const c = await client();
  const bytes = data(3);
  const f = await tempFile(bytes, "train.jsonl");
  const progress: UploadProgress[] = [];
  const file = await c.files.upload({ file: f.path, purpose: "batch", multipartThresholdBytes: PART, partSizeBytes: PART, expires_after: { anchor: "created_at", seconds: 7200 }, onProgress: (p) => progress.push(p) });
  const [up] = server!.uploads();
  expect(file).toMatchObject({ id: up!.fileId, bytes: bytes.length, filename: "train.jsonl", purpose: "batch" });
  expect(up).toMatchObject({ bytes: bytes.length, status: "completed", fileExpiresInSeconds: 7200 });
  // The File expires as asked: expires_after reached the mock with the upload's creation.
  expect(file.expires_at).toBe(file.created_at + 7200);
  const byId = new Map(up!.parts.map((p) => [p.id, p]));
  expect(up!.completedWith!.map((id) => byId.get(id)!.content![0])).toEqual([1, 2, 3, 4]);
  expect(progress.at(-1)).toEqual({ loaded: bytes.length, total: bytes.length });
  const one = await c.files.upload({ file: f.path, purpose: "batch", multipartThresholdBytes: bytes.length });
  expect(server!.requests.at(-1)).toMatchObject({ operation: "upload", status: 200 });
  expect(server!.files().filter((x) => x.id !== file.id).map((x) => ({ id: x.id, filename: x.fields.filename, purpose: x.fields.purpose, bytes: x.bytes }))).toEqual([{ id: one.id, filename: "train.jsonl", purpose: "batch", bytes: bytes.length }]);
  // A bad expires_after is refused before the upload is created.
  const n = server!.requests.length;
  await expect(c.files.upload({ file: f.path, purpose: "batch", multipartThresholdBytes: 0, expires_after: { anchor: "created_at", seconds: 5 } })).rejects.toMatchObject({ field: "expires_after.seconds" });
  expect(server!.requests.length).toBe(n);
  await f.cleanup();
});
