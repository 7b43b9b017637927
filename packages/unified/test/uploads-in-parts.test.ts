// createFiles({ provider: "openai" }).upload sends big files through OpenAI's Uploads API, against
// @llm-files/mock serving OpenAI's spec: the File back as a FileInfo, a failed part retried
// alone, and an abort that cancels the upload.
import { tempFile } from "@llm-files/testing";
import { afterEach, expect, it } from "vitest";
import { createFiles, type UploadProgress } from "../src/index.js";
// The mock and the facade sit on the same floor of the workspace (neither depends on the
// other): its build is reached by path, as `pnpm test` builds it first.
import { startMock, type MockServer } from "../../mock/dist/index.js";

const STEP: Record<string, string> = { createUpload: "create", addUploadPart: "part", completeUpload: "complete", cancelUpload: "cancel" };

const PART = 64 * 1024;
let server: MockServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

it("a file above multipartThresholdBytes goes in parts; a part answered 500 is sent again alone", async () => {
  server = await startMock("openai", { seed: false, faults: [{ operation: "addUploadPart", skip: 1, status: 500 }] });
  const files = createFiles({ provider: "openai", apiKey: "sk-test", baseUrl: server.url });
  const f = await tempFile(new Uint8Array(3 * PART + 7).fill(7), "big.jsonl");
  const progress: UploadProgress[] = [];
  const info = await files.upload({ file: f.path, purpose: "batch", multipartThresholdBytes: PART, partSizeBytes: PART, partConcurrency: 1, onProgress: (p) => progress.push(p) });
  expect(info).toMatchObject({ provider: "openai", id: server.uploads()[0]!.fileId, filename: "big.jsonl", bytes: 3 * PART + 7, purpose: "batch" });
  expect(server.requests.map((e) => `${STEP[e.operation!]}:${e.status}`)).toEqual(["create:200", "part:200", "part:500", "part:200", "part:200", "part:200", "complete:200"]);
  expect(progress.at(-1)).toEqual({ loaded: 3 * PART + 7, total: 3 * PART + 7 });
  await f.cleanup();
});

it("abort cancels the upload and rejects with the abort reason; bad part options are refused first", async () => {
  const controller = new AbortController();
  const reason = new Error("user gave up");
  server = await startMock("openai", { seed: false });
  const hang = server.fault({ operation: "addUploadPart", skip: 1, hang: true });
  void hang.applied.then(() => setImmediate(() => controller.abort(reason)));
  const files = createFiles({ provider: "openai", apiKey: "sk-test", baseUrl: server.url });
  const bytes = new Uint8Array(3 * PART).fill(1);
  await expect(files.upload({ file: bytes, filename: "x.jsonl", purpose: "batch", partSizeBytes: 0 })).rejects.toMatchObject({ name: "ValidationError", field: "partSizeBytes" });
  expect(server.requests).toEqual([]);
  await expect(files.upload({ file: bytes, filename: "x.jsonl", purpose: "batch", multipartThresholdBytes: 0, partSizeBytes: PART, partConcurrency: 1, signal: controller.signal })).rejects.toBe(reason);
  expect(server.requests.map((e) => STEP[e.operation!])).toContain("cancel");
  expect(server.uploads()[0]!.status).toBe("cancelled");
});
