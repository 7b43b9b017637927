// Answers shaped by the spec: a file object as the operation's 200 schema wraps it, errors
// as the operation documents them, and JSON whose int64 ids stay exact (bare numbers
// beyond 2^53, as MiniMax sends them).
import type { FilesApi, Route } from "./api.js";
import { deref, jsonSchemaOf, sample, typeOf, type Schema } from "./spec.js";

export interface StoredFile {
  /** The file object's fields; the id field holds the id as a decimal string for int64 ids. */
  fields: Record<string, unknown>;
  content: Uint8Array;
}

export interface Answer {
  status: number;
  body: unknown;
}

/** An int64 kept exact: serialised as a bare JSON number. */
export class Int64 {
  constructor(readonly digits: string) {}
}

const RAW = "__llm-files-mock-int64:";

export function stringify(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) => (v instanceof Int64 ? `${RAW}${v.digits}` : v));
  return text.replace(new RegExp(`"${RAW}(-?\\d+)"`, "g"), "$1");
}

/** JSON.parse that keeps long integers (16+ digits) exact, as strings. */
export function parseJson(text: string): unknown {
  return JSON.parse(text.replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,}\]])/g, '$1"$2"'));
}

/** One file as the given file-object schema shows it (only the properties it has). */
function fileAs(api: FilesApi, schema: Schema, file: StoredFile, contentUrl: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const required = new Set(schema.required ?? []);
  for (const [name, p] of Object.entries(schema.properties ?? {})) {
    if (name in file.fields) out[name] = file.fields[name];
    else if (name === "download_url") out[name] = contentUrl;
    // A property this answer requires that the stored file lacks (Mistral's retrieve adds
    // `deleted`): its sample value (false, 0, "" or the first enum value).
    else if (required.has(name)) out[name] = sample(api.doc, p);
  }
  if (api.integerIds) out[api.idField] = new Int64(String(file.fields[api.idField]));
  return out;
}

/** The 200 answer of a route for one file, or for a list of files. */
export function fileAnswer(api: FilesApi, route: Route, files: StoredFile | StoredFile[], contentUrl: (f: StoredFile) => string): unknown {
  const schema = jsonSchemaOf(api.doc, route.op.responses?.["200"]);
  if (!schema) throw new Error(`@llm-files/mock: ${api.provider} ${route.name} has no JSON 200 answer`);
  const props = schema.properties ?? {};
  if (!Array.isArray(files) && (api.idField in props)) return fileAs(api, schema, files, contentUrl(files));
  const body = sample(api.doc, schema) as Record<string, unknown>;
  for (const [name, p] of Object.entries(props)) {
    const s = deref(api.doc, p);
    if (Array.isArray(files) && typeOf(s) === "array" && s.items) body[name] = files.map((f) => fileAs(api, deref(api.doc, s.items!), f, contentUrl(f)));
    else if (!Array.isArray(files) && typeOf(s) === "object" && s.properties && api.idField in s.properties) body[name] = fileAs(api, s, files, contentUrl(files));
  }
  return body;
}

/** The 200 answer of a delete: the spec's example with the id set, and deleted: true. */
export function deletedAnswer(api: FilesApi, route: Route, id: string): unknown {
  const schema = jsonSchemaOf(api.doc, route.op.responses?.["200"]);
  const body = (schema ? sample(api.doc, schema) : {}) as Record<string, unknown>;
  const idName = "id" in body ? "id" : api.idField;
  body[idName] = api.integerIds ? new Int64(id) : id;
  if ("deleted" in body) body.deleted = true;
  return body;
}

const REASONS: Record<number, string> = { 400: "BAD_REQUEST", 401: "UNAUTHORIZED", 404: "FILE_NOT_FOUND", 405: "METHOD_NOT_ALLOWED", 413: "PAYLOAD_TOO_LARGE" };
/** MiniMax's base_resp codes for the same situations (its documented list). */
const BASE_RESP_CODES: Record<number, number> = { 400: 2013, 401: 1004, 404: 2013, 413: 2013 };

/**
 * An error as the operation documents it: its response for that status (or its first 4xx)
 * with the message set; with no documented error answer, a 200 carrying base_resp (MiniMax).
 */
export function errorAnswer(api: FilesApi, route: Route | undefined, status: number, message: string): Answer {
  const responses = route?.op.responses ?? {};
  const documented = responses[String(status)] ?? Object.entries(responses).find(([code]) => /^4/.test(code))?.[1];
  const schema = jsonSchemaOf(api.doc, documented);
  if (schema) {
    const body = sample(api.doc, schema);
    setMessage(body, message, status);
    return { status, body };
  }
  const ok = route && jsonSchemaOf(api.doc, responses["200"]);
  const baseResp = ok && Object.entries(ok.properties ?? {}).find(([, p]) => "status_code" in (deref(api.doc, p).properties ?? {}));
  if (baseResp) return { status: 200, body: { [baseResp[0]]: { status_code: BASE_RESP_CODES[status] ?? 1000, status_msg: message } } };
  return { status, body: { error: { message, type: REASONS[status] ?? "error", code: String(status) } } };
}

function setMessage(body: unknown, message: string, status: number): void {
  if (!body || typeof body !== "object") return;
  const o = body as Record<string, unknown>;
  if ("message" in o) o.message = message;
  if (typeof o.code === "number") o.code = status;
  if ("reason" in o) o.reason = REASONS[status] ?? "ERROR";
  for (const v of Object.values(o)) if (v && typeof v === "object") setMessage(v, message, status);
}
