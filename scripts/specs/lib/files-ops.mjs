// Which Files operations a spec has, read from its operations (never assumed): list, upload,
// retrieve, content and delete, each found by what it is (its method, whether it names one
// file and where it takes the id, what it takes and answers, its words), whatever its path:
// a REST collection (`/v1/files`, `/v1/files/{file_id}`) or one path per verb
// (`/v1/files/list`, `/v1/files/retrieve?file_id=`). Schemas come with their *site*: where
// openapi-typescript puts their type (`["components", "schemas", "File", "purpose"]`), so
// a scaffold can name the generated enum arrays without guessing their names.
/** @import { Method, OpenApiDocument, OpenApiNode, Operation, Parameter } from "./openapi.js" */
import { METHODS } from "./openapi-doc.mjs";

/** @typedef {"list" | "upload" | "retrieve" | "content" | "delete"} Kind */

/** A schema and the TypeScript type path of the place it is defined at. */
/** @typedef {{ schema: OpenApiNode, site: string[] }} Sited */

/** @typedef {{ in: "path" | "query" | "body", name: string, schema: OpenApiNode }} IdPlace */

/** @typedef {Sited & { required: boolean }} QueryParam */

/**
 * How the upload sends the file, read off its request body and parameters: a multipart form;
 * the file as the raw body (`mediaTypes`: every media type the body lists; `nameHeader`: a
 * required Content-Disposition header carries the name; `sizeRequired`: a required
 * Content-Length header; `purposeQuery`: a purpose query parameter); or a JSON object with the
 * file base64-encoded in `fileField` (a `format: byte` / `contentEncoding: base64` string).
 * @typedef {object} UploadBody
 * @property {"multipart" | "raw" | "json"} form
 * @property {string | undefined} mediaType
 * @property {string[]} mediaTypes
 * @property {string | undefined} fileField
 * @property {Record<string, Sited>} props the body's fields (multipart, JSON), with their sites
 * @property {string[]} required
 * @property {boolean} nameHeader
 * @property {boolean} sizeRequired
 * @property {string | undefined} purposeQuery
 */

/**
 * @typedef {object} FoundOperation
 * @property {Kind} kind
 * @property {string} path
 * @property {Method} method
 * @property {Operation} op
 * @property {number | undefined} status the documented success status
 * @property {string[]} types the success answer's media types
 * @property {Sited | undefined} answer the success answer's JSON schema
 * @property {IdPlace | undefined} id where it takes the file id
 * @property {Record<string, QueryParam>} query its query parameters
 * @property {UploadBody | undefined} body upload only
 */

/** @typedef {Partial<Record<Kind, FoundOperation>>} FilesOperations */

const unescape = (/** @type {string} */ s) => s.replace(/~1/g, "/").replace(/~0/g, "~");

/**
 * A node with its $refs followed (to 20 deep), and the site of what it ends at: a $ref to a
 * component schema moves the site there.
 * @param {OpenApiDocument} doc
 * @param {unknown} node
 * @param {string[]} site
 * @returns {{ node: OpenApiNode | undefined, site: string[] }}
 */
