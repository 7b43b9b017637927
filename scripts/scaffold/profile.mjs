// A provider's profile as data, read off its spec (scripts/specs/lib/files-ops.mjs finds the
// operations): where each Files operation is and where it takes the id, the list's items key,
// its paging style (from the list's query parameters and answer) and purpose filter, the
// upload's body form and file field, envelopes, what a delete answers, the purposes (as the
// sites of the spec's enums, which the generated code exports as arrays), the file object's
// fields, states (only where the spec lists status values), a size limit the spec states, the
// error body's fields, and a sample upload the provider takes. What the spec cannot say is
// listed in `notes`, and the scaffold writes it as a comment for the maintainer to check.
/** @import { OpenApiDocument } from "../specs/lib/openapi.js" */
/** @import { FoundOperation, Sited } from "../specs/lib/files-ops.mjs" */
import { deref, derefAt, filesOperations, isRecord, parametersOf, pathPrefix, propertiesOf } from "../specs/lib/files-ops.mjs";

/** @typedef {{ method: string, path: string }} Route */
/** @typedef {{ in: "path" | "query" | "body", name: string }} IdPlace */
/**
 * @typedef {{ style: "cursor", after: string, limit: string, hasMore: string, lastId?: string, maxLimit?: number }
 *   | { style: "page", page: string, size: string, total?: string, first: number, defaultSize: number }
 *   | { style: "token", token: string, size: string, next: string, maxSize?: number }} Paging
 */
/**
 * @typedef {{ type: "string" } | { type: "integer", min?: number, max?: number } | { type: "boolean" } | { type: "strings" }
 *   | { type: "enum", values: readonly string[] }} QueryParam
 */
/**
 * @typedef {object} Operations
 * @property {Route & { items: string, paging?: Paging, purpose?: { name: string, required?: boolean }, query?: Record<string, QueryParam> }} [list]
 * @property {Route & { body: UploadBodyData, envelope?: string }} [upload]
 * @property {Route & { id: IdPlace, envelope?: string }} [retrieve]
 * @property {Route & { id: IdPlace }} [content]
 * @property {Route & { id: IdPlace, purpose?: { name: string }, result: { id?: string, deleted?: string } }} [delete]
 */
/**
 * The upload's body form as core's profile says it (UploadBody in @llm-files/core).
 * @typedef {{ form: "multipart", fileField: string }
 *   | { form: "raw", mediaTypes?: string[], nameHeader?: "content-disposition", sizeRequired?: true, purposeQuery?: string }
 *   | { form: "json", fileField: string, filenameField?: string, purposeField?: string }} UploadBodyData
 */
/** The values of an enum of the spec and the type path it is defined at (undefined: defined inline in a union). */
/** @typedef {{ values: string[], site: string[] | undefined }} EnumSite */
/**
 * @typedef {object} FileFields
 * @property {string} id
 * @property {string} filename
 * @property {string} bytes
 * @property {string} createdAt
 * @property {string} [purpose] absent where files have no purpose
 * @property {string} [status]
 * @property {string} [statusDetails]
 * @property {string} [expiresAt]
 * @property {string} [downloadUrl]
 * @property {string} [downloadable]
 * @property {string} [mimeType]
 * @property {"rfc3339"} [time]
 * @property {true} [bytesNullable]
 */
/**
 * @typedef {object} ProfileData
 * @property {string} name
 * @property {string} label
 * @property {string} package
 * @property {{ apiKey: string, baseUrl: string }} env
 * @property {string | undefined} defaultBaseUrl the spec's first server, when it has one
 * @property {string} pathPrefix
 * @property {"string" | "int64"} ids
 * @property {Operations} operations
 * @property {{ upload: EnumSite, list: EnumSite, delete?: EnumSite }} purposes
 * @property {FileFields} file
 * @property {{ processing: string[], ready: string[], failed: string[] }} [states]
 * @property {{ maxBytes: number, maxLabel: string, quote: string }} [limit] the size limit and the words of the spec that state it
 * @property {{ message: string[], code: string[], type: string[], documented: boolean }} errors
 * @property {{ header: string, prefix?: string, token?: { header: string, prefix?: string } }} [auth] where the key goes, when not `authorization: Bearer`
 * @property {Record<string, string>} [query] query parameters every operation takes with a default: sent on every request
 * @property {{ purpose?: string, filename: string, content: string }} sample
 * @property {string} idValue an id the spec's id parameter accepts (tests)
 * @property {string[]} notes what the spec does not say, for the maintainer to check
 */

