// What a provider is, beside its spec: one profile of data. Where its operations live (paths
// typed by its generated `paths`), how its ids, pages, errors, states and expiry work, and
// which files it takes. Core reads a profile and never names a provider; a provider package
// is its generated code plus one profile (packages/<p>/src/profile.ts), and the registry
// (@llm-files/registry) is the list of profiles.
import type { ErrorName } from "./errors.js";

/** Where a file is in the provider's processing, read from its raw status. */
export type FileState = "processing" | "ready" | "failed";

/** The operations a Files API may have (the facade adds iterate and waitUntilReady). */
export type OperationName = "list" | "upload" | "retrieve" | "content" | "delete";

/** Where an operation takes the file id. */
export interface IdPlace {
  in: "path" | "query" | "body";
  /** The parameter's (or JSON field's) name, e.g. "file_id". */
  name: string;
  /**
   * Ids that are resource names ("files/abc-123"): the collection part the id carries, which
   * the route's path already holds, so the parameter takes the rest ("abc-123"). A caller may
   * pass the id either way; the rest may hold no "/".
   */
  prefix?: string;
}

export interface Route {
  method: "get" | "post" | "delete";
  /** The spec's path template, e.g. "/v1/files/{file_id}". */
  path: string;
}

export interface ByIdRoute extends Route {
  id: IdPlace;
}

/**
 * How a list is paged.
 * - `cursor`: `after` = the last id read, `limit` files per page, while `hasMore` is true.
 * - `page`: numbered pages (`page` from `first`, `size` per page) up to `total` when given,
 *   else to a short page.
 * - `token`: an opaque `next` token handed back as `token`.
 */
export type Paging =
  | { style: "cursor"; after: string; limit: string; hasMore: string; lastId?: string; maxLimit?: number }
  | { style: "page"; page: string; size: string; total?: string; first: number; defaultSize: number }
  | { style: "token"; token: string; size: string; next: string; maxSize?: number };

/**
 * A query parameter of the list beyond paging and the purpose: how a caller's value is checked
 * (a ValidationError naming it otherwise). It is sent only when given; null counts as not given.
 */
export type QueryParam =
  | { type: "string" }
  | { type: "integer"; min?: number; max?: number }
  | { type: "boolean" }
  | { type: "strings" }
  | { type: "enum"; values: readonly string[] };

export interface ListRoute extends Route {
  /** The key of the files array in the answer ("data", "files"); absent or null means none. */
  items: string;
  /** Files per page and how to ask for the next one; absent: the list is one request. */
  paging?: Paging;
  /**
   * A purpose filter the server applies (a query parameter); `required` when every list
   * names one (the facade then lists each listable purpose and merges). Absent: the list has
   * no server filter, and the facade filters by purpose itself.
   */
  purpose?: { name: string; required?: boolean };
  /** The list's other query parameters (an order, a search, filters), by name. */
  query?: Readonly<Record<string, QueryParam>>;
}

/**
 * How an upload sends the file, as the spec's request body says:
 * - `multipart`: a multipart/form-data form, the file in `fileField`, the purpose (where the
 *   provider takes one) in `purposeField` ("purpose"), the provider's own fields beside them;
 * - `raw`: the file itself is the body, its Content-Type its own media type, which must be one
 *   of `mediaTypes` when the spec lists them; `nameHeader` carries its name (a
 *   Content-Disposition header); `sizeRequired`: the spec requires its Content-Length, so a
 *   stream of unknown size is refused; the purpose, if any, in the query parameter `purposeQuery`;
 * - `json`: a JSON object with the file base64-encoded in `fileField`, its name in
 *   `filenameField`, the purpose in `purposeField`, the provider's own fields beside them;
 * - `resumable`: a resumable session (a start request answers an upload URL, the bytes follow
 *   in chunks at offsets, and the server says how much arrived), which the provider package's
 *   own code sends.
 */
export type UploadBody =
  | { form: "multipart"; fileField: string; purposeField?: string }
  | { form: "raw"; mediaTypes?: readonly string[]; nameHeader?: "content-disposition"; sizeRequired?: boolean; purposeQuery?: string }
  | { form: "json"; fileField: string; filenameField?: string; purposeField?: string }
  | { form: "resumable" };

