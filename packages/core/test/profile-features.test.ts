// What a profile can say beyond the plainest Files API, each against a loopback server: a
// token from the caller's provider instead of a key (asked for before every attempt), query
// parameters every request carries (an API version), a server per resource, ids that are
// resource names ("files/abc"), files with no purpose, a delete that answers nothing, and
// credentials kept to the provider's own origin when a server hands back a URL elsewhere.
import { json, startServer, type TestServer } from "@llm-files/testing";
import { afterEach, describe, expect, it } from "vitest";
import { RequestPolicy, ValidationError, createFilesClient, resolveBaseUrl, type Profile, type ProviderTypes } from "../src/index.js";
import { acme, acmeProfile } from "./profile.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

type AnyFiles = {
  list(o?: object): Promise<unknown[]>;
  retrieve(id: unknown, o?: object): Promise<Record<string, unknown>>;
  upload(p: object): Promise<Record<string, unknown>>;
  delete(id: unknown, o?: object): Promise<Record<string, unknown>>;
};
const file = { id: "file-1", filename: "a.txt", bytes: 2, created_at: 1, purpose: "batch" };

/** Keys and tokens: a provider that takes both (a key in `api-key`, a bearer token from the caller's provider). */
const both: Profile = acmeProfile({ auth: { header: "api-key", token: { header: "authorization", prefix: "Bearer " } } });