/** The name a provider is written with for people: its key, capitalized. */
export const pascalName = (/** @type {string} */ name) => name[0].toUpperCase() + name.slice(1);

/**
 * The first of `names` the object has, else undefined.
 * @param {Record<string, Sited>} props
 * @param {string[]} names
 */
const firstOf = (props, names) => names.find((n) => props[n] !== undefined);

/**
 * An enum a schema is (or whose anyOf/oneOf members are), with the site of its definition.
 * @param {OpenApiDocument} doc
 * @param {Sited | undefined} sited
 * @returns {EnumSite | undefined}
 */
export function enumAt(doc, sited) {
  if (!sited) return undefined;
  const strings = (/** @type {unknown} */ v) => (Array.isArray(v) ? v.filter((x) => typeof x === "string") : []);
  if (Array.isArray(sited.schema.enum)) return { values: strings(sited.schema.enum), site: sited.site };
  const members = [...(sited.schema.anyOf ?? []), ...(sited.schema.oneOf ?? [])].map((m) => derefAt(doc, m, []));
  const withEnum = members.filter((m) => Array.isArray(m.node?.enum));
  if (withEnum.length === 1 && members.every((m) => m === withEnum[0] || m.node?.type === "null")) {
    const m = withEnum[0];
    // A $ref member is defined at its component; an inline one has no type of its own.
    return { values: strings(m.node?.enum), site: m.site.length ? m.site : undefined };
  }
  return undefined;
}

const UNITS = /** @type {const} */ ({ KB: 1, MB: 2, GB: 3, TB: 4 });

/**
 * A size limit the spec states in words ("files up to 100 MB"), in bytes (powers of 1024, as
 * the providers mean them), with the sentence that says it. A sentence that names one of
 * `purposes` states that purpose's limit, not the upload's: it is passed over.
 * @param {string} text
 * @param {string[]} purposes
 */
export function statedLimit(text, purposes = []) {
  const LIMIT = /(?:up to|at most|maximum(?: size)? of|max(?:imum)?(?: size)?:?|not exceed|no (?:larger|bigger|more) than|limit(?:ed)? (?:of|to)|≤|<=)\s*(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB)\b/i;
  // Lines wrapped inside a sentence are joined; a blank line or a list item ends one.
  for (const sentence of text.replace(/\n(?![\n*-]|\s*\d+\.)/g, " ").split(/(?<=[.!?])\s+|\n+/)) {
    const m = LIMIT.exec(sentence);
    if (!m || purposes.some((p) => sentence.includes(p))) continue;
    const unit = /** @type {keyof typeof UNITS} */ (m[2].toUpperCase());
    return { maxBytes: Number(m[1]) * 1024 ** UNITS[unit], maxLabel: `${m[1]} ${unit}`, quote: sentence.replace(/\s+/g, " ").trim() };
  }
  return undefined;
}

/** A file name extension for a media type (the sample of a raw upload that takes no text). */
function extensionOf(/** @type {string | undefined} */ type) {
  const known = { "application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg", "application/json": ".json", "text/csv": ".csv", "text/html": ".html", "application/octet-stream": ".bin" };
  return (type && /** @type {Record<string, string>} */ (known)[type]) ?? ".bin";
}

/** Raw status values that say which state, by their words. */
const STATE_WORDS = {
  ready: /^(processed|ready|ok|success|succeeded|completed?|active|available|uploaded_and_processed)$/i,
  processing: /^(uploaded|processing|pending|queued|validating|in_progress|running|created|parsing)$/i,
  failed: /^(error|errored|failed|failure|cancell?ed|expired|invalid|rejected)$/i,
};

/**
 * The profile's data for the provider `name` from its spec.
 * @param {string} name
 * @param {OpenApiDocument} doc
 * @returns {ProfileData}
 */
