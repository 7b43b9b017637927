// Mistral's contract on Prism (answers generated from the schemas): every operation of
// specs/mistral/openapi.yaml, read from the spec by describeContract: the Files operations
// through `client.files`, the signed URL through the package's own `files.signedUrl`. Each
// answer must carry a documented status and media type and validate against the documented schema.
import { describeContract } from "@llm-files/testing";
import { expect, it } from "vitest";
import { createMistralClient, profile, type MistralClient } from "../src/index.js";

describeContract<MistralClient>({
  profile,
  create: (o) => createMistralClient(o),
  // --dynamic: answers generated from the schemas (a provider's examples may not match its own schemas).
  dynamic: true,
  uploadFile: { name: "sample.jsonl", content: "sample\n" },
  fileId: "3b7d1c1e-3c5f-4a8e-9d3c-6f1e2a4b5c6d",
  args: { upload: { purpose: "batch", expiryHours: 24, visibility: "user" } },
  calls: { files_api_routes_get_signed_url: (c, ctx) => c.files.signedUrl(ctx.fileId, { expiryHours: 2 }) },
  extra(get) {
    it("listPage: GET /v1/files with page, page_size and purpose answers as documented", async () => {
      const page = await get().documented("get", "/v1/files", (c) => c.files.listPage({ page: 1, page_size: 2, purpose: "batch" }));
      expect(Array.isArray(page.data)).toBe(true);
    });
  },
});
