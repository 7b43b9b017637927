// Contract test on Prism started from specs/gemini/openapi.yaml, scaffolded by `pnpm new-provider`:
// every operation of the spec (read from its paths, not listed here) is called through the
// client (the Files operations through `client.files`, the others through `client.raw`); each
// answer must validate against its documented schema, and each documented error status must
// become a typed error. Never a particular example value, so a words-only upstream change
// cannot fail it.
import { fileURLToPath } from "node:url";
import { describeContract } from "@llm-files/testing";
import { createGeminiClient, profile, type GeminiClient } from "../src/index.js";

describeContract<GeminiClient>({
  profile,
  spec: fileURLToPath(new URL("../../../specs/gemini/openapi.yaml", import.meta.url)),
  create: (options) => createGeminiClient(options),
  // An id the spec's id parameter accepts.
  fileId: "file-abc123",
  // Answers generated from the schemas: a provider's examples may not match its own schemas.
  dynamic: true,
  calls: {
    // One page: Prism's generated pages carry a made-up nextPageToken every time, so a walk of
    // every page would not end. Following pages is tested on a loopback server (client.test.ts).
    listFiles: (c) => c.files.listPage({ pageSize: 2, pageToken: "token" }),
    // The resumable protocol's `start`: Prism's generated X-Goog-Upload-URL leads nowhere, so the
    // whole upload (start, chunks, finalize, query) is tested on a loopback server (resumable.test.ts).
    uploadFile: (c) =>
      c.raw.POST("/upload/v1beta/files", {
        params: { header: { "X-Goog-Upload-Protocol": "resumable", "X-Goog-Upload-Command": "start", "X-Goog-Upload-Header-Content-Length": 6, "X-Goog-Upload-Header-Content-Type": "text/plain" } },
        body: { file: { displayName: "hello.txt" } },
      }),
  },
});
