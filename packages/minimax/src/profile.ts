// MiniMax's File Management API as data. It is not OpenAI-shaped, and the profile says how:
// ids are int64 (kept exact as decimal strings), errors come inside HTTP 200 as `base_resp`
// (non-200 only from gateways), the list names one purpose at a time, and delete needs the
// file's purpose in a JSON body.
import type { InBodyErrors, Profile, ProviderModule, TypesOf } from "@llm-files/core";
import {
  pathsV1FilesDeletePostRequestBodyContentApplicationJsonPurposeValues,
  pathsV1FilesListGetParametersQueryPurposeValues,
  pathsV1FilesUploadPostRequestBodyContentMultipartFormDataPurposeValues,
  type paths,
} from "./generated/schema.js";
import { specInfo } from "./generated/spec-info.js";

export const LIST_PURPOSES = pathsV1FilesListGetParametersQueryPurposeValues;
export const UPLOAD_PURPOSES = pathsV1FilesUploadPostRequestBodyContentMultipartFormDataPurposeValues;
export const DELETE_PURPOSES = pathsV1FilesDeletePostRequestBodyContentApplicationJsonPurposeValues;
/** voice_clone and prompt_audio files may be at most 20 MB (voice cloning pages). */
export const MAX_AUDIO_BYTES = 20 * 1024 * 1024;
const AUDIO = { maxBytes: MAX_AUDIO_BYTES, maxLabel: "20 MB" } as const;

/** base_resp.status_code → error class (documented on every MiniMax page). */
export const BASE_RESP_CODES = {
  1000: { error: "ServerError", retryable: true, meaning: "unknown error" },
  1001: { error: "TimeoutError", retryable: true, meaning: "timeout" },
  1002: { error: "RateLimitError", retryable: true, meaning: "rate limit (RPM)" },
  1004: { error: "AuthenticationError", retryable: false, meaning: "authentication failed" },
  1008: { error: "InsufficientBalanceError", retryable: false, meaning: "insufficient balance" },
  1013: { error: "ServerError", retryable: true, meaning: "internal service error" },
  1026: { error: "InvalidRequestError", retryable: false, meaning: "input content error" },
  1027: { error: "InvalidRequestError", retryable: false, meaning: "output content error" },
  1039: { error: "RateLimitError", retryable: true, meaning: "rate limit (TPM)" },
  2013: { error: "InvalidRequestError", retryable: false, meaning: "invalid input" },
} as const satisfies InBodyErrors["codes"];

const byQueryId = { in: "query", name: "file_id" } as const;

export const profile = {
  name: "minimax",
  label: "MiniMax",
  package: "@llm-files/minimax",
  env: { apiKey: "MINIMAX_API_KEY", baseUrl: "MINIMAX_BASE_URL" },
  defaultBaseUrl: specInfo.servers[0],
  pathPrefix: "/v1",
  ids: "int64",
  operations: {
    list: { method: "get", path: "/v1/files/list", items: "files", purpose: { name: "purpose", required: true } },
    upload: { method: "post", path: "/v1/files/upload", body: { form: "multipart", fileField: "file" }, envelope: "file" },
    retrieve: { method: "get", path: "/v1/files/retrieve", id: byQueryId, envelope: "file" },
    content: { method: "get", path: "/v1/files/retrieve_content", id: byQueryId },
    delete: { method: "post", path: "/v1/files/delete", id: { in: "body", name: "file_id" }, purpose: { name: "purpose" }, result: { id: "file_id" } },
  },
  purposes: { upload: UPLOAD_PURPOSES, list: LIST_PURPOSES, delete: DELETE_PURPOSES },
  file: { id: "file_id", filename: "filename", bytes: "bytes", createdAt: "created_at", purpose: "purpose", downloadUrl: "download_url" },
  limits: { byPurpose: { voice_clone: AUDIO, prompt_audio: AUDIO } },
  errors: { message: ["base_resp.status_msg", "message", "error.message"], code: ["base_resp.status_code"] },
  inBodyErrors: { at: "base_resp", code: "status_code", message: "status_msg", ok: [0], codes: BASE_RESP_CODES, requestIdHeader: "trace-id" },
  sample: { purpose: "t2a_async_input", filename: "speech.txt", content: "Hello from llm-files.\n" },
} as const satisfies Profile;

/** What MiniMax's client works with; `file_id` is an exact decimal string when above 2^53, and delete answers the id it removed. */
export type MinimaxTypes = TypesOf<paths, typeof profile, { deleted: { file_id: string } }>;
/** A file as MiniMax lists it. */
export type FileObject = MinimaxTypes["listed"];
/** A file as MiniMax's retrieve answers it (with its download_url). */
export type RetrievedFile = MinimaxTypes["file"];
export type ListPurpose = MinimaxTypes["listPurpose"];
export type UploadPurpose = MinimaxTypes["uploadPurpose"];
export type DeletePurpose = MinimaxTypes["deletePurpose"];
/** A MiniMax file id: a decimal string (exact), or a number / bigint that is exact. */
export type FileId = MinimaxTypes["id"];

/** MiniMax for the registry: the profile now; its Files operations (the facade's) and its spec when first used (its client is the package's own entry, index.ts). */
export const provider: ProviderModule<MinimaxTypes> = {
  profile,
  files: () => import("./files.js").then((m) => m.minimaxFiles),
  spec: () => import("./generated/spec.js").then((m) => m.spec),
};
// What the types above are made of, nameable through this entry (the registry's declarations refer to them here).
export type { Int64, paths, components } from "./generated/schema.js";
