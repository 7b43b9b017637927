// One client shape for every provider: the Files operations a profile lists (list, iterate,
// listPage, retrieve, upload, content, delete), each a request sent through the request
// policy and checked against the shape the profile describes. A provider package is these
// over its profile; its quirks are the profile's data. The client object that adds the
// openapi-fetch client (`raw`) is raw-client.ts: this module does not import openapi-fetch, so
// a bundle of code that reaches the operations alone (a provider's files.ts) keeps none of it.
import { FilesError, ValidationError, notDownloadableError, type UnsupportedError } from "./errors.js";
import type { RequestPolicy, UploadCall } from "./policy.js";
import { prepareFile, type FileInput, type PreparedFile, type UploadProgress } from "./files.js";
import { stringifyWithIntegers } from "./json.js";
import { allPages, pages } from "./pages.js";
import { firstCursor, nextCursor, pageQuery, pageSizeIn, pagingQuery, paramsQuery } from "./paging.js";
import { expectObject, isRecord, responseShapeError } from "./shape.js";
import { checkFileId, checkIntegerId, checkPurpose, describe } from "./validate.js";
import { contentDisposition, jsonBody, rawBody } from "./upload-bodies.js";
import { RequestHeaders } from "./request-headers.js";
import { checkRecovery, reconciled, type ListFiles, type UploadRecovery } from "./reconcile.js";
import type { CallOptions, Reply } from "./exchange.js";
import type { ByIdRoute, Profile, ProviderTypes, Route } from "./profile.js";

/** Options of one page, or of every page, of the list: call options and the page's own query. */
export type ListOptions<T extends ProviderTypes> = CallOptions & T["pageQuery"];

/** What every upload takes: the file, its name, progress, and the call's options. */
export interface UploadFile extends CallOptions {
  /** A path, a file: URL, a Blob/File, bytes, or a stream (then `filename` is required). */
  file: FileInput;
  /** Required for bytes, nameless Blobs and streams; defaults to the path's or File's name. */
  filename?: string;
  /**
   * A stream's size in bytes, where you know it (a download's): the upload declares its length
   * (a provider that needs one gets it), and a stream that yields another count fails as a
   * ValidationError. For any other source, its own size (or leave it out).
   */
  size?: number;
  onProgress?: (progress: UploadProgress) => void;
  /**
   * After an upload whose outcome is unknown (an OutcomeUnknownError: sent whole, then no
   * answer), list the files: the one stored copy (same name and size, created since the upload
   * started) is the result; with none, the file is sent again; with several, nothing is sent
   * and the error names them. Off by default. Needs a list operation; a stream is never sent twice.
   */
  reconcile?: boolean;
  /** Told each step taken to recover the upload: a retry of an upload that was not stored, a copy found by listing, a resend. */
  onRecovery?: (step: UploadRecovery) => void;
}

export interface UploadBase<Purpose extends string = string> extends UploadFile {
  purpose: Purpose;
}

/** An upload's parameters: with the provider's purpose, or none where its files have no purpose. */
export type UploadParams<T extends ProviderTypes> = ([T["uploadPurpose"]] extends [never] ? UploadFile & { purpose?: undefined } : UploadBase<T["uploadPurpose"]>) & T["uploadExtra"] & T["uploadOptions"];

/** A function of the list's options: optional, unless the provider requires one (a purpose). */
type ListFn<T extends ProviderTypes, R> = {} extends T["pageQuery"] ? (options?: ListOptions<T>) => R : (options: ListOptions<T>) => R;
/** delete's options: the call's, and the purpose where the provider's delete takes one. */
type DeleteFn<T extends ProviderTypes> = [T["deletePurpose"]] extends [never]
  ? (fileId: T["id"], options?: CallOptions) => Promise<T["deleted"]>
  : (fileId: T["id"], options: CallOptions & { purpose: T["deletePurpose"] }) => Promise<T["deleted"]>;

