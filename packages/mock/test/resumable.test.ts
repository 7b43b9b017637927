// Gemini's uploads against the mock, which speaks Google's resumable protocol as the media
// upload URI does: @llm-files/gemini's client sends a file in chunks at their offsets, the last
// one finalizing; when the mock's faults cut a chunk partway (its bytes kept, as the protocol's
// servers keep what arrived), the client asks what arrived and goes on from there (the bytes sent
// in all are at most the file plus one chunk), never from zero; a finalize whose answer was lost
// is found by the query; a session that is gone is an error, not a silent restart. And the
// protocol's rules as the mock enforces them, on the wire: the offset held, the granularity,
// the declared length, query and cancel. (Moved here from a hand-written server in
// packages/gemini: the mock is the one server that speaks every provider.)
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { tempFile } from "@llm-files/testing";
import { createGeminiClient, type UploadProgress } from "@llm-files/gemini";
import { startMock, type MockServer } from "../src/index.js";

const CHUNK = 256 * 1024;
const DATA = new Uint8Array(4 * CHUNK + 1000).map((_, i) => (i * 31 + 7) & 0xff);
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

let mock: MockServer | undefined;
afterEach(async () => {
  await mock?.stop();
  mock = undefined;
});
/** Each request the client sent: its command, offset and body size (the client's own fetch, so what was sent, not what arrived). */
interface Sent {
  command: string;
  offset?: number;
  bytes: number;
}
const client = (sent: Sent[] = []) =>
  createGeminiClient({
    baseUrl: mock!.url,
    apiKey: "gemini-key",
    maxRetries: 2,
    fetch: async (input, init) => {
      const h = new Headers(init?.headers);
      const body = init?.body;
      const bytes = body instanceof Uint8Array ? body.byteLength : typeof body === "string" ? Buffer.byteLength(body) : 0;
      sent.push({ command: h.get("x-goog-upload-command") ?? `${init?.method} ${new URL(String(input)).pathname}`, offset: h.has("x-goog-upload-offset") ? Number(h.get("x-goog-upload-offset")) : undefined, bytes });
      return fetch(input, init);
    },
  });
const uploadedBytes = (sent: Sent[]) => sent.filter((s) => s.command.startsWith("upload")).reduce((n, s) => n + s.bytes, 0);

