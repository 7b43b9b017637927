// Azure OpenAI as data, scaffolded by `pnpm new-provider` from Azure's own OpenAPI document
// (Azure/azure-rest-api-specs, specs/azure/: its Files operations, and the named overrides where
// it contradicts itself): a server per resource (https://{resource}.openai.azure.com), the key in
// `api-key` or a Microsoft Entra ID bearer token from a token provider, `api-version` on every
// request, cursor pages, the seven statuses, expiry on upload (14 to 30 days), and errors
// `{ error: { code, message, param, type, inner_error } }` with an `apim-request-id` header.
import { ValidationError, describe, type Profile, type ProviderModule, type TypesOf } from "@llm-files/core/profile";
import { azureCreateFileRequestMultiPartPurposeValues, azureOpenAIFilePurposeValues, type paths } from "./generated/schema.js";
import { specInfo } from "./generated/spec-info.js";

/** Purposes the upload endpoint accepts, from the spec. */
export const UPLOAD_PURPOSES = azureCreateFileRequestMultiPartPurposeValues;
/** Purposes a file can have, from the spec. */
export const PURPOSES = azureOpenAIFilePurposeValues;
/** "Max file size for Assistants and fine-tuning: 512 MB" (Azure OpenAI quotas and limits); the spec states none. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** Upload expiry: 1209600 to 2592000 seconds, 14 to 30 days (override azure-upload-expiry-optional). */
export const EXPIRES_AFTER_SECONDS = { min: 1_209_600, max: 2_592_000 } as const;

/** `expires_after` of the upload body: `{ anchor: "created_at", seconds }`. */
export type ExpiresAfter = NonNullable<paths["/openai/v1/files"]["post"]["requestBody"]["content"]["multipart/form-data"]["expires_after"]>;

/** Checks `expires_after` and encodes it as the multipart fields the API reads (`expires_after[anchor]`, `expires_after[seconds]`, as the openai SDK sends them). */
export function expiresAfterFields(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  const v = value as Partial<ExpiresAfter> | null;
  if (v === null || typeof v !== "object") throw new ValidationError("azure", "expires_after", `expected { anchor: "created_at", seconds }, got ${describe(value)}`);
  if (v.anchor !== "created_at") throw new ValidationError("azure", "expires_after.anchor", `the only anchor is "created_at", got ${describe(v.anchor)}`);
  const s = v.seconds;
  if (typeof s !== "number" || !Number.isInteger(s) || s < EXPIRES_AFTER_SECONDS.min || s > EXPIRES_AFTER_SECONDS.max) {
    throw new ValidationError("azure", "expires_after.seconds", `an integer from 1209600 (14 days) to 2592000 (30 days), got ${describe(s)}`);
  }
  return { "expires_after[anchor]": "created_at", "expires_after[seconds]": String(s) };
}

export const profile = {
  name: "azure",
  label: "Azure OpenAI",
  package: "@llm-files/azure",
  // The names Azure's quickstarts and the openai SDK's AzureOpenAI read.
  env: { apiKey: "AZURE_OPENAI_API_KEY", baseUrl: "AZURE_OPENAI_ENDPOINT" },
  // https://{resource}.openai.azure.com: the resource option fills it in, or pass the endpoint as baseUrl.
  defaultBaseUrl: specInfo.servers[0],
  pathPrefix: "/openai/v1",
  // A key in `api-key` (ApiKeyAuth), or a Microsoft Entra ID token as a bearer (OAuth2Auth).
  auth: { header: "api-key", token: { header: "authorization", prefix: "Bearer " } },
  // "`v1` if not otherwise specified": said on every request, so `query: { "api-version": "preview" }` is the one change for preview features.
  query: { "api-version": "v1" },
  ids: "string",
  operations: {
    list: { method: "get", path: "/openai/v1/files", items: "data", paging: { style: "cursor", after: "after", limit: "limit", hasMore: "has_more", lastId: "last_id", maxLimit: 10000 }, purpose: { name: "purpose" }, query: { order: { type: "enum", values: ["asc", "desc"] } } },
    upload: { method: "post", path: "/openai/v1/files", body: { form: "multipart", fileField: "file" } },
    retrieve: { method: "get", path: "/openai/v1/files/{file_id}", id: { in: "path", name: "file_id" } },
    content: { method: "get", path: "/openai/v1/files/{file_id}/content", id: { in: "path", name: "file_id" } },
    delete: { method: "delete", path: "/openai/v1/files/{file_id}", id: { in: "path", name: "file_id" }, result: { id: "id", deleted: "deleted" } },
  },
  purposes: { upload: UPLOAD_PURPOSES, list: PURPOSES },
  file: { id: "id", filename: "filename", bytes: "bytes", createdAt: "created_at", purpose: "purpose", status: "status", statusDetails: "status_details", expiresAt: "expires_at", bytesNullable: true },
  // A file being deleted (or deleted) will never be ready: waiting for one ends as failed, not in a timeout.
  states: { processing: ["uploaded", "pending", "running"], ready: ["processed"], failed: ["error", "deleting", "deleted"] },
  expiry: { minSeconds: EXPIRES_AFTER_SECONDS.min, maxSeconds: EXPIRES_AFTER_SECONDS.max, params: (seconds: number) => ({ expires_after: { anchor: "created_at", seconds } }) },
  limits: { maxBytes: MAX_FILE_BYTES, maxLabel: "512 MB" },
  errors: { message: ["error.message"], code: ["error.code"], type: ["error.type"], requestIdHeaders: ["apim-request-id"] },
  uploadFields: (params: Record<string, unknown>) => expiresAfterFields(params.expires_after),
  sample: { purpose: "batch", filename: "batch.jsonl", content: JSON.stringify({ custom_id: "r1", method: "POST", url: "/v1/chat/completions", body: { messages: [{ role: "user", content: "Hi" }] } }) + "\n" },
} as const satisfies Profile;

/** What Azure OpenAI's client works with, read off the profile and the spec. */
export type AzureTypes = TypesOf<
  paths,
  typeof profile,
  {
    /** When the file expires: `{ anchor: "created_at", seconds }` (14 to 30 days); without it, files stay until deleted. */
    uploadExtra: { expires_after?: ExpiresAfter };
  }
>;
// Public names come from operations, not from generated component names: an upstream rename
// of a component leaves this package's API as it is.
export type FileObject = AzureTypes["file"];
export type DeleteFileResponse = AzureTypes["deleted"];
export type ListFilesResponse = AzureTypes["page"];
export type Purpose = AzureTypes["listPurpose"];
export type UploadPurpose = AzureTypes["uploadPurpose"];

/** Azure OpenAI for the registry: the profile now; its Files operations (the facade's) and its spec when first used (its client is the package's own entry, index.ts). */
export const provider: ProviderModule<AzureTypes> = {
  profile,
  files: () => import("./files.js").then((m) => m.azureFiles),
  spec: () => import("./generated/spec.js").then((m) => m.spec),
};
// What the types above are made of, nameable through this entry (the registry's declarations refer to them here).
export type { paths, components, Int64 } from "./generated/schema.js";
