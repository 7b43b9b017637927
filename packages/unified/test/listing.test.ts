// list() and iterate() over a real loopback server: one request where the provider has no
// pagination; every page, lazily, where its profile says how the list is paged. And
// expiresAfterSeconds: refused before any request where the provider has no expiry.
import { json, startServer, tempFile, type TempFile, type TestServer } from "@llm-files/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ListRoute } from "@llm-files/core";
import { ServerError, createFiles, filesFromProvider, UnsupportedError, ValidationError } from "../src/index.js";
import { profileLike, testProvider } from "./test-provider.js";

let server: TestServer;
let upload: TempFile;
const file = (i: number) => ({ id: `file-${i}`, object: "file", bytes: i, created_at: 1700000000 + i, filename: `f${i}.txt`, purpose: "file-extract", status: "ok" });
const ALL = Array.from({ length: 7 }, (_, i) => file(i + 1));
let loop = false;
beforeAll(async () => {
  upload = await tempFile("hello\n", "hello.txt");
  server = await startServer((req, res) => {
    const url = new URL(req.url!, "http://x");
    if (url.pathname === "/v1/files" && req.method === "GET") return json(res, 200, { object: "list", data: ALL });
    if (url.pathname === "/v1/files" && req.method === "POST") return json(res, 200, file(9));
    // An OpenAI-shaped paged list: after / limit → { data, has_more, last_id }.
    if (url.pathname === "/paged") {
      const after = url.searchParams.get("after");
      const limit = Number(url.searchParams.get("limit"));
      const start = after ? ALL.findIndex((f) => f.id === after) + 1 : 0;
      const data = ALL.slice(start, start + limit);
      return json(res, 200, { object: "list", data, has_more: start + limit < ALL.length, last_id: loop ? "file-3" : data.at(-1)?.id });
    }
    // A Mistral-shaped numbered list: page / page_size → { data, object, total } (no page: the first, 0; total left out under /numbered/no-total).
    if (url.pathname.startsWith("/numbered")) {
      const page = Number(url.searchParams.get("page"));
      const size = Number(url.searchParams.get("page_size"));
      const data = ALL.slice(page * size, page * size + size);
      return json(res, 200, url.pathname === "/numbered/no-total" ? { object: "list", data } : { object: "list", data, total: ALL.length });
    }
    json(res, 404, { error: { message: "no route", type: "not_found" } });
  });
});
afterAll(() => Promise.all([server.stop(), upload.cleanup()]));

const moonshot = () => createFiles({ provider: "moonshot", apiKey: "sk-list", baseUrl: server.url, maxRetries: 0 });
/** Moonshot's profile with only a list, at `path`, paged as `paging` says. */
const listing = (path: string, paging: ListRoute["paging"]) =>
  filesFromProvider<"moonshot">(testProvider(profileLike("moonshot", { operations: { list: { method: "get", path, items: "data", paging } } })), { apiKey: "sk-list", baseUrl: server.url, maxRetries: 0 });
/** A list paged the OpenAI way: after / limit → { data, has_more, last_id } (3 files per request: list({ pageSize: 3 })). */
const paged = () => listing("/paged", { style: "cursor", after: "after", limit: "limit", hasMore: "has_more", lastId: "last_id" });
/** The same the Mistral way: page / page_size from page 0, with or without a total (list({ pageSize: size })). */
const numbered = (total: boolean) => listing(total ? "/numbered" : "/numbered/no-total", { style: "page", page: "page", size: "page_size", total: "total", first: 0, defaultSize: 100 });
const count = () => server.requests.length;

