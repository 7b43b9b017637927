// Novita AI's batch Files API as data: the OpenAI-compatible paths under /openai/v1 (typed by
// the generated spec), its undocumented error bodies (`{ code, message }`, sometimes `reason`,
// or OpenAI's `{ error }`), output files that expire, and what it takes.
import type { Profile, ProviderModule, TypesOf } from "@llm-files/core";
import { fileObjectPurposeValues, pathsOpenaiV1FilesPostRequestBodyContentMultipartFormDataPurposeValues, type paths } from "./generated/schema.js";
import { specInfo } from "./generated/spec-info.js";

/** Purposes the upload endpoint accepts, from the spec. */
export const UPLOAD_PURPOSES = pathsOpenaiV1FilesPostRequestBodyContentMultipartFormDataPurposeValues;
export const PURPOSES = fileObjectPurposeValues;
/** "Input file ≤ 100 MB" (batch guide). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

const byId = { in: "path", name: "file_id" } as const;

export const profile = {
  name: "novita",
  label: "Novita AI",
  package: "@llm-files/novita",
  env: { apiKey: "NOVITA_API_KEY", baseUrl: "NOVITA_BASE_URL" },
  defaultBaseUrl: specInfo.servers[0],
  pathPrefix: "/openai/v1",
  ids: "string",
  operations: {
    list: { method: "get", path: "/openai/v1/files", items: "data" },
    upload: { method: "post", path: "/openai/v1/files", body: { form: "multipart", fileField: "file" } },
    retrieve: { method: "get", path: "/openai/v1/files/{file_id}", id: byId },
    content: { method: "get", path: "/openai/v1/files/{file_id}/content", id: byId },
    delete: { method: "delete", path: "/openai/v1/files/{file_id}", id: byId, result: { id: "id", deleted: "deleted" } },
  },
  purposes: { upload: UPLOAD_PURPOSES, list: PURPOSES },
  file: { id: "id", filename: "filename", bytes: "bytes", createdAt: "created_at", purpose: "purpose", expiresAt: "expires_at" },
  limits: { maxBytes: MAX_FILE_BYTES, maxLabel: "100 MB" },
  // OpenAI's { error: {...} } is possible behind the /openai prefix too.
  errors: {
    message: ["error.message", "error.reason", "message", "reason"],
    code: ["error.reason", "error.code", "reason", "code"],
    type: ["error.type", "type"],
  },
  sample: {
    purpose: "batch",
    filename: "batch.jsonl",
    content: JSON.stringify({ custom_id: "r1", method: "POST", url: "/v1/chat/completions", body: { model: "meta-llama/llama-3.1-8b-instruct", messages: [{ role: "user", content: "Hi" }] } }) + "\n",
  },
} as const satisfies Profile;

/** What Novita's client works with, read off the profile and the spec. `content()` gives the raw file (JSONL). */
export type NovitaTypes = TypesOf<paths, typeof profile>;
export type FileObject = NovitaTypes["file"];
export type DeleteFileResponse = NovitaTypes["deleted"];
export type ListFilesResponse = NovitaTypes["page"];
export type Purpose = NovitaTypes["listPurpose"];
export type UploadPurpose = NovitaTypes["uploadPurpose"];

/** Novita for the registry: the profile now; its Files operations (the facade's) and its spec when first used (its client is the package's own entry, index.ts). */
export const provider: ProviderModule<NovitaTypes> = {
  profile,
  files: () => import("./files.js").then((m) => m.novitaFiles),
  spec: () => import("./generated/spec.js").then((m) => m.spec),
};
// What the types above are made of, nameable through this entry (the registry's declarations refer to them here).
export type { paths, components } from "./generated/schema.js";
