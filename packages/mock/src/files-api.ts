// The profile's five Files operations, with the semantics its data gives them: the list's
// pages (cursor, numbered or token), order and filters; uploads checked against the spec's
// form (purposes, fields, limits) with their expiry; retrieve, content and delete by the id
// where the profile says it goes. Nothing here names a provider.
import type { IncomingMessage } from "node:http";
import type { Answer, Handler, Incoming } from "./answer.js";
import type { MockClock } from "./clock.js";
import { MockError } from "./errors.js";
import { Int64, parseJson } from "./json.js";
import { groupName, withoutZeroValues, type Model, type SpecRoute } from "./model.js";
import { BadBody, nestFields, readBytes, readMultipart, type FilePart } from "./multipart.js";
import { deref, jsonMediaOf, parametersOf, sample, typeOf, variantOf, type Parameter } from "./spec.js";
import type { FileStore, NewFile, StoredFile } from "./store.js";
import { bodySchema } from "./checks.js";

export interface Context {
  model: Model;
  store: FileStore;
  clock: MockClock;
  storeContent: boolean;
  maxUploadBytes: number;
  /** The mock's base URL as its clients reach it (scheme, host, port): the API's own URLs it hands out. */
  baseUrl(): string;
  /** The mock's own origin: a signed URL's (a storage service's, not the API's). */
  storageUrl(): string;
  /** Where a file's bytes are served (its content operation's URL). */
  contentUrl(file: StoredFile): string;
}

/** A 200 answer's body to fill in: the operation's documented example, else one built from its schema; with the in-body status set to success. */
export function okBody(ctx: Context, route: SpecRoute): Record<string, unknown> {
  const media = jsonMediaOf(ctx.model.doc, route.op.responses?.["200"]);
  let body = (media?.example ?? (media?.schema ? sample(ctx.model.doc, media.schema) : {})) as Record<string, unknown>;
  // proto3's JSON leaves out fields at their zero value: a body sampled from the schema has none of them.
  if (!media?.example && ctx.model.profile.file.omitsZeroValues && body && typeof body === "object") body = withoutZeroValues(ctx.model.doc, media?.schema, body);
  const inBody = ctx.model.profile.inBodyErrors;
  if (inBody) body[inBody.at] = { [inBody.code]: inBody.ok[0], [inBody.message]: "success" };
  return body && typeof body === "object" ? body : {};
}

/** The answer holding one file: the file itself, or under the route's envelope. */
export function fileAnswer(ctx: Context, route: SpecRoute, file: StoredFile, envelope: string | undefined): Answer {
  const media = jsonMediaOf(ctx.model.doc, route.op.responses?.["200"]);
  if (!envelope) return { status: 200, json: ctx.store.render(file, media?.schema, ctx.contentUrl) };
  const body = okBody(ctx, route);
  const inner = media?.schema?.properties?.[envelope];
  body[envelope] = ctx.store.render(file, inner ? variantOf(ctx.model.doc, inner) : undefined, ctx.contentUrl);
  return { status: 200, json: body };
}

/** A JSON request body (int64 ids kept exact); {} when there is none. */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const { bytes, overLimit } = await readBytes(req, 1024 * 1024);
  if (overLimit) throw new MockError(413, "the JSON body is larger than 1 MiB");
  const text = Buffer.from(bytes).toString("utf8");
  if (text.trim() === "") return {};
  try {
    const v = parseJson(text);
    if (!v || typeof v !== "object" || Array.isArray(v)) throw new Error("not an object");
    return v as Record<string, unknown>;
  } catch {
    throw new MockError(400, "the body is not a JSON object");
  }
}

/** A query parameter's values (a repeated or comma-separated list where the schema is an array). */
function queryValue(ctx: Context, p: Parameter, q: URLSearchParams): unknown {
  const schema = p.schema ? variantOf(ctx.model.doc, p.schema) : undefined;
  if (schema && typeOf(schema) === "array") {
    const all = q.getAll(p.name).flatMap((v) => v.split(",")).filter((v) => v !== "");
    return all.length ? all : undefined;
  }
  const v = q.get(p.name);
  return v === null || v === "" ? undefined : v;
}

