import { REPO_ROOT, describeContract, responseChecker } from "@llm-files/testing";
import { join } from "node:path";
import { expect, it } from "vitest";
import {
  createNovitaClient,
  FilesError,
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type NovitaClient,
} from "../src/index.js";

// What the spec promises, not what its examples say: answers must validate against the
// documented schemas, so a words- or examples-only upstream change cannot fail here.
const schemaCheck = responseChecker(join(REPO_ROOT, "specs/novita/openapi.yaml"));
const valid = (method: string, path: string, body: unknown, type = "application/json") => expect(schemaCheck(method, path, 200, type, body)).toEqual([]);
const FILE = { id: "file_8f2c1a" };
const CLASS_BY_STATUS: Record<number, Function> = {
  400: InvalidRequestError,
  401: AuthenticationError,
  403: PermissionError,
  404: NotFoundError,
  429: RateLimitError,
  500: ServerError,
  503: ServerError,
  504: TimeoutError,
};

describeContract<NovitaClient>({
  provider: "novita",
  create: (o) => createNovitaClient(o),
  uploadFile: { name: "batch.jsonl", content: '{"custom_id":"r1","method":"POST","url":"/v1/chat/completions","body":{}}\n' },
  // 5 operations x (1 success + 8 documented error statuses)
  expectedCases: 45,
  operations: {
    listFiles: {
      call: (c) => c.files.list(),
      check: (r) => {
        expect(Array.isArray(r)).toBe(true);
        for (const f of r) valid("get", "/openai/v1/files/{file_id}", f);
      },
    },
    retrieveFile: { call: (c) => c.files.retrieve(FILE.id), check: (r) => valid("get", "/openai/v1/files/{file_id}", r) },
    uploadFile: { call: (c, { file }) => c.files.upload({ file: file.path, purpose: "batch" }), check: (r) => valid("post", "/openai/v1/files", r) },
    getFileContent: {
      call: async (c) => {
        const res = await c.files.content(FILE.id);
        return { type: res.headers.get("content-type"), text: await res.text() };
      },
      check: (r: { type: string | null; text: string }) => {
        valid("get", "/openai/v1/files/{file_id}/content", r.text, r.type ?? undefined);
        // JSONL, as documented: every non-empty line is a JSON object.
        const lines = r.text.split("\n").filter(Boolean);
        expect(lines.length).toBeGreaterThan(0);
        for (const l of lines) expect(typeof JSON.parse(l)).toBe("object");
      },
    },
    deleteFile: { call: (c) => c.files.delete(FILE.id), check: (r) => valid("delete", "/openai/v1/files/{file_id}", r) },
  },
  checkError(err, status) {
    expect(FilesError.isInstance(err)).toBe(true);
    expect(err).toBeInstanceOf(CLASS_BY_STATUS[status]!);
    expect(err).toMatchObject({ provider: "novita", status });
    // The spec's example error body: { code: 404, reason: FILE_NOT_FOUND, message: file not found }
    if (status !== 401 || (err as FilesError).body) expect((err as Error).message).toMatch(/^novita: /);
  },
  extra(get) {
    it("the generated openapi-fetch client lists with the documented envelope { code, message, data }", async () => {
      const c = createNovitaClient({ baseUrl: get().prism.url, apiKey: "k" });
      const { data } = await c.raw.GET("/openai/v1/files");
      expect(data).toMatchObject({ data: [FILE] });
      expect(typeof data!.code).toBe("string");
      expect(get().violations).toEqual([]);
    });
    it("accepts the documented base URL with its /openai/v1 prefix", async () => {
      const c = createNovitaClient({ baseUrl: `${get().prism.url}/openai/v1`, apiKey: "k" });
      valid("get", "/openai/v1/files/{file_id}", await c.files.retrieve(FILE.id));
    });
  },
});