export function derefAt(doc, node, site = []) {
  let n = /** @type {unknown} */ (node);
  let at = site;
  for (let i = 0; isRecord(n) && typeof n.$ref === "string" && i < 20; i++) {
    const keys = n.$ref.replace(/^#\//, "").split("/").map(unescape);
    at = keys;
    /** @type {unknown} */
    let target = doc;
    for (const k of keys) target = isRecord(target) ? target[k] : undefined;
    n = target;
  }
  return { node: isRecord(n) ? n : undefined, site: at };
}

/**
 * @param {OpenApiDocument} doc
 * @param {unknown} node
 * @returns {OpenApiNode | undefined}
 */
export const deref = (doc, node) => derefAt(doc, node).node;

/** @returns {v is Record<string, unknown>} */
export const isRecord = (/** @type {unknown} */ v) => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A schema's properties with their sites (allOf members merged), following $refs.
 * @param {OpenApiDocument} doc
 * @param {unknown} schema
 * @param {string[]} site
 * @returns {Record<string, Sited>}
 */
export function propertiesOf(doc, schema, site) {
  const { node, site: at } = derefAt(doc, schema, site);
  /** @type {Record<string, Sited>} */
  const out = {};
  if (!node) return out;
  for (const part of Array.isArray(node.allOf) ? node.allOf : []) Object.assign(out, propertiesOf(doc, part, at));
  for (const [k, v] of Object.entries(isRecord(node.properties) ? node.properties : {})) {
    const { node: s, site: sAt } = derefAt(doc, v, [...at, k]);
    if (s) out[k] = { schema: s, site: sAt };
  }
  return out;
}

/**
 * The required property names of a schema (allOf members included).
 * @param {OpenApiDocument} doc
 * @param {unknown} schema
 * @returns {string[]}
 */
export function requiredOf(doc, schema) {
  const node = deref(doc, schema);
  if (!node) return [];
  const own = Array.isArray(node.required) ? node.required.filter((/** @type {unknown} */ r) => typeof r === "string") : [];
  return [...own, ...(Array.isArray(node.allOf) ? node.allOf.flatMap((/** @type {unknown} */ p) => requiredOf(doc, p)) : [])];
}

/**
 * The operation's parameters (the path item's and its own), $refs followed.
 * @param {OpenApiDocument} doc
 * @param {string} path
 * @param {Method} method
 * @returns {Parameter[]}
 */
export function parametersOf(doc, path, method) {
  const item = doc.paths?.[path];
  const all = [...(item?.parameters ?? []), ...(item?.[method]?.parameters ?? [])];
  return all.map((p) => /** @type {Parameter | undefined} */ (deref(doc, p))).filter((p) => p !== undefined);
}

/**
 * @param {OpenApiDocument} doc
 * @param {string} path
 * @param {Method} method
 * @param {Operation} op
 */
function successOf(doc, path, method, op) {
  const status = Object.keys(op.responses ?? {}).find((s) => /^2/.test(s));
  const res = status ? deref(doc, op.responses?.[status]) : undefined;
  const content = isRecord(res?.content) ? res.content : {};
  const types = Object.keys(content);
  const json = types.find((t) => /json/.test(t));
  const answer = json ? derefAt(doc, content[json]?.schema, ["paths", path, method, "responses", String(status), "content", json]) : undefined;
  return { status: status ? Number(status) : undefined, types, answer: answer?.node ? { schema: answer.node, site: answer.site } : undefined };
}

const ID = /(^|_)id$/i;

/**
 * Where the operation takes one file's id: a path parameter, else a required query parameter
 * or JSON body field named like an id.
 * @param {OpenApiDocument} doc
 * @param {string} path
 * @param {Method} method
 * @param {Operation} op
 * @returns {IdPlace | undefined}
 */
function idPlaceOf(doc, path, method, op) {
  const params = parametersOf(doc, path, method);
  const inPath = /\{([^}]+)\}$/.exec(path)?.[1] ?? /\{([^}]+)\}\/[^/{}]+$/.exec(path)?.[1];
  if (inPath) return { in: "path", name: inPath, schema: deref(doc, params.find((p) => p.in === "path" && p.name === inPath)?.schema) ?? {} };
  const query = params.find((p) => p.in === "query" && p.required && typeof p.name === "string" && ID.test(p.name));
  if (query?.name) return { in: "query", name: query.name, schema: deref(doc, query.schema) ?? {} };
  const body = deref(doc, op.requestBody);
  const json = Object.keys(body?.content ?? {}).find((t) => /json/.test(t));
  if (json) {
    const schema = body?.content?.[json]?.schema;
    const name = requiredOf(doc, schema).find((k) => ID.test(k));
    if (name) return { in: "body", name, schema: propertiesOf(doc, schema, [])[name]?.schema ?? {} };
  }
  return undefined;
}

/**
 * @param {OpenApiDocument} doc
 * @param {string} path
 * @param {Method} method
 * @param {Operation} op
 * @returns {UploadBody | undefined}
 */
function uploadBodyOf(doc, path, method, op) {
  const body = deref(doc, op.requestBody);
  const types = Object.keys(body?.content ?? {});
  if (types.length === 0) return undefined;
  const params = parametersOf(doc, path, method);
  const header = (/** @type {string} */ name) => params.some((p) => p.in === "header" && p.required === true && p.name?.toLowerCase() === name);
  const others = {
    nameHeader: header("content-disposition"),
    sizeRequired: header("content-length"),
    purposeQuery: params.find((p) => p.in === "query" && p.name === "purpose")?.name,
  };
  const multipart = types.includes("multipart/form-data");
  const json = types.find((t) => /json/.test(t));
  const mediaType = multipart ? "multipart/form-data" : (json ?? types[0]);
  const schema = body?.content?.[mediaType]?.schema;
  const props = propertiesOf(doc, schema, ["paths", path, method, "requestBody", "content", mediaType]);
  const required = requiredOf(doc, schema);
  if (multipart) {
    const fileField = Object.keys(props).find((k) => props[k].schema.format === "binary" || props[k].schema.contentMediaType !== undefined) ?? "file";
    return { form: "multipart", mediaType, mediaTypes: [mediaType], fileField, props, required, ...others };
  }
  if (json) {
    // The file as a base64 string in a field of a JSON object.
    const fileField = Object.keys(props).find((k) => props[k].schema.format === "byte" || props[k].schema.contentEncoding === "base64");
    return fileField ? { form: "json", mediaType, mediaTypes: [mediaType], fileField, props, required, ...others } : undefined;
  }
  // The file itself: every listed type a file's own (or a binary string schema).
  const binary = (/** @type {string} */ t) => /octet-stream|^application\/(pdf|zip)|^(audio|image|video|text|message)\/|^application\/(msword|vnd\.|x-)|\*\/\*/.test(t) || deref(doc, body?.content?.[t]?.schema)?.format === "binary";
  if (!types.every(binary)) return undefined;
  return { form: "raw", mediaType, mediaTypes: types, fileField: undefined, props: {}, required: [], ...others };
}

