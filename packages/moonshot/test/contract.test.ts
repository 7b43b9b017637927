import { REPO_ROOT, describeContract, responseChecker } from "@llm-files/testing";
import { join } from "node:path";
import { expect, it } from "vitest";
import { createMoonshotClient, FilesError, AuthenticationError, InvalidRequestError, NotFoundError, ServerError, type MoonshotClient } from "../src/index.js";

// What the spec promises, not what its examples happen to say: every answer must validate
// against its documented schema, so a words- or examples-only upstream change cannot fail here.
const schemaCheck = responseChecker(join(REPO_ROOT, "specs/moonshot/openapi.yaml"));
const valid = (method: string, path: string, body: unknown, type = "application/json") => expect(schemaCheck(method, path, 200, type, body)).toEqual([]);
const ID = "clg681objj8g9m7n4je0";
const CLASS_BY_STATUS: Record<number, Function> = { 400: InvalidRequestError, 401: AuthenticationError, 404: NotFoundError, 500: ServerError };

describeContract<MoonshotClient>({
  provider: "moonshot",
  create: (o) => createMoonshotClient(o),
  uploadFile: { name: "notes.txt", content: "Moonshot contract test file.\n" },
  // 5 successes + list 401/500, retrieve 401/404/500, upload 400/401/500, content 401/404/500, delete 401/404/500
  expectedCases: 19,
  operations: {
    listFiles: {
      call: (c) => c.files.list(),
      check: (r) => {
        expect(Array.isArray(r)).toBe(true);
        valid("get", "/v1/files", { object: "list", data: r });
      },
    },
    retrieveFile: { call: (c) => c.files.retrieve(ID), check: (r) => valid("get", "/v1/files/{file_id}", r) },
    uploadFile: {
      call: (c, { file }) => c.files.upload({ file: file.path, purpose: "file-extract" }),
      check: (r) => valid("post", "/v1/files", r),
    },
    getFileContent: {
      call: async (c) => {
        const res = await c.files.content(ID);
        return { type: res.headers.get("content-type"), text: await res.text() };
      },
      check: (r) => {
        expect(typeof r.text).toBe("string");
        valid("get", "/v1/files/{file_id}/content", r.text, r.type);
      },
    },
    deleteFile: { call: (c) => c.files.delete(ID), check: (r) => valid("delete", "/v1/files/{file_id}", r) },
  },
  checkError(err, status) {
    expect(FilesError.isInstance(err)).toBe(true);
    expect(err).toBeInstanceOf(CLASS_BY_STATUS[status]!);
    expect(err).toMatchObject({ provider: "moonshot", status });
    expect((err as Error).message).toMatch(/^moonshot: /);
  },
  extra(get) {
    it("the generated openapi-fetch client works through the same transport", async () => {
      const c = createMoonshotClient({ baseUrl: get().prism.url, apiKey: "k" });
      const { data, response } = await c.raw.GET("/v1/files/{file_id}", { params: { path: { file_id: ID } } });
      expect(response.status).toBe(200);
      valid("get", "/v1/files/{file_id}", data);
      expect(get().violations).toEqual([]);
    });
  },
});