export interface FilesOperations<T extends ProviderTypes> {
  /** Every file: page after page where the provider pages its list. */
  list: ListFn<T, Promise<T["listed"][]>>;
  /** Every file, a page fetched only when the files of the one before are consumed. */
  iterate: ListFn<T, AsyncIterable<T["listed"]>>;
  /** One page of the list, as the provider answers it. */
  listPage: ListFn<T, Promise<T["page"]>>;
  retrieve(fileId: T["id"], options?: CallOptions): Promise<T["file"]>;
  upload(params: UploadParams<T>): Promise<T["uploaded"]>;
  /** The file's content as a streaming Response. */
  content(fileId: T["id"], options?: CallOptions): Promise<Response>;
  delete: DeleteFn<T>;
}

type OpsOf<T extends ProviderTypes> = T["ops"] | ("list" extends T["ops"] ? "iterate" | "listPage" : never);

/** The operations a provider has (the others are absent from its type). */
export type Files<T extends ProviderTypes> = Pick<FilesOperations<T>, OpsOf<T> & keyof FilesOperations<T>>;

const CALL_KEYS = new Set(["signal", "timeoutMs", "maxRetries", "idempotent"]);

/** The call options in `options` (checked), and the rest. */
function splitCall(policy: RequestPolicy, options: unknown, field = "options"): { call: CallOptions; rest: Record<string, unknown> } {
  if (options === undefined) return { call: {}, rest: {} };
  if (options === null || typeof options !== "object") throw new ValidationError(policy.provider, field, `expected an object, got ${describe(options)}`);
  const call: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) (CALL_KEYS.has(k) ? call : rest)[k] = v;
  return { call: policy.checkCall(call as CallOptions), rest };
}

/** The query string of a request: arrays repeat their key, undefined and null are left out. */
function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return "";
  let any = false;
  for (const k in query) if (query[k] !== undefined && query[k] !== null) any = true;
  if (!any) return "";
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) q.append(k, String(item));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

/**
 * The Files operations over a profile, sent through `policy`: what a provider's `files.ts`
 * builds its operations from (adding its own where it has them: uploads in parts, a signed
 * URL), and what createFilesClient wraps.
 */
