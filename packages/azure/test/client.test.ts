// Azure OpenAI's client against a loopback server answering as Azure does: the endpoint per
// resource, the key in `api-key` or a Microsoft Entra ID token from a token provider (asked for
// on every request), `api-version` on every request, every page by `after`, expiry on upload,
// and its errors with their `apim-request-id`.
import { json, startServer, type TestServer } from "@llm-files/testing";
import { afterEach, describe, expect, it } from "vitest";
import { NotFoundError, ValidationError, createAzureClient } from "../src/index.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});
const file = (id: string) => ({ id, object: "file", bytes: 3, created_at: 1700000000, filename: "a.jsonl", purpose: "batch", status: "processed" });

describe("the endpoint", () => {
  it("is the resource's (https://<resource>.openai.azure.com), or a base URL with or without /openai/v1", () => {
    expect(JSON.parse(JSON.stringify(createAzureClient({ resource: "my-res", apiKey: "k" })))).toMatchObject({ baseUrl: "https://my-res.openai.azure.com" });
    expect(JSON.parse(JSON.stringify(createAzureClient({ baseUrl: "https://my-res.openai.azure.com/openai/v1/", apiKey: "k" })))).toMatchObject({ baseUrl: "https://my-res.openai.azure.com" });
  });
  it("without one, creating the client is a ValidationError saying what to pass", () => {
    const saved = process.env.AZURE_OPENAI_ENDPOINT;
    delete process.env.AZURE_OPENAI_ENDPOINT;
    try {
      expect(() => createAzureClient({ apiKey: "k" })).toThrow(ValidationError);
      expect(() => createAzureClient({ apiKey: "k" })).toThrow(/pass \{ baseUrl: "https:\/\/<resource>\.openai\.azure\.com" \} or \{ resource: "<resource>" \}, or set AZURE_OPENAI_ENDPOINT/);
    } finally {
      if (saved !== undefined) process.env.AZURE_OPENAI_ENDPOINT = saved;
    }
  });
});

describe("credentials and api-version", () => {
  it("a key goes in api-key, and every request says api-version=v1 (or the caller's)", async () => {
    server = await startServer((req, res) => json(res, 200, file("file-1")));
    await createAzureClient({ baseUrl: server.url, apiKey: "azure-key" }).files.retrieve("file-1");
    await createAzureClient({ baseUrl: server.url, apiKey: "azure-key", query: { "api-version": "preview" } }).files.retrieve("file-1");
    expect(server.requests.map((r) => r.url)).toEqual(["/openai/v1/files/file-1?api-version=v1", "/openai/v1/files/file-1?api-version=preview"]);
    expect(server.requests[0]!.headers).toMatchObject({ "api-key": "azure-key" });
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("a Microsoft Entra ID token provider is asked on every request, its token sent as a bearer", async () => {
    server = await startServer((req, res) => json(res, 200, file("file-1")));
    let calls = 0;
    // A provider that refreshes: a new token each time (as @azure/identity's getBearerTokenProvider does when one expires).
    const c = createAzureClient({ baseUrl: server.url, tokenProvider: async () => `entra-token-${++calls}` });
    await c.files.retrieve("file-1");
    await c.files.retrieve("file-1");
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(["Bearer entra-token-1", "Bearer entra-token-2"]);
    expect(server.requests.every((r) => r.headers["api-key"] === undefined)).toBe(true);
    expect(() => createAzureClient({ baseUrl: server!.url, apiKey: "k", tokenProvider: () => "t" })).toThrow(/either apiKey or tokenProvider/);
  });
});

describe("the list, uploads and errors", () => {
  it("list() follows every page by after = last_id", async () => {
    server = await startServer((req, res) => {
      const after = new URL(req.url!, "http://x").searchParams.get("after");
      if (!after) return json(res, 200, { object: "list", data: [file("file-1"), file("file-2")], first_id: "file-1", last_id: "file-2", has_more: true });
      return json(res, 200, { object: "list", data: [file("file-3")], first_id: "file-3", last_id: "file-3", has_more: false });
    });
    const all = await createAzureClient({ baseUrl: server.url, apiKey: "k" }).files.list({ limit: 2 });
    expect(all.map((f) => f.id)).toEqual(["file-1", "file-2", "file-3"]);
    expect(server.requests.map((r) => r.url)).toEqual(["/openai/v1/files?limit=2&api-version=v1", "/openai/v1/files?after=file-2&limit=2&api-version=v1"]);
  });

  it("expires_after goes as multipart fields; outside 14 to 30 days it is refused before anything is sent", async () => {
    server = await startServer((req, res) => json(res, 200, file("file-9")));
    const c = createAzureClient({ baseUrl: server.url, apiKey: "k" });
    await c.files.upload({ file: new Uint8Array([1, 2, 3]), filename: "a.jsonl", purpose: "batch", expires_after: { anchor: "created_at", seconds: 1_209_600 } });
    expect(server.requests[0]!.text).toMatch(/name="expires_after\[seconds\]"\r\n\r\n1209600\r\n/);
    await expect(c.files.upload({ file: new Uint8Array([1]), filename: "a.jsonl", purpose: "batch", expires_after: { anchor: "created_at", seconds: 3600 } })).rejects.toMatchObject({ name: "ValidationError", field: "expires_after.seconds" });
    expect(server.requests).toHaveLength(1);
  });

  it("an error body { error: { code, message, param, type, inner_error } } is a typed error with the apim-request-id", async () => {
    server = await startServer((req, res) => json(res, 404, { error: { code: "404", message: "File not found", param: null, type: "invalid_request_error", inner_error: null } }, { "apim-request-id": "apim-123" }));
    const err = await createAzureClient({ baseUrl: server.url, apiKey: "k" }).files.retrieve("file-x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ provider: "azure", status: 404, code: "404", requestId: "apim-123", message: "azure: File not found" });
  });
});
