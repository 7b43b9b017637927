// The one client shape (client.ts) over synthetic profiles, against a loopback server: what a
// profile's data makes of the answers (envelopes unwrapped, int64 ids as exact strings, the
// in-body status object left out, 204 as "deleted", a missing list), what it makes of the
// requests (a delete by JSON body with its purpose and a bare-number id, token pages) and
// what it refuses before sending (a list without the purpose the provider requires).
import { json, startServer, type TestServer } from "@llm-files/testing";
import { afterEach, describe, expect, it } from "vitest";
import { ServerError, ValidationError, createFilesClient, type Profile, type ProviderTypes } from "../src/index.js";
import { acme, acmeProfile } from "./profile.js";

const BIG = "1234567890123456789"; // beyond 2^53: JSON.parse would lose its last digits
const OUTCOME = { at: "outcome", code: "code", message: "text", ok: [0], codes: { 1002: { error: "RateLimitError", retryable: false, meaning: "slow down" } } } as const;

/** A provider with int64 ids, files in an envelope, a status object in every answer, a list by purpose, a delete by JSON body. */
const boxed: Profile = acmeProfile({
  ids: "int64",
  operations: {
    list: { method: "get", path: "/v1/files/list", items: "files", purpose: { name: "purpose", required: true } },
    upload: { method: "post", path: "/v1/files/upload", body: { form: "multipart", fileField: "file" }, envelope: "file" },
    retrieve: { method: "get", path: "/v1/files/retrieve", id: { in: "query", name: "file_id" }, envelope: "file" },
    delete: { method: "post", path: "/v1/files/delete", id: { in: "body", name: "file_id" }, purpose: { name: "purpose" }, result: { id: "file_id" } },
  },
  purposes: { upload: ["batch", "search"], list: ["batch", "search"], delete: ["batch", "search"] },
  file: { id: "file_id", filename: "filename", bytes: "bytes", createdAt: "created_at", purpose: "purpose" },
  inBodyErrors: OUTCOME,
});
/** The plain acme shape, with the status object of `boxed` but no envelopes. */
const flatWithStatus: Profile = acmeProfile({ ids: "int64", inBodyErrors: OUTCOME });

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});
/** A client for `profile` on a loopback server answering with `answer` (a body, or [status, body]). */
async function clientFor(profile: Profile, answer: (url: string, method: string, body: string) => unknown) {
  await server?.stop();
  server = await startServer((req, res) => {
    const out = answer(req.url!, req.method!, req.body.toString("utf8"));
    if (Array.isArray(out) && typeof out[0] === "number") {
      if (out[0] === 204) return void (res.writeHead(204), res.end());
      return json(res, out[0], out[1]);
    }
    if (typeof out === "string") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(out);
    }
    json(res, 200, out);
  });
  return createFilesClient<ProviderTypes>(profile, { apiKey: "k", baseUrl: server.url, maxRetries: 0 });
}
type AnyFiles = {
  list(o?: object): Promise<unknown[]>;
  listPage(o?: object): Promise<Record<string, unknown>>;
  iterate(o?: object): AsyncIterable<unknown>;
  retrieve(id: unknown, o?: object): Promise<Record<string, unknown>>;
  upload(p: object): Promise<Record<string, unknown>>;
  delete(id: unknown, o?: object): Promise<Record<string, unknown>>;
};
const filesOf = (c: { files: unknown }) => c.files as AnyFiles;
const sent = () => server!.requests.map((r) => `${r.method} ${r.url}`);

describe("envelopes and int64 ids", () => {
  it("retrieve and upload unwrap the envelope; ids come back as exact decimal strings, safe ones too", async () => {
    const c = filesOf(
      await clientFor(boxed, (url) =>
        url.startsWith("/v1/files/retrieve")
          ? `{"file":{"file_id":${BIG},"filename":"a.txt","bytes":3,"created_at":1,"purpose":"batch"},"outcome":{"code":0,"text":"success"}}`
          : `{"file":{"file_id":42,"filename":"b.txt","bytes":3,"created_at":1,"purpose":"batch"},"outcome":{"code":0}}`,
      ),
    );
    expect(await c.retrieve(BIG)).toEqual({ file_id: BIG, filename: "a.txt", bytes: 3, created_at: 1, purpose: "batch" });
    expect(await c.upload({ file: new Uint8Array([1, 2, 3]), filename: "b.txt", purpose: "batch" })).toEqual({ file_id: "42", filename: "b.txt", bytes: 3, created_at: 1, purpose: "batch" });
    // The id goes out in the query, digit for digit, however the caller holds it.
    await c.retrieve(BigInt(BIG));
    await c.retrieve(7);
    expect(sent()).toEqual([`GET /v1/files/retrieve?file_id=${BIG}`, "POST /v1/files/upload", `GET /v1/files/retrieve?file_id=${BIG}`, "GET /v1/files/retrieve?file_id=7"]);
  });

  it("an envelope without the file's id is a ServerError naming the shape, not a file of undefined", async () => {
    const c = filesOf(await clientFor(boxed, () => ({ file: { filename: "a.txt" }, outcome: { code: 0 } })));
    const err = await c.retrieve(BIG).catch((e) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err.message).toMatch(/expected \{ file: \{ file_id, \.\.\. \}, outcome \}/);
    await expect(c.upload({ file: new Uint8Array([1]), filename: "x.txt", purpose: "batch" })).rejects.toThrow(/expected \{ file: \{ file_id, \.\.\. \}, outcome \}/);
  });

  it("list items get exact string ids; an item that is not an object is passed on as it came", async () => {
    const c = filesOf(await clientFor(boxed, () => `{"files":[{"file_id":${BIG},"filename":"a"},{"file_id":5,"filename":"b"},{"file_id":null}],"outcome":{"code":0}}`));
    expect(await c.list({ purpose: "batch" })).toEqual([{ file_id: BIG, filename: "a" }, { file_id: "5", filename: "b" }, { file_id: null }]);
    expect(sent()).toEqual(["GET /v1/files/list?purpose=batch"]);
  });
});

