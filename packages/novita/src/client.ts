// A thin client for Novita's batch Files API: the generated types on openapi-fetch, sent
// through @llm-files/core's transport (typed errors, retries, timeouts, streamed uploads).
import createClient, { type Client } from "openapi-fetch";
import {
  Transport,
  checkFileId,
  checkPurpose,
  expectArray,
  expectObject,
  prepareFile,
  type CallOptions,
  type ClientOptions,
  type FileInput,
  type UploadProgress,
} from "@llm-files/core";
import { inspect } from "node:util";
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

export const UPLOAD_PURPOSES: readonly UploadPurpose[] = pathsOpenaiV1FilesPostRequestBodyContentMultipartFormDataPurposeValues;
export const PURPOSES: readonly Purpose[] = fileObjectPurposeValues;
/** "Input file ≤ 100 MB" (batch guide). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

export interface UploadParams extends CallOptions {
  file: FileInput;
  purpose: UploadPurpose;
  filename?: string;
  onProgress?: (progress: UploadProgress) => void;
}

export interface NovitaFiles {
  list(options?: CallOptions): Promise<FileObject[]>;
  retrieve(fileId: string, options?: CallOptions): Promise<FileObject>;
  upload(params: UploadParams): Promise<FileObject>;
  /** The raw file (JSONL), as a streaming Response. */
  content(fileId: string, options?: CallOptions): Promise<Response>;
  delete(fileId: string, options?: CallOptions): Promise<DeleteFileResponse>;
}

export interface NovitaClient {
  readonly provider: "novita";
  readonly raw: Client<paths>;
  readonly files: NovitaFiles;
  readonly transport: Transport;
}

export function createNovitaClient(options: ClientOptions = {}): NovitaClient {
  const transport = new Transport(novitaProtocol, options);
  const raw = createClient<paths>({ baseUrl: transport.baseUrl, fetch: transport.fetchFor() });
  const P = "novita";
  const call = (o: CallOptions = {}) => ({ fetch: transport.fetchFor(o) });

  const files: NovitaFiles = {
    async list(options) {
      const { data } = await raw.GET("/openai/v1/files", call(options));
      return expectArray<FileObject>(P, data, "data", "a file list { code, message, data: [...] }");
    },
    async retrieve(fileId, options) {
      const file_id = checkFileId(P, fileId, "fileId");
      const { data } = await raw.GET("/openai/v1/files/{file_id}", { params: { path: { file_id } }, ...call(options) });
      return expectObject<FileObject>(P, data, "a file object { id, ... }", ["id"]);
    },
    async upload(params) {
      if (params === null || typeof params !== "object") throw new TypeError("upload() takes { file, purpose }");
      const purpose = checkPurpose(P, params.purpose, UPLOAD_PURPOSES);
      const file = await prepareFile(params.file, { provider: P, filename: params.filename, maxBytes: MAX_FILE_BYTES, maxLabel: "100 MB" });
      const res = await transport.upload("/openai/v1/files", { purpose }, "file", file, params);
      return expectObject<FileObject>(P, await res.json(), "a file object { id, ... }", ["id"]);
    },
    async content(fileId, options) {
      const file_id = checkFileId(P, fileId, "fileId");
      const { response } = await raw.GET("/openai/v1/files/{file_id}/content", { params: { path: { file_id } }, parseAs: "stream", ...call(options) });
      return response;
    },
    async delete(fileId, options) {
      const file_id = checkFileId(P, fileId, "fileId");
      const { data } = await raw.DELETE("/openai/v1/files/{file_id}", { params: { path: { file_id } }, ...call(options) });
      return expectObject<DeleteFileResponse>(P, data, "a deletion result { id, deleted }", ["id", "deleted"]);
    },
  };

  return {
    provider: "novita",
    raw,
    files,
    transport,
    [inspect.custom]: () => `NovitaClient { baseUrl: '${transport.baseUrl}', apiKey: '[redacted]' }`,
    toJSON: () => transport.toJSON(),
  } as NovitaClient;
}