describe("@llm-files/gemini's resumable uploads on the mock", () => {
  it("go in chunks at their offsets, the last one finalizing; progress counts every byte once; the file is kept whole", async () => {
    mock = await startMock("gemini", { seed: false });
    const sent: Sent[] = [];
    const f = await tempFile(DATA, "video.mp4");
    const progress: UploadProgress[] = [];
    try {
      const file = await client(sent).files.upload({ file: f.path, chunkSizeBytes: CHUNK, onProgress: (p) => progress.push({ ...p }) });
      expect(file).toMatchObject({ name: expect.stringMatching(/^files\/[a-z0-9]+$/), displayName: "video.mp4", sizeBytes: String(DATA.length), state: "ACTIVE", mimeType: "video/mp4" });
      expect(sha(mock.files()[0]!.content)).toBe(sha(DATA));
    } finally {
      await f.cleanup();
    }
    expect(sent.map((s) => [s.command, s.offset])).toEqual([
      ["start", undefined],
      ["upload", 0],
      ["upload", CHUNK],
      ["upload", 2 * CHUNK],
      ["upload", 3 * CHUNK],
      ["upload, finalize", 4 * CHUNK],
    ]);
    expect(mock.sessions()).toMatchObject([{ declared: DATA.length, mimeType: "video/mp4", displayName: "video.mp4", status: "final", received: DATA.length }]);
    expect(uploadedBytes(sent)).toBe(DATA.length);
    expect(progress.map((p) => p.loaded)).toEqual([CHUNK, 2 * CHUNK, 3 * CHUNK, 4 * CHUNK, DATA.length]);
    // The key went with every request (the upload URL is on the provider's origin).
    expect(mock.requests.every((r) => r.status === 200)).toBe(true);
  });

  it("after a connection cut partway through a chunk, ask what arrived and go on from there: at most one chunk sent twice, never from zero", async () => {
    mock = await startMock("gemini", { seed: false });
    // Chunks of 512 KiB; the second loses its connection after 300,000 of its bytes, and the mock
    // keeps the whole 256 KiB granule among them.
    mock.fault({ operation: "upload.chunk", skip: 1, dropAfterBytes: 300_000 });
    const sent: Sent[] = [];
    const file = await client(sent).files.upload({ file: new Blob([DATA], { type: "video/mp4" }), filename: "v.mp4", chunkSizeBytes: 2 * CHUNK });
    expect(file.sizeBytes).toBe(String(DATA.length));
    expect(sha(mock.files()[0]!.content)).toBe(sha(DATA));
    expect(sent.map((s) => [s.command, s.offset])).toEqual([
      ["start", undefined],
      ["upload", 0],
      ["upload", 2 * CHUNK],
      ["query", undefined],
      // Resumed at the offset the server reported, partway through the chunk: never at its start, never at zero.
      ["upload", 3 * CHUNK],
      ["upload, finalize", 4 * CHUNK],
    ]);
    expect(mock.sessions()[0]).toMatchObject({ received: DATA.length, status: "final" });
    const arrived = mock.requests.filter((r) => r.operation === "upload" && r.bytes !== undefined).reduce((n, r) => n + r.bytes!, 0);
    expect(arrived).toBe(DATA.length + 300_000 - CHUNK);
    // The bytes sent in all: the file and less than one chunk again.
    expect(uploadedBytes(sent)).toBeLessThanOrEqual(DATA.length + 2 * CHUNK);
  });

  it("a finalize whose answer was lost is found by the query (the file, not a second upload)", async () => {
    mock = await startMock("gemini", { seed: false });
    mock.fault({ operation: "upload.finalize", drop: "after-store" });
    const sent: Sent[] = [];
    const file = await client(sent).files.upload({ file: DATA.subarray(0, CHUNK + 10), filename: "s.bin", chunkSizeBytes: CHUNK });
    expect(file).toMatchObject({ name: mock.files()[0]!.id, sizeBytes: String(CHUNK + 10) });
    expect(sent.map((s) => s.command)).toEqual(["start", "upload", "upload, finalize", "query"]);
    expect(mock.files()).toHaveLength(1);
  });

  it("a finalize whose answer was lost, with a server that cannot be asked, is an OutcomeUnknownError; reconcile: true finds the stored file by listing, never a second upload", async () => {
    mock = await startMock("gemini", { seed: false });
    const data = DATA.subarray(0, CHUNK + 10);
    mock.fault({ operation: "upload.finalize", drop: "after-store" });
    mock.fault({ operation: "upload.query", status: 500, times: Infinity });
    const sent: Sent[] = [];
    const err = await client(sent)
      .files.upload({ file: data, filename: "s.bin", chunkSizeBytes: CHUNK, maxRetries: 0 })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "OutcomeUnknownError", provider: "gemini", filename: "s.bin", bytes: CHUNK + 10, retryable: false });
    expect((err as Error).message).toMatch(/sent its last chunk, then its answer was lost .* gemini may have stored the file/);
    expect(sent.map((s) => s.command)).toEqual(["start", "upload", "upload, finalize", "query"]);
    expect(mock.files()).toHaveLength(1);

    mock.fault({ operation: "upload.finalize", drop: "after-store" });
    const steps: string[] = [];
    const found = await client().files.upload({ file: data, filename: "r.bin", chunkSizeBytes: CHUNK, maxRetries: 0, reconcile: true, onRecovery: (s) => steps.push(s.kind) });
    const stored = mock.files().find((f) => f.fields.displayName === "r.bin");
    expect(found).toMatchObject({ name: stored!.id, displayName: "r.bin", sizeBytes: String(CHUNK + 10) });
    expect(steps).toEqual(["found"]);
    expect(mock.files()).toHaveLength(2);
  });

  it("a session that is gone when asked is an error saying the upload was not restarted; nothing is sent again", async () => {
    mock = await startMock("gemini", { seed: false });
    mock.fault({ operation: "upload.chunk", skip: 1, dropAfterBytes: 1000 });
    mock.fault({ operation: "upload.query", status: 404, message: "Upload session not found", times: Infinity });
    const sent: Sent[] = [];
    const err = await client(sent)
      .files.upload({ file: DATA, filename: "d.bin", chunkSizeBytes: CHUNK })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "ServerError", provider: "gemini", retryable: false });
    expect((err as Error).message).toMatch(/cannot go on: the server could not be asked how much it holds; it was not restarted: upload the file again/);
    expect((err as Error).cause).toMatchObject({ name: "NotFoundError", status: 404 });
    const commands = sent.map((s) => s.command);
    expect(commands.slice(0, 4)).toEqual(["start", "upload", "upload", "query"]);
    expect(commands.filter((c) => c.startsWith("upload"))).toHaveLength(2);
    expect(uploadedBytes(sent)).toBeLessThanOrEqual(DATA.length + CHUNK);
    expect(mock.files()).toEqual([]);
  });

  it("a stream of unknown size goes the same way (no declared length), chunk after chunk", async () => {
    mock = await startMock("gemini", { seed: false });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < DATA.length; i += 70_000) controller.enqueue(DATA.slice(i, i + 70_000));
        controller.close();
      },
    });
    const sent: Sent[] = [];
    const file = await client(sent).files.upload({ file: stream, filename: "s.txt", chunkSizeBytes: CHUNK });
    expect(file.sizeBytes).toBe(String(DATA.length));
    expect(mock.sessions()[0]!.declared).toBeUndefined();
    expect(sha(mock.files()[0]!.content)).toBe(sha(DATA));
    expect(sent.filter((s) => s.command.startsWith("upload")).map((s) => s.bytes)).toEqual([CHUNK, CHUNK, CHUNK, CHUNK, 1000]);
  });

  it("a chunk size that is not a multiple of 256 KiB, or a purpose, is a ValidationError before anything is sent", async () => {
    mock = await startMock("gemini", { seed: false });
    await expect(client().files.upload({ file: DATA, filename: "d.bin", chunkSizeBytes: 1000 })).rejects.toMatchObject({ name: "ValidationError", field: "chunkSizeBytes" });
    await expect(client().files.upload({ file: DATA, filename: "d.bin", purpose: "batch" } as never)).rejects.toMatchObject({ name: "ValidationError", field: "purpose" });
    expect(mock.requests).toHaveLength(0);
  });
});