/** The words an operation is named by: its operationId and summary, and its path's last plain segment. */
const wordsOf = (/** @type {string} */ path, /** @type {Operation} */ op) =>
  `${op.operationId ?? ""} ${op.summary ?? ""} ${path.split("/").filter((s) => s && !s.startsWith("{")).pop() ?? ""}`.toLowerCase();

/**
 * What an operation is, if it is one of the five.
 * @param {Method} method
 * @param {string} words
 * @param {boolean} byId
 * @param {boolean} binaryAnswer
 * @param {UploadBody | undefined} body
 * @returns {Kind | undefined}
 */
function kindOf(method, words, byId, binaryAnswer, body) {
  if (byId && (method === "delete" || (method === "post" && /delete|remove/.test(words)))) return "delete";
  if (method === "get" && byId && (binaryAnswer || /content|download/.test(words))) return "content";
  if (method === "get" && byId) return "retrieve";
  if (method === "get" && !byId) return "list";
  if (method === "post" && !byId && body) return "upload";
  return undefined;
}

/**
 * The spec's Files operations. Where two operations are the same kind (OpenAI's own /uploads
 * next to /files, Mistral's signed URL next to retrieve), the one on a `files` path, then the
 * one whose words name its kind, then the shorter path wins.
 * @param {OpenApiDocument} doc
 * @returns {{ ops: FilesOperations, idValue: string }}
 */
export function filesOperations(doc) {
  /** @type {Record<Kind, FoundOperation[]>} */
  const found = { list: [], upload: [], retrieve: [], content: [], delete: [] };
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      const id = idPlaceOf(doc, path, method, op);
      const success = successOf(doc, path, method, op);
      const binaryAnswer = success.types.length > 0 && !success.types.some((t) => /json/.test(t));
      const body = method === "post" && !id ? uploadBodyOf(doc, path, method, op) : undefined;
      const kind = kindOf(method, wordsOf(path, op), id !== undefined, binaryAnswer, body);
      if (!kind) continue;
      /** @type {Record<string, QueryParam>} */
      const query = {};
      for (const p of parametersOf(doc, path, method)) {
        if (p.in !== "query" || typeof p.name !== "string") continue;
        const s = derefAt(doc, p.schema, ["paths", path, method, "parameters", "query", p.name]);
        query[p.name] = { schema: s.node ?? {}, site: s.site, required: p.required === true };
      }
      found[kind].push({ kind, path, method, op, ...success, id, query, body });
    }
  }
  const named = { list: /list/, upload: /upload|create/, retrieve: /retrieve|get|info/, content: /content|download/, delete: /delete/ };
  /** @type {FilesOperations} */
  const ops = {};
  for (const kind of /** @type {Kind[]} */ (Object.keys(found))) {
    const rank = (/** @type {FoundOperation} */ o) => (/files?(\/|$)/.test(o.path) ? 0 : 4) + (named[kind].test(wordsOf(o.path, o.op)) ? 0 : 2) + (o.body?.form === "multipart" ? 0 : 1);
    const best = found[kind].sort((a, b) => rank(a) - rank(b) || a.path.length - b.path.length)[0];
    if (best) ops[kind] = best;
  }
  // An id the id parameter's schema accepts (Prism checks it).
  const idSchema = (ops.retrieve ?? ops.content ?? ops.delete)?.id?.schema ?? {};
  const example = idSchema.example ?? (Array.isArray(idSchema.examples) ? idSchema.examples[0] : undefined);
  const idValue = example ?? (idSchema.format === "uuid" ? "3b7d1c1e-3c5f-4a8e-9d3c-6f1e2a4b5c6d" : idSchema.type === "integer" ? "1024" : "file-abc123");
  return { ops, idValue: String(idValue) };
}

/**
 * The path segments every path shares before its own last one (`/v1`, `/openai/v1`, or ""),
 * up to the last version segment where there is one (`/v1/files/list` and `/v1/files/upload`
 * share `/v1/files`: the prefix is `/v1`).
 * @param {OpenApiDocument} doc
 */
export function pathPrefix(doc) {
  const all = Object.keys(doc.paths ?? {}).map((p) => p.split("/").filter(Boolean).slice(0, -1));
  if (all.length === 0) return "";
  let shared = all[0];
  for (const segs of all) {
    let n = 0;
    while (n < shared.length && n < segs.length && shared[n] === segs[n] && !shared[n].startsWith("{")) n++;
    shared = shared.slice(0, n);
  }
  const version = shared.map((s) => /^v\d+/.test(s)).lastIndexOf(true);
  const kept = version >= 0 ? shared.slice(0, version + 1) : shared;
  return kept.length ? `/${kept.join("/")}` : "";
}

export { METHODS };