export function profileData(name, doc) {
  const { ops, idValue } = filesOperations(doc);
  /** @type {string[]} */
  const notes = [];
  const fixed = fixedQuery(doc, Object.values(ops));
  const route = (/** @type {FoundOperation} */ o) => ({ method: o.method, path: o.path });
  /** @param {FoundOperation} o */
  const idOf = (o) => {
    const id = /** @type {NonNullable<FoundOperation["id"]>} */ (o.id);
    const resource = resourceOf(o);
    return { in: id.in, name: id.name, ...(resource ? { prefix: resource.prefix } : {}) };
  };
  /**
   * An id that is a resource name (the proto reader's `x-proto-field` on the path parameter):
   * the field that holds it, and the collection the path names before the parameter ("files/").
   * @param {FoundOperation | undefined} o
   */
  const resourceOf = (o) => {
    const name = o?.id?.in === "path" ? o.id.name : undefined;
    if (!o || !name) return undefined;
    const field = parametersOf(doc, o.path, o.method).find((p) => p.in === "path" && p.name === name)?.["x-proto-field"];
    const collection = new RegExp(`/([^/{}]+)/\\{${name.replace(/[^\w]/g, "")}\\}`).exec(o.path)?.[1];
    return typeof field === "string" && collection ? { field, prefix: `${collection}/` } : undefined;
  };

  // The file object: the list's items, else what retrieve answers (envelope unwrapped).
  const list = ops.list;
  const listAnswer = list?.answer ? propertiesOf(doc, list.answer.schema, list.answer.site) : {};
  const itemsKey = ["data", "files", "items", "results"].find((k) => listAnswer[k]?.schema.type === "array") ?? Object.keys(listAnswer).find((k) => listAnswer[k].schema.type === "array");
  const itemSchema = itemsKey ? derefAt(doc, listAnswer[itemsKey].schema.items, [...listAnswer[itemsKey].site, "items"]) : undefined;
  const idLike = (/** @type {Record<string, Sited>} */ props) => ["id", "file_id"].some((k) => props[k] !== undefined);
  /**
   * The key an answer holds the file under, when it does not hold it at its top.
   * @param {FoundOperation | undefined} o
   */
  const envelopeOf = (o) => {
    if (!o?.answer) return undefined;
    const props = propertiesOf(doc, o.answer.schema, o.answer.site);
    if (idLike(props)) return undefined;
    return Object.keys(props).find((k) => idLike(propertiesOf(doc, props[k].schema, props[k].site)));
  };
  const retrieveEnvelope = envelopeOf(ops.retrieve);
  const retrieveProps = ops.retrieve?.answer ? propertiesOf(doc, ops.retrieve.answer.schema, ops.retrieve.answer.site) : {};
  const fileProps = itemSchema?.node
    ? propertiesOf(doc, itemSchema.node, itemSchema.site)
    : retrieveEnvelope
      ? propertiesOf(doc, retrieveProps[retrieveEnvelope].schema, retrieveProps[retrieveEnvelope].site)
      : retrieveProps;

  // Files with no purpose: neither the file object nor the upload names one (then nothing is sent, nothing taken).
  const purposeless = !fileProps.purpose && !ops.upload?.body?.props.purpose;
  /** @type {FileFields} */
  const file = {
    id: firstOf(fileProps, ["id", "file_id", ...[resourceOf(ops.retrieve ?? ops.delete)?.field ?? []].flat()]) ?? "id",
    filename: firstOf(fileProps, ["filename", "file_name", "display_name", "displayName", "name"]) ?? "filename",
    bytes: firstOf(fileProps, ["bytes", "size", "size_bytes", "sizeBytes", "file_size"]) ?? "bytes",
    createdAt: firstOf(fileProps, ["created_at", "created", "createdAt", "create_time", "createTime"]) ?? "created_at",
    ...(purposeless ? {} : { purpose: firstOf(fileProps, ["purpose"]) ?? "purpose" }),
  };
  for (const [key, names] of /** @type {const} */ ([
    ["status", ["status", "state"]],
    ["statusDetails", ["status_details"]],
    ["expiresAt", ["expires_at", "expiresAt", "expiration_time", "expirationTime"]],
    ["downloadUrl", ["download_url"]],
    ["downloadable", ["downloadable"]],
    ["mimeType", ["mime_type", "mimeType"]],
  ])) {
    const found = firstOf(fileProps, [...names]);
    if (found) file[key] = found;
  }
  for (const k of /** @type {const} */ (["id", "filename", "bytes", "createdAt", "purpose"])) {
    const field = file[k];
    if (field !== undefined && !fileProps[field]) notes.push(`the file object has no ${field} field: set profile.file.${k} to the field that holds it`);
  }
  if (fileProps[file.createdAt]?.schema.type === "string") file.time = "rfc3339";
  if (purposeless) notes.push("neither the file object nor the upload has a purpose: the profile lists none (nothing is sent; a purpose given is refused)");
  const bytesSchema = fileProps[file.bytes]?.schema;
  if (bytesSchema && (bytesSchema.nullable === true || (Array.isArray(bytesSchema.type) && bytesSchema.type.includes("null")) || (bytesSchema.anyOf ?? []).some((m) => deref(doc, m)?.type === "null"))) file.bytesNullable = true;

  /** @type {Operations} */
  const operations = {};
  if (list) {
    if (!itemsKey) notes.push(`${list.method.toUpperCase()} ${list.path} answers no array of files: set operations.list.items`);
    /** @type {NonNullable<Operations["list"]>} */
    const l = { ...route(list), items: itemsKey ?? "data" };
    const paging = pagingOf(list, listAnswer);
    if (paging) l.paging = paging;
    if (list.query.purpose) l.purpose = list.query.purpose.required ? { name: "purpose", required: true } : { name: "purpose" };
    const params = queryParamsOf(doc, list, paging);
    for (const name of Object.keys(fixed)) delete params[name];
    if (Object.keys(params).length) l.query = params;
    operations.list = l;
  }
  /** Whether the upload takes a purpose: a body field, or a query parameter for a raw body. */
  let uploadTakesPurpose = false;
  if (ops.upload) {
    const b = /** @type {NonNullable<FoundOperation["body"]>} */ (ops.upload.body);
    /** @type {UploadBodyData} */
    let body;
    if (b.form === "multipart") body = { form: "multipart", fileField: b.fileField ?? "file" };
    else if (b.form === "json") {
      body = { form: "json", fileField: /** @type {string} */ (b.fileField) };
      const filename = firstOf(b.props, ["filename", "file_name", "name"]);
      if (filename) body.filenameField = filename;
      if (b.props.purpose) body.purposeField = "purpose";
    } else {
      // The file as the body: the spec's media types (core sends the file's own type where
      // listed), and the headers it requires, filled from the file.
      body = { form: "raw" };
      if (b.mediaTypes.length) body.mediaTypes = b.mediaTypes;
      if (b.nameHeader) body.nameHeader = "content-disposition";
      if (b.sizeRequired) body.sizeRequired = true;
      if (b.purposeQuery) body.purposeQuery = b.purposeQuery;
    }
    /** @type {NonNullable<Operations["upload"]>} */
    const u = { ...route(ops.upload), body };
    const envelope = envelopeOf(ops.upload);
    if (envelope) u.envelope = envelope;
    operations.upload = u;
    uploadTakesPurpose = b.form === "raw" ? b.purposeQuery !== undefined : b.props.purpose !== undefined;
    const others = b.required.filter((k) => k !== b.fileField && k !== "purpose" && !(b.form === "json" && k === (/** @type {{ filenameField?: string }} */ (body)).filenameField));
    if (others.length) notes.push(`the upload requires ${others.join(", ")} besides the file and its purpose: send them from profile.uploadFields`);
    if (!uploadTakesPurpose && !purposeless) notes.push("the upload takes no purpose (the spec has no purpose field or parameter): the client sends none; check the provider's documentation");
    if (b.form === "raw" && !b.nameHeader) notes.push("the raw upload names the file nowhere the spec says (no Content-Disposition header): check how the provider learns the file's name");
  }
  if (ops.retrieve) operations.retrieve = { ...route(ops.retrieve), id: idOf(ops.retrieve), ...(retrieveEnvelope ? { envelope: retrieveEnvelope } : {}) };
  if (ops.content) operations.content = { ...route(ops.content), id: idOf(ops.content) };
  /** @type {EnumSite | undefined} */
  let deletePurposes;
  if (ops.delete) {
    const answer = ops.delete.answer ? propertiesOf(doc, ops.delete.answer.schema, ops.delete.answer.site) : {};
    /** @type {{ id?: string, deleted?: string }} */
    const result = {};
    const idKey = firstOf(answer, [file.id, "id", "file_id"]);
    if (idKey) result.id = idKey;
    if (answer.deleted) result.deleted = "deleted";
    /** @type {NonNullable<Operations["delete"]>} */
    const d = { ...route(ops.delete), id: idOf(ops.delete), result };
    const body = deref(doc, ops.delete.op.requestBody);
    const json = Object.keys(body?.content ?? {}).find((t) => /json/.test(t));
    const bodyProps = json ? propertiesOf(doc, body?.content?.[json]?.schema, ["paths", ops.delete.path, ops.delete.method, "requestBody", "content", json]) : {};
    if (bodyProps.purpose) {
      d.purpose = { name: "purpose" };
      deletePurposes = enumAt(doc, bodyProps.purpose);
    }
    operations.delete = d;
  }

  // Purposes: the upload's enum; what a file may have: the list filter's enum, else the file
  // object's, else the upload's.
  const none = { values: [], site: undefined };
  const rawPurpose = ops.upload?.body?.form === "raw" && ops.upload.body.purposeQuery ? ops.upload.query[ops.upload.body.purposeQuery] : undefined;
  const uploadPurposes = enumAt(doc, rawPurpose ?? ops.upload?.body?.props.purpose) ?? none;
  const listPurposes = enumAt(doc, list?.query.purpose) ?? (file.purpose === undefined ? undefined : enumAt(doc, fileProps[file.purpose])) ?? uploadPurposes;
  if (ops.upload && uploadTakesPurpose && uploadPurposes.values.length === 0) notes.push("the spec lists no purposes for the upload: list them in profile.purposes.upload");

  // States, only where the spec lists the status values.
  /** @type {ProfileData["states"]} */
  let states;
  const statusValues = file.status ? enumAt(doc, fileProps[file.status])?.values : undefined;
  if (statusValues?.length) {
    states = { processing: [], ready: [], failed: [] };
    for (const v of statusValues) {
      const state = /** @type {const} */ (["ready", "processing", "failed"]).find((s) => STATE_WORDS[s].test(v));
      if (state) states[state].push(v);
      else notes.push(`status "${v}" has no state: add it to profile.states if it means one`);
    }
  } else if (file.status) notes.push(`the spec lists no values of ${file.status}: no states (add profile.states from the documentation)`);

  // A limit the upload's words state.
  const uploadWords = ops.upload ? [ops.upload.op.summary, ops.upload.op.description, ...(ops.upload.body ? Object.values(ops.upload.body.props).map((p) => p.schema.description) : [])].filter((s) => typeof s === "string").join("\n") : "";
  const limit = statedLimit(uploadWords, [...uploadPurposes.values, ...listPurposes.values]);
  if (ops.upload && !limit) notes.push("the spec states no size limit: set profile.limits from the documentation");

  const errors = errorsOf(doc, Object.values(ops));
  if (!errors.documented) notes.push("the spec documents no error body: the profile reads OpenAI's { error: { message, type, code } }; check it");

  const ids = /** @type {"string" | "int64"} */ ((ops.retrieve ?? ops.content ?? ops.delete)?.id?.schema.type === "integer" ? "int64" : "string");
  // The sample: a batch file where the provider takes one (JSONL, the form batch purposes
  // want), else the first purpose that is not a provider's own output, and a small text file.
  // No purpose where the upload takes none.
  const purpose = (uploadTakesPurpose || !ops.upload) && !purposeless ? (uploadPurposes.values.find((p) => /^batch$/.test(p)) ?? uploadPurposes.values.find((p) => !/output|result/.test(p)) ?? uploadPurposes.values[0] ?? "TODO") : undefined;
  const jsonl = purpose !== undefined && /batch|fine.?tun/.test(purpose);
  // A text file, in a type a raw upload's listed media types take.
  const rawTypes = ops.upload?.body?.form === "raw" ? ops.upload.body.mediaTypes : [];
  const textOk = !rawTypes.length || rawTypes.some((t) => t === "text/plain" || t === "*/*" || t === "text/*");
  const sample = jsonl
    ? { purpose, filename: "batch.jsonl", content: `${JSON.stringify({ custom_id: "r1", method: "POST", url: "/v1/chat/completions", body: { messages: [{ role: "user", content: "Hi" }] } })}\n` }
    : textOk
      ? { purpose, filename: "hello.txt", content: "Hello from llm-files.\n" }
      : { purpose, filename: `hello${extensionOf(rawTypes[0])}`, content: "Hello from llm-files.\n" };
  if (!textOk) notes.push(`the sample upload is text in a file named for ${rawTypes[0]}: give profile.sample a real file of that type`);
  const server = doc.servers?.find((s) => typeof s?.url === "string")?.url;
  if (!server) notes.push("the spec names no server: set profile.defaultBaseUrl");

  const auth = authOf(doc);
  const UP = name.toUpperCase();
  return {
    name,
    label: pascalName(name),
    package: `@llm-files/${name}`,
    env: { apiKey: `${UP}_API_KEY`, baseUrl: `${UP}_BASE_URL` },
    defaultBaseUrl: server,
    pathPrefix: pathPrefix(doc),
    ids,
    operations,
    purposes: { upload: uploadPurposes, list: listPurposes, ...(deletePurposes ? { delete: deletePurposes } : {}) },
    file,
    ...(states ? { states } : {}),
    ...(limit ? { limit } : {}),
    ...(auth ? { auth } : {}),
    ...(Object.keys(fixed).length ? { query: fixed } : {}),
    errors,
    sample,
    idValue,
    notes,
  };
}