/** The list's query, checked against the spec's parameters (coerced: "2" → 2). */
function readQuery(ctx: Context, route: SpecRoute, q: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of parametersOf(ctx.model.doc, route.op)) {
    if (p.in !== "query") continue;
    const raw = queryValue(ctx, p, q);
    if (raw === undefined) {
      if (p.required) throw new MockError(400, `${p.name} is required`);
      continue;
    }
    if (!p.schema) {
      out[p.name] = raw;
      continue;
    }
    const { value, error } = ctx.model.checks.check(p.schema, raw, p.name);
    if (error) throw new MockError(400, error);
    out[p.name] = value;
  }
  return out;
}

const byAge = (a: { createdMs: number; seq: number }, b: { createdMs: number; seq: number }) => a.createdMs - b.createdMs || a.seq - b.seq;

function specDefault(ctx: Context, route: SpecRoute, name: string): unknown {
  const p = parametersOf(ctx.model.doc, route.op).find((x) => x.name === name && x.in === "query");
  return p?.schema ? deref(ctx.model.doc, p.schema).default : undefined;
}

export function listHandler(ctx: Context, route: SpecRoute): Handler<Record<string, unknown>> {
  const { profile } = ctx.model;
  const list = profile.operations.list!;
  const paging = list.paging;
  const f = profile.file;
  const params = parametersOf(ctx.model.doc, route.op).filter((p) => p.in === "query");
  const names = new Set(params.map((p) => p.name));
  const pagingNames = new Set(paging ? (paging.style === "cursor" ? [paging.after, paging.limit, paging.after.replace("after", "before")] : paging.style === "page" ? [paging.page, paging.size] : [paging.token, paging.size]) : []);
  const includeTotal = paging?.style === "page" && paging.total ? `include_${paging.total}` : undefined;
  const orderParam = params.find((p) => p.name === "order" && p.schema && deref(ctx.model.doc, p.schema).enum?.includes("asc"));
  /** Query parameters that filter by a file field (the field's name, or its plural for a list of values). */
  const filters = params
    .map((p) => p.name)
    .filter((n) => n !== list.purpose?.name && !pagingNames.has(n) && n !== orderParam?.name && n !== includeTotal)
    .map((n) => ({ param: n, field: ctx.model.fileProps.has(n) ? n : n.endsWith("s") && ctx.model.fileProps.has(n.slice(0, -1)) ? n.slice(0, -1) : n === "search" ? f.filename : undefined, search: n === "search" }))
    .filter((x) => x.field !== undefined) as { param: string; field: string; search: boolean }[];

  return {
    async read({ req, url }) {
      req.resume();
      const query = readQuery(ctx, route, url.searchParams);
      const purpose = list.purpose ? query[list.purpose.name] : undefined;
      if (list.purpose?.required && purpose === undefined) throw new MockError(400, `${list.purpose.name} is required`);
      if (purpose !== undefined && !profile.purposes.list.includes(String(purpose))) throw new MockError(400, `${list.purpose!.name} must be one of ${profile.purposes.list.join(", ")}, got ${String(purpose)}`);
      return query;
    },
    apply(query) {
      let files = ctx.store.all();
      const purpose = list.purpose ? query[list.purpose.name] : undefined;
      if (purpose !== undefined && f.purpose !== undefined) files = files.filter((file) => file.fields[f.purpose!] === purpose);
      for (const x of filters) {
        const want = query[x.param];
        if (want === undefined || want === null) continue;
        if (x.search) files = files.filter((file) => String(file.fields[x.field] ?? "").toLowerCase().includes(String(want).toLowerCase()));
        else if (Array.isArray(want)) files = files.filter((file) => want.includes(file.fields[x.field]));
        else files = files.filter((file) => file.fields[x.field] === want);
      }
      // Newest first unless the list takes an order and asks for the oldest first.
      const order = orderParam ? (query[orderParam.name] ?? specDefault(ctx, route, orderParam.name) ?? "desc") : "desc";
      files.sort(byAge);
      if (order !== "asc") files.reverse();
      const before = (a: { createdMs: number; seq: number }, b: { createdMs: number; seq: number }) => (order === "asc" ? byAge(a, b) < 0 : byAge(a, b) > 0);

      const body = okBody(ctx, route);
      let page = files;
      const media = jsonMediaOf(ctx.model.doc, route.op.responses?.["200"]);
      const props = media?.schema?.properties ?? {};
      if (paging?.style === "cursor") {
        const limit = Number(query[paging.limit] ?? specDefault(ctx, route, paging.limit) ?? 20);
        const max = paging.maxLimit ?? Infinity;
        if (!Number.isInteger(limit) || limit < 1 || limit > max) throw new MockError(400, `${paging.limit} must be from 1 to ${max}, got ${String(query[paging.limit])}`);
        const at = (name: string) => {
          const id = query[name];
          if (id === undefined) return undefined;
          const pos = ctx.store.position(String(id));
          if (!pos) throw new MockError(400, `${name}: no file ${String(id)} to page from`);
          return pos;
        };
        const after = at(paging.after);
        const beforeName = paging.after.replace("after", "before");
        const beforePos = names.has(beforeName) && beforeName !== paging.after ? at(beforeName) : undefined;
        let start = after ? files.findIndex((file) => before(after, file)) : 0;
        if (start < 0) start = files.length;
        let end = beforePos ? files.findIndex((file) => !before(file, beforePos)) : files.length;
        if (end < 0) end = files.length;
        // Before a cursor: the `limit` files closest to it.
        if (beforePos && !after) start = Math.max(start, end - limit);
        page = files.slice(start, Math.min(end, start + limit));
        body[paging.hasMore] = beforePos && !after ? start > 0 : start + page.length < end;
        const lastName = paging.lastId ?? "last_id";
        const firstName = lastName.replace("last", "first");
        const ids = page.map((file) => (ctx.model.profile.ids === "int64" ? new Int64(file.id) : file.id));
        if (lastName in props || paging.lastId) body[lastName] = ids.at(-1) ?? null;
        if (firstName in props) body[firstName] = ids[0] ?? null;
      } else if (paging?.style === "page") {
        const size = Number(query[paging.size] ?? paging.defaultSize);
        const number = Number(query[paging.page] ?? paging.first);
        if (!Number.isInteger(size) || size < 1) throw new MockError(400, `${paging.size} must be a whole number >= 1, got ${String(query[paging.size])}`);
        if (!Number.isInteger(number) || number < paging.first) throw new MockError(400, `${paging.page} must be a whole number >= ${paging.first}, got ${String(query[paging.page])}`);
        const start = (number - paging.first) * size;
        page = files.slice(start, start + size);
        if (paging.total) body[paging.total] = includeTotal && query[includeTotal] === false ? null : files.length;
      } else if (paging?.style === "token") {
        const size = Number(query[paging.size] ?? specDefault(ctx, route, paging.size) ?? 50);
        const max = paging.maxSize ?? Infinity;
        if (!Number.isInteger(size) || size < 1) throw new MockError(400, `${paging.size} must be a whole number >= 1, got ${String(query[paging.size])}`);
        const token = query[paging.token];
        let start = 0;
        if (token !== undefined) {
          const pos = decodeToken(String(token));
          if (!pos) throw new MockError(400, `${paging.token} is not a page token this server gave`);
          start = files.findIndex((file) => before(pos, file));
          if (start < 0) start = files.length;
        }
        page = files.slice(start, start + Math.min(size, max));
        const last = page.at(-1);
        if (last && start + page.length < files.length) body[paging.next] = encodeToken(last);
        else delete body[paging.next];
      } else {
        // One request holds every file: what paging fields the answer has say so.
        if ("has_more" in body) body.has_more = false;
      }
      const itemsSchema = props[list.items] ? variantOf(ctx.model.doc, props[list.items]!) : undefined;
      const item = itemsSchema?.items ? variantOf(ctx.model.doc, itemsSchema.items) : undefined;
      body[list.items] = page.map((file) => ctx.store.render(file, item, ctx.contentUrl));
      return { status: 200, json: body };
    },
  };
}