describe("delete", () => {
  it("by JSON body: the purpose and the int64 id as a bare number, digit for digit; the answer's id as a string", async () => {
    const c = filesOf(await clientFor(boxed, () => `{"file_id":${BIG},"outcome":{"code":0,"text":"success"}}`));
    expect(await c.delete(BIG, { purpose: "search" })).toEqual({ file_id: BIG });
    expect(server!.requests[0]).toMatchObject({ method: "POST", url: "/v1/files/delete", text: `{"file_id":${BIG},"purpose":"search"}` });
    expect(server!.requests[0]!.headers["content-type"]).toBe("application/json");
  });

  it("an answer that leaves out the id gets the one asked for", async () => {
    const c = filesOf(await clientFor(boxed, () => ({ outcome: { code: 0 } })));
    expect(await c.delete(BigInt(BIG), { purpose: "batch" })).toEqual({ file_id: BIG });
    expect(server!.requests[0]!.text).toBe(`{"file_id":${BIG},"purpose":"batch"}`);
  });

  it("a missing or unknown purpose is refused before anything is sent", async () => {
    const c = filesOf(await clientFor(boxed, () => ({ outcome: { code: 0 } })));
    for (const options of [undefined, {}, { purpose: "results" }, { purpose: 3 }]) {
      const err = await c.delete(BIG, options).catch((e) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.field).toBe("purpose");
    }
    expect(server!.requests).toEqual([]);
  });

  it("204 No Content means deleted: the id asked for (and deleted: true where the profile has that field)", async () => {
    let c = filesOf(await clientFor(acme, () => [204]));
    expect(await c.delete("file-1")).toEqual({ id: "file-1", deleted: true });
    expect(sent()).toEqual(["DELETE /v1/files/file-1"]);
    c = filesOf(await clientFor(boxed, () => [204]));
    expect(await c.delete(BIG, { purpose: "batch" })).toEqual({ file_id: BIG });
  });

  it("without a status object, an answer missing `deleted` is a ServerError", async () => {
    const c = filesOf(await clientFor(acme, () => ({ id: "file-1" })));
    await expect(c.delete("file-1")).rejects.toThrow(/expected a deletion result \{ id, deleted \}/);
  });
});

describe("the in-body status object is left out of every answer", () => {
  it("enveloped answers: a list page and a delete", async () => {
    const c = filesOf(await clientFor(boxed, (url) => (url.startsWith("/v1/files/list") ? { files: [{ file_id: 1 }], total: 1, outcome: { code: 0, text: "ok" } } : { file_id: 1, outcome: { code: 0 } })));
    expect(await c.listPage({ purpose: "batch" })).toEqual({ files: [{ file_id: "1" }], total: 1 });
    expect(await c.delete(1, { purpose: "batch" })).toEqual({ file_id: "1" });
  });

  it("answers that are the file itself: retrieve and upload", async () => {
    const c = filesOf(await clientFor(flatWithStatus, () => `{"id":${BIG},"filename":"a.txt","outcome":{"code":0,"text":"success"}}`));
    expect(await c.retrieve(BIG)).toEqual({ id: BIG, filename: "a.txt" });
    expect(await c.upload({ file: new Uint8Array([1]), filename: "a.txt", purpose: "batch" })).toEqual({ id: BIG, filename: "a.txt" });
  });

  it("a status object that says failure is the error, for every operation", async () => {
    const c = filesOf(await clientFor(boxed, () => ({ files: [], file: { file_id: 1 }, outcome: { code: 1002, text: "too many" } })));
    for (const call of [() => c.list({ purpose: "batch" }), () => c.retrieve(1), () => c.delete(1, { purpose: "batch" }), () => c.upload({ file: new Uint8Array([1]), filename: "a", purpose: "batch" })]) {
      const err = await call().catch((e) => e);
      expect(err).toMatchObject({ name: "RateLimitError", code: "1002", message: "acme: too many (code 1002)" });
    }
  });
});

