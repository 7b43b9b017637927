// @llm-files/mock for this package's tests. The mock serves every provider of the registry, so
// it sits above this package in the workspace graph: a devDependency on it would be a cycle
// (turbo refuses one), and its build is reached by path instead. `pnpm test` builds it first.
export { startMock } from "../../mock/dist/index.js";
export type { FaultSpec, MockOptions, MockServer, RequestRecord } from "../../mock/dist/index.js";

/** The Uploads API's steps by the spec's operationIds, and a plain upload ("file"). */
export const STEP: Record<string, string> = { createUpload: "create", addUploadPart: "part", completeUpload: "complete", cancelUpload: "cancel", upload: "file" };