export function filesOperations<T extends ProviderTypes>(policy: RequestPolicy, profile: Profile): Files<T> {
  const P = profile.name;
  const ops = profile.operations;
  const int64 = profile.ids === "int64";
  const idField = profile.file.id;
  /** The id as the caller passes it, checked; a resource name's collection prefix is the route's, and kept on the id as the API writes it. */
  const checkId = (id: unknown, route?: ByIdRoute): string => {
    if (int64) return checkIntegerId(P, id, "fileId");
    const prefix = route?.id.prefix;
    if (prefix && typeof id === "string" && id.startsWith(prefix)) return prefix + checkFileId(P, id.slice(prefix.length), "fileId");
    return (prefix ?? "") + checkFileId(P, id, "fileId");
  };

  const urlOf = (route: Route, id?: { route: ByIdRoute; value: string }, query?: Record<string, unknown>): string => {
    let path = route.path;
    const q = { ...query };
    const prefix = id?.route.id.prefix;
    // A resource name goes in as the part after its collection, which the path already names.
    const value = id && prefix && id.value.startsWith(prefix) ? id.value.slice(prefix.length) : id?.value;
    if (id?.route.id.in === "path") path = path.replace(`{${id.route.id.name}}`, encodeURIComponent(value!));
    else if (id?.route.id.in === "query") q[id.route.id.name] = value;
    return policy.baseUrl + path + queryString(q);
  };
  const sendJson = async (route: Route, url: string, call: CallOptions, body?: string): Promise<{ json: unknown; status: number }> => {
    const headers = new RequestHeaders({ accept: "application/json" });
    if (body !== undefined) headers.set("content-type", "application/json");
    const reply = await policy.send({ url, method: route.method.toUpperCase(), headers, body: body === undefined ? undefined : () => body, idempotent: call.idempotent ?? route.method !== "post", expect: "json" }, call);
    return { json: reply.json, status: reply.status };
  };
  const withoutStatus = (json: Record<string, unknown>) => withoutStatusOf(profile, json);
  /** A file object with its id as an exact decimal string (int64 ids). */
  const normalised = <F>(file: Record<string, unknown>): F => (int64 && file[idField] !== undefined && file[idField] !== null ? ({ ...file, [idField]: String(file[idField]) } as F) : (file as F));
  const fileIn = (json: unknown, envelope: string | undefined, what: string): Record<string, unknown> => {
    const status = profile.inBodyErrors?.at;
    const describeAnswer = envelope ? `{ ${envelope}: { ${idField}, ... }${status ? `, ${status}` : ""} }` : `a file object { ${idField}, ... }`;
    // An answer that is the file itself: the status object beside its fields is not one of them.
    if (!envelope) return withoutStatus(expectObject<Record<string, unknown>>(P, json, describeAnswer, [idField]));
    const body = expectObject<Record<string, unknown>>(P, json, describeAnswer, [envelope]);
    const file = body[envelope];
    if (!isRecord(file) || file[idField] === undefined) throw responseShapeError(P, `${what} ${describeAnswer}`.trim(), json);
    return file;
  };

  const files: Partial<FilesOperations<T>> = {};
  const list = ops.list;
  if (list) {
    const paging = list.paging;
    const status = profile.inBodyErrors?.at;
    const what = `a file list { ${list.items}: [...]${status ? `, ${status}` : ""} }`;
    const itemsOf = (json: unknown): unknown[] => {
      const body = expectObject<Record<string, unknown>>(P, json, what, status ? [status] : []);
      const items = body[list.items];
      if (items === undefined || items === null) {
        // An account with no files (of a purpose) may answer `files: null` or leave it out.
        if (status) return [];
        throw responseShapeError(P, what, json);
      }
      if (!Array.isArray(items)) throw responseShapeError(P, what, json);
      return items;
    };
    const queryOf = (rest: Record<string, unknown>): Record<string, unknown> => {
      if (list.purpose?.required && (rest.purpose === undefined || rest.purpose === null)) {
        throw new ValidationError(P, "purpose", `${P} lists the files of one purpose at a time: pass { purpose } (one of ${profile.purposes.list.join(", ")})`);
      }
      // The paging parameters, the purpose filter and the list's own parameters, each checked; only what the caller gave is sent.
      const query: Record<string, unknown> = paging ? pagingQuery(P, paging, rest) : {};
      if (list.purpose && rest.purpose !== undefined && rest.purpose !== null) query[list.purpose.name] = checkPurpose(P, rest.purpose, profile.purposes.list);
      return list.query ? { ...query, ...paramsQuery(P, list.query, rest) } : query;
    };
    const page = async (call: CallOptions, query: Record<string, unknown>): Promise<Record<string, unknown>> => {
      const { json } = await sendJson(list, urlOf(list, undefined, query), call);
      const items = itemsOf(json).map((f) => (isRecord(f) ? normalised(f) : f));
      return { ...withoutStatus(json as Record<string, unknown>), [list.items]: items };
    };
    files.listPage = (async (options?: unknown) => {
      const { call, rest } = splitCall(policy, options);
      return page(call, queryOf(rest));
    }) as FilesOperations<T>["listPage"];
    /** The walk over every page for the caller's options: the first page's cursor, and a page by its cursor. */
    const walkOf = (call: CallOptions, rest: Record<string, unknown>, paging: NonNullable<typeof list.paging>) => {
      const size = pageSizeIn(paging, rest);
      const first = firstCursor(paging, rest);
      const fetchPage = async (cursor: unknown) => {
        // The caller's options with this page's cursor, checked and sent as the caller's own would be.
        const answer = await page(call, queryOf(pageQuery(paging, rest, cursor ?? first)));
        const items = answer[list.items] as unknown[];
        return { items, next: nextCursor(P, paging, answer, items, cursor ?? first, size, (f) => (isRecord(f) ? f[idField] : undefined)) };
      };
      return { fetchPage, options: { idOf: (f: unknown) => String(isRecord(f) ? f[idField] : "") } };
    };
    files.iterate = ((options?: unknown) => {
      // Options are checked when the first page is asked for, like every other failure of the walk.
      return (async function* () {
        const { call, rest } = splitCall(policy, options);
        if (!paging) {
          yield* (await page(call, queryOf(rest)))[list.items] as unknown[];
          return;
        }
        const walk = walkOf(call, rest, paging);
        yield* pages<unknown, unknown>(P, walk.fetchPage, walk.options);
      })();
    }) as FilesOperations<T>["iterate"];
    // Every page into one array: the same walk and checks as iterate, without a generator step per file.
    files.list = (async (options?: unknown) => {
      const { call, rest } = splitCall(policy, options);
      if (!paging) return (await page(call, queryOf(rest)))[list.items] as unknown[];
      const walk = walkOf(call, rest, paging);
      return allPages<unknown, unknown>(P, walk.fetchPage, walk.options);
    }) as FilesOperations<T>["list"];
  }

  const retrieve = ops.retrieve;
  if (retrieve) {
    files.retrieve = (async (fileId: unknown, options?: CallOptions) => {
      const id = checkId(fileId, retrieve);
      const { call } = splitCall(policy, options);
      const { json } = await sendJson(retrieve, urlOf(retrieve, { route: retrieve, value: id }), call);
      return normalised(fileIn(json, retrieve.envelope, ""));
    }) as FilesOperations<T>["retrieve"];
  }

  if (ops.upload) {
    files.upload = (async (params: UploadBase & Record<string, unknown>) => {
      if (params === null || typeof params !== "object") throw new ValidationError(P, "params", `upload() takes { file, purpose, ... }, got ${describe(params)}`);
      const purpose = uploadPurpose(profile, params.purpose);
      const limit = (purpose !== undefined ? profile.limits.byPurpose?.[purpose] : undefined) ?? { maxBytes: profile.limits.maxBytes, maxLabel: profile.limits.maxLabel };
      // The provider's own fields are checked before the file is opened: nothing is read for a bad field.
      profile.uploadFields?.(params);
      const file = await prepareFile(params.file, { provider: P, filename: params.filename, maxBytes: limit.maxBytes, maxLabel: limit.maxLabel, size: params.size });
      return uploadPrepared(policy, profile, params, file);
    }) as FilesOperations<T>["upload"];
  }

  const content = ops.content;
  if (content) {
    files.content = (async (fileId: unknown, options?: CallOptions) => {
      const id = checkId(fileId, content);
      const { call } = splitCall(policy, options);
      let reply;
      try {
        reply = await policy.send({ url: urlOf(content, { route: content, value: id }), method: content.method.toUpperCase(), headers: new RequestHeaders(), idempotent: call.idempotent ?? true, expect: "stream" }, call);
      } catch (err) {
        throw (await notDownloadable(err, id, call)) ?? err;
      }
      return new Response(reply.stream ?? null, { status: reply.status, statusText: reply.statusText, headers: reply.headers });
    }) as FilesOperations<T>["content"];
  }

  /**
   * Where files say whether their content can be had (profile.file.downloadable): a download
   * refused with a 4xx (other than auth, not found, rate limit) of a file whose metadata says
   * false is an UnsupportedError saying so (the refusal is its cause); anything else is as it was.
   */
  const notDownloadable = async (err: unknown, id: string, call: CallOptions): Promise<UnsupportedError | undefined> => {
    const field = profile.file.downloadable;
    const status = FilesError.isInstance(err) ? err.status : undefined;
    if (!field || !ops.retrieve || status === undefined || status < 400 || status >= 500 || [401, 404, 408, 429].includes(status)) return undefined;
    const meta = await (files.retrieve as (i: string, o?: CallOptions) => Promise<Record<string, unknown>>)(id, call).catch(() => undefined);
    return meta?.[field] === false ? notDownloadableError(profile, id, err) : undefined;
  };

  const del = ops.delete;
  if (del) {
    files.delete = (async (fileId: unknown, options?: CallOptions & { purpose?: unknown }) => {
      const id = checkId(fileId, del);
      const { call, rest } = splitCall(policy, options);
      const idKey = del.result.id ?? idField;
      // An answer that says nothing (an empty object, or no body): the id asked for is the one deleted.
      const says = del.result.id !== undefined || del.result.deleted !== undefined || profile.inBodyErrors !== undefined;
      let body: string | undefined;
      if (del.id.in === "body" || del.purpose) {
        const fields: Record<string, unknown> = {};
        if (del.id.in === "body") fields[del.id.name] = id;
        if (del.purpose) fields[del.purpose.name] = checkPurpose(P, rest.purpose, profile.purposes.delete ?? []);
        // An int64 id goes back as a bare JSON number, digit for digit.
        body = int64 && del.id.in === "body" ? stringifyWithIntegers(fields, [del.id.name]) : JSON.stringify(fields);
      }
      const url = urlOf(del, del.id.in === "body" ? undefined : { route: del, value: id });
      const answered = await sendJson(del, url, { idempotent: true, ...call }, body);
      const json = answered.json;
      // 204 No Content is how plain HTTP says "deleted".
      if (answered.status === 204 || (!says && (json === undefined || isRecord(json)))) return { ...(isRecord(json) ? json : {}), [idKey]: id, ...(del.result.deleted ? { [del.result.deleted]: true } : {}) };
      const status = profile.inBodyErrors?.at;
      // With an in-body status object, that is what every answer must carry; else the id (and deleted).
      const required = status ? [status] : [idKey, ...(del.result.deleted ? [del.result.deleted] : [])];
      const named = [idKey, ...(del.result.deleted ? [del.result.deleted] : []), ...(status ? [status] : [])];
      const answer = withoutStatus(expectObject<Record<string, unknown>>(P, json, `a deletion result { ${named.join(", ")} }`, required));
      return normalised({ ...answer, [idKey]: answer[idKey] ?? id });
    }) as FilesOperations<T>["delete"];
  }
  return files as Files<T>;
}