const encodeToken = (file: { createdMs: number; seq: number }): string => Buffer.from(JSON.stringify([file.createdMs, file.seq])).toString("base64url");
function decodeToken(token: string): { createdMs: number; seq: number } | undefined {
  try {
    const [createdMs, seq] = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown[];
    return typeof createdMs === "number" && typeof seq === "number" ? { createdMs, seq } : undefined;
  } catch {
    return undefined;
  }
}

/** The smallest limit on a file the mock takes: what it keeps in memory, and the provider's own. */
export function uploadLimit(ctx: Context, purpose?: string): { bytes: number; why: string } {
  const { limits } = ctx.model.profile;
  const candidates: { bytes: number; why: string }[] = [];
  if (ctx.storeContent) candidates.push({ bytes: ctx.maxUploadBytes, why: `larger than this mock keeps (maxUploadBytes ${ctx.maxUploadBytes})` });
  if (limits.maxBytes !== undefined) candidates.push({ bytes: limits.maxBytes, why: `larger than ${ctx.model.profile.label} takes (${limits.maxLabel ?? `${limits.maxBytes} bytes`})` });
  const byPurpose = purpose !== undefined ? limits.byPurpose?.[purpose] : undefined;
  if (byPurpose) candidates.push({ bytes: byPurpose.maxBytes, why: `larger than ${ctx.model.profile.label} takes for ${purpose} (${byPurpose.maxLabel})` });
  return candidates.reduce((a, b) => (b.bytes < a.bytes ? b : a), { bytes: Infinity, why: "" });
}

