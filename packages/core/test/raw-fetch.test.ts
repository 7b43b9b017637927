// client.raw: openapi-fetch over a provider's paths, its requests sent through the same
// request policy as the Files operations (raw-fetch.ts). Against a loopback server: JSON
// answers keep int64s exact, a download asked for with Accept: application/octet-stream
// comes back as a stream of the bytes as sent (never parsed, never capped), and a non-2xx
// answer throws the typed error instead of landing in openapi-fetch's `error`.
import { json, startServer, type TestServer } from "@llm-files/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_JSON_BODY_BYTES, NotFoundError, ServerError, createFilesClient, type ProviderTypes } from "../src/index.js";
import { acmeProfile } from "./profile.js";

type PathParams = { query?: never; header?: never; path: { file_id: string }; cookie?: never };
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type Json<T> = { headers: { [name: string]: unknown }; content: { "application/json": T } };
type AcmeFile = { id: string | number; filename: string; bytes: number; note?: string };
/** The paths of the test server, as openapi-typescript writes them. */
interface paths {
  "/v1/files/{file_id}": {
    parameters: NoParams;
    get: { parameters: PathParams; requestBody?: never; responses: { 200: Json<AcmeFile>; 404: Json<{ error: { message: string } }> } };
  };
  "/v1/files/{file_id}/content": {
    parameters: NoParams;
    get: { parameters: PathParams; requestBody?: never; responses: { 200: { headers: { [name: string]: unknown }; content: { "application/octet-stream": string } } } };
  };
  "/v1/tags": {
    parameters: NoParams;
    post: { parameters: NoParams; requestBody: { content: { "application/json": { tag: string } } }; responses: { 200: Json<{ tag: string; count: number }> } };
  };
}

// 19 MB of JSON text: more than a JSON answer may be (16 MiB), fine as a download.
const BIG = `{"rows":[${`{"n":12345678901234567890},`.repeat(700_000)}0]}`;
const INT64 = "1234567890123456789";
let server: TestServer;
let tagCalls = 0;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const url = req.url!;
    if (url === `/v1/files/${INT64}`) {
      // Bare int64s as such a provider sends them, with a safe integer beside them.
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(`{"id":${INT64},"filename":"a.txt","bytes":42,"note":"key k3y4-secret"}`);
    }
    if (url === "/v1/files/small/content") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(`{"id":${INT64}}`);
    }
    if (url === "/v1/files/big/content") {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(BIG)) });
      return res.end(BIG);
    }
    if (url === "/v1/tags") return tagCalls++ === 0 ? json(res, 500, { error: { message: "stored, maybe" } }) : json(res, 200, { tag: "x", count: 1 });
    json(res, 404, { error: { message: `no file at ${url}` } }, { "x-request-id": "req-404" });
  });
});
afterAll(() => server.stop());

const client = () => createFilesClient<ProviderTypes, paths>(acmeProfile({ ids: "int64" }), { apiKey: "k3y4-secret", baseUrl: server.url, maxRetries: 1 });

describe("client.raw", () => {
  it("a JSON answer keeps int64s exact (safe integers stay numbers) and never carries the key", async () => {
    const before = server.requests.length;
    const { data, response } = await client().raw.GET("/v1/files/{file_id}", { params: { path: { file_id: INT64 } } });
    expect(response.status).toBe(200);
    expect(data).toEqual({ id: INT64, filename: "a.txt", bytes: 42, note: "key [redacted]" });
    const sent = server.requests[before]!;
    expect(sent).toMatchObject({ method: "GET", url: `/v1/files/${INT64}` });
    expect(sent.headers.authorization).toBe("Bearer k3y4-secret");
  });

  it("Accept: application/octet-stream downloads the body as a stream, byte for byte: not parsed, not capped", async () => {
    const small = await client().raw.GET("/v1/files/{file_id}/content", { params: { path: { file_id: "small" } }, headers: { accept: "application/octet-stream" }, parseAs: "stream" });
    expect(small.data).toBeInstanceOf(ReadableStream);
    // The bytes as sent: the int64 is not quoted as it would be in a JSON answer.
    expect(await new Response(small.data as ReadableStream).text()).toBe(`{"id":${INT64}}`);
    expect(Buffer.byteLength(BIG)).toBeGreaterThan(MAX_JSON_BODY_BYTES);
    const big = await client().raw.GET("/v1/files/{file_id}/content", { params: { path: { file_id: "big" } }, headers: { accept: "application/octet-stream" }, parseAs: "stream" });
    const bytes = new Uint8Array(await new Response(big.data as ReadableStream).arrayBuffer());
    expect(bytes.byteLength).toBe(Buffer.byteLength(BIG));
    expect(Buffer.from(bytes).equals(Buffer.from(BIG))).toBe(true);
    // The same body asked for as JSON is refused: more than a JSON answer may be.
    const refused = await client().raw.GET("/v1/files/{file_id}/content", { params: { path: { file_id: "big" } } }).catch((e) => e);
    expect(refused).toBeInstanceOf(ServerError);
    expect(refused.message).toMatch(/response body larger than 16777216 bytes/);
  });

  it("a non-2xx answer throws the typed error, with the profile's words and the request id, sent once", async () => {
    const before = server.requests.length;
    const err = await client().raw.GET("/v1/files/{file_id}", { params: { path: { file_id: "gone" } } }).catch((e) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ provider: "acme", status: 404, message: "acme: no file at /v1/files/gone", requestId: "req-404", url: `${server.url}/v1/files/gone` });
    expect(server.requests.length - before).toBe(1);
  });

  it("a POST is not repeated after a 500 (it may have been processed)", async () => {
    tagCalls = 0;
    const before = server.requests.length;
    const err = await client().raw.POST("/v1/tags", { body: { tag: "x" } }).catch((e) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ status: 500, message: "acme: stored, maybe" });
    const sent = server.requests.slice(before);
    expect(sent.map((r) => r.method)).toEqual(["POST"]);
    expect(sent[0]!.text).toBe('{"tag":"x"}');
    expect(sent[0]!.headers["content-type"]).toBe("application/json");
  });
});
