import { describeContract } from "@llm-files/testing";
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

const FILE = { id: "file_8f2c1a", object: "file", bytes: 1024, filename: "batch_input.jsonl", created_at: 1735689600, purpose: "batch", metadata: { total_requests: 2 } };
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
    listFiles: { call: (c) => c.files.list(), check: (r) => expect(r).toEqual([FILE]) },
    retrieveFile: { call: (c) => c.files.retrieve(FILE.id), check: (r) => expect(r).toEqual(FILE) },
    uploadFile: { call: (c, { file }) => c.files.upload({ file: file.path, purpose: "batch" }), check: (r) => expect(r).toEqual(FILE) },
    getFileContent: {
      call: async (c) => (await c.files.content(FILE.id)).text(),
      check: (r: string) => expect(JSON.parse(r.split("\n")[0]!)).toMatchObject({ custom_id: "request-1", response: { status_code: 200 } }),
    },
    deleteFile: { call: (c) => c.files.delete(FILE.id), check: (r) => expect(r).toEqual({ id: FILE.id, object: "file", deleted: true }) },
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
      expect(await c.files.retrieve(FILE.id)).toEqual(FILE);
    });
  },
});
