// A thin client for MiniMax's File Management API: the generated types on openapi-fetch,
// sent through @llm-files/core's transport. MiniMax is not OpenAI-shaped: ids are int64
// (kept exact as decimal strings), errors come inside HTTP 200 as base_resp, and delete
// needs the file's purpose.
import createClient, { type Client } from "openapi-fetch";
import {
  Transport,
  checkIntegerId,
  checkPurpose,
  expectObject,
  isRecord,
  parsedJson,
  prepareFile,
  redactedClient,
  responseShapeError,
  stringifyWithIntegers,
  type CallOptions,
  type ClientOptions,
  type FileInput,
  type UploadProgress,
} from "@llm-files/core";
import {
  pathsV1FilesDeletePostRequestBodyContentApplicationJsonPurposeValues,
  pathsV1FilesListGetParametersQueryPurposeValues,
  pathsV1FilesUploadPostRequestBodyContentMultipartFormDataPurposeValues,
  type components,
  type paths,
} from "./generated/schema.js";
import { minimaxProtocol } from "./protocol.js";

type Schemas = components["schemas"];
/** A file as MiniMax lists it; `file_id` is an exact decimal string when above 2^53. */
export type FileObject = Schemas["FileObject"];
export type RetrievedFile = Schemas["RetrieveFileObject"];
export type ListPurpose = paths["/v1/files/list"]["get"]["parameters"]["query"]["purpose"];
export type UploadPurpose = paths["/v1/files/upload"]["post"]["requestBody"]["content"]["multipart/form-data"]["purpose"];
export type DeletePurpose = paths["/v1/files/delete"]["post"]["requestBody"]["content"]["application/json"]["purpose"];
/** A MiniMax file id: a decimal string (exact), or a number / bigint that is exact. */
export type FileId = string | number | bigint;

export const LIST_PURPOSES: readonly ListPurpose[] = pathsV1FilesListGetParametersQueryPurposeValues;
export const UPLOAD_PURPOSES: readonly UploadPurpose[] = pathsV1FilesUploadPostRequestBodyContentMultipartFormDataPurposeValues;
export const DELETE_PURPOSES: readonly DeletePurpose[] = pathsV1FilesDeletePostRequestBodyContentApplicationJsonPurposeValues;
/** voice_clone and prompt_audio files may be at most 20 MB (voice cloning pages). */
export const MAX_AUDIO_BYTES = 20 * 1024 * 1024;
const AUDIO_PURPOSES = new Set<string>(["voice_clone", "prompt_audio"]);

export interface UploadParams extends CallOptions {
  file: FileInput;
  purpose: UploadPurpose;
  filename?: string;
  onProgress?: (progress: UploadProgress) => void;
}

export interface MinimaxFiles {
  list(purpose: ListPurpose, options?: CallOptions): Promise<FileObject[]>;
  retrieve(fileId: FileId, options?: CallOptions): Promise<RetrievedFile>;
  upload(params: UploadParams): Promise<FileObject>;
  /** The file's bytes, as a streaming Response (trust its Content-Type). */
  content(fileId: FileId, options?: CallOptions): Promise<Response>;
  delete(fileId: FileId, purpose: DeletePurpose, options?: CallOptions): Promise<{ file_id: string }>;
}

export interface MinimaxClient {
  readonly provider: "minimax";
  readonly raw: Client<paths>;
  readonly files: MinimaxFiles;
  readonly transport: Transport;
}

const P = "minimax";
const asId = (id: FileId, field = "fileId") => checkIntegerId(P, id, field) as `${bigint}`;

/** Every file_id in a body becomes its exact decimal string. */
function normaliseId<T extends { file_id?: unknown }>(file: T): T {
  if (file.file_id !== undefined && file.file_id !== null) return { ...file, file_id: String(file.file_id) };
  return file;
}

export function createMinimaxClient(options: ClientOptions = {}): MinimaxClient {
  const transport = new Transport(minimaxProtocol, options);
  const raw = createClient<paths>(transport.clientOptions());
  const call = (o: CallOptions = {}) => ({ fetch: transport.fetchFor(o) });

  const fileOf = (data: unknown, what: string) => {
    const body = expectObject<{ file: unknown }>(P, data, what, ["file"]);
    if (!isRecord(body.file) || body.file.file_id === undefined) throw responseShapeError(P, what, data);
    return normaliseId(body.file as FileObject);
  };

  const files: MinimaxFiles = {
    async list(purpose, options) {
      const p = checkPurpose(P, purpose, LIST_PURPOSES);
      const { data } = await parsedJson(P, raw.GET("/v1/files/list", { params: { query: { purpose: p } }, ...call(options) }));
      const body = expectObject<{ files?: unknown }>(P, data, "a file list { files: [...], base_resp }", ["base_resp"]);
      // An account with no files of a purpose answers `files: null` or leaves it out.
      if (body.files === undefined || body.files === null) return [];
      if (!Array.isArray(body.files)) throw responseShapeError(P, "a file list { files: [...], base_resp }", data);
      return body.files.map((f) => normaliseId(f as FileObject));
    },
    async retrieve(fileId, options) {
      const file_id = asId(fileId);
      const { data } = await parsedJson(P, raw.GET("/v1/files/retrieve", { params: { query: { file_id } }, ...call(options) }));
      return fileOf(data, "{ file: { file_id, ... }, base_resp }") as RetrievedFile;
    },
    async upload(params) {
      if (params === null || typeof params !== "object") throw new TypeError("upload() takes { file, purpose }");
      const purpose = checkPurpose(P, params.purpose, UPLOAD_PURPOSES);
      const audio = AUDIO_PURPOSES.has(purpose);
      const file = await prepareFile(params.file, { provider: P, filename: params.filename, maxBytes: audio ? MAX_AUDIO_BYTES : undefined, maxLabel: "20 MB" });
      const res = await transport.upload("/v1/files/upload", { purpose }, "file", file, params);
      return fileOf(await parsedJson(P, res.json()), "{ file: { file_id, ... }, base_resp }");
    },
    async content(fileId, options) {
      const file_id = asId(fileId);
      const { response } = await raw.GET("/v1/files/retrieve_content", { params: { query: { file_id } }, parseAs: "stream", ...call({ ...options, stream: true }) });
      return response;
    },
    async delete(fileId, purpose, options) {
      const file_id = asId(fileId);
      const p = checkPurpose(P, purpose, DELETE_PURPOSES);
      const { data, response } = await parsedJson(
        P,
        raw.POST("/v1/files/delete", {
          body: { file_id, purpose: p },
          // The id goes back as a bare JSON number, digit for digit.
          bodySerializer: (body) => stringifyWithIntegers(body as Record<string, unknown>, ["file_id"]),
          ...call({ idempotent: true, ...options }),
        }),
      );
      // 204 No Content is how plain HTTP says "deleted".
      if (response.status === 204) return { file_id };
      const body = expectObject<{ file_id?: unknown }>(P, data, "{ file_id, base_resp }", ["base_resp"]);
      return { file_id: body.file_id === undefined || body.file_id === null ? file_id : String(body.file_id) };
    },
  };

  return redactedClient("MinimaxClient", transport, { provider: "minimax", raw, files, transport });
}
