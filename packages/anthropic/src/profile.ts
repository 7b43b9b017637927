// Anthropic as data, scaffolded by `pnpm new-provider` from specs/anthropic/openapi.yaml, whose
// fragments are authored from Anthropic's rendered API reference pages (it publishes nothing
// machine-readable): the key in `x-api-key`, `anthropic-version` and the Files API's beta header
// on every request, cursor pages by after_id, files with no purpose and no processing state,
// content only for files that say `downloadable: true` (files its tools made), and errors
// `{ type: "error", error: { type, message } }` with a `request-id` header.
import type { Profile, ProviderModule, TypesOf } from "@llm-files/core";
import { type paths } from "./generated/schema.js";
import { specInfo } from "./generated/spec-info.js";

/** Anthropic's files have no purpose: the upload takes the file alone. */
export const UPLOAD_PURPOSES = [] as const;
/** Anthropic's files have no purpose. */
export const PURPOSES = UPLOAD_PURPOSES;
/** "Maximum file size: 500 MB" (the Files API guide). */
export const MAX_FILE_BYTES = 500 * 1024 * 1024;
/** The API version every request names. */
export const ANTHROPIC_VERSION = "2023-06-01";
/** The Files API's beta: every request names it (the override anthropic-beta-required). */
export const FILES_BETA = "files-api-2025-04-14";

export const profile = {
  name: "anthropic",
  label: "Anthropic",
  package: "@llm-files/anthropic",
  env: { apiKey: "ANTHROPIC_API_KEY", baseUrl: "ANTHROPIC_BASE_URL" },
  defaultBaseUrl: specInfo.servers[0],
  pathPrefix: "/v1",
  auth: { header: "x-api-key" },
  // A caller's own anthropic-beta (e.g. one listing more betas) replaces this one: name the Files beta in it too.
  headers: { "anthropic-version": ANTHROPIC_VERSION, "anthropic-beta": FILES_BETA },
  ids: "string",
  operations: {
    list: { method: "get", path: "/v1/files", items: "data", paging: { style: "cursor", after: "after_id", limit: "limit", hasMore: "has_more", lastId: "last_id", maxLimit: 1000 }, query: { before_id: { type: "string" } } },
    upload: { method: "post", path: "/v1/files", body: { form: "multipart", fileField: "file" } },
    retrieve: { method: "get", path: "/v1/files/{file_id}", id: { in: "path", name: "file_id" } },
    content: { method: "get", path: "/v1/files/{file_id}/content", id: { in: "path", name: "file_id" } },
    delete: { method: "delete", path: "/v1/files/{file_id}", id: { in: "path", name: "file_id" }, result: { id: "id" } },
  },
  purposes: { upload: UPLOAD_PURPOSES, list: PURPOSES },
  file: { id: "id", filename: "filename", bytes: "size_bytes", createdAt: "created_at", downloadable: "downloadable", mimeType: "mime_type", time: "rfc3339" },
  limits: { maxBytes: MAX_FILE_BYTES, maxLabel: "500 MB" },
  // The request id comes in `request-id` (core's default headers).
  errors: { message: ["error.message"], code: ["error.type"], type: ["error.type"] },
  sample: { filename: "hello.txt", content: "Hello from llm-files.\n" },
} as const satisfies Profile;

/** What Anthropic's client works with, read off the profile and the spec. */
export type AnthropicTypes = TypesOf<paths, typeof profile>;
// Public names come from operations, not from generated component names: an upstream rename
// of a component leaves this package's API as it is.
export type FileObject = AnthropicTypes["file"];
export type DeleteFileResponse = AnthropicTypes["deleted"];
export type ListFilesResponse = AnthropicTypes["page"];
export type Purpose = AnthropicTypes["listPurpose"];
export type UploadPurpose = AnthropicTypes["uploadPurpose"];

/** Anthropic for the registry: the profile now; its Files operations (the facade's) and its spec when first used (its client is the package's own entry, index.ts). */
export const provider: ProviderModule<AnthropicTypes> = {
  profile,
  files: () => import("./files.js").then((m) => m.anthropicFiles),
  spec: () => import("./generated/spec.js").then((m) => m.spec),
};
// What the types above are made of, nameable through this entry (the registry's declarations refer to them here).
export type { paths, components } from "./generated/schema.js";