export function uploadHandler(ctx: Context, route: SpecRoute): Handler<NewFile> {
  const { profile, doc, checks } = ctx.model;
  const up = profile.operations.upload!;
  const fileField = up.body.form === "multipart" ? up.body.fileField : "file";
  return {
    async read(incoming) {
      const { req } = incoming;
      const limit = uploadLimit(ctx);
      let part: FilePart | undefined;
      let fields: Record<string, unknown> = {};
      if (up.body.form === "raw") {
        const { bytes, size, overLimit } = await readBytes(req, Number.isFinite(limit.bytes) ? limit.bytes : Number.MAX_SAFE_INTEGER);
        const name = /filename="?([^";]+)"?/.exec(String(req.headers["content-disposition"] ?? ""))?.[1] ?? "file";
        part = { name: "file", filename: decodeURIComponent(name), mimeType: String(req.headers["content-type"] ?? "application/octet-stream"), bytes: size, content: ctx.storeContent ? bytes : undefined, head: bytes.subarray(0, 16), overLimit };
        incoming.parts = [part];
        fields = Object.fromEntries(incoming.url.searchParams);
      } else {
        if (!/^multipart\/form-data/i.test(String(req.headers["content-type"] ?? ""))) {
          req.resume();
          throw new MockError(400, `the body must be multipart/form-data, got ${String(req.headers["content-type"] ?? "none")}`);
        }
        let form;
        try {
          form = await readMultipart(req, { keep: ctx.storeContent, limit: Number.isFinite(limit.bytes) ? limit.bytes : Number.MAX_SAFE_INTEGER });
        } catch (err) {
          if (err instanceof BadBody) throw new MockError(400, err.message);
          throw err;
        }
        incoming.parts = form.files;
        part = form.files.find((p) => p.name === fileField);
        if (!part) throw new MockError(400, `the ${fileField} part (a file) is missing`);
        fields = nestFields(form.fields);
        const schema = bodySchema(doc, route.op, "multipart");
        if (schema) {
          const { value, error } = checks.check(schema, { ...fields, [fileField]: "(file)" });
          if (error) throw new MockError(400, error);
          fields = value as Record<string, unknown>;
          delete fields[fileField];
        }
      }
      if (part.overLimit) throw new MockError(413, `the upload of ${part.bytes} bytes is ${limit.why}`);
      const purposeField = up.body.form === "multipart" ? (up.body.purposeField ?? "purpose") : "purpose";
      const purpose = fields[purposeField] === undefined ? undefined : String(fields[purposeField]);
      if (purpose !== undefined && profile.purposes.upload.length && !profile.purposes.upload.includes(purpose)) throw new MockError(400, `${purposeField} must be one of ${profile.purposes.upload.join(", ")}, got ${purpose}`);
      const byPurpose = uploadLimit(ctx, purpose);
      if (part.bytes > byPurpose.bytes) throw new MockError(413, `the upload of ${part.bytes} bytes is ${byPurpose.why}`);
      let expiresInSeconds: number | undefined;
      const ef = ctx.model.expiryField;
      if (ef) {
        let v: unknown = fields;
        for (const k of ef.path) v = v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined;
        if (v !== undefined && v !== null && v !== "") {
          const n = Number(v);
          if (!Number.isFinite(n) || n <= 0) throw new MockError(400, `${ef.path.join(".")} must be a positive number, got ${String(v)}`);
          expiresInSeconds = n * ef.unitSeconds;
        }
      }
      const extra: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(fields)) if (k !== purposeField && ctx.model.fileProps.has(k) && (typeof v !== "object" || v === null)) extra[k] = v;
      return { filename: part.filename, purpose, bytes: part.bytes, content: part.content, mimeType: part.mimeType, extra, expiresInSeconds };
    },
    apply(input) {
      return fileAnswer(ctx, route, ctx.store.create(input), up.envelope);
    },
  };
}

