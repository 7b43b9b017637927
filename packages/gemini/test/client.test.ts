// Gemini's client (all but uploads: resumable.test.ts) against a loopback server answering as
// the Gemini API does: the key in x-goog-api-key, ids that are resource names ("files/abc-123",
// the path taking "abc-123"), sizes as exact int64 strings, every page by nextPageToken, a
// delete answering {}, no content operation, and AIP-193 errors `{ error: { code, message, status } }`.
import { json, startServer, type TestServer } from "@llm-files/testing";
import { afterEach, describe, expect, it } from "vitest";
import { createGeminiClient } from "../src/index.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});
const file = (n: number) => ({ name: `files/abc-${n}`, displayName: `f${n}.txt`, mimeType: "text/plain", sizeBytes: "9007199254740993", createTime: "2026-12-01T10:00:00.123456Z", expirationTime: "2026-12-03T10:00:00.123456Z", state: "PROCESSING" });

describe("Gemini's Files API", () => {
  it("sends the key in x-goog-api-key; an id may be the resource name or its last part, the path takes the last part", async () => {
    server = await startServer((req, res) => (req.method === "DELETE" ? json(res, 200, {}) : json(res, 200, file(1))));
    const c = createGeminiClient({ baseUrl: server.url, apiKey: "AIza-key" });
    const f = await c.files.retrieve("files/abc-1");
    await c.files.retrieve("abc-1");
    expect(await c.files.delete("files/abc-1")).toEqual({ name: "files/abc-1" });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["GET /v1beta/files/abc-1", "GET /v1beta/files/abc-1", "DELETE /v1beta/files/abc-1"]);
    expect(server.requests[0]!.headers).toMatchObject({ "x-goog-api-key": "AIza-key" });
    // int64 as a decimal string, kept exact (beyond 2^53).
    expect(f.sizeBytes).toBe("9007199254740993");
    expect("content" in c.files).toBe(false);
  });

  it("an id with a slash past files/ is refused before anything is sent", async () => {
    const c = createGeminiClient({ baseUrl: "http://127.0.0.1:9", apiKey: "k" });
    await expect(c.files.retrieve("files/a/b")).rejects.toMatchObject({ name: "ValidationError", field: "fileId" });
  });

  it("list() follows every page by pageToken = nextPageToken", async () => {
    server = await startServer((req, res) => {
      const token = new URL(req.url!, "http://x").searchParams.get("pageToken");
      if (!token) return json(res, 200, { files: [file(1), file(2)], nextPageToken: "tok-2" });
      return json(res, 200, { files: [file(3)] });
    });
    const all = await createGeminiClient({ baseUrl: server.url, apiKey: "k" }).files.list({ pageSize: 2 });
    expect(all.map((f) => f.name)).toEqual(["files/abc-1", "files/abc-2", "files/abc-3"]);
    expect(server.requests.map((r) => r.url)).toEqual(["/v1beta/files?pageSize=2", "/v1beta/files?pageToken=tok-2&pageSize=2"]);
    await expect(createGeminiClient({ baseUrl: server.url, apiKey: "k" }).files.list({ pageSize: 101 })).rejects.toMatchObject({ name: "ValidationError", field: "pageSize" });
  });

  it("an AIP-193 error is typed, its code the status name", async () => {
    server = await startServer((req, res) => json(res, 403, { error: { code: 403, message: "You do not have permission to access the File abc-1 or it may not exist.", status: "PERMISSION_DENIED" } }));
    const err = await createGeminiClient({ baseUrl: server.url, apiKey: "k" }).files.retrieve("files/abc-1").catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "PermissionError", provider: "gemini", status: 403, code: "PERMISSION_DENIED", message: "gemini: You do not have permission to access the File abc-1 or it may not exist." });
  });
});
