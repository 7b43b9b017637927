// OpenAI's Uploads API through @llm-files/openai, against a loopback server that behaves like
// it: the typed operations, and files.upload sending files above multipartThresholdBytes in parts.
import { startUploadsServer, tempFile, type UploadsServer } from "@llm-files/testing";
import { afterEach, expect, it } from "vitest";
import { createOpenAIClient, type UploadProgress } from "../src/index.js";

const PART = 64 * 1024;
let server: UploadsServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});
const client = async (options = {}) => {
  server = await startUploadsServer();
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
  expect(file).toMatchObject({ id: "file-1", bytes: bytes.length, filename: "train.jsonl", purpose: "batch" });
  const up = server!.uploads.get("upload_1")!;
  expect(up).toMatchObject({ bytes: bytes.length, status: "completed", expires_after: { anchor: "created_at", seconds: 7200 } });
  const byId = new Map(server!.parts.map((p) => [p.id, p]));
  expect(up.completedWith!.map((id) => byId.get(id)!.firstByte)).toEqual([1, 2, 3, 4]);
  expect(progress.at(-1)).toEqual({ loaded: bytes.length, total: bytes.length });
  expect((await c.files.upload({ file: f.path, purpose: "batch", multipartThresholdBytes: bytes.length })).id).toBe("file-s1");
  expect(server!.files).toEqual([{ filename: "train.jsonl", purpose: "batch", bytes: bytes.length }]);
  // A bad expires_after is refused before the upload is created.
  const n = server!.log.length;
  await expect(c.files.upload({ file: f.path, purpose: "batch", multipartThresholdBytes: 0, expires_after: { anchor: "created_at", seconds: 5 } })).rejects.toMatchObject({ field: "expires_after.seconds" });
  expect(server!.log.length).toBe(n);
  await f.cleanup();
});
