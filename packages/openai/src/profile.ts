// OpenAI's Files API as data, from OpenAI's own OpenAPI document: the paths (typed by the
// generated spec), its errors (`{ error: { message, type, param, code } }`, an exhausted quota
// posing as a 429), cursor pages, statuses, expiry on upload, and what it takes. Files above
// 512 MB go through the Uploads API in parts: code of this package (uploads.ts, in-parts.ts).
import { ValidationError, describe, type Profile, type ProviderModule, type TypesOf } from "@llm-files/core/profile";
import { createFileRequestPurposeValues, openAIFilePurposeValues, type paths } from "./generated/schema.js";
import { specInfo } from "./generated/spec-info.js";
import type { UploadInPartsOptions } from "./in-parts.js";

/** Purposes the upload endpoint accepts, from the spec. */
export const UPLOAD_PURPOSES = createFileRequestPurposeValues;
/** Purposes a file can have, from the spec. */
export const PURPOSES = openAIFilePurposeValues;
/**
 * "Individual files can be up to 512 MB" (POST /files). The one place the limit is checked:
 * larger files go through the Uploads API (/v1/uploads), which takes up to 8 GB in parts.
 */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
export const MAX_FILE_LABEL = "512 MB";
export const EXPIRES_AFTER_SECONDS = { min: 3600, max: 2_592_000 } as const;

/** `expires_after` of the upload body: `{ anchor: "created_at", seconds }`, 3600 to 2 592 000 s. */
export type ExpiresAfter = NonNullable<paths["/v1/files"]["post"]["requestBody"]["content"]["multipart/form-data"]["expires_after"]>;

/** Checks `expires_after` and encodes it as the multipart fields OpenAI reads (`expires_after[anchor]`, `expires_after[seconds]`). */
export function expiresAfterFields(provider: string, value: unknown): Record<string, string> {
  if (value === undefined) return {};
  const v = value as Partial<ExpiresAfter> | null;
  if (v === null || typeof v !== "object") throw new ValidationError(provider, "expires_after", `expected { anchor: "created_at", seconds }, got ${describe(value)}`);
  if (v.anchor !== "created_at") throw new ValidationError(provider, "expires_after.anchor", `the only anchor is "created_at", got ${describe(v.anchor)}`);
  const s = v.seconds;
  if (typeof s !== "number" || !Number.isInteger(s) || s < EXPIRES_AFTER_SECONDS.min || s > EXPIRES_AFTER_SECONDS.max) {
    throw new ValidationError(provider, "expires_after.seconds", `an integer from 3600 (1 hour) to 2592000 (30 days), got ${describe(s)}`);
  }
  return { "expires_after[anchor]": "created_at", "expires_after[seconds]": String(s) };
}

const byId = { in: "path", name: "file_id" } as const;

export const profile = {
  name: "openai",
  label: "OpenAI",
  package: "@llm-files/openai",
  env: { apiKey: "OPENAI_API_KEY", baseUrl: "OPENAI_BASE_URL" },
  defaultBaseUrl: specInfo.servers[0],
  // The document's server is https://api.openai.com/v1; the build folds "/v1" into the paths,
  // so OPENAI_BASE_URL works with or without it (as it is set for the openai SDK).
  pathPrefix: "/v1",
  ids: "string",
  operations: {
    list: {
      method: "get",
      path: "/v1/files",
      items: "data",
      paging: { style: "cursor", after: "after", limit: "limit", hasMore: "has_more", lastId: "last_id", maxLimit: 10_000 },
      purpose: { name: "purpose" },
      query: { order: { type: "enum", values: ["asc", "desc"] } },
    },
    upload: { method: "post", path: "/v1/files", body: { form: "multipart", fileField: "file" } },
    retrieve: { method: "get", path: "/v1/files/{file_id}", id: byId },
    content: { method: "get", path: "/v1/files/{file_id}/content", id: byId },
    delete: { method: "delete", path: "/v1/files/{file_id}", id: byId, result: { id: "id", deleted: "deleted" } },
  },
  purposes: { upload: UPLOAD_PURPOSES, list: [...new Set([...PURPOSES, ...UPLOAD_PURPOSES])] },
  file: { id: "id", filename: "filename", bytes: "bytes", createdAt: "created_at", purpose: "purpose", status: "status", statusDetails: "status_details", expiresAt: "expires_at" },
  // The document: status "uploaded", "processed" or "error" (deprecated, still sent).
  states: { processing: ["uploaded"], ready: ["processed"], failed: ["error"] },
  expiry: { minSeconds: EXPIRES_AFTER_SECONDS.min, maxSeconds: EXPIRES_AFTER_SECONDS.max, params: (seconds: number) => ({ expires_after: { anchor: "created_at", seconds } }) },
  limits: { maxBytes: MAX_FILE_BYTES, maxLabel: MAX_FILE_LABEL },
  errors: {
    message: ["error.message"],
    code: ["error.code", "error.type"],
    type: ["error.type"],
    // An exhausted quota or billing limit is a 429 with insufficient_quota: retrying cannot help.
    rules: [{ status: 429, code: /^insufficient_quota$/, type: /^insufficient_quota$/, error: "InsufficientBalanceError", retryable: false }],
  },
  uploadFields: (params: Record<string, unknown>) => expiresAfterFields("openai", params.expires_after),
  sample: { purpose: "user_data", filename: "hello.txt", content: "Hello from llm-files.\n" },
} as const satisfies Profile;

/**
 * What OpenAI's client works with. Files above `multipartThresholdBytes` (default 512 MiB) go
 * through the Uploads API in parts of `partSizeBytes` (default 64 MiB), `partConcurrency` at a
 * time (default 2), up to 8 GB.
 */
export type OpenAITypes = TypesOf<
  paths,
  typeof profile,
  {
    /** When the file expires: `{ anchor: "created_at", seconds }` (1 hour to 30 days). Batch files expire after 30 days by default. */
    uploadExtra: { expires_after?: ExpiresAfter };
    uploadOptions: UploadInPartsOptions;
  }
>;
export type FileObject = OpenAITypes["file"];
export type DeleteFileResponse = OpenAITypes["deleted"];
export type ListFilesResponse = OpenAITypes["page"];
export type ListQuery = OpenAITypes["pageQuery"];
export type Purpose = OpenAITypes["listPurpose"];
export type UploadPurpose = OpenAITypes["uploadPurpose"];

/** OpenAI for the registry: the profile now; its Files operations (the facade's) and its spec when first used (its client is the package's own entry, index.ts). */
export const provider: ProviderModule<OpenAITypes> = {
  profile,
  files: () => import("./files.js").then((m) => m.openaiFiles),
  spec: () => import("./generated/spec.js").then((m) => m.spec),
};
export type { UploadInPartsOptions } from "./in-parts.js";
// What the types above are made of, nameable through this entry (the registry's declarations refer to them here).
export type { paths, components } from "./generated/schema.js";