export interface UploadRoute extends Route {
  /** How the file is sent (UploadBody). */
  body: UploadBody;
  /** The answer holds the file under this key (`{ file: {...} }`); absent: the answer is the file. */
  envelope?: string;
}

export interface RetrieveRoute extends ByIdRoute {
  /** The answer holds the file under this key; absent: the answer is the file. */
  envelope?: string;
}

export interface DeleteRoute extends ByIdRoute {
  /** The delete names the file's purpose too (a JSON body field). */
  purpose?: { name: string };
  /**
   * What the answer says: the id field, and a `deleted: true` field when the provider sends
   * one. `{}`: the answer carries neither (an empty object, or no body at all).
   */
  result: { id?: string; deleted?: string };
}

/** One error class for a provider's own code or type, overriding the HTTP status's. */
export interface ErrorRule {
  /** Only for this HTTP status (any when absent). */
  status?: number;
  /** Matched against the error's code, or its type. */
  code?: RegExp;
  type?: RegExp;
  error: ErrorName;
  retryable: boolean;
}

/**
 * How a non-2xx answer is read. Each list is of dotted paths into the JSON body, tried in
 * order; the first present value wins (a string, a number as its digits, an object as JSON,
 * and FastAPI's `[{ loc, msg }]` joined as "loc: msg").
 */
export interface ErrorFormat {
  message: readonly string[];
  code?: readonly string[];
  type?: readonly string[];
  rules?: readonly ErrorRule[];
  /** Response headers holding the request id, tried in order (default x-request-id, request-id). */
  requestIdHeaders?: readonly string[];
}

/** An error carried inside a 2xx JSON body (a status object with a code and a message). */
export interface InBodyErrors {
  /** The key of the status object in the body. */
  at: string;
  code: string;
  message: string;
  /** Codes that mean success. */
  ok: readonly (number | string)[];
  /** What each documented code is. Unknown codes are a plain FilesError, not retried. */
  codes: Readonly<Record<number | string, { error: ErrorName; retryable: boolean; meaning: string }>>;
  /** The request id header for these answers. */
  requestIdHeader?: string;
}

/** Raw status values, per state; a value in none of them has no state (never a guess). */
export interface StatusTable {
  processing: readonly string[];
  ready: readonly string[];
  failed: readonly string[];
}

/** Where the file object keeps what FileInfo shows. */
export interface FileFields {
  id: string;
  filename: string;
  bytes: string;
  createdAt: string;
  /** Absent where files have no purpose (then `purposes` lists none). */
  purpose?: string;
  status?: string;
  statusDetails?: string;
  expiresAt?: string;
  downloadUrl?: string;
  /**
   * A boolean field saying whether the file's content can be downloaded (content() is refused
   * for a file that says false). Absent: every file's content can be asked for.
   */
  downloadable?: string;
  /** The file's media type, where the provider reports one. */
  mimeType?: string;
  /** How times are written: seconds since the epoch, or RFC 3339 text. */
  time?: "unix" | "rfc3339";
  /** The provider may answer `bytes: null` (size unknown). */
  bytesNullable?: boolean;
  /**
   * Fields at their zero value are left out (proto3's JSON mapping): an absent size is 0, an
   * absent filename is "". Field names may be dotted paths ("error.message").
   */
  omitsZeroValues?: boolean;
}

/** Upload expiry the provider offers: the range, and the upload parameters that ask for it. */
export interface Expiry<UploadExtra = Record<string, unknown>> {
  minSeconds: number;
  maxSeconds: number;
  /** A multiple of this many seconds (e.g. whole hours). */
  stepSeconds?: number;
  /** The provider package's own upload parameters for `seconds`. */
  params(seconds: number): UploadExtra;
}

export interface Limits {
  /** The largest file, in bytes, and its words for messages ("100 MB"). */
  maxBytes?: number;
  maxLabel?: string;
  /** Smaller limits for some purposes. */
  byPurpose?: Readonly<Record<string, { maxBytes: number; maxLabel: string }>>;
}

