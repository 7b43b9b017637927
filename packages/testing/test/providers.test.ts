// What the test servers know of a provider comes from its profile and its spec: routes by the
// profile's operations, answers in the profile's fields over the spec's examples. Two made-up
// profiles (this package names no provider): one with string ids and cursor pages, one with
// int64 ids, envelopes, an id in the query and the body, and an in-body status object.
import { describe, expect, it } from "vitest";
import { INT64_TEST_ID, exampleOf, matchRoute, operationExample, providerAnswers, providerRoutes, type AnswersProfile } from "../src/providers.js";

const plain: AnswersProfile = {
  name: "plain",
  ids: "string",
  operations: {
    list: { method: "get", path: "/v1/files", items: "data", paging: { style: "cursor", hasMore: "has_more", lastId: "last_id" } },
    upload: { method: "post", path: "/v1/files" },
    retrieve: { method: "get", path: "/v1/files/{file_id}", id: { in: "path", name: "file_id" } },
    content: { method: "get", path: "/v1/files/{file_id}/content", id: { in: "path", name: "file_id" } },
    delete: { method: "delete", path: "/v1/files/{file_id}", id: { in: "path", name: "file_id" }, result: { id: "id", deleted: "deleted" } },
  },
  file: { id: "id", filename: "filename", bytes: "bytes", createdAt: "created_at", purpose: "purpose", status: "status" },
  states: { ready: ["processed"] },
  sample: { purpose: "batch", filename: "a.jsonl", content: "{}\n" },
};

const enveloped: AnswersProfile = {
  name: "enveloped",
  ids: "int64",
  operations: {
    list: { method: "get", path: "/v1/files/list", items: "files" },
    upload: { method: "post", path: "/v1/files/upload", envelope: "file" },
    retrieve: { method: "get", path: "/v1/files/retrieve", id: { in: "query", name: "file_id" }, envelope: "file" },
    delete: { method: "post", path: "/v1/files/delete", id: { in: "body", name: "file_id" }, result: { id: "file_id" } },
  },
  file: { id: "file_id", filename: "filename", bytes: "bytes", createdAt: "created_at", purpose: "purpose" },
  inBodyErrors: { at: "status_object", code: "code", message: "msg", ok: [0] },
  sample: { purpose: "audio", filename: "a.mp3", content: "ID3" },
};

const doc = {
  paths: {
    "/v1/files/{file_id}": {
      get: { responses: { "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/File" } } } } } },
    },
    "/v1/files": {
      get: { responses: { "200": { content: { "application/json": { example: { object: "list", data: [], has_more: true, first_id: "x" } } } } } },
    },
  },
  components: {
    schemas: {
      File: { type: "object", required: ["id", "object"], properties: { id: { type: "string", example: "file-example" }, object: { type: "string", enum: ["file"] }, note: { type: "string" } } },
    },
  },
};

describe("providerRoutes / matchRoute", () => {
  it("routes by the profile's operations, literal paths first, and reads the id wherever the profile puts it", () => {
    const a = providerRoutes(plain);
    expect(matchRoute(a, "GET", "/v1/files?after=x")).toEqual({ op: "list" });
    expect(matchRoute(a, "GET", "/v1/files/file-%2F1")).toEqual({ op: "retrieve", id: "file-/1" });
    expect(matchRoute(a, "GET", "/v1/files/f1/content")).toEqual({ op: "content", id: "f1" });
    expect(matchRoute(a, "DELETE", "/v1/files/f1")).toEqual({ op: "delete", id: "f1" });
    expect(matchRoute(a, "PUT", "/v1/files/f1")).toBeUndefined();
    const b = providerRoutes(enveloped);
    expect(matchRoute(b, "GET", "/v1/files/list?purpose=audio")).toEqual({ op: "list" });
    expect(matchRoute(b, "GET", "/v1/files/retrieve?file_id=12")).toEqual({ op: "retrieve", id: "12" });
    // An id above 2^53 in a JSON body is read digit for digit; a quoted one is told apart.
    expect(matchRoute(b, "POST", "/v1/files/delete", `{"file_id":${INT64_TEST_ID},"purpose":"audio"}`)).toEqual({ op: "delete", id: INT64_TEST_ID, idQuoted: false });
    expect(matchRoute(b, "POST", "/v1/files/delete", '{"file_id":"7"}')).toEqual({ op: "delete", id: "7", idQuoted: true });
  });
});

describe("providerAnswers", () => {
  it("a file object is the spec's example with the facts in the profile's fields; a list is the example's envelope, the last page", () => {
    const a = providerAnswers(plain, doc);
    const file = a.file({ id: a.id(1), filename: "x.jsonl", bytes: 3, purpose: "batch", createdAt: 1_700_000_000 });
    expect(file).toEqual({ id: "file-1", object: "file", filename: "x.jsonl", bytes: 3, purpose: "batch", created_at: 1_700_000_000, status: "processed" });
    expect(a.exampleId).toBe("file-example");
    expect(a.list([file])).toEqual({ object: "list", data: [file], has_more: false, first_id: "x", last_id: "file-1" });
    expect(a.retrieve(file)).toEqual(file);
    expect(a.deleted("file-abc")).toEqual({ id: "file-abc", deleted: true });
    expect(a.ok).toEqual({});
    expect(a.id()).toBe("file-abc");
  });

  it("int64 ids are written bare, envelopes and the in-body status object come from the profile", () => {
    const a = providerAnswers(enveloped);
    const file = a.file({ id: a.id(2), filename: "a.mp3", bytes: 1, purpose: "audio", createdAt: 1 });
    expect(a.text(a.upload(file))).toBe(`{"file":{"file_id":${BigInt(INT64_TEST_ID) + 2n},"filename":"a.mp3","bytes":1,"purpose":"audio","created_at":1},"status_object":{"code":0,"msg":"success"}}`);
    expect(a.text(a.deleted(a.id()))).toBe(`{"file_id":${INT64_TEST_ID},"status_object":{"code":0,"msg":"success"}}`);
    expect(a.list([])).toEqual({ files: [], status_object: { code: 0, msg: "success" } });
    expect(a.status(1004, "no")).toEqual({ status_object: { code: 1004, msg: "no" } });
    expect(a.exampleId).toBeUndefined();
  });
});

describe("spec examples", () => {
  it("a schema's example, else its properties' (required ones and those with examples), else the enum's first", () => {
    expect(exampleOf(doc, { $ref: "#/components/schemas/File" })).toEqual({ id: "file-example", object: "file" });
    expect(operationExample(doc, "get", "/v1/files")).toEqual({ contentType: "application/json", value: { object: "list", data: [], has_more: true, first_id: "x" } });
    expect(operationExample(doc, "post", "/v1/files")).toBeUndefined();
  });
});
