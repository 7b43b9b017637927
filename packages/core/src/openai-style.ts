// The Files operations of an OpenAI-style API (Moonshot, Novita, OpenAI, Mistral): list / retrieve /
// upload / content / delete under one path prefix, with string ids. Provider packages
// hand in their typed openapi-fetch client and get typed operations back.
import type { CallOptions } from "./transport.js";
import type { Transport } from "./transport.js";
import { checkFileId, checkPurpose } from "./validate.js";
import { expectArray, expectObject, parsedJson } from "./shape.js";
import { prepareFile, type FileInput, type UploadProgress } from "./upload.js";

export interface OpenAIStyleUploadParams<Purpose extends string> extends CallOptions {
  file: FileInput;
  purpose: Purpose;
  /** Required for bytes, nameless Blobs and streams; defaults to the path's base name. */
  filename?: string;
  onProgress?: (progress: UploadProgress) => void;
}

export interface OpenAIStyleFiles<File, Deleted, Purpose extends string, Upload extends OpenAIStyleUploadParams<Purpose> = OpenAIStyleUploadParams<Purpose>> {
  list(options?: CallOptions): Promise<File[]>;
  retrieve(fileId: string, options?: CallOptions): Promise<File>;
  upload(params: Upload): Promise<File>;
  /** The file's content as a streaming Response. */
  content(fileId: string, options?: CallOptions): Promise<Response>;
  delete(fileId: string, options?: CallOptions): Promise<Deleted>;
}

/** The slice of an openapi-fetch client used here (paths are checked by the provider's own types). */
export interface RawClient {
  GET(path: any, init?: any): Promise<{ data?: unknown; response: Response }>;
  DELETE(path: any, init?: any): Promise<{ data?: unknown; response: Response }>;
}

export interface OpenAIStyleConfig<Purpose extends string, Upload extends OpenAIStyleUploadParams<Purpose> = OpenAIStyleUploadParams<Purpose>> {
  raw: RawClient;
  transport: Transport;
  /** e.g. "/v1/files" */
  filesPath: string;
  uploadPurposes: readonly Purpose[];
  maxBytes: number;
  maxLabel: string;
  /**
   * The provider's own upload fields beyond `purpose` (OpenAI's `expires_after`, Mistral's
   * `expiry`), checked and encoded as multipart text fields; throws ValidationError on bad input.
   * Runs before the file is opened, so nothing is read or sent for a bad field.
   */
  uploadFields?(params: Upload): Record<string, string>;
}

export function openAIStyleFiles<File, Deleted, Purpose extends string, Upload extends OpenAIStyleUploadParams<Purpose> = OpenAIStyleUploadParams<Purpose>>(
  cfg: OpenAIStyleConfig<Purpose, Upload>,
): OpenAIStyleFiles<File, Deleted, Purpose, Upload> {
  const { raw, transport, filesPath } = cfg;
  const P = transport.provider;
  const call = (o: CallOptions = {}) => ({ fetch: transport.fetchFor(o) });
  const byId = (fileId: string) => ({ params: { path: { file_id: checkFileId(P, fileId, "fileId") } } });
  return {
    async list(options) {
      const { data } = await parsedJson(P, raw.GET(filesPath, call(options)));
      return expectArray<File>(P, data, "data", "a file list { data: [...] }");
    },
    async retrieve(fileId, options) {
      const { data } = await parsedJson(P, raw.GET(`${filesPath}/{file_id}`, { ...byId(fileId), ...call(options) }));
      return expectObject<File>(P, data, "a file object { id, ... }", ["id"]);
    },
    async upload(params) {
      if (params === null || typeof params !== "object") throw new TypeError("upload() takes { file, purpose }");
      const purpose = checkPurpose(P, params.purpose, cfg.uploadPurposes);
      const fields = { purpose, ...cfg.uploadFields?.(params) };
      const file = await prepareFile(params.file, { provider: P, filename: params.filename, maxBytes: cfg.maxBytes, maxLabel: cfg.maxLabel });
      const res = await transport.upload(filesPath, fields, "file", file, params);
      return expectObject<File>(P, await parsedJson(P, res.json()), "a file object { id, ... }", ["id"]);
    },
    async content(fileId, options) {
      const { response } = await raw.GET(`${filesPath}/{file_id}/content`, { ...byId(fileId), parseAs: "stream", ...call({ ...options, stream: true }) });
      return response;
    },
    async delete(fileId, options) {
      const { data, response } = await parsedJson(P, raw.DELETE(`${filesPath}/{file_id}`, { ...byId(fileId), ...call(options) }));
      // 204 No Content is how plain HTTP says "deleted".
      if (response.status === 204) return { id: fileId, object: "file", deleted: true } as Deleted;
      return expectObject<Deleted>(P, data, "a deletion result { id, deleted }", ["id", "deleted"]);
    },
  };
}

/** What util.inspect and JSON.stringify show of a client: never the key. */
export function redactedClient<T extends object>(name: string, transport: Transport, client: T): T {
  Object.defineProperty(client, Symbol.for("nodejs.util.inspect.custom"), { value: () => `${name} { baseUrl: '${transport.baseUrl}', apiKey: '[redacted]' }` });
  Object.defineProperty(client, "toJSON", { value: () => transport.toJSON() });
  return client;
}
