// list() and iterate() over a real loopback server: one request where the provider has no
// pagination; every page, lazily, where an adapter gives pages. And expiresAfterSeconds:
// refused before any request where the provider has no expiry.
import { json, startServer, tempFile, type TempFile, type TestServer } from "@llm-files/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cursorPage, numberedPage } from "@llm-files/core";
import { ServerError, createFiles, filesFromAdapter, UnsupportedError, ValidationError, type AdapterOperations } from "../src/index.js";

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
    // A Mistral-shaped numbered list: page / page_size → { data, object, total } (total left out when asked).
    if (url.pathname === "/numbered") {
      const page = Number(url.searchParams.get("page"));
      const size = Number(url.searchParams.get("page_size"));
      const data = ALL.slice(page * size, page * size + size);
      return json(res, 200, url.searchParams.get("total") === "no" ? { object: "list", data } : { object: "list", data, total: ALL.length });
    }
    json(res, 404, { error: { message: "no route", type: "not_found" } });
  });
});
afterAll(() => Promise.all([server.stop(), upload.cleanup()]));

const moonshot = () => createFiles({ provider: "moonshot", apiKey: "sk-list", baseUrl: server.url, maxRetries: 0 });
const info = (raw: unknown) => {
  const f = raw as ReturnType<typeof file>;
  return { id: f.id, provider: "moonshot" as const, filename: f.filename, bytes: f.bytes, createdAt: new Date(f.created_at * 1000), purpose: f.purpose, raw: f as never };
};
const getJson = async (path: string) => (await fetch(`${server.url}${path}`)).json() as Promise<{ data: unknown[]; has_more?: boolean; last_id?: string; total?: number }>;
/** An adapter whose list is paged the OpenAI way, 3 files per request (cursorPage, as the OpenAI adapter uses it). */
const paged = () =>
  filesFromAdapter("moonshot", (): AdapterOperations<"moonshot"> => ({ page: (_o, cursor) => cursorPage("moonshot", (after) => getJson(`/paged?limit=3${after ? `&after=${after}` : ""}`), info, cursor) }), {});
/** The same the Mistral way (numberedPage): page / page_size, with or without a total. */
const numbered = (size: number, total: boolean) =>
  filesFromAdapter("moonshot", (): AdapterOperations<"moonshot"> => ({ page: (_o, cursor) => numberedPage((page) => getJson(`/numbered?page=${page}&page_size=${size}${total ? "" : "&total=no"}`), info, cursor, size) }), {});
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

  it("a paging adapter: list() follows every page; iterate() sends one request when you stop within the first page", async () => {
    let before = count();
    expect((await paged().list()).map((f) => f.id)).toEqual(ALL.map((f) => f.id));
    expect(server.requests.slice(before).map((r) => r.url)).toEqual(["/paged?limit=3", "/paged?limit=3&after=file-3", "/paged?limit=3&after=file-6"]);
    before = count();
    const seen: string[] = [];
    for await (const f of paged().iterate()) if (seen.push(f.id) === 2) break;
    expect(seen).toEqual(["file-1", "file-2"]);
    expect(count() - before).toBe(1);
  });

  it("numbered pages: with a total, exactly the pages it spans; without one, until a short or empty page", async () => {
    const urls = async (f: ReturnType<typeof numbered>) => {
      const before = count();
      expect((await f.list()).map((x) => x.id)).toEqual(ALL.map((x) => x.id));
      return server.requests.slice(before).map((r) => new URL(r.url, "http://x").searchParams.get("page"));
    };
    expect(await urls(numbered(3, true))).toEqual(["0", "1", "2"]);
    expect(await urls(numbered(7, true))).toEqual(["0"]);
    expect(await urls(numbered(3, false))).toEqual(["0", "1", "2"]);
    // 7 files in pages of 7 with no total: the full first page may have a successor, the empty second one ends it.
    expect(await urls(numbered(7, false))).toEqual(["0", "1"]);
  });

  it("a server that repeats its cursor ends in a ServerError, not a loop", async () => {
    loop = true;
    try {
      const before = count();
      await expect(paged().list()).rejects.toBeInstanceOf(ServerError);
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
    const none = filesFromAdapter("moonshot", () => ({}), {});
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

  it("where an adapter has expiry: a value outside its range is refused, one inside is handed to the adapter", async () => {
    const got: unknown[] = [];
    const files = filesFromAdapter(
      "moonshot",
      (): AdapterOperations<"moonshot"> => ({ expiry: { minSeconds: 3600, maxSeconds: 2592000 }, upload: async (p) => (got.push(p.expiresAfterSeconds), ({ id: "x" }) as never) }),
      {},
    );
    for (const bad of [59, 3599.5, 2592001, "3600", Number.NaN]) {
      await expect(files.upload({ file: upload.path, purpose: "file-extract", expiresAfterSeconds: bad as never })).rejects.toMatchObject({ name: "ValidationError", field: "expiresAfterSeconds" });
    }
    await files.upload({ file: upload.path, purpose: "file-extract", expiresAfterSeconds: 3600 as never });
    await files.upload({ file: upload.path, purpose: "file-extract" });
    expect(got).toEqual([3600, undefined]);
  });

  it("without expiresAfterSeconds, uploads go through as before", async () => {
    const before = count();
    expect(await moonshot().upload({ file: upload.path, purpose: "file-extract" })).toMatchObject({ id: "file-9", state: "ready" });
    expect(count() - before).toBe(1);
  });
});