/**
 * The list's other query parameters (not paging's, not the purpose), each as the check its
 * schema implies: an enum, a whole number within its bounds, a boolean, strings, a string.
 * @param {OpenApiDocument} doc
 * @param {FoundOperation} list
 * @param {Paging | undefined} paging
 * @returns {Record<string, QueryParam>}
 */
function queryParamsOf(doc, list, paging) {
  const taken = new Set(["purpose"]);
  if (paging?.style === "cursor") taken.add(paging.after).add(paging.limit);
  else if (paging?.style === "page") taken.add(paging.page).add(paging.size);
  else if (paging?.style === "token") taken.add(paging.token).add(paging.size);
  /** @type {Record<string, QueryParam>} */
  const out = {};
  for (const [name, q] of Object.entries(list.query)) {
    if (taken.has(name)) continue;
    const variants = [q.schema, ...(q.schema.anyOf ?? []), ...(q.schema.oneOf ?? [])].map((v) => deref(doc, v) ?? {}).filter((v) => v.type !== "null");
    const s = variants.find((v) => v.type !== undefined || v.enum !== undefined) ?? {};
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
    if (Array.isArray(s.enum) && s.enum.every((e) => typeof e === "string")) out[name] = { type: "enum", values: /** @type {string[]} */ (s.enum) };
    else if (type === "integer") {
      /** @type {QueryParam} */
      const p = { type: "integer" };
      if (typeof s.minimum === "number") p.min = s.minimum;
      if (typeof s.maximum === "number") p.max = s.maximum;
      out[name] = p;
    } else if (type === "boolean") out[name] = { type: "boolean" };
    else if (type === "array") out[name] = { type: "strings" };
    else if (type === "string") out[name] = { type: "string" };
  }
  return out;
}

