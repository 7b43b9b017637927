import { describeContract } from "@llm-files/testing";
import { expect, it } from "vitest";
import { createMoonshotClient, FilesError, AuthenticationError, InvalidRequestError, NotFoundError, ServerError, type MoonshotClient } from "../src/index.js";

const FILE = { id: "clg681objj8g9m7n4je0", object: "file", bytes: 761790, created_at: 1700815879, filename: "xlnet.pdf", purpose: "file-extract", status: "ok" };
const CLASS_BY_STATUS: Record<number, Function> = { 400: InvalidRequestError, 401: AuthenticationError, 404: NotFoundError, 500: ServerError };

describeContract<MoonshotClient>({
  provider: "moonshot",
  create: (o) => createMoonshotClient(o),
  uploadFile: { name: "notes.txt", content: "Moonshot contract test file.\n" },
  // 5 successes + list 401/500, retrieve 401/404/500, upload 400/401/500, content 401/404/500, delete 401/404/500
  expectedCases: 19,
  operations: {
    listFiles: { call: (c) => c.files.list(), check: (r) => expect(r).toEqual([expect.objectContaining(FILE)]) },
    retrieveFile: { call: (c) => c.files.retrieve(FILE.id), check: (r) => expect(r).toMatchObject(FILE) },
    uploadFile: {
      call: (c, { file }) => c.files.upload({ file: file.path, purpose: "file-extract" }),
      check: (r) => expect(r).toMatchObject(FILE),
    },
    getFileContent: {
      call: async (c) => {
        const res = await c.files.content(FILE.id);
        return { type: res.headers.get("content-type"), text: await res.text() };
      },
      check: (r) => expect(r).toEqual({ type: expect.stringMatching(/^text\/plain/), text: expect.stringContaining("XLNet") }),
    },
    deleteFile: { call: (c) => c.files.delete(FILE.id), check: (r) => expect(r).toEqual({ id: FILE.id, object: "file", deleted: true }) },
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
      const { data, response } = await c.raw.GET("/v1/files/{file_id}", { params: { path: { file_id: FILE.id } } });
      expect(response.status).toBe(200);
      expect(data).toMatchObject(FILE);
      expect(get().violations).toEqual([]);
    });
  },
});
