// createFiles({ provider: "openai" }).upload sends big files through OpenAI's Uploads API, against
// a loopback server that behaves like it: the File back as a FileInfo, a failed part retried
// alone, and an abort that cancels the upload.
import { startUploadsServer, tempFile, type UploadsServer } from "@llm-files/testing";
import { afterEach, expect, it } from "vitest";
import { createFiles, type UploadProgress } from "../src/index.js";

const PART = 64 * 1024;
let server: UploadsServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

it("a file above multipartThresholdBytes goes in parts; a part answered 500 is sent again alone", async () => {
  server = await startUploadsServer({ fault: (step, n) => (step === "part" && n === 1 ? { kind: "status", status: 500 } : undefined) });
  const files = createFiles({ provider: "openai", apiKey: "sk-test", baseUrl: server.url });
  const f = await tempFile(new Uint8Array(3 * PART + 7).fill(7), "big.jsonl");
  const progress: UploadProgress[] = [];
  const info = await files.upload({ file: f.path, purpose: "batch", multipartThresholdBytes: PART, partSizeBytes: PART, partConcurrency: 1, onProgress: (p) => progress.push(p) });
  expect(info).toMatchObject({ provider: "openai", id: "file-1", filename: "big.jsonl", bytes: 3 * PART + 7, purpose: "batch" });
  expect(server.log.map((e) => `${e.step}:${e.status}`)).toEqual(["create:200", "part:200", "part:500", "part:200", "part:200", "part:200", "complete:200"]);
  expect(progress.at(-1)).toEqual({ loaded: 3 * PART + 7, total: 3 * PART + 7 });
  await f.cleanup();
});

it("abort cancels the upload and rejects with the abort reason; bad part options are refused first", async () => {
  const controller = new AbortController();
  const reason = new Error("user gave up");
  server = await startUploadsServer({
    fault: (step, n) => {
      if (step !== "part" || n !== 1) return undefined;
      setImmediate(() => controller.abort(reason));
      return { kind: "hang" };
    },
  });
  const files = createFiles({ provider: "openai", apiKey: "sk-test", baseUrl: server.url });
  const bytes = new Uint8Array(3 * PART).fill(1);
  await expect(files.upload({ file: bytes, filename: "x.jsonl", purpose: "batch", partSizeBytes: 0 })).rejects.toMatchObject({ name: "ValidationError", field: "partSizeBytes" });
  expect(server.log).toEqual([]);
  await expect(files.upload({ file: bytes, filename: "x.jsonl", purpose: "batch", multipartThresholdBytes: 0, partSizeBytes: PART, partConcurrency: 1, signal: controller.signal })).rejects.toBe(reason);
  expect(server.log.map((e) => e.step)).toContain("cancel");
  expect(server.uploads.get("upload_1")!.status).toBe("cancelled");
});