/**
 * The list's paging style, from its query parameters and its answer's fields:
 * after/limit + has_more: a cursor; page/page_size (+ total): numbered pages; a page token
 * handed back as next_page_token (or the like): a token. Undefined: the list is one request.
 * @param {FoundOperation} list
 * @param {Record<string, Sited>} answer
 * @returns {Paging | undefined}
 */
function pagingOf(list, answer) {
  const q = list.query;
  const int = (/** @type {unknown} */ v) => (typeof v === "number" && Number.isInteger(v) ? v : undefined);
  const after = firstOf(q, ["after", "after_id"]);
  if (after && q.limit && answer.has_more) {
    /** @type {Paging} */
    const p = { style: "cursor", after, limit: "limit", hasMore: "has_more" };
    if (answer.last_id) p.lastId = "last_id";
    const max = int(q.limit.schema.maximum);
    if (max !== undefined) p.maxLimit = max;
    return p;
  }
  const size = firstOf(q, ["page_size", "per_page", "pageSize", "size", "limit"]);
  if (q.page && size) {
    const total = firstOf(answer, ["total", "total_count", "totalCount"]);
    const first = int(q.page.schema.minimum) ?? int(q.page.schema.default) ?? 1;
    const defaultSize = int(q[size].schema.default) ?? int(q[size].schema.maximum) ?? 20;
    return { style: "page", page: "page", size, ...(total ? { total } : {}), first, defaultSize };
  }
  const token = firstOf(q, ["page_token", "pageToken", "next_token", "cursor", "token"]);
  const next = firstOf(answer, ["next_page_token", "nextPageToken", "next_token", "next_cursor", "next"]);
  if (token && next) {
    const tokenSize = firstOf(q, ["page_size", "pageSize", "max_results", "limit"]);
    if (tokenSize) {
      /** @type {Paging} */
      const p = { style: "token", token, size: tokenSize, next };
      const max = int(q[tokenSize].schema.maximum);
      if (max !== undefined) p.maxSize = max;
      return p;
    }
  }
  return undefined;
}