describe("a token provider instead of a key", () => {
  it("is called before every attempt, and its token goes in the profile's token header (never the key's)", async () => {
    let n = 0;
    server = await startServer((req, res, i) => (i === 0 ? json(res, 503, { error: { message: "busy" } }, { "retry-after": "0" }) : json(res, 200, file)));
    const c = createFilesClient<ProviderTypes>(both, { baseUrl: server.url, tokenProvider: async () => `token-${++n}`, maxRetries: 1 });
    await (c.files as AnyFiles).retrieve("file-1");
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
    expect(server.requests.every((r) => r.headers["api-key"] === undefined)).toBe(true);
  });

  it("a key goes in the key header as before", async () => {
    server = await startServer((req, res) => json(res, 200, file));
    const c = createFilesClient<ProviderTypes>(both, { baseUrl: server.url, apiKey: "secret-key" });
    await (c.files as AnyFiles).retrieve("file-1");
    expect(server.requests[0]!.headers).toMatchObject({ "api-key": "secret-key" });
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("its failure reaches the caller as it is, not retried; a bad token is a ValidationError naming it; the token never shows in an error", async () => {
    server = await startServer((req, res) => json(res, 401, { error: { message: "bad Bearer token-abcdef" } }));
    const boom = new Error("no credential");
    const failing = createFilesClient<ProviderTypes>(both, { baseUrl: server.url, tokenProvider: () => Promise.reject(boom) });
    await expect((failing.files as AnyFiles).retrieve("file-1")).rejects.toBe(boom);
    const empty = createFilesClient<ProviderTypes>(both, { baseUrl: server.url, tokenProvider: () => "" });
    await expect((empty.files as AnyFiles).retrieve("file-1")).rejects.toMatchObject({ name: "ValidationError", field: "tokenProvider" });
    const echoed = createFilesClient<ProviderTypes>(both, { baseUrl: server.url, tokenProvider: () => "token-abcdef" });
    const err = await (echoed.files as AnyFiles).retrieve("file-1").catch((e: Error) => e);
    expect(err).toMatchObject({ name: "AuthenticationError" });
    expect(String((err as Error).message)).not.toContain("token-abcdef");
    expect(server.requests).toHaveLength(1);
  });

  it("is refused at creation beside a key, or for a provider that takes keys only", () => {
    expect(() => createFilesClient(both, { apiKey: "k", tokenProvider: () => "t" })).toThrow(ValidationError);
    expect(() => createFilesClient(acme, { tokenProvider: () => "t" })).toThrow(/takes API keys, not tokens/);
    expect(() => createFilesClient(both, { tokenProvider: "t" as never })).toThrow(/tokenProvider/);
  });
});

describe("query parameters every request carries", () => {
  const versioned = acmeProfile({ query: { "api-version": "v1" } });

  it("the profile's on every request (list pages included), the caller's over them by name", async () => {
    server = await startServer((req, res, i) => json(res, 200, i === 0 ? { data: [file], has_more: true } : i === 1 ? { data: [], has_more: false } : file));
    const c = createFilesClient<ProviderTypes>(versioned, { apiKey: "k", baseUrl: server.url });
    await (c.files as AnyFiles).list();
    expect(server.requests.map((r) => r.url)).toEqual(["/v1/files?api-version=v1", "/v1/files?after=file-1&api-version=v1"]);
    const preview = createFilesClient<ProviderTypes>(versioned, { apiKey: "k", baseUrl: server.url, query: { "api-version": "preview", extra: "a b" } });
    await (preview.files as AnyFiles).retrieve("file-1");
    expect(server.requests[2]!.url).toBe("/v1/files/file-1?api-version=preview&extra=a+b");
  });

  it("a bad query option is a ValidationError naming it", () => {
    expect(() => createFilesClient(versioned, { query: { "api-version": 1 as never } })).toThrow(/query/);
    expect(() => createFilesClient(versioned, { query: "api-version=v1" as never })).toThrow(/query/);
  });
});

describe("a server per resource", () => {
  const perResource = { name: "p", env: { apiKey: "P_API_KEY", baseUrl: "P_BASE_URL" }, defaultBaseUrl: "https://{resource}.example.com", pathPrefix: "/v1" };

  it("the resource fills in the server; a base URL (option or variable) replaces it", () => {
    expect(resolveBaseUrl(perResource, { resource: "my-res" }, {})).toBe("https://my-res.example.com");
    expect(resolveBaseUrl(perResource, { baseUrl: "https://other.example.com/v1" }, {})).toBe("https://other.example.com");
    expect(resolveBaseUrl(perResource, {}, { P_BASE_URL: "https://env.example.com" })).toBe("https://env.example.com");
  });

  it("without either, a ValidationError says what to pass; a bad or misplaced resource is named", () => {
    expect(() => resolveBaseUrl(perResource, {}, {})).toThrow(/pass \{ baseUrl: "https:\/\/<resource>\.example\.com" \} or \{ resource: "<resource>" \}, or set P_BASE_URL/);
    expect(() => resolveBaseUrl(perResource, { resource: "a.b/c" }, {})).toThrow(ValidationError);
    expect(() => createFilesClient(acme, { resource: "x" })).toThrow(/one server/);
    expect(() => createFilesClient(acmeProfile({ defaultBaseUrl: "https://{resource}.example.com" }), { resource: "x", baseUrl: "https://x.example.com" })).toThrow(/either baseUrl or resource/);
  });
});

describe("ids that are resource names", () => {
  const named = acmeProfile({
    operations: {
      retrieve: { method: "get", path: "/v1/files/{file}", id: { in: "path", name: "file", prefix: "files/" } },
      delete: { method: "delete", path: "/v1/files/{file}", id: { in: "path", name: "file", prefix: "files/" }, result: {} },
    },
    file: { ...acme.file, id: "name" },
  });

  it("the path takes the part after the collection, whichever form the caller passes; the id keeps its prefix", async () => {
    server = await startServer((req, res) => (req.method === "DELETE" ? json(res, 200, {}) : json(res, 200, { ...file, name: "files/abc-1" })));
    const c = createFilesClient<ProviderTypes>(named, { apiKey: "k", baseUrl: server.url });
    const files = c.files as AnyFiles;
    await files.retrieve("files/abc-1");
    await files.retrieve("abc-1");
    // A delete that answers {}: the id asked for is the one deleted.
    expect(await files.delete("files/abc-1")).toEqual({ name: "files/abc-1" });
    expect(server.requests.map((r) => r.url)).toEqual(["/v1/files/abc-1", "/v1/files/abc-1", "/v1/files/abc-1"]);
  });

  it("a slash past the prefix is refused before anything is sent", async () => {
    const c = createFilesClient<ProviderTypes>(named, { apiKey: "k", baseUrl: "http://127.0.0.1:9" });
    await expect((c.files as AnyFiles).retrieve("files/../x")).rejects.toMatchObject({ name: "ValidationError", field: "fileId" });
    await expect((c.files as AnyFiles).retrieve("other/abc")).rejects.toMatchObject({ name: "ValidationError", field: "fileId" });
  });
});

describe("files with no purpose", () => {
  const plain = acmeProfile({ purposes: { upload: [], list: [] }, file: { id: "id", filename: "filename", bytes: "bytes", createdAt: "created_at" }, sample: { filename: "a.txt", content: "a" } });

  it("the upload sends the file alone; a purpose given is a ValidationError, before anything is sent", async () => {
    server = await startServer((req, res) => json(res, 200, file));
    const c = createFilesClient<ProviderTypes>(plain, { apiKey: "k", baseUrl: server.url });
    await (c.files as AnyFiles).upload({ file: new Uint8Array([1, 2]), filename: "a.txt" });
    expect(server.requests[0]!.text).not.toContain('name="purpose"');
    await expect((c.files as AnyFiles).upload({ file: new Uint8Array([1]), filename: "a.txt", purpose: "batch" })).rejects.toThrow(/acme files have no purpose: remove purpose/);
    expect(server.requests).toHaveLength(1);
  });
});

describe("a URL a server hands back on another origin", () => {
  it("gets no key, no caller headers and no fixed query; the provider's origin gets all three", async () => {
    const elsewhere = await startServer((req, res) => json(res, 200, {}));
    server = await startServer((req, res) => json(res, 200, {}));
    try {
      const policy = new RequestPolicy(acmeProfile({ query: { v: "1" } }), { apiKey: "secret-key", baseUrl: server.url, headers: { "x-team": "a" } });
      const send = (url: string) => policy.send({ url, method: "GET", headers: new Headers(), idempotent: true, expect: "json" });
      await send(`${server.url}/v1/files`);
      // Another port of 127.0.0.1 is another origin.
      await send(`${elsewhere.url}/upload?id=1`);
      expect(server.requests[0]).toMatchObject({ url: "/v1/files?v=1", headers: { authorization: "Bearer secret-key", "x-team": "a" } });
      expect(elsewhere.requests[0]!.url).toBe("/upload?id=1");
      expect(elsewhere.requests[0]!.headers.authorization).toBeUndefined();
      expect(elsewhere.requests[0]!.headers["x-team"]).toBeUndefined();
    } finally {
      await elsewhere.stop();
    }
  });
});
