// Gemini's resumable uploads against a loopback server speaking the protocol: a file in
// chunks at their offsets, the last one finalizing; after a connection cut partway through a
// chunk, a query, and the upload goes on from the size the server holds (the bytes sent in all
// are at most the file plus one chunk); a session that is gone, or a server that lost what it
// had, is an error and never a silent restart; a finalize whose answer was lost is found by
// the query. Paths, Blobs, bytes and streams (size unknown) alike.
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { tempFile } from "@llm-files/testing";
import { createGeminiClient, type UploadProgress } from "../src/index.js";
import { startResumableServer, type ResumableServer } from "./resumable-server.js";

const CHUNK = 256 * 1024;
const DATA = new Uint8Array(4 * CHUNK + 1000).map((_, i) => (i * 31 + 7) & 0xff);
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

let server: ResumableServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});
const client = () => createGeminiClient({ baseUrl: server!.url, apiKey: "gemini-key", maxRetries: 2 });

describe("a resumable upload", () => {
  it("goes in chunks at their offsets, the last one finalizing; progress counts every byte once", async () => {
    server = await startResumableServer();
    const f = await tempFile(DATA, "video.mp4");
    const progress: UploadProgress[] = [];
    try {
      const file = await client().files.upload({ file: f.path, chunkSizeBytes: CHUNK, onProgress: (p) => progress.push({ ...p }) });
      expect(file).toMatchObject({ name: "files/upload-1", displayName: "video.mp4", sizeBytes: String(DATA.length), state: "ACTIVE", mimeType: "video/mp4" });
    } finally {
      await f.cleanup();
    }
    const uploads = server.log.filter((l) => l.command.startsWith("upload"));
    expect(uploads.map((l) => [l.command, l.offset])).toEqual([
      ["upload", 0],
      ["upload", CHUNK],
      ["upload", 2 * CHUNK],
      ["upload", 3 * CHUNK],
      ["upload, finalize", 4 * CHUNK],
    ]);
    expect(server.sessions.get("1")).toMatchObject({ declared: DATA.length, type: "video/mp4", displayName: "video.mp4", status: "final" });
    expect(server.sha256("1")).toBe(sha(DATA));
    expect(server.uploadedBytes()).toBe(DATA.length);
    expect(progress.map((p) => p.loaded)).toEqual([CHUNK, 2 * CHUNK, 3 * CHUNK, 4 * CHUNK, DATA.length]);
    // The key goes with every request to the provider's origin (the upload URL is on it).
    expect(server.log.every((l) => l.key === "gemini-key")).toBe(true);
  });

  it("after a connection cut partway through a chunk, asks what arrived and goes on from there: at most one chunk is sent twice", async () => {
    server = await startResumableServer({ cut: { request: 2, after: 100_000 } });
    const file = await client().files.upload({ file: new Blob([DATA], { type: "video/mp4" }), filename: "v.mp4", chunkSizeBytes: CHUNK });
    expect(file.sizeBytes).toBe(String(DATA.length));
    expect(server.sha256("1")).toBe(sha(DATA));
    expect(server.log.map((l) => l.command)).toEqual(["start", "upload", "upload", "upload", "query", "upload", "upload", "upload, finalize"]);
    // Resumed at the offset the server reported, not at the chunk's start, and never at zero.
    expect(server.log[5]!.offset).toBe(2 * CHUNK + 100_000);
    expect(server.uploadedBytes()).toBe(DATA.length);
    expect(server.uploadedBytes()).toBeLessThanOrEqual(DATA.length + CHUNK);
  });

  it("a finalize whose answer was lost is found by the query (the file, not a second upload)", async () => {
    // The finalizing request is cut after all its bytes arrived: the server finalized, the answer never came.
    server = await startResumableServer({ cut: { request: 1, after: 10 } });
    const file = await client().files.upload({ file: DATA.subarray(0, CHUNK + 10), filename: "s.bin", chunkSizeBytes: CHUNK });
    expect(file).toMatchObject({ name: "files/upload-1", sizeBytes: String(CHUNK + 10) });
    expect(server.log.map((l) => l.command)).toEqual(["start", "upload", "upload, finalize", "query"]);
    expect(server.uploadedBytes()).toBe(CHUNK + 10);
  });

  it("a session that is gone when asked is an error saying the upload was not restarted; nothing is sent again", async () => {
    server = await startResumableServer({ cut: { request: 1, after: 1000 }, goneAfterCut: true });
    const err = await client().files.upload({ file: DATA, filename: "d.bin", chunkSizeBytes: CHUNK }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "ServerError", provider: "gemini", retryable: false });
    expect((err as Error).message).toMatch(/cannot go on: the server could not be asked how much it holds; it was not restarted: upload the file again/);
    expect((err as Error).cause).toMatchObject({ name: "NotFoundError", status: 404 });
    const commands = server.log.map((l) => l.command);
    expect(commands.slice(0, 4)).toEqual(["start", "upload", "upload", "query"]);
    expect(commands.filter((c) => c.startsWith("upload"))).toHaveLength(2);
    expect(server.uploadedBytes()).toBeLessThanOrEqual(DATA.length + CHUNK);
  });

  it("a stream of unknown size goes the same way (no declared length), chunk after chunk", async () => {
    server = await startResumableServer();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < DATA.length; i += 70_000) controller.enqueue(DATA.slice(i, i + 70_000));
        controller.close();
      },
    });
    const file = await client().files.upload({ file: stream, filename: "s.txt", chunkSizeBytes: CHUNK });
    expect(file.sizeBytes).toBe(String(DATA.length));
    expect(server.sessions.get("1")!.declared).toBeUndefined();
    expect(server.sha256("1")).toBe(sha(DATA));
    expect(server.log.filter((l) => l.command.startsWith("upload")).map((l) => l.bytes)).toEqual([CHUNK, CHUNK, CHUNK, CHUNK, 1000]);
  });

  it("a chunk size that is not a multiple of 256 KiB, or a purpose, is a ValidationError before anything is sent", async () => {
    server = await startResumableServer();
    await expect(client().files.upload({ file: DATA, filename: "d.bin", chunkSizeBytes: 1000 })).rejects.toMatchObject({ name: "ValidationError", field: "chunkSizeBytes" });
    await expect(client().files.upload({ file: DATA, filename: "d.bin", purpose: "batch" } as never)).rejects.toMatchObject({ name: "ValidationError", field: "purpose" });
    expect(server.log).toHaveLength(0);
  });
});
