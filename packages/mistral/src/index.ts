// @llm-files/mistral: Mistral's Files API, as core's one client shape over its profile
// (profile.ts) and generated paths, with the signed download URL. Every export is chosen and
// recorded in api/public-api.txt.
import { RequestPolicy, checkFileId, clientOf, expectObject, filesOperations, type CallOptions, type ClientOptions, type Files, type FilesClient, type UploadParams as Upload } from "@llm-files/core";
import { positiveHours, profile, type MistralTypes } from "./profile.js";
import type { paths } from "./generated/schema.js";

export type SignedUrl = paths["/v1/files/{file_id}/url"]["get"]["responses"][200]["content"]["application/json"];
export interface MistralFiles extends Files<MistralTypes> {
  /** GET /v1/files/{file_id}/url: a signed download URL valid for `expiryHours` (default 24). */
  signedUrl(fileId: string, options?: CallOptions & { expiryHours?: number }): Promise<SignedUrl>;
}
export type MistralClient = FilesClient<MistralTypes, paths> & { readonly files: MistralFiles };
export type UploadParams = Upload<MistralTypes>;
export type ListPageOptions = NonNullable<Parameters<MistralFiles["listPage"]>[0]>;

/** A client for Mistral's Files API; the key from `apiKey` or MISTRAL_API_KEY, read at request time. */
export function createMistralClient(options: ClientOptions = {}): MistralClient {
  const policy = new RequestPolicy(profile, options);
  const P = policy.provider;
  const files: MistralFiles = {
    ...filesOperations<MistralTypes>(policy, profile),
    async signedUrl(fileId, options = {}) {
      const { expiryHours, ...call } = options;
      const id = encodeURIComponent(checkFileId(P, fileId, "fileId"));
      const query = expiryHours === undefined ? "" : `?expiry=${positiveHours(P, "expiryHours", expiryHours)}`;
      const reply = await policy.send({ url: `${policy.baseUrl}/v1/files/${id}/url${query}`, method: "GET", headers: new Headers({ accept: "application/json" }), idempotent: true, expect: "json" }, policy.checkCall(call));
      return expectObject<SignedUrl>(P, reply.json, "a signed URL { url }", ["url"]);
    },
  };
  return clientOf<MistralTypes, paths>(policy, files) as MistralClient;
}

export { profile, provider, mistralUploadFields, UPLOAD_PURPOSES, PURPOSES, VISIBILITIES, DEFAULT_PAGE_SIZE, MAX_FILE_BYTES, MAX_FILE_LABEL } from "./profile.js";
export type { MistralTypes, FileObject, UploadedFile, DeleteFileResponse, ListFilesResponse, ListQuery, Purpose, UploadPurpose, Visibility } from "./profile.js";
export { specInfo } from "./generated/spec-info.js";
export type { paths, components, operations } from "./generated/schema.js";
// The errors its calls throw, and the options they take (the same classes in every llm-files package).
export { FilesError, AuthenticationError, PermissionError, NotFoundError, RateLimitError, InvalidRequestError, InsufficientBalanceError, ServerError, ConnectionError, TimeoutError, UnsupportedError, FileProcessingError, OutcomeUnknownError, ValidationError } from "@llm-files/core";
export type { ClientOptions, CallOptions, FileInput, UploadProgress, UploadRecovery } from "@llm-files/core";