/**
 * Where the provider's error bodies keep the message, code and type: the documented 4xx/5xx
 * JSON bodies' fields, else OpenAI's `{ error: { message, type, code } }`.
 * @param {OpenApiDocument} doc
 * @param {(FoundOperation | undefined)[]} ops
 */
function errorsOf(doc, ops) {
  /** @type {Set<string>} */
  const fields = new Set();
  for (const o of ops) {
    if (!o) continue;
    for (const [status, res] of Object.entries(o.op.responses ?? {})) {
      if (!/^[45]/.test(status)) continue;
      const content = deref(doc, res)?.content;
      const json = isRecord(content) ? Object.keys(content).find((t) => /json/.test(t)) : undefined;
      if (!json || !isRecord(content)) continue;
      const props = propertiesOf(doc, content[json]?.schema, []);
      for (const [k, v] of Object.entries(props)) {
        fields.add(k);
        for (const inner of Object.keys(propertiesOf(doc, v.schema, []))) fields.add(`${k}.${inner}`);
      }
    }
  }
  const pick = (/** @type {string[]} */ candidates, /** @type {string[]} */ fallback) => {
    const found = candidates.filter((c) => fields.has(c));
    return found.length ? found : fallback;
  };
  return {
    message: pick(["error.message", "message", "error.detail", "detail", "msg"], ["error.message"]),
    code: pick(["error.code", "code", "error.type", "type"], ["error.code", "error.type"]),
    type: pick(["error.type", "type"], ["error.type"]),
    documented: fields.size > 0,
  };
}