describe("the protocol as the mock enforces it", () => {
  it("start needs the protocol; bytes go at the offset held, every chunk but the last a multiple of the granularity, the whole as declared; query and cancel", async () => {
    mock = await startMock("gemini", { seed: false });
    const key = { "x-goog-api-key": "k" };
    const post = (url: string, headers: Record<string, string>, body?: BodyInit) => fetch(url, { method: "POST", headers: { ...key, ...headers }, body });
    const noProtocol = await post(`${mock.url}/upload/v1beta/files`, { "x-goog-upload-command": "start" }, "{}");
    // AIP-193's body, proto3-style (no empty details).
    expect([noProtocol.status, ((await noProtocol.json()) as any).error]).toEqual([400, { code: 400, message: "X-Goog-Upload-Protocol must be resumable on start", status: "INVALID_ARGUMENT" }]);
    const start = await post(`${mock.url}/upload/v1beta/files`, { "x-goog-upload-protocol": "resumable", "x-goog-upload-command": "start", "x-goog-upload-header-content-length": String(CHUNK + 5), "x-goog-upload-header-content-type": "text/plain", "content-type": "application/json" }, JSON.stringify({ file: { displayName: "p.txt" } }));
    expect(start.headers.get("x-goog-upload-chunk-granularity")).toBe(String(CHUNK));
    const url = start.headers.get("x-goog-upload-url")!;
    expect(url).toMatch(new RegExp(`^${mock.url}/upload/v1beta/files\\?upload_id=`));
    const chunk = (command: string, offset: number, n: number) => post(url, { "x-goog-upload-command": command, "x-goog-upload-offset": String(offset) }, new Uint8Array(n));
    // Not at the offset held; not a multiple of the granularity: refused, nothing kept.
    expect((await chunk("upload", 7, CHUNK)).status).toBe(400);
    const odd = await chunk("upload", 0, 1000);
    expect([odd.status, ((await odd.json()) as any).error.message]).toEqual([400, `every chunk but the last must be a multiple of ${CHUNK} bytes, got 1000`]);
    expect((await chunk("upload", 0, CHUNK)).headers.get("x-goog-upload-status")).toBe("active");
    const q = await post(url, { "x-goog-upload-command": "query" });
    expect([q.headers.get("x-goog-upload-status"), q.headers.get("x-goog-upload-size-received")]).toEqual(["active", String(CHUNK)]);
    // Finalizing short of the declared length is refused; at it, the file.
    expect((await chunk("upload, finalize", CHUNK, 4)).status).toBe(400);
    const done = await chunk("upload, finalize", CHUNK, 5);
    expect(done.headers.get("x-goog-upload-status")).toBe("final");
    expect(((await done.json()) as any).file).toMatchObject({ displayName: "p.txt", sizeBytes: String(CHUNK + 5), mimeType: "text/plain", state: "ACTIVE" });
    expect((await post(url, { "x-goog-upload-command": "query" })).headers.get("x-goog-upload-status")).toBe("final");
    // A cancelled session takes no more bytes.
    const other = (await post(`${mock.url}/upload/v1beta/files`, { "x-goog-upload-protocol": "resumable", "x-goog-upload-command": "start" }, "{}")).headers.get("x-goog-upload-url")!;
    expect((await post(other, { "x-goog-upload-command": "cancel" })).headers.get("x-goog-upload-status")).toBe("cancelled");
    expect((await post(other, { "x-goog-upload-command": "upload, finalize", "x-goog-upload-offset": "0" }, "x")).status).toBe(400);
    expect(mock.files()).toHaveLength(1);
  });
});
