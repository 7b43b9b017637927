// Gemini as data, scaffolded by `pnpm new-provider` from specs/gemini/openapi.yaml: the protos
// Google publishes (googleapis/googleapis, google/ai/generativelanguage/v1beta: file.proto,
// file_service.proto, read by their google.api.http annotations) and, where a proto is silent,
// fragments authored from the REST reference (the key in x-goog-api-key; the media upload URI).
// Ids are resource names ("files/abc-123"): the path takes the part after "files/". Sizes are
// int64 as decimal strings, kept exact. Uploads are resumable (resumable.ts: the package's own
// code). Files have no purpose, are PROCESSING, ACTIVE or FAILED, expire 48 hours after upload,
// and cannot be downloaded (no content operation). Errors: `{ error: { code, message, status } }`.
import type { Profile, ProviderModule, TypesOf } from "@llm-files/core";
import type { ResumableUploadOptions } from "./resumable.js";
import { type paths } from "./generated/schema.js";
import { specInfo } from "./generated/spec-info.js";

/** Gemini's files have no purpose: the upload takes the file alone. */
export const UPLOAD_PURPOSES = [] as const;
/** Gemini's files have no purpose. */
export const PURPOSES = UPLOAD_PURPOSES;
/** "Files are kept 48 hours, up to 2 GB each and 20 GB per project." (the upload's description). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024;

export const profile = {
  name: "gemini",
  label: "Gemini",
  package: "@llm-files/gemini",
  env: { apiKey: "GEMINI_API_KEY", baseUrl: "GEMINI_BASE_URL" },
  defaultBaseUrl: specInfo.servers[0],
  auth: { header: "x-goog-api-key" },
  ids: "string",
  operations: {
    // "Maximum `page_size` is 100" (ListFilesRequest's words).
    list: { method: "get", path: "/v1beta/files", items: "files", paging: { style: "token", token: "pageToken", size: "pageSize", next: "nextPageToken", maxSize: 100 } },
    // The resumable protocol (start, chunks at offsets, finalize, query), sent by resumable.ts; the answer is CreateFileResponse { file }.
    upload: { method: "post", path: "/upload/v1beta/files", body: { form: "resumable" }, envelope: "file" },
    retrieve: { method: "get", path: "/v1beta/files/{filesId}", id: { in: "path", name: "filesId", prefix: "files/" } },
    // Answers google.protobuf.Empty: `{}`.
    delete: { method: "delete", path: "/v1beta/files/{filesId}", id: { in: "path", name: "filesId", prefix: "files/" }, result: {} },
  },
  purposes: { upload: UPLOAD_PURPOSES, list: PURPOSES },
  // The id is the resource name; proto3 JSON leaves out fields at their zero value (an unnamed file has no displayName).
  file: { id: "name", filename: "displayName", bytes: "sizeBytes", createdAt: "createTime", status: "state", statusDetails: "error.message", expiresAt: "expirationTime", mimeType: "mimeType", time: "rfc3339", omitsZeroValues: true },
  states: { processing: ["PROCESSING"], ready: ["ACTIVE"], failed: ["FAILED"] },
  // "Files are kept 48 hours" (the upload's description; expirationTime answers when).
  retentionSeconds: 48 * 3600,
  limits: { maxBytes: MAX_FILE_BYTES, maxLabel: "2 GB" },
  // AIP-193: `{ error: { code, message, status, details } }`; `status` is the google.rpc.Code's name.
  errors: { message: ["error.message"], code: ["error.status"], type: ["error.status"] },
  sample: { filename: "hello.txt", content: "Hello from llm-files.\n" },
} as const satisfies Profile;

/** What Gemini's client works with, read off the profile and the spec; uploads take a chunk size. */
export type GeminiTypes = TypesOf<paths, typeof profile, { uploadOptions: ResumableUploadOptions }>;
// Public names come from operations, not from generated component names: an upstream rename
// of a component leaves this package's API as it is.
export type FileObject = GeminiTypes["file"];
export type DeleteFileResponse = GeminiTypes["deleted"];
export type ListFilesResponse = GeminiTypes["page"];
export type Purpose = GeminiTypes["listPurpose"];
export type UploadPurpose = GeminiTypes["uploadPurpose"];

/** Gemini for the registry: the profile now; its Files operations (the facade's) and its spec when first used (its client is the package's own entry, index.ts). */
export const provider: ProviderModule<GeminiTypes> = {
  profile,
  files: () => import("./files.js").then((m) => m.geminiFiles),
  spec: () => import("./generated/spec.js").then((m) => m.spec),
};
// What the types above are made of, nameable through this entry (the registry's declarations refer to them here).
export type { paths, components } from "./generated/schema.js";
export type { ResumableUploadOptions } from "./resumable.js";
