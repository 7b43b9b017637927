// A thin client for OpenAI's Files API, scaffolded by `pnpm new-provider` from
// specs/openai/openapi.yaml (OpenAI's own document, /files and /uploads): the generated
// types on openapi-fetch, the five operations through @llm-files/core's OpenAI-style files,
// plus one typed page of the list (`after` / `limit` / `order` / `purpose`).
import createClient, { type Client } from "openapi-fetch";
import {
  Transport,
  ValidationError,
  describe,
  collect,
  cursorPage,
  expectArray,
  openAIStyleFiles,
  pages,
  parsedJson,
  redactedClient,
  type CallOptions,
  type ClientOptions,
  type OpenAIStyleFiles,
  type OpenAIStyleUploadParams,
  type UploadInPartsOptions,
} from "@llm-files/core";
import { createFileRequestPurposeValues, openAIFilePurposeValues, type paths } from "./generated/schema.js";
import { openaiProtocol } from "./protocol.js";
import { openAIUploadsApi, routedUpload, type OpenAIUploadsApi } from "./uploads.js";

// Public names come from operations, not from generated component names.
export type FileObject = paths["/v1/files/{file_id}"]["get"]["responses"][200]["content"]["application/json"];
export type DeleteFileResponse = paths["/v1/files/{file_id}"]["delete"]["responses"][200]["content"]["application/json"];
export type ListFilesResponse = paths["/v1/files"]["get"]["responses"][200]["content"]["application/json"];
export type ListQuery = NonNullable<paths["/v1/files"]["get"]["parameters"]["query"]>;
export type Purpose = FileObject["purpose"];
export type UploadPurpose = paths["/v1/files"]["post"]["requestBody"]["content"]["multipart/form-data"]["purpose"];
/** `expires_after` of the upload body: `{ anchor: "created_at", seconds }`, 3600 to 2 592 000 s. */
export type ExpiresAfter = NonNullable<paths["/v1/files"]["post"]["requestBody"]["content"]["multipart/form-data"]["expires_after"]>;

/**
 * Files above `multipartThresholdBytes` (default 512 MiB) go through the Uploads API in parts of
 * `partSizeBytes` (default 64 MiB), `partConcurrency` at a time (default 2), up to 8 GB.
 */
export interface UploadParams extends OpenAIStyleUploadParams<UploadPurpose>, UploadInPartsOptions {
  /** When the file expires: `{ anchor: "created_at", seconds }` (1 hour to 30 days). Batch files expire after 30 days by default. */
  expires_after?: ExpiresAfter;
}

/** Options for one page of the list. */
export interface ListPageOptions extends CallOptions, ListQuery {}

export interface OpenAIFiles extends OpenAIStyleFiles<FileObject, DeleteFileResponse, UploadPurpose, UploadParams> {
  /** One page of GET /v1/files: `{ data, has_more, first_id, last_id }`; pass `after: last_id` for the next. */
  listPage(options?: ListPageOptions): Promise<ListFilesResponse>;
  /** Every file (every page, following `after` while `has_more`); `list()` is the same with call options only. */
  iterate(options?: ListPageOptions): AsyncIterable<FileObject>;
}

/** Purposes the upload endpoint accepts, from the spec. */
export const UPLOAD_PURPOSES: readonly UploadPurpose[] = createFileRequestPurposeValues;
export const PURPOSES: readonly Purpose[] = openAIFilePurposeValues;
/**
 * "Individual files can be up to 512 MB" (POST /files). The one place the limit is checked:
 * larger files go through the Uploads API (/v1/uploads), which takes up to 8 GB in parts.
 */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
export const MAX_FILE_LABEL = "512 MB";
export const EXPIRES_AFTER_SECONDS = { min: 3600, max: 2_592_000 } as const;

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

function checkListQuery(provider: string, o: ListPageOptions): ListQuery {
  const query: ListQuery = {};
  if (o.after !== undefined) {
    if (typeof o.after !== "string" || !o.after) throw new ValidationError(provider, "after", `a file id (the last_id of the previous page), got ${describe(o.after)}`);
    query.after = o.after;
  }
  if (o.limit !== undefined) {
    if (typeof o.limit !== "number" || !Number.isInteger(o.limit) || o.limit < 1 || o.limit > 10_000) throw new ValidationError(provider, "limit", `an integer from 1 to 10000, got ${describe(o.limit)}`);
    query.limit = o.limit;
  }
  if (o.order !== undefined) {
    if (o.order !== "asc" && o.order !== "desc") throw new ValidationError(provider, "order", `"asc" or "desc", got ${describe(o.order)}`);
    query.order = o.order;
  }
  if (o.purpose !== undefined) {
    if (typeof o.purpose !== "string" || !o.purpose) throw new ValidationError(provider, "purpose", `a purpose such as "batch", got ${describe(o.purpose)}`);
    query.purpose = o.purpose;
  }
  return query;
}

export interface OpenAIClient {
  readonly provider: "openai";
  /** The openapi-fetch client over the generated `paths`; non-2xx answers throw typed errors. */
  readonly raw: Client<paths>;
  readonly files: OpenAIFiles;
  /** The raw Uploads API (create, addPart, complete, cancel); `files.upload` uses it for big files. */
  readonly uploads: OpenAIUploadsApi;
  readonly transport: Transport;
}

export function createOpenAIClient(options: ClientOptions = {}): OpenAIClient {
  const transport = new Transport(openaiProtocol, options);
  const raw = createClient<paths>(transport.clientOptions());
  const P = transport.provider;
  const base = openAIStyleFiles<FileObject, DeleteFileResponse, UploadPurpose, UploadParams>({
    raw,
    transport,
    filesPath: "/v1/files",
    uploadPurposes: UPLOAD_PURPOSES,
    maxBytes: MAX_FILE_BYTES,
    maxLabel: MAX_FILE_LABEL,
    uploadFields: (p) => expiresAfterFields(P, p.expires_after),
  });
  const uploads = openAIUploadsApi(transport);
  const files: OpenAIFiles = {
    ...base,
    // Every page, not just the first: a list that stopped at one page would drop files unsaid.
    list: (options) => collect(files.iterate(options)),
    iterate: (options = {}) =>
      pages<FileObject, string>(P, (after) => cursorPage(P, (a) => files.listPage({ ...options, after: a ?? options.after }), (f) => f as FileObject, after), { idOf: (f) => f.id }),
    upload: routedUpload<UploadParams>(P, base.upload, uploads.steps, MAX_FILE_BYTES, (p) => expiresAfterFields(P, p.expires_after)),
    async listPage(options = {}) {
      if (options === null || typeof options !== "object") throw new ValidationError(P, "options", `expected an object, got ${describe(options)}`);
      const { signal, timeoutMs, maxRetries, idempotent, ...rest } = options;
      const query = checkListQuery(P, rest);
      const { data } = await parsedJson(P, raw.GET("/v1/files", { params: { query }, fetch: transport.fetchFor({ signal, timeoutMs, maxRetries, idempotent }) }));
      expectArray(P, data, "data", "a file list { data: [...], has_more }");
      return data as ListFilesResponse;
    },
  };
  return redactedClient("OpenAIClient", transport, { provider: "openai", raw, files, uploads: uploads.api, transport });
}
