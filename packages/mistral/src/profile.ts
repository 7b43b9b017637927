// Mistral's Files API as data, from Mistral's own OpenAPI document: the paths (typed by the
// generated spec), its errors (FastAPI's `{ detail: [{ loc, msg }] }`, `{ detail }`,
// `{ message }`), numbered pages, `bytes: null` in its answers, expiry in hours, and what it
// takes. The signed download URL is this package's own operation (index.ts).
import { ValidationError, describe, type CallOptions, type Profile, type ProviderModule, type TypesOf } from "@llm-files/core/profile";
import type { Files } from "@llm-files/core";
import { filePurposeValues, fileVisibilityValues, type paths } from "./generated/schema.js";
import { specInfo } from "./generated/spec-info.js";

/** Purposes the upload endpoint accepts, from the spec (with `audio`, override mistral-purpose-audio). */
export const UPLOAD_PURPOSES = filePurposeValues;
export const PURPOSES = filePurposeValues;
export const VISIBILITIES = fileVisibilityValues;
export type Visibility = (typeof fileVisibilityValues)[number];
/** "The size of individual files can be a maximum of 512 MB" (POST /v1/files). */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
export const MAX_FILE_LABEL = "512 MB";
/** GET /v1/files page_size when none is given (the document's default). */
export const DEFAULT_PAGE_SIZE = 100;
const HOUR = 3600;

export const positiveHours = (provider: string, field: string, v: unknown): number => {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 1) throw new ValidationError(provider, field, `a whole number of hours, at least 1, got ${describe(v)}`);
  return v;
};

/** Checks Mistral's own upload fields and encodes them as multipart text fields. */
export function mistralUploadFields(provider: string, p: { expiryHours?: unknown; visibility?: unknown }): Record<string, string> {
  const out: Record<string, string> = {};
  if (p.expiryHours !== undefined) out.expiry = String(positiveHours(provider, "expiryHours", p.expiryHours));
  if (p.visibility !== undefined) {
    if (!(VISIBILITIES as readonly unknown[]).includes(p.visibility)) throw new ValidationError(provider, "visibility", `one of ${VISIBILITIES.map((v) => `"${v}"`).join(", ")}, got ${describe(p.visibility)}`);
    out.visibility = p.visibility as string;
  }
  return out;
}

const byId = { in: "path", name: "file_id" } as const;

export const profile = {
  name: "mistral",
  label: "Mistral AI",
  package: "@llm-files/mistral",
  env: { apiKey: "MISTRAL_API_KEY", baseUrl: "MISTRAL_BASE_URL" },
  defaultBaseUrl: specInfo.servers[0],
  pathPrefix: "/v1",
  ids: "string",
  operations: {
    list: {
      method: "get",
      path: "/v1/files",
      items: "data",
      paging: { style: "page", page: "page", size: "page_size", total: "total", first: 0, defaultSize: DEFAULT_PAGE_SIZE },
      purpose: { name: "purpose" },
      query: { include_total: { type: "boolean" }, search: { type: "string" }, sample_type: { type: "strings" }, source: { type: "strings" }, mimetypes: { type: "strings" } },
    },
    upload: { method: "post", path: "/v1/files", body: { form: "multipart", fileField: "file" } },
    retrieve: { method: "get", path: "/v1/files/{file_id}", id: byId },
    content: { method: "get", path: "/v1/files/{file_id}/content", id: byId },
    delete: { method: "delete", path: "/v1/files/{file_id}", id: byId, result: { id: "id", deleted: "deleted" } },
  },
  purposes: { upload: UPLOAD_PURPOSES, list: PURPOSES },
  // Mistral answers `bytes: null` (its own examples; spec override mistral-bytes-nullable).
  file: { id: "id", filename: "filename", bytes: "bytes", createdAt: "created_at", purpose: "purpose", expiresAt: "expires_at", bytesNullable: true },
  // `expiry` in whole hours (the unit-less field read like the signed URL's; override mistral-upload-expiry-unit).
  expiry: { minSeconds: HOUR, maxSeconds: Number.MAX_SAFE_INTEGER, stepSeconds: HOUR, params: (seconds: number) => ({ expiryHours: seconds / HOUR }) },
  limits: { maxBytes: MAX_FILE_BYTES, maxLabel: MAX_FILE_LABEL },
  errors: { message: ["error.message", "message", "error.detail", "detail"], code: ["error.code", "code", "error.type", "type"], type: ["error.type", "type"] },
  uploadFields: (params: Record<string, unknown>) => mistralUploadFields("mistral", params),
  sample: { purpose: "batch", filename: "batch.jsonl", content: JSON.stringify({ custom_id: "r1", body: { max_tokens: 16, messages: [{ role: "user", content: "Hi" }] } }) + "\n" },
} as const satisfies Profile;

export type MistralTypes = TypesOf<
  paths,
  typeof profile,
  {
    uploadExtra: {
      /**
       * Mistral's `expiry`: the document gives no unit; read as hours, like the `expiry` of the
       * signed-URL endpoint (spec override mistral-upload-expiry-unit). A positive integer.
       */
      expiryHours?: number;
      /** Who in the organization sees the file (default "workspace"). */
      visibility?: Visibility;
    };
  }
>;
export type FileObject = MistralTypes["file"];
export type UploadedFile = MistralTypes["uploaded"];
export type DeleteFileResponse = MistralTypes["deleted"];
export type ListFilesResponse = MistralTypes["page"];
export type ListQuery = MistralTypes["pageQuery"];
export type Purpose = MistralTypes["listPurpose"];
export type UploadPurpose = MistralTypes["uploadPurpose"];
export type SignedUrl = paths["/v1/files/{file_id}/url"]["get"]["responses"][200]["content"]["application/json"];
/** Mistral's Files operations (files.ts): core's, and the signed download URL. */
export interface MistralFiles extends Files<MistralTypes> {
  /** GET /v1/files/{file_id}/url: a signed download URL valid for `expiryHours` (default 24). */
  signedUrl(fileId: string, options?: CallOptions & { expiryHours?: number }): Promise<SignedUrl>;
}

/** Mistral for the registry: the profile now; its Files operations (the facade's) and its spec when first used (its client is the package's own entry, index.ts). */
export const provider: ProviderModule<MistralTypes> = {
  profile,
  files: () => import("./files.js").then((m) => m.mistralFiles),
  spec: () => import("./generated/spec.js").then((m) => m.spec),
};
// What the types above are made of, nameable through this entry (the registry's declarations refer to them here).
export type { paths, components } from "./generated/schema.js";