/**
 * The purpose of an upload, checked: one of the profile's, or none where its files have no
 * purpose (a purpose given there is a mistake to name, not something to send).
 */
export function uploadPurpose(profile: Profile, value: unknown): string | undefined {
  if (profile.purposes.upload.length === 0) {
    if (value !== undefined) throw new ValidationError(profile.name, "purpose", `${profile.name} files have no purpose: remove purpose (got ${describe(value)})`);
    return undefined;
  }
  return checkPurpose(profile.name, value, profile.purposes.upload);
}

/** The answer without the provider's in-body status object (it carried success, not data). */
function withoutStatusOf(profile: Profile, json: Record<string, unknown>): Record<string, unknown> {
  const at = profile.inBodyErrors?.at;
  if (!at || !(at in json)) return json;
  const { [at]: _status, ...rest } = json;
  return rest;
}

/**
 * The media type a raw upload is sent as: the file's own (from its name's extension, or a
 * Blob's type) where the spec lists it, lists none, or lists a wildcard that covers it; else
 * application/octet-stream where the spec takes that; else a ValidationError naming the types.
 */
function rawType(provider: string, listed: readonly string[] | undefined, file: PreparedFile): string {
  const own = file.contentType.split(";")[0]!.trim().toLowerCase();
  if (!listed?.length || listed.includes(own) || listed.some((t) => t === "*/*" || (t.endsWith("/*") && own.startsWith(t.slice(0, -1))))) return own;
  if (listed.includes("application/octet-stream")) return "application/octet-stream";
  throw new ValidationError(provider, "file", `${provider} takes files of these types: ${listed.join(", ")}; ${JSON.stringify(file.filename)} is ${own}: upload a file of one of them (its type comes from its name's extension, or a Blob's own type)`);
}

