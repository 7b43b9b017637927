// A thin client for Novita's batch Files API: the generated types on openapi-fetch, sent
// through @llm-files/core's transport (typed errors, retries, timeouts, streamed uploads).
import createClient, { type Client } from "openapi-fetch";
import { Transport, openAIStyleFiles, redactedClient, type ClientOptions, type OpenAIStyleFiles, type OpenAIStyleUploadParams } from "@llm-files/core";
import {
  fileObjectPurposeValues,
  pathsOpenaiV1FilesPostRequestBodyContentMultipartFormDataPurposeValues,
  type components,
  type paths,
} from "./generated/schema.js";
import { novitaProtocol } from "./protocol.js";

export type FileObject = components["schemas"]["FileObject"];
export type DeleteFileResponse = components["schemas"]["DeleteFileResponse"];
export type ListFilesResponse = components["schemas"]["ListFilesResponse"];
export type Purpose = FileObject["purpose"];
export type UploadPurpose = paths["/openai/v1/files"]["post"]["requestBody"]["content"]["multipart/form-data"]["purpose"];
export type UploadParams = OpenAIStyleUploadParams<UploadPurpose>;
/** `content()` gives the raw file (JSONL). */
export type NovitaFiles = OpenAIStyleFiles<FileObject, DeleteFileResponse, UploadPurpose>;

export const UPLOAD_PURPOSES: readonly UploadPurpose[] = pathsOpenaiV1FilesPostRequestBodyContentMultipartFormDataPurposeValues;
export const PURPOSES: readonly Purpose[] = fileObjectPurposeValues;
/** "Input file ≤ 100 MB" (batch guide). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

export interface NovitaClient {
  readonly provider: "novita";
  /** The openapi-fetch client over the generated `paths`; non-2xx answers throw typed errors. */
  readonly raw: Client<paths>;
  readonly files: NovitaFiles;
  readonly transport: Transport;
}

export function createNovitaClient(options: ClientOptions = {}): NovitaClient {
  const transport = new Transport(novitaProtocol, options);
  const raw = createClient<paths>(transport.clientOptions());
  const files = openAIStyleFiles<FileObject, DeleteFileResponse, UploadPurpose>({
    raw,
    transport,
    filesPath: "/openai/v1/files",
    uploadPurposes: UPLOAD_PURPOSES,
    maxBytes: MAX_FILE_BYTES,
    maxLabel: "100 MB",
  });
  return redactedClient("NovitaClient", transport, { provider: "novita", raw, files, transport });
}