/** How the key is sent: a header and its value's prefix ("Bearer "). */
export interface Auth {
  header: string;
  prefix?: string;
  /**
   * Where a token from the caller's `tokenProvider` goes instead of a key (e.g. an OAuth
   * bearer token), for a provider that takes both. Absent: keys only.
   */
  token?: { header: string; prefix?: string };
}

export interface Profile {
  /** The provider's name: lowercase letters and digits (the registry's key, the package's last part). */
  name: string;
  /** The provider's name for people, as it writes it. */
  label: string;
  /** Its npm package. */
  package: string;
  env: { apiKey: string; baseUrl: string };
  /**
   * The spec's first server (scheme + host). A per-resource server names `{resource}` in it
   * ("https://{resource}.example.com"): then the `resource` option fills it in, or the caller
   * passes a base URL.
   */
  defaultBaseUrl: string;
  /** The path prefix every spec path shares, dropped from a user's base URL if present ("/v1"). */
  pathPrefix?: string;
  /** Default: `authorization: Bearer <key>`. */
  auth?: Auth;
  /** Headers every request carries (a version header). */
  headers?: Readonly<Record<string, string>>;
  /** Query parameters every request carries (an API version); the caller's `query` option overrides them by name. */
  query?: Readonly<Record<string, string>>;
  ids: "string" | "int64";
  operations: {
    list?: ListRoute;
    upload?: UploadRoute;
    retrieve?: RetrieveRoute;
    content?: ByIdRoute;
    delete?: DeleteRoute;
  };
  /** The purposes files are given; empty lists where files have none (then no purpose is sent or taken). */
  purposes: {
    /** Purposes the upload takes; none: the upload takes no purpose (and refuses one). */
    upload: readonly string[];
    /** Purposes a file can have (what a list may filter by). */
    list: readonly string[];
    /** Purposes the delete takes, where it takes one. */
    delete?: readonly string[];
  };
  file: FileFields;
  states?: StatusTable;
  expiry?: Expiry;
  /**
   * Files are deleted this long after upload, whatever the caller asks (the provider's own
   * retention, e.g. 48 hours). Data for what serves a provider (the mock); clients read a
   * file's expiry from its answer.
   */
  retentionSeconds?: number;
  limits: Limits;
  errors: ErrorFormat;
  inBodyErrors?: InBodyErrors;
  /**
   * The provider's own upload fields beyond the purpose, checked and encoded as multipart text
   * fields; throws a ValidationError on bad input, before the file is opened.
   */
  uploadFields?(params: Record<string, unknown>): Record<string, string>;
  /** An upload this provider takes, for the demo, the mock, the runtime matrix and tests (no purpose where files have none). */
  sample: { purpose?: string; filename: string; content: string };
}

/**
 * The types a provider's client works with, named by its package from its generated paths.
 * `ops` are the operations it has; the rest type their inputs and answers.
 */
export interface ProviderTypes {
  /** The provider's name. */
  name: string;
  ops: OperationName;
  /** A file as retrieve answers it. */
  file: unknown;
  /** A file as the list holds it (often the same). */
  listed: unknown;
  /** What upload answers (the file, or the provider's own shape of it). */
  uploaded: unknown;
  deleted: unknown;
  /** One page of the list as the provider answers it. */
  page: unknown;
  /** Extra query parameters of one page (cursor, page size, filters). */
  pageQuery: object;
  /** A file id as the caller may pass it (int64 ids: also an exact number or a bigint). */
  id: string | number | bigint;
  uploadPurpose: string;
  listPurpose: string;
  /** `never` where the delete takes no purpose. */
  deletePurpose: string;
  /** The provider's own upload parameters (an expiry object, a visibility). */
  uploadExtra: object;
  /** Options of `upload` only some providers take (uploads in parts). */
  uploadOptions: object;
  /** FileState where the provider reports a status, else never. */
  states: FileState;
  /** Whether upload takes an expiry. */
  expiry: boolean;
  /** `number`, or `number | null` where the provider may not say. */
  bytes: number | null;
}