interface ById {
  id: string;
  purpose?: string;
}

/** Reads the file id where the profile's route takes it (a path or query parameter, or a JSON body field). */
async function readId(ctx: Context, incoming: Incoming, op: "retrieve" | "content" | "delete"): Promise<ById> {
  const { profile } = ctx.model;
  const r = profile.operations[op]!;
  const { req, url, params } = incoming;
  let body: Record<string, unknown> = {};
  if (r.id.in === "body" || (op === "delete" && profile.operations.delete?.purpose)) body = await readJsonBody(req);
  else req.resume();
  const raw = r.id.in === "path" ? params[groupName(r.id.name)] : r.id.in === "query" ? (url.searchParams.get(r.id.name) ?? undefined) : body[r.id.name];
  if (raw === undefined || raw === null || raw === "") throw new MockError(400, `${r.id.name} is required`);
  // A resource name's path takes the part after its collection ("files/abc" as /files/abc): the id is the whole name.
  const id = (r.id.prefix ?? "") + String(raw);
  if (profile.ids === "int64" && !/^\d+$/.test(id)) throw new MockError(400, `${r.id.name} must be an integer, got ${id}`);
  const purposeName = op === "delete" ? profile.operations.delete?.purpose?.name : undefined;
  if (!purposeName) return { id };
  const purpose = body[purposeName];
  if (purpose === undefined || purpose === null || purpose === "") throw new MockError(400, `${purposeName} is required`);
  const allowed = profile.purposes.delete ?? profile.purposes.list;
  if (!allowed.includes(String(purpose))) throw new MockError(400, `${purposeName} must be one of ${allowed.join(", ")}, got ${String(purpose)}`);
  return { id, purpose: String(purpose) };
}

/** The file an operation names, or a 404 naming its id. A delete naming another purpose than the file's does not find it. */
function fileFor(ctx: Context, input: ById): StoredFile {
  const file = ctx.store.get(input.id);
  const field = ctx.model.profile.file.purpose;
  if (!file || (input.purpose !== undefined && field !== undefined && file.fields[field] !== input.purpose)) throw new MockError(404, `file ${input.id} not found`);
  return file;
}

export function retrieveHandler(ctx: Context, route: SpecRoute): Handler<ById> {
  return {
    read: (incoming) => readId(ctx, incoming, "retrieve"),
    apply: (input) => fileAnswer(ctx, route, fileFor(ctx, input), ctx.model.profile.operations.retrieve?.envelope),
  };
}

export function contentHandler(ctx: Context): Handler<ById> {
  return {
    read: (incoming) => readId(ctx, incoming, "content"),
    apply(input) {
      const file = fileFor(ctx, input);
      // A file whose metadata says its content cannot be had (Anthropic's uploads: downloadable false) is refused.
      const downloadable = ctx.model.profile.file.downloadable;
      if (downloadable && file.fields[downloadable] === false) throw new MockError(400, `file ${file.id} cannot be downloaded (its ${downloadable} is false): only files the API made can be`);
      if (!file.content) throw new MockError(410, `the mock did not keep the bytes of file ${file.id} (storeContent: false)`);
      return { status: 200, bytes: file.content, contentType: ctx.model.contentType };
    },
  };
}

export function deleteHandler(ctx: Context, route: SpecRoute): Handler<ById> {
  const { profile } = ctx.model;
  const result = profile.operations.delete!.result;
  return {
    read: (incoming) => readId(ctx, incoming, "delete"),
    apply(input) {
      const file = fileFor(ctx, input);
      ctx.store.delete(file.id);
      const body = okBody(ctx, route);
      // A delete whose answer says nothing (google.protobuf.Empty: its result names no field) answers `{}`.
      if (result.id !== undefined) body[result.id] = profile.ids === "int64" ? new Int64(file.id) : file.id;
      if (result.deleted) body[result.deleted] = true;
      return { status: 200, json: body };
    },
  };
}

