// A thin client for Mistral's Files API, scaffolded by `pnpm new-provider` from
// specs/mistral/openapi.yaml (Mistral's own document, /v1/files*): the generated types on
// openapi-fetch, the five operations through @llm-files/core's OpenAI-style files, plus one
// typed page of the list (`page` / `page_size` / filters) and the signed download URL.
import createClient, { type Client } from "openapi-fetch";
import {
  Transport,
  ValidationError,
  checkFileId,
  describe,
  expectArray,
  expectObject,
  openAIStyleFiles,
  parsedJson,
  redactedClient,
  type CallOptions,
  type ClientOptions,
  type OpenAIStyleFiles,
  type OpenAIStyleUploadParams,
} from "@llm-files/core";
import { filePurposeValues, fileVisibilityValues, type paths } from "./generated/schema.js";
import { mistralProtocol } from "./protocol.js";

// Public names come from operations, not from generated component names.
export type FileObject = paths["/v1/files/{file_id}"]["get"]["responses"][200]["content"]["application/json"];
export type UploadedFile = paths["/v1/files"]["post"]["responses"][200]["content"]["application/json"];
export type DeleteFileResponse = paths["/v1/files/{file_id}"]["delete"]["responses"][200]["content"]["application/json"];
export type ListFilesResponse = paths["/v1/files"]["get"]["responses"][200]["content"]["application/json"];
export type ListQuery = NonNullable<paths["/v1/files"]["get"]["parameters"]["query"]>;
export type SignedUrl = paths["/v1/files/{file_id}/url"]["get"]["responses"][200]["content"]["application/json"];
export type Purpose = NonNullable<FileObject["purpose"]>;
export type UploadPurpose = Purpose;
export type Visibility = (typeof fileVisibilityValues)[number];

export interface UploadParams extends OpenAIStyleUploadParams<UploadPurpose> {
  /**
   * Mistral's `expiry`: the document gives no unit; read as hours, like the `expiry` of the
   * signed-URL endpoint (spec override mistral-upload-expiry-unit). A positive integer.
   */
  expiryHours?: number;
  /** Who in the organization sees the file (default "workspace"). */
  visibility?: Visibility;
}

/** Options for one page of the list. */
export interface ListPageOptions extends CallOptions, ListQuery {}

export interface MistralFiles extends OpenAIStyleFiles<FileObject | UploadedFile, DeleteFileResponse, UploadPurpose, UploadParams> {
  /** One page of GET /v1/files: `{ data, object, total }`; pages count from 0. */
  listPage(options?: ListPageOptions): Promise<ListFilesResponse>;
  /** GET /v1/files/{file_id}/url: a signed download URL valid for `expiryHours` (default 24). */
  signedUrl(fileId: string, options?: CallOptions & { expiryHours?: number }): Promise<SignedUrl>;
}

/** Purposes the upload endpoint accepts, from the spec (with `audio`, override mistral-purpose-audio). */
export const UPLOAD_PURPOSES: readonly UploadPurpose[] = filePurposeValues;
export const PURPOSES: readonly Purpose[] = filePurposeValues;
/** "The size of individual files can be a maximum of 512 MB" (POST /v1/files). */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
export const MAX_FILE_LABEL = "512 MB";
export const VISIBILITIES: readonly Visibility[] = fileVisibilityValues;

const positiveInteger = (provider: string, field: string, v: unknown): number => {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 1) throw new ValidationError(provider, field, `a whole number of hours, at least 1, got ${describe(v)}`);
  return v;
};

/** Checks Mistral's own upload fields and encodes them as multipart text fields. */
export function mistralUploadFields(provider: string, p: Pick<UploadParams, "expiryHours" | "visibility">): Record<string, string> {
  const out: Record<string, string> = {};
  if (p.expiryHours !== undefined) out.expiry = String(positiveInteger(provider, "expiryHours", p.expiryHours));
  if (p.visibility !== undefined) {
    if (!VISIBILITIES.includes(p.visibility)) throw new ValidationError(provider, "visibility", `one of ${VISIBILITIES.map((v) => `"${v}"`).join(", ")}, got ${describe(p.visibility)}`);
    out.visibility = p.visibility;
  }
  return out;
}

