// The answers a provider sends on success, built from its profile's data (which fields a file
// object has, the list's items key and paging fields, the upload and retrieve envelopes, the
// delete's result, the in-body status object, the id kind) over its spec's own 200 examples.
// Test servers answer with these, so a provider added to the registry is answered in its own
// shape without a body written for it. Structural types, as in provider-routes.ts.
import type { RoutesProfile, RouteData } from "./provider-routes.js";
import { operationExample, type OpenApiDocument } from "./spec-examples.js";

export interface AnswersProfile extends RoutesProfile {
  ids: "string" | "int64";
  operations: {
    list?: RouteData & {
      items: string;
      paging?: { style: "cursor"; hasMore: string; lastId?: string } | { style: "page"; total?: string } | { style: "token"; next: string };
    };
    upload?: RouteData & { envelope?: string };
    retrieve?: RouteData & { envelope?: string };
    content?: RouteData;
    delete?: RouteData & { result: { id?: string; deleted?: string } };
  };
  file: { id: string; filename: string; bytes: string; createdAt: string; purpose: string; status?: string; time?: "unix" | "rfc3339" };
  states?: { ready: readonly string[] };
  inBodyErrors?: { at: string; code: string; message: string; ok: readonly (number | string)[] };
  sample: { purpose?: string; filename: string; content: string };
}

/** What a stored file is; the answers put each fact in the field the profile names. */
export interface FileFacts {
  id: string;
  filename: string;
  bytes: number;
  purpose: string;
  /** Seconds since the epoch. */
  createdAt: number;
}

type Json = Record<string, unknown>;

export interface ProviderAnswers {
  /** A file object: the spec's example with these facts in the profile's fields (ids as strings). */
  file(facts: FileFacts): Json;
  /** A list answer holding these file objects, saying it is the last page. */
  list(files: Json[]): Json;
  retrieve(file: Json): Json;
  upload(file: Json): Json;
  /** The answer to the delete of `id`. */
  deleted(id: string): Json;
  /** The in-body status object of a success ({} when the provider has none). */
  readonly ok: Json;
  /** An in-body status object carrying `code` (only for a provider that has them). */
  status(code: number | string, message: string): Json;
  /** JSON text of an answer; int64 ids are written as bare integers, digit for digit. */
  text(value: unknown): string;
  /** The n-th test id: "file-abc", "file-1", ... or, for int64 ids, integers from 1234567890123456789 (above 2^53). */
  id(n?: number): string;
  /** The id of the spec's example file (one the spec's own id format allows), when it shows one. */
  readonly exampleId: string | undefined;
}

/** The first int64 test id: above 2^53, so a client that reads it as a plain number loses digits. */
export const INT64_TEST_ID = "1234567890123456789";

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The answers of the provider `profile` describes; `doc` (its OpenAPI document) gives the examples the answers start from. */
export function providerAnswers(profile: AnswersProfile, doc: OpenApiDocument = {}): ProviderAnswers {
  const ops = profile.operations;
  const fields = profile.file;
  const example = (route: RouteData | undefined): Json => {
    const value = route && operationExample(doc, route.method, route.path)?.value;
    return isObject(value) ? structuredClone(value) : {};
  };
  const unwrap = (json: Json, envelope?: string): Json => (envelope ? (isObject(json[envelope]) ? (json[envelope] as Json) : {}) : json);
  const listed = ops.list ? example(ops.list)[ops.list.items] : undefined;
  // The file object's extra fields (object, status_details, metadata ...) as the spec shows them.
  const base: Json = ops.retrieve ? unwrap(example(ops.retrieve), ops.retrieve.envelope) : Array.isArray(listed) && isObject(listed[0]) ? listed[0] : {};
  const inBody = profile.inBodyErrors;
  const status = (code: number | string, message: string): Json => (inBody ? { [inBody.at]: { [inBody.code]: code, [inBody.message]: message } } : {});
  const ok = inBody ? status(inBody.ok[0]!, "success") : {};
  const wrap = (route: (RouteData & { envelope?: string }) | undefined, file: Json): Json => (route?.envelope ? { ...example(route), [route.envelope]: file, ...ok } : { ...file });
  const idFields = [...new Set([fields.id, ops.delete?.result.id ?? fields.id])];
  const bare = new RegExp(`"(${idFields.map((f) => f.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&")).join("|")})":"(\\d+)"`, "g");

  return {
    file(f) {
      const out: Json = { ...structuredClone(base), [fields.id]: f.id, [fields.filename]: f.filename, [fields.bytes]: f.bytes, [fields.purpose]: f.purpose };
      out[fields.createdAt] = fields.time === "rfc3339" ? new Date(f.createdAt * 1000).toISOString() : f.createdAt;
      if (fields.status && profile.states?.ready.length) out[fields.status] = profile.states.ready[0];
      return out;
    },
    list(files) {
      const list = ops.list;
      if (!list) throw new Error(`${profile.name} has no list operation`);
      const out: Json = { ...example(list), [list.items]: files, ...ok };
      const paging = list.paging;
      if (paging?.style === "cursor") {
        out[paging.hasMore] = false;
        if (paging.lastId) out[paging.lastId] = files.length ? files[files.length - 1]![fields.id] : null;
      } else if (paging?.style === "page" && paging.total) out[paging.total] = files.length;
      else if (paging?.style === "token") out[paging.next] = null;
      return out;
    },
    retrieve: (file) => wrap(ops.retrieve, file),
    upload: (file) => wrap(ops.upload, file),
    deleted(id) {
      const result = ops.delete?.result ?? {};
      return { ...example(ops.delete), [result.id ?? fields.id]: id, ...(result.deleted ? { [result.deleted]: true } : {}), ...ok };
    },
    ok,
    status,
    text: (value) => (profile.ids === "int64" ? JSON.stringify(value).replace(bare, '"$1":$2') : JSON.stringify(value)),
    exampleId: base[fields.id] === undefined || base[fields.id] === null ? undefined : String(base[fields.id]),
    id: (n = 0) => (profile.ids === "int64" ? String(BigInt(INT64_TEST_ID) + BigInt(n)) : n === 0 ? "file-abc" : `file-${n}`),
  };
}