describe("a list without files", () => {
  it("with a status object: files null or absent is an empty list", async () => {
    let files: unknown = null;
    const c = filesOf(await clientFor(boxed, () => (files === undefined ? { outcome: { code: 0 } } : { files, outcome: { code: 0 } })));
    expect(await c.list({ purpose: "batch" })).toEqual([]);
    files = undefined;
    expect(await c.list({ purpose: "batch" })).toEqual([]);
    expect(await c.listPage({ purpose: "search" })).toEqual({ files: [] });
    // An answer without its status object is not a list.
    const err = await filesOf(await clientFor(boxed, () => ({ files: [] }))).list({ purpose: "batch" }).catch((e) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err.message).toMatch(/expected a file list \{ files: \[\.\.\.\], outcome \}/);
  });

  it("without one: data null, absent or not an array is a ServerError, not an empty account", async () => {
    let body: unknown = { data: null, has_more: false };
    const c = filesOf(await clientFor(acme, () => body));
    for (const b of [{ data: null, has_more: false }, { has_more: false }, { data: "none" }, []]) {
      body = b;
      const err = await c.list().catch((e) => e);
      expect(err).toBeInstanceOf(ServerError);
      expect(err.message).toMatch(/expected a file list \{ data: \[\.\.\.\] \}/);
    }
  });
});

describe("a list that requires a purpose", () => {
  it("is refused before sending, by list, listPage and iterate alike, naming the purposes", async () => {
    const c = filesOf(await clientFor(boxed, () => ({ files: [], outcome: { code: 0 } })));
    for (const call of [() => c.list(), () => c.listPage({}), () => c.list({ purpose: null }), async () => c.iterate()[Symbol.asyncIterator]().next()]) {
      const err = await call().catch((e) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect(err).toMatchObject({ field: "purpose" });
      expect(err.message).toMatch(/acme lists the files of one purpose at a time: pass \{ purpose \} \(one of batch, search\)/);
    }
    // A purpose the provider does not list by is refused too.
    expect((await c.list({ purpose: "results" }).catch((e) => e)).field).toBe("purpose");
    expect(server!.requests).toEqual([]);
  });

  it("where the purpose is an optional filter, a list without one is sent as is", async () => {
    const c = filesOf(await clientFor(acme, () => ({ data: [], has_more: false })));
    await c.list();
    await c.list({ purpose: "results" });
    expect(sent()).toEqual(["GET /v1/files", "GET /v1/files?purpose=results"]);
  });
});

describe("paging from the profile's data", () => {
  const tokens: Profile = acmeProfile({
    operations: { ...acme.operations, list: { method: "get", path: "/v1/files", items: "data", paging: { style: "token", token: "page_token", size: "page_size", next: "next_page_token", maxSize: 50 } } },
  });

  it("token pages: each page's token handed back until none, one request per page consumed", async () => {
    const pages: Record<string, unknown> = {
      "": { data: [{ id: "a" }, { id: "b" }], next_page_token: "t2" },
      t2: { data: [{ id: "c" }], next_page_token: "t3" },
      t3: { data: [{ id: "d" }], next_page_token: "" },
    };
    const c = filesOf(await clientFor(tokens, (url) => pages[new URL(url, "http://x").searchParams.get("page_token") ?? ""]));
    expect(await c.list({ page_size: 2 })).toEqual([{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }]);
    expect(sent()).toEqual(["GET /v1/files?page_size=2", "GET /v1/files?page_token=t2&page_size=2", "GET /v1/files?page_token=t3&page_size=2"]);
    // Stopping within the first page sends one request.
    const before = server!.requests.length;
    for await (const _ of c.iterate()) break;
    expect(server!.requests.length - before).toBe(1);
  });

  it("cursor pages: after the last file's id while has_more; bad paging options are refused before sending", async () => {
    const c = filesOf(await clientFor(acme, (url) => (new URL(url, "http://x").searchParams.get("after") === "f2" ? { data: [{ id: "f3" }], has_more: false } : { data: [{ id: "f1" }, { id: "f2" }], has_more: true })));
    expect(await c.list({ limit: 2, purpose: "batch" })).toEqual([{ id: "f1" }, { id: "f2" }, { id: "f3" }]);
    expect(sent()).toEqual(["GET /v1/files?limit=2&purpose=batch", "GET /v1/files?after=f2&limit=2&purpose=batch"]);
    const before = server!.requests.length;
    for (const [options, field] of [[{ limit: 101 }, "limit"], [{ after: "" }, "after"], [{ purpose: "nope" }, "purpose"]] as const) {
      expect(await c.list(options).catch((e) => e)).toMatchObject({ name: "ValidationError", field });
    }
    expect(server!.requests.length).toBe(before);
  });
});