/**
 * The one-request upload of a file already prepared (checked, sized, opened once), in the body
 * form the profile's route says (UploadBody): a multipart form (the purpose and the provider's
 * own fields as text fields, the file in its field), the file as the raw body (its media type
 * one the spec lists, its name in a Content-Disposition header, the purpose in the query), or a
 * JSON object carrying it base64-encoded.
 */
export async function uploadPrepared(policy: RequestPolicy, profile: Profile, params: UploadFile & { purpose?: string }, file: PreparedFile): Promise<unknown> {
  const P = profile.name;
  const route = profile.operations.upload;
  if (!route) throw new ValidationError(P, "upload", `${P} has no upload operation`);
  const purpose = uploadPurpose(profile, params.purpose);
  const own = profile.uploadFields?.(params as unknown as Record<string, unknown>) ?? {};
  const reconcile = checkRecovery(profile, params, purpose);
  const { signal, timeoutMs, maxRetries, idempotent, onProgress, onRecovery } = params;
  const call: UploadCall = { signal, timeoutMs, maxRetries, idempotent, onProgress, onRecovery };
  const url = policy.baseUrl + route.path;
  const body = route.body;
  if (body.form === "resumable") throw new ValidationError(P, "upload", `${P}'s upload is a resumable session, which its own package sends: upload through ${P}'s client`);
  let send: () => Promise<Reply>;
  if (body.form === "multipart") {
    const fields: Record<string, string> = {};
    const purposeField = body.purposeField ?? "purpose";
    if (purpose !== undefined && purposeField) fields[purposeField] = purpose;
    send = () => policy.upload(url, { ...fields, ...own }, body.fileField, file, call);
  } else if (body.form === "json") {
    const fields: Record<string, string> = { ...own };
    if (body.filenameField) fields[body.filenameField] = file.filename;
    if (purpose !== undefined) fields[body.purposeField ?? "purpose"] = purpose;
    send = () => policy.uploadBody(url, (_boundary, onLast) => jsonBody(fields, body.fileField, file, onLast), file, call);
  } else {
    const type = rawType(P, body.mediaTypes, file);
    if (body.sizeRequired && file.size === undefined) {
      throw new ValidationError(P, "file", `${P} needs the file's size (Content-Length) before it is sent, and a stream's is unknown: pass a path, Blob or bytes`);
    }
    const headers: Record<string, string> = body.nameHeader ? { "content-disposition": contentDisposition(file.filename) } : {};
    // Stated, not left to the transport: a caller's fetch outside a browser would stream the
    // file with no length at all.
    if (file.size !== undefined) headers["content-length"] = String(file.size);
    const query = purpose !== undefined && body.purposeQuery ? `?${new URLSearchParams({ [body.purposeQuery]: purpose })}` : "";
    send = () => policy.uploadBody(url + query, (_boundary, onLast) => rawBody(file, type, onLast), file, call, headers);
  }
  const once = async () => uploadedFile(profile, await send());
  if (!reconcile) return once();
  const list = filesOperations<ProviderTypes>(policy, profile).list as unknown as ListFiles;
  return reconciled(profile, { purpose, replayable: file.replayable, call, onRecovery }, once, list);
}

/** The stored file an upload's answer holds (inside the profile's envelope, if any), ids as exact strings. */
function uploadedFile(profile: Profile, reply: Reply): Record<string, unknown> {
  const route = profile.operations.upload!;
  const idField = profile.file.id;
  const json = reply.json;
  let found: Record<string, unknown>;
  if (route.envelope) {
    const status = profile.inBodyErrors?.at;
    const what = `{ ${route.envelope}: { ${idField}, ... }${status ? `, ${status}` : ""} }`;
    const answer = expectObject<Record<string, unknown>>(profile.name, json, what, [route.envelope]);
    const inner = answer[route.envelope];
    if (!isRecord(inner) || inner[idField] === undefined) throw responseShapeError(profile.name, what, json);
    found = inner;
  } else found = withoutStatusOf(profile, expectObject<Record<string, unknown>>(profile.name, json, `a file object { ${idField}, ... }`, [idField]));
  return profile.ids === "int64" && found[idField] !== undefined && found[idField] !== null ? { ...found, [idField]: String(found[idField]) } : found;
}