/**
 * Query parameters every Files operation takes, none required, each with a default (an API
 * version "`v1` if not otherwise specified"): the profile sends them on every request.
 * @param {OpenApiDocument} doc
 * @param {FoundOperation[]} found
 * @returns {Record<string, string>}
 */
function fixedQuery(doc, found) {
  if (found.length < 2) return {};
  /** @type {Record<string, string>} */
  const out = {};
  const first = found[0];
  for (const p of parametersOf(doc, first.path, first.method)) {
    if (p.in !== "query" || typeof p.name !== "string" || p.required) continue;
    const value = p.schema?.default ?? deref(doc, p.schema)?.default;
    if (typeof value !== "string") continue;
    const everywhere = found.every((o) => parametersOf(doc, o.path, o.method).some((q) => q.in === "query" && q.name === p.name && !q.required && (q.schema?.default ?? deref(doc, q.schema)?.default) === value));
    if (everywhere) out[p.name] = value;
  }
  return out;
}

/**
 * Where the key goes, from the security schemes: an API key in a header (its name), and where a
 * bearer token goes for a provider that also takes OAuth 2 or bearer tokens. Undefined: the
 * default, `authorization: Bearer <key>`.
 * @param {OpenApiDocument} doc
 */
function authOf(doc) {
  const schemes = Object.values(isRecord(doc.components?.securitySchemes) ? doc.components.securitySchemes : {}).map((s) => deref(doc, s) ?? {});
  const key = schemes.find((s) => s.type === "apiKey" && s.in === "header" && typeof s.name === "string" && s.name.toLowerCase() !== "authorization");
  if (!key) return undefined;
  const bearer = schemes.some((s) => s.type === "oauth2" || s.type === "openIdConnect" || (s.type === "http" && /^bearer$/i.test(String(s.scheme))));
  return { header: /** @type {string} */ (key.name), ...(bearer ? { token: { header: "authorization", prefix: "Bearer " } } : {}) };
}
