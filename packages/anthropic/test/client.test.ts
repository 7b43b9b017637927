// Anthropic's client against a loopback server answering as Anthropic does: the key in
// x-api-key with anthropic-version and the Files API's beta header on every request, every page
// by after_id, an upload with no purpose, content only for a file that says downloadable (a
// refusal of another is an UnsupportedError saying why), and errors `{ type: "error", error: {
// type, message } }` with their request-id.
import { json, startServer, type TestServer } from "@llm-files/testing";
import { afterEach, describe, expect, it } from "vitest";
import { UnsupportedError, createAnthropicClient } from "../src/index.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});
const meta = (id: string, downloadable = false) => ({ id, type: "file", filename: "a.txt", mime_type: "text/plain", size_bytes: 3, created_at: "2025-04-15T18:37:24.100435Z", downloadable });

describe("Anthropic's Files API", () => {
  it("every request carries x-api-key, anthropic-version and anthropic-beta: files-api-2025-04-14", async () => {
    server = await startServer((req, res) => json(res, 200, meta("file_1")));
    await createAnthropicClient({ baseUrl: server.url, apiKey: "sk-ant-key" }).files.retrieve("file_1");
    expect(server.requests[0]!.headers).toMatchObject({ "x-api-key": "sk-ant-key", "anthropic-version": "2023-06-01", "anthropic-beta": "files-api-2025-04-14" });
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("list() follows every page by after_id = last_id, while has_more", async () => {
    server = await startServer((req, res) => {
      const after = new URL(req.url!, "http://x").searchParams.get("after_id");
      if (!after) return json(res, 200, { data: [meta("file_1"), meta("file_2")], first_id: "file_1", last_id: "file_2", has_more: true });
      return json(res, 200, { data: [meta("file_3")], first_id: "file_3", last_id: "file_3", has_more: false });
    });
    const all = await createAnthropicClient({ baseUrl: server.url, apiKey: "k" }).files.list({ limit: 2 });
    expect(all.map((f) => f.id)).toEqual(["file_1", "file_2", "file_3"]);
    expect(server.requests.map((r) => r.url)).toEqual(["/v1/files?limit=2", "/v1/files?after_id=file_2&limit=2"]);
  });

  it("an upload sends the file alone (no purpose); a purpose given is a ValidationError", async () => {
    server = await startServer((req, res) => json(res, 200, meta("file_9")));
    const c = createAnthropicClient({ baseUrl: server.url, apiKey: "k" });
    const up = await c.files.upload({ file: new Uint8Array([104, 105, 10]), filename: "a.txt" });
    expect(up.id).toBe("file_9");
    expect(server.requests[0]!.text).toContain('name="file"; filename="a.txt"');
    expect(server.requests[0]!.text).not.toContain('name="purpose"');
    await expect(c.files.upload({ file: new Uint8Array([1]), filename: "a.txt", purpose: "batch" } as never)).rejects.toMatchObject({ name: "ValidationError", field: "purpose" });
  });

  it("content: a downloadable file streams; a refused one whose metadata says downloadable: false is an UnsupportedError saying so", async () => {
    server = await startServer((req, res) => {
      if (req.url === "/v1/files/file_made/content") return void (res.writeHead(200, { "content-type": "image/png" }), res.end("PNG"));
      if (req.url === "/v1/files/file_up/content") return json(res, 400, { type: "error", error: { type: "invalid_request_error", message: "File cannot be downloaded" } }, { "request-id": "req_1" });
      return json(res, 200, meta("file_up", false));
    });
    const c = createAnthropicClient({ baseUrl: server.url, apiKey: "k" });
    expect(await (await c.files.content("file_made")).text()).toBe("PNG");
    const err = await c.files.content("file_up").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedError);
    expect(err).toMatchObject({ provider: "anthropic", retryable: false, message: expect.stringMatching(/file file_up cannot be downloaded: its downloadable is false/) });
    expect((err as Error).cause).toMatchObject({ name: "InvalidRequestError", status: 400, requestId: "req_1" });
    expect(server.requests.map((r) => r.url)).toEqual(["/v1/files/file_made/content", "/v1/files/file_up/content", "/v1/files/file_up"]);
  });

  it("errors { type: \"error\", error: { type, message } } are typed, with the request-id; 529 overloaded is a retried ServerError", async () => {
    server = await startServer((req, res, i) =>
      i === 0
        ? json(res, 529, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }, { "retry-after": "0" })
        : json(res, 404, { type: "error", error: { type: "not_found_error", message: "File not found: file_x" } }, { "request-id": "req_404" }),
    );
    const err = await createAnthropicClient({ baseUrl: server.url, apiKey: "k", maxRetries: 1 }).files.retrieve("file_x").catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "NotFoundError", provider: "anthropic", status: 404, code: "not_found_error", requestId: "req_404", message: "anthropic: File not found: file_x" });
    expect(server.requests).toHaveLength(2);
  });
});
