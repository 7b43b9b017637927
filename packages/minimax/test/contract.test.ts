import { describeContract } from "@llm-files/testing";
import { expect, it } from "vitest";
import { createMinimaxClient, FilesError, AuthenticationError, type MinimaxClient } from "../src/index.js";

const ID = "307374631411713";

describeContract<MinimaxClient>({
  provider: "minimax",
  create: (o) => createMinimaxClient(o),
  uploadFile: { name: "speech.txt", content: "Text for asynchronous speech synthesis.\n" },
  // MiniMax documents no error statuses: errors come inside HTTP 200 as base_resp
  // (tested against a loopback server in the facade and reliability suites).
  expectedCases: 5,
  operations: {
    listFiles: {
      call: (c) => c.files.list({ purpose: "t2a_async_input" }),
      check: (r) =>
        expect(r).toEqual([
          { file_id: ID, bytes: 5896337, created_at: 1699964873, filename: "297990555456011.tar", purpose: "t2a_async_input" },
          { file_id: "307374631411714", bytes: 5896337, created_at: 1700469398, filename: "297990555456911.tar", purpose: "t2a_async_input" },
        ]),
    },
    retrieveFile: {
      call: (c) => c.files.retrieve(ID),
      check: (r) => expect(r).toMatchObject({ file_id: ID, filename: "output.mp3", download_url: expect.stringMatching(/^https:/) }),
    },
    uploadFile: {
      call: (c, { file }) => c.files.upload({ file: file.path, purpose: "t2a_async_input" }),
      check: (r) => expect(r).toMatchObject({ file_id: ID, purpose: "voice_clone" }),
    },
    retrieveFileContent: {
      call: async (c) => {
        const res = await c.files.content(ID);
        return { type: res.headers.get("content-type"), text: await res.text() };
      },
      check: (r) => expect(r).toEqual({ type: "application/octet-stream", text: "ID3 audio bytes" }),
    },
    deleteFile: { call: (c) => c.files.delete(ID, { purpose: "t2a_async_input" }), check: (r) => expect(r).toEqual({ file_id: ID }) },
  },
  checkError(err, status) {
    expect(FilesError.isInstance(err)).toBe(true);
    expect(status).toBe(401);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err).toMatchObject({ provider: "minimax", status: 401 });
  },
  extra(get) {
    it("the generated openapi-fetch client keeps ids exact (an Int64: safe ids stay numbers)", async () => {
      const c = createMinimaxClient({ baseUrl: get().prism.url, apiKey: "k" });
      const { data } = await c.raw.GET("/v1/files/retrieve", { params: { query: { file_id: ID } } });
      expect(data?.file?.file_id).toBe(Number(ID));
      expect(data?.base_resp?.status_code).toBe(0);
      expect(get().violations).toEqual([]);
    });
    it("every upload purpose the spec lists passes Prism's validation", async () => {
      const c = createMinimaxClient({ baseUrl: get().prism.url, apiKey: "k" });
      for (const purpose of ["voice_clone", "prompt_audio", "t2a_async_input", "video_understanding"] as const) {
        await expect(c.files.upload({ file: get().ctx.file.path, purpose })).resolves.toMatchObject({ file_id: ID });
      }
      expect(get().violations).toEqual([]);
    });
  },
});
