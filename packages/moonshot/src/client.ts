// A thin client for Moonshot's Files API: the generated types on openapi-fetch, sent
// through @llm-files/core's transport (typed errors, retries, timeouts, streamed uploads).
import createClient, { type Client } from "openapi-fetch";
import { Transport, openAIStyleFiles, redactedClient, type ClientOptions, type OpenAIStyleFiles, type OpenAIStyleUploadParams } from "@llm-files/core";
import { fileObjectPurposeValues, pathsV1FilesPostRequestBodyContentMultipartFormDataPurposeValues, type paths } from "./generated/schema.js";
import { moonshotProtocol } from "./protocol.js";

// Public names come from operations, not from generated component names: an upstream rename
// of a component (DeleteFileResponse -> FileDeleteResponse) leaves this package's API as it is.
export type FileObject = paths["/v1/files/{file_id}"]["get"]["responses"][200]["content"]["application/json"];
export type DeleteFileResponse = paths["/v1/files/{file_id}"]["delete"]["responses"][200]["content"]["application/json"];
export type Purpose = FileObject["purpose"];
export type UploadPurpose = paths["/v1/files"]["post"]["requestBody"]["content"]["multipart/form-data"]["purpose"];
export type UploadParams = OpenAIStyleUploadParams<UploadPurpose>;
/** `content()` gives the text extracted from a `file-extract` file, not the original bytes. */
export type MoonshotFiles = OpenAIStyleFiles<FileObject, DeleteFileResponse, UploadPurpose>;

/** Purposes the upload endpoint accepts, from the spec. */
export const UPLOAD_PURPOSES: readonly UploadPurpose[] = pathsV1FilesPostRequestBodyContentMultipartFormDataPurposeValues;
export const PURPOSES: readonly Purpose[] = fileObjectPurposeValues;
/** "Each file must not exceed 100 MB" (upload page). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

export interface MoonshotClient {
  readonly provider: "moonshot";
  /** The openapi-fetch client over the generated `paths`; non-2xx answers throw typed errors. */
  readonly raw: Client<paths>;
  readonly files: MoonshotFiles;
  readonly transport: Transport;
}

export function createMoonshotClient(options: ClientOptions = {}): MoonshotClient {
  const transport = new Transport(moonshotProtocol, options);
  const raw = createClient<paths>(transport.clientOptions());
  const files = openAIStyleFiles<FileObject, DeleteFileResponse, UploadPurpose>({
    raw,
    transport,
    filesPath: "/v1/files",
    uploadPurposes: UPLOAD_PURPOSES,
    maxBytes: MAX_FILE_BYTES,
    maxLabel: "100 MB",
  });
  return redactedClient("MoonshotClient", transport, { provider: "moonshot", raw, files, transport });
}
