// Contract test on Prism started from specs/anthropic/openapi.yaml, scaffolded by `pnpm new-provider`:
// every operation of the spec (read from its paths, not listed here) is called through the
// client (the Files operations through `client.files`, the others through `client.raw`); each
// answer must validate against its documented schema, and each documented error status must
// become a typed error. Never a particular example value, so a words-only upstream change
// cannot fail it.
import { fileURLToPath } from "node:url";
import { describeContract } from "@llm-files/testing";
import { createAnthropicClient, profile, type AnthropicClient } from "../src/index.js";

describeContract<AnthropicClient>({
  profile,
  spec: fileURLToPath(new URL("../../../specs/anthropic/openapi.yaml", import.meta.url)),
  create: (options) => createAnthropicClient(options),
  // An id the spec's id parameter accepts.
  fileId: "file_011CNha8iCJcU1wXNR6q4V8w",
  // Answers generated from the schemas: a provider's examples may not match its own schemas.
  dynamic: true,
  // One page: Prism's generated pages say has_more at random with made-up ids, so a walk of
  // every page would end on the loop guard. Following pages is tested on a loopback server (client.test.ts).
  calls: { listFiles: (c) => c.files.listPage({ limit: 2, after_id: "file_011CNha8iCJcU1wXNR6q4V8w", before_id: "file_013Zva2CMHLNnXjNJJKqJ2EF" }) },
});
