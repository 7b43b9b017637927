// Moonshot AI (Kimi) as data: where its Files operations are (paths of the generated spec),
// how it answers errors (OpenAI-style `{ error: { message, type, code } }`, an empty balance
// posing as a 429), what its statuses mean, and what it takes. The client is core's one
// client shape over this profile (client.ts).
import type { Profile, ProviderModule, TypesOf } from "@llm-files/core";
import { fileObjectPurposeValues, pathsV1FilesPostRequestBodyContentMultipartFormDataPurposeValues, type paths } from "./generated/schema.js";
import { specInfo } from "./generated/spec-info.js";

/** Purposes the upload endpoint accepts, from the spec. */
export const UPLOAD_PURPOSES = pathsV1FilesPostRequestBodyContentMultipartFormDataPurposeValues;
export const PURPOSES = fileObjectPurposeValues;
/** "Each file must not exceed 100 MB" (upload page). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

export const profile = {
  name: "moonshot",
  label: "Moonshot AI (Kimi)",
  package: "@llm-files/moonshot",
  env: { apiKey: "MOONSHOT_API_KEY", baseUrl: "MOONSHOT_BASE_URL" },
  defaultBaseUrl: specInfo.servers[0],
  pathPrefix: "/v1",
  ids: "string",
  operations: {
    list: { method: "get", path: "/v1/files", items: "data" },
    upload: { method: "post", path: "/v1/files", body: { form: "multipart", fileField: "file" } },
    retrieve: { method: "get", path: "/v1/files/{file_id}", id: { in: "path", name: "file_id" } },
    content: { method: "get", path: "/v1/files/{file_id}/content", id: { in: "path", name: "file_id" } },
    delete: { method: "delete", path: "/v1/files/{file_id}", id: { in: "path", name: "file_id" }, result: { id: "id", deleted: "deleted" } },
  },
  purposes: { upload: UPLOAD_PURPOSES, list: PURPOSES },
  file: { id: "id", filename: "filename", bytes: "bytes", createdAt: "created_at", purpose: "purpose", status: "status", statusDetails: "status_details" },
  // Moonshot documents "ready" (its spec's example) and "ok" (its SDK example), nothing else:
  // any other value keeps `status` and has no state (waitUntilReady keeps polling).
  states: { processing: [], ready: ["ok", "ready"], failed: [] },
  limits: { maxBytes: MAX_FILE_BYTES, maxLabel: "100 MB" },
  errors: {
    message: ["error.message"],
    code: ["error.code", "error.type"],
    type: ["error.type"],
    // An empty balance arrives as 429 exceeded_current_quota_error: retrying cannot help.
    rules: [{ type: /quota|balance|suspended/i, error: "InsufficientBalanceError", retryable: false }],
  },
  sample: { purpose: "file-extract", filename: "hello.txt", content: "Hello from llm-files.\n" },
} as const satisfies Profile;

/** What Moonshot's client works with, read off the profile and the spec. `content()` gives the text extracted from a `file-extract` file, not the original bytes. */
export type MoonshotTypes = TypesOf<paths, typeof profile>;
// Public names come from operations, not from generated component names: an upstream rename
// of a component (DeleteFileResponse -> FileDeleteResponse) leaves this package's API as it is.
export type FileObject = MoonshotTypes["file"];
export type DeleteFileResponse = MoonshotTypes["deleted"];
export type ListFilesResponse = MoonshotTypes["page"];
export type Purpose = MoonshotTypes["listPurpose"];
export type UploadPurpose = MoonshotTypes["uploadPurpose"];

/** Moonshot for the registry: the profile now; its Files operations (the facade's) and its spec when first used (its client is the package's own entry, index.ts). */
export const provider: ProviderModule<MoonshotTypes> = {
  profile,
  files: () => import("./files.js").then((m) => m.moonshotFiles),
  spec: () => import("./generated/spec.js").then((m) => m.spec),
};
// What the types above are made of, nameable through this entry (the registry's declarations refer to them here).
export type { paths, components } from "./generated/schema.js";