describe("list and iterate", () => {
  it("Moonshot has no pagination: list() is one request; iterate() makes it on the first next(), not before", async () => {
    let before = count();
    expect((await moonshot().list()).map((f) => f.id)).toEqual(ALL.map((f) => f.id));
    expect(count() - before).toBe(1);
    before = count();
    const it = moonshot().iterate()[Symbol.asyncIterator]();
    expect(count() - before).toBe(0);
    expect((await it.next()).value).toMatchObject({ id: "file-1", state: "ready" });
    expect(count() - before).toBe(1);
    await it.return?.();
  });

  it("a paged list: list() follows every page; iterate() sends one request when you stop within the first page", async () => {
    let before = count();
    expect((await paged().list({ pageSize: 3 })).map((f) => f.id)).toEqual(ALL.map((f) => f.id));
    expect(server.requests.slice(before).map((r) => r.url)).toEqual(["/paged?limit=3", "/paged?after=file-3&limit=3", "/paged?after=file-6&limit=3"]);
    before = count();
    const seen: string[] = [];
    for await (const f of paged().iterate({ pageSize: 3 })) if (seen.push(f.id) === 2) break;
    expect(seen).toEqual(["file-1", "file-2"]);
    expect(count() - before).toBe(1);
  });

  it("numbered pages: with a total, exactly the pages it spans; without one, until a short or empty page", async () => {
    // The first page is asked for without a page number (the provider's default, 0): null below.
    const urls = async (size: number, total: boolean) => {
      const before = count();
      expect((await numbered(total).list({ pageSize: size })).map((x) => x.id)).toEqual(ALL.map((x) => x.id));
      return server.requests.slice(before).map((r) => new URL(r.url, "http://x").searchParams.get("page"));
    };
    expect(await urls(3, true)).toEqual([null, "1", "2"]);
    expect(await urls(7, true)).toEqual([null]);
    expect(await urls(3, false)).toEqual([null, "1", "2"]);
    // 7 files in pages of 7 with no total: the full first page may have a successor, the empty second one ends it.
    expect(await urls(7, false)).toEqual([null, "1"]);
  });

  it("a server that repeats its cursor ends in a ServerError, not a loop", async () => {
    loop = true;
    try {
      const before = count();
      await expect(paged().list({ pageSize: 3 })).rejects.toBeInstanceOf(ServerError);
      expect(count() - before).toBe(2);
    } finally {
      loop = false;
    }
  });

  it("iterate() with bad options or no list operation fails on the first next(), sending nothing", async () => {
    const before = count();
    await expect(moonshot().iterate("all" as never)[Symbol.asyncIterator]().next()).rejects.toMatchObject({ name: "ValidationError", field: "options" });
    await expect(moonshot().iterate({ purpose: "nope" as never })[Symbol.asyncIterator]().next()).rejects.toMatchObject({ name: "ValidationError", field: "purpose" });
    for (const pageSize of [0, 2.5, "10", -1]) {
      await expect(moonshot().list({ pageSize: pageSize as never })).rejects.toMatchObject({ name: "ValidationError", field: "pageSize" });
      await expect(moonshot().iterate({ pageSize: pageSize as never })[Symbol.asyncIterator]().next()).rejects.toMatchObject({ name: "ValidationError", field: "pageSize" });
    }
    const none = filesFromProvider<"moonshot">(testProvider(profileLike("moonshot", { operations: {} })), { apiKey: "sk-list", baseUrl: server.url });
    await expect(none.iterate()[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(UnsupportedError);
    await expect(none.waitUntilReady("x")).rejects.toBeInstanceOf(UnsupportedError);
    expect(count()).toBe(before);
  });
});

describe("expiresAfterSeconds", () => {
  it("is refused before any request where the provider has no expiry", async () => {
    for (const provider of ["moonshot", "novita", "minimax"] as const) {
      const before = count();
      const files = createFiles({ provider, apiKey: "sk-exp", baseUrl: server.url, maxRetries: 0 });
      const purpose = { moonshot: "file-extract", novita: "batch", minimax: "voice_clone" }[provider];
      const err = await files.upload({ file: upload.path, purpose: purpose as never, expiresAfterSeconds: 3600 as never }).catch((e) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect(err).toMatchObject({ provider, field: "expiresAfterSeconds" });
      expect(err.message).toMatch(/offers no expiry/);
      expect(count()).toBe(before);
    }
  });

  it("where a profile has expiry: a value outside its range is refused, one inside is handed to the provider", async () => {
    // Moonshot's profile with an expiry range, sent as an `expires_after_seconds` form field.
    const withExpiry = profileLike("moonshot", {
      expiry: { minSeconds: 3600, maxSeconds: 2592000, params: (seconds) => ({ expires_after_seconds: seconds }) },
      uploadFields: (p): Record<string, string> => (p.expires_after_seconds === undefined ? {} : { expires_after_seconds: String(p.expires_after_seconds) }),
    });
    const files = filesFromProvider<"moonshot">(testProvider(withExpiry), { apiKey: "sk-exp", baseUrl: server.url, maxRetries: 0 });
    const before = count();
    for (const bad of [59, 3599.5, 2592001, "3600", Number.NaN]) {
      await expect(files.upload({ file: upload.path, purpose: "file-extract", expiresAfterSeconds: bad as never })).rejects.toMatchObject({ name: "ValidationError", field: "expiresAfterSeconds" });
    }
    await files.upload({ file: upload.path, purpose: "file-extract", expiresAfterSeconds: 3600 as never });
    await files.upload({ file: upload.path, purpose: "file-extract" });
    // What reached the server: two uploads (the bad values sent nothing), the first with the expiry.
    const got = await Promise.all(
      server.requests.slice(before).map(async (r) => {
        const form = await new Response(r.text, { headers: { "content-type": String(r.headers["content-type"]) } }).formData();
        const seconds = form.get("expires_after_seconds");
        return seconds === null ? undefined : Number(seconds);
      }),
    );
    expect(got).toEqual([3600, undefined]);
  });

  it("without expiresAfterSeconds, uploads go through as before", async () => {
    const before = count();
    expect(await moonshot().upload({ file: upload.path, purpose: "file-extract" })).toMatchObject({ id: "file-9", state: "ready" });
    expect(count() - before).toBe(1);
  });
});