function checkListQuery(provider: string, o: ListQuery): ListQuery {
  const query: ListQuery = {};
  const int = (field: "page" | "page_size", min: number) => {
    const v = o[field];
    if (v === undefined) return;
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min) throw new ValidationError(provider, field, `an integer of at least ${min}, got ${describe(v)}`);
    query[field] = v;
  };
  int("page", 0);
  int("page_size", 1);
  if (o.include_total !== undefined) {
    if (typeof o.include_total !== "boolean") throw new ValidationError(provider, "include_total", `true or false, got ${describe(o.include_total)}`);
    query.include_total = o.include_total;
  }
  if (o.purpose !== undefined && o.purpose !== null) {
    if (!PURPOSES.includes(o.purpose)) throw new ValidationError(provider, "purpose", `one of ${PURPOSES.map((v) => `"${v}"`).join(", ")}, got ${describe(o.purpose)}`);
    query.purpose = o.purpose;
  }
  if (o.search !== undefined && o.search !== null) {
    if (typeof o.search !== "string") throw new ValidationError(provider, "search", `a string, got ${describe(o.search)}`);
    query.search = o.search;
  }
  for (const k of ["sample_type", "source", "mimetypes"] as const) {
    const v = o[k];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw new ValidationError(provider, k, `an array of strings, got ${describe(v)}`);
    (query as Record<string, unknown>)[k] = v;
  }
  return query;
}

export interface MistralClient {
  readonly provider: "mistral";
  /** The openapi-fetch client over the generated `paths`; non-2xx answers throw typed errors. */
  readonly raw: Client<paths>;
  readonly files: MistralFiles;
  readonly transport: Transport;
}

export function createMistralClient(options: ClientOptions = {}): MistralClient {
  const transport = new Transport(mistralProtocol, options);
  const raw = createClient<paths>(transport.clientOptions());
  const P = transport.provider;
  const call = (o: CallOptions) => ({ fetch: transport.fetchFor({ signal: o.signal, timeoutMs: o.timeoutMs, maxRetries: o.maxRetries, idempotent: o.idempotent }) });
  const base = openAIStyleFiles<FileObject | UploadedFile, DeleteFileResponse, UploadPurpose, UploadParams>({
    raw,
    transport,
    filesPath: "/v1/files",
    uploadPurposes: UPLOAD_PURPOSES,
    maxBytes: MAX_FILE_BYTES,
    maxLabel: MAX_FILE_LABEL,
    uploadFields: (p) => mistralUploadFields(P, p),
  });
  const files: MistralFiles = {
    ...base,
    async listPage(options = {}) {
      if (options === null || typeof options !== "object") throw new ValidationError(P, "options", `expected an object, got ${describe(options)}`);
      const query = checkListQuery(P, options);
      const { data } = await parsedJson(P, raw.GET("/v1/files", { params: { query }, ...call(options) }));
      expectArray(P, data, "data", "a file list { data: [...], total }");
      return data as ListFilesResponse;
    },
    async signedUrl(fileId, options = {}) {
      const query = options.expiryHours === undefined ? {} : { expiry: positiveInteger(P, "expiryHours", options.expiryHours) };
      const { data } = await parsedJson(P, raw.GET("/v1/files/{file_id}/url", { params: { path: { file_id: checkFileId(P, fileId, "fileId") }, query }, ...call(options) }));
      return expectObject<SignedUrl>(P, data, "a signed URL { url }", ["url"]);
    },
  };
  return redactedClient("MistralClient", transport, { provider: "mistral", raw, files, transport });
}
