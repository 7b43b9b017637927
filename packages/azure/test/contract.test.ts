// Contract test on Prism started from specs/azure/openapi.yaml, scaffolded by `pnpm new-provider`:
// every operation of the spec (read from its paths, not listed here) is called through the
// client (the Files operations through `client.files`, the others through `client.raw`); each
// answer must validate against its documented schema, and each documented error status must
// become a typed error. Never a particular example value, so a words-only upstream change
// cannot fail it.
import { fileURLToPath } from "node:url";
import { describeContract } from "@llm-files/testing";
import { createAzureClient, profile, type AzureClient } from "../src/index.js";

describeContract<AzureClient>({
  profile,
  spec: fileURLToPath(new URL("../../../specs/azure/openapi.yaml", import.meta.url)),
  create: (options) => createAzureClient(options),
  // An id the spec's id parameter accepts.
  fileId: "file-abc123",
  // Answers generated from the schemas: the document gives no examples.
  dynamic: true,
  args: { upload: { purpose: "batch", expires_after: { anchor: "created_at", seconds: 1_209_600 } } },
  // One page: Prism's generated pages say has_more at random with made-up ids, so a walk of
  // every page would end on the loop guard. Following pages is tested on a loopback server (client.test.ts).
  calls: { listFiles: (c) => c.files.listPage({ limit: 2, order: "asc", after: "file-abc123", purpose: "batch" }) },
});
