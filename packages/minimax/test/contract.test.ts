// MiniMax's contract on Prism: every operation of specs/minimax/openapi.yaml (read from the
// spec by describeContract) through the client. MiniMax documents no error statuses: errors
// come inside HTTP 200 as base_resp (tested against a loopback server in the facade and
// reliability suites). The checks below pin what a caller gets from the spec's examples.
import { describeContract } from "@llm-files/testing";
import { expect, it } from "vitest";
import { createMinimaxClient, profile, UPLOAD_PURPOSES, type MinimaxClient } from "../src/index.js";

const ID = "307374631411713";

describeContract<MinimaxClient>({
  profile,
  create: (o) => createMinimaxClient(o),
  uploadFile: { name: "speech.txt", content: "Text for asynchronous speech synthesis.\n" },
  fileId: ID,
  // The list names one purpose at a time; the delete names the file's purpose (the profile's sample's).
  args: { list: { purpose: "t2a_async_input" } },
  minCases: 5,
  check: {
    list: (r) =>
      expect(r).toEqual([
        { file_id: ID, bytes: 5896337, created_at: 1699964873, filename: "297990555456011.tar", purpose: "t2a_async_input" },
        { file_id: "307374631411714", bytes: 5896337, created_at: 1700469398, filename: "297990555456911.tar", purpose: "t2a_async_input" },
      ]),
    retrieve: (r) => expect(r).toMatchObject({ file_id: ID, filename: "output.mp3", download_url: expect.stringMatching(/^https:/) }),
    upload: (r) => expect(r).toMatchObject({ file_id: ID, purpose: "voice_clone" }),
    content: (r) => expect(r).toEqual({ type: "application/octet-stream", text: "ID3 audio bytes" }),
    delete: (r) => expect(r).toEqual({ file_id: ID }),
  },
  extra(get) {
    it("the generated openapi-fetch client keeps ids exact (an Int64: safe ids stay numbers)", async () => {
      const { data } = await get().documented("get", "/v1/files/retrieve", (c) => c.raw.GET("/v1/files/retrieve", { params: { query: { file_id: ID } } }));
      expect(data?.file?.file_id).toBe(Number(ID));
      expect(data?.base_resp?.status_code).toBe(0);
      expect(get().violations).toEqual([]);
    });
    it("every upload purpose the spec lists passes Prism's validation", async () => {
      expect(UPLOAD_PURPOSES).toEqual(["voice_clone", "prompt_audio", "t2a_async_input", "video_understanding"]);
      for (const purpose of UPLOAD_PURPOSES) {
        await expect(get().documented("post", "/v1/files/upload", (c) => c.files.upload({ file: get().ctx.file.path, purpose }))).resolves.toMatchObject({ file_id: ID });
      }
      expect(get().violations).toEqual([]);
    });
  },
});
