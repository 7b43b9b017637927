// OpenAI's contract on Prism (answers generated from the schemas): every operation of
// specs/openai/openapi.yaml, read from the spec by describeContract: the Files operations
// through `client.files`, the Uploads API's (createUpload, addUploadPart, completeUpload,
// cancelUpload) through `client.raw` with requests built from the spec. Each answer must carry
// a documented status and media type and validate against the documented schema.
import { describeContract } from "@llm-files/testing";
import { expect, it } from "vitest";
import { createOpenAIClient, profile, type OpenAIClient } from "../src/index.js";

describeContract<OpenAIClient>({
  profile,
  create: (o) => createOpenAIClient(o),
  // --dynamic: answers generated from the schemas (a provider's examples may not match its own schemas).
  dynamic: true,
  uploadFile: { name: "sample.jsonl", content: "sample\n" },
  fileId: "file-abc123",
  args: { upload: { purpose: "batch", expires_after: { anchor: "created_at", seconds: 3600 } } },
  extra(get) {
    it("listPage: GET /v1/files with every query parameter answers as documented", async () => {
      const page = await get().documented("get", "/v1/files", (c) => c.files.listPage({ limit: 2, order: "asc", after: "file-abc123", purpose: "batch" }));
      expect(Array.isArray(page.data)).toBe(true);
    });
  },
});
