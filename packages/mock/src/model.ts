// What the mock knows of one provider: its profile (the semantics: routes, paging, purposes,
// ids, states, expiry, errors) and its OpenAPI document (the shapes: every operation, the file
// object, the examples answers start from). Built once per mock; a spec that lacks an
// operation its profile names fails loudly, naming it.
import type { OperationName, Profile } from "@llm-files/core/profile";
import { checker, type Checker } from "./checks.js";
import { nestFields } from "./multipart.js";
import { deref, jsonMediaOf, METHODS, sample, typeOf, variantOf, type OpenApiDoc, type Operation, type Schema } from "./spec.js";

export const FILE_OPERATIONS: readonly OperationName[] = ["list", "upload", "retrieve", "content", "delete"];

/** One operation of the spec, as the mock serves it. */
export interface SpecRoute {
  /** The profile's operation name for the five Files operations, else the spec's operationId (else "METHOD path"). */
  name: string;
  operationId?: string;
  method: string;
  path: string;
  pattern: RegExp;
  op: Operation;
}

export interface Model {
  name: string;
  profile: Profile;
  doc: OpenApiDoc;
  checks: Checker;
  routes: SpecRoute[];
  /** The profile's operation names → their routes. */
  files: Partial<Record<OperationName, SpecRoute>>;
  /** Every property a file object has in any answer (what an upload field may set). */
  fileProps: Set<string>;
  /** The file schema of each answer that holds one file (by operation name). */
  fileSchema: Schema;
  idFormat?: string;
  idPrefix: string;
  /** The fields of a new file that the mock does not track: the upload answer's example. */
  template: Record<string, unknown>;
  seeds: Record<string, unknown>[];
  seedContent: Uint8Array;
  /** Where an upload asks for expiry (a path into the nested form fields) and its unit. */
  expiryField?: { path: string[]; unitSeconds: number };
  contentType: string;
}

const built = new WeakMap<OpenApiDoc, WeakMap<Profile, Model>>();

/** The model of a provider, built once per (profile, document) and shared by its mocks: it holds no state of a mock. */
export function modelOf(profile: Profile, doc: OpenApiDoc): Model {
  let byProfile = built.get(doc);
  if (!byProfile) built.set(doc, (byProfile = new WeakMap()));
  let model = byProfile.get(profile);
  if (!model) byProfile.set(profile, (model = buildModel(profile, doc)));
  return model;
}

function buildModel(profile: Profile, doc: OpenApiDoc): Model {
  const name = profile.name;
  const routes: SpecRoute[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method] as Operation | undefined;
      if (!op || typeof op !== "object") continue;
      routes.push({ name: op.operationId ?? `${method.toUpperCase()} ${path}`, operationId: op.operationId, method: method.toUpperCase(), path, pattern: templatePattern(path), op });
    }
  }
  // Literal paths before templates (/v1/files/list before /v1/files/{file_id}), and of two with as
  // many parameters the longer literal first (/v1/files/{id}:download before /v1/files/{id}).
  const literal = (path: string) => path.replace(/\{[^}]*\}/g, "").length;
  routes.sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0) || literal(b.path) - literal(a.path));
  const files: Model["files"] = {};
  for (const op of FILE_OPERATIONS) {
    const r = profile.operations[op];
    if (!r) continue;
    const route = routes.find((x) => x.method === r.method.toUpperCase() && x.path === r.path);
    if (!route) throw new Error(`@llm-files/mock: the ${name} spec has no ${r.method.toUpperCase()} ${r.path} (the profile's ${op} operation)`);
    route.name = op;
    files[op] = route;
  }
  if (!files.upload) throw new Error(`@llm-files/mock: the ${name} profile has no upload operation: the mock has no way to hold a file`);

  const answerFile = (op: OperationName, envelope?: string): { schema?: Schema; example?: unknown } => {
    const media = jsonMediaOf(doc, files[op]?.op.responses?.["200"]);
    if (!media?.schema) return {};
    if (!envelope) return media;
    const inner = media.schema.properties?.[envelope];
    const example = media.example && typeof media.example === "object" ? (media.example as Record<string, unknown>)[envelope] : undefined;
    return { schema: inner ? variantOf(doc, inner) : undefined, example };
  };
  const uploaded = answerFile("upload", profile.operations.upload?.envelope);
  const retrieved = answerFile("retrieve", profile.operations.retrieve?.envelope);
  const listItems = listItemSchema(doc, files.list, profile.operations.list?.items);
  const fileSchema = retrieved.schema ?? uploaded.schema ?? listItems;
  if (!fileSchema) throw new Error(`@llm-files/mock: no file object in the ${name} spec's upload or retrieve answer`);
  const fileProps = new Set<string>();
  for (const s of [uploaded.schema, retrieved.schema, listItems]) for (const k of Object.keys(s?.properties ?? {})) fileProps.add(k);

  const idSchema = deref(doc, fileSchema.properties?.[profile.file.id] ?? {});
  // Ids that are resource names carry their collection ("files/"): the profile says which.
  const namePrefix = profile.operations.retrieve?.id.prefix ?? profile.operations.delete?.id.prefix ?? profile.operations.content?.id.prefix;
  const seeds = seedsOf(doc, profile, files, fileSchema, namePrefix).map((s) => (profile.file.omitsZeroValues ? withoutZeroValues(doc, fileSchema, s) : s));
  const exampleId = String(seeds.find((s) => s[profile.file.id] !== undefined)?.[profile.file.id] ?? "file-");
  const keep = (o: unknown): Record<string, unknown> => (o && typeof o === "object" ? Object.fromEntries(Object.entries(o).filter(([k]) => fileProps.has(k))) : {});
  const template = keep(uploaded.example ?? retrieved.example ?? seeds[0] ?? requiredSample(doc, fileSchema));
  // proto3's JSON leaves out fields at their zero value: a template sampled from the schema has none of them.
  if (profile.file.omitsZeroValues) for (const k of Object.keys(template)) if (!(k in withoutZeroValues(doc, fileSchema, { [k]: template[k] }))) delete template[k];

  const content = files.content ? Object.entries(deref(doc, files.content.op.responses?.["200"] ?? {}).content ?? {})[0] : undefined;
  const contentExample = typeof content?.[1].example === "string" ? content[1].example : undefined;
  return {
    name,
    profile,
    doc,
    checks: checker(doc),
    routes,
    files,
    fileProps,
    fileSchema,
    idFormat: idSchema.format,
    idPrefix: namePrefix ?? /^[a-z]+[_/-]/i.exec(exampleId)?.[0] ?? "",
    template,
    seeds,
    // The seeded files' bytes: the spec's content example, else the profile's sample upload.
    seedContent: new TextEncoder().encode(contentExample ?? profile.sample.content),
    expiryField: expiryFieldOf(profile),
    contentType: content?.[0] ?? "application/octet-stream",
  };
}

function listItemSchema(doc: OpenApiDoc, list: SpecRoute | undefined, items: string | undefined): Schema | undefined {
  const media = jsonMediaOf(doc, list?.op.responses?.["200"]);
  const arr = items ? media?.schema?.properties?.[items] : undefined;
  const s = arr ? variantOf(doc, arr) : undefined;
  return s?.items ? variantOf(doc, s.items) : undefined;
}

/** The files the mock starts with: the list answer's example files, else the file object's example, else one sampled. */
function seedsOf(doc: OpenApiDoc, profile: Profile, files: Model["files"], fileSchema: Schema, namePrefix: string | undefined): Record<string, unknown>[] {
  const idField = profile.file.id;
  const media = jsonMediaOf(doc, files.list?.op.responses?.["200"]);
  const items = profile.operations.list?.items;
  const listed = media?.example && items ? (media.example as Record<string, unknown>)[items] : undefined;
  if (Array.isArray(listed) && listed.length && listed.every((f) => f && typeof f === "object" && idField in f)) return listed as Record<string, unknown>[];
  const one = (fileSchema.example ?? (Array.isArray(fileSchema.examples) ? fileSchema.examples[0] : undefined)) as Record<string, unknown> | undefined;
  if (one && typeof one === "object" && idField in one) return [structuredClone(one)];
  const made = sample(doc, fileSchema) as Record<string, unknown>;
  if (!made[idField]) {
    const id = deref(doc, fileSchema.properties?.[idField] ?? {});
    made[idField] = typeOf(id) === "integer" ? 1 : id.format === "uuid" ? "00000000-0000-4000-8000-000000000001" : `${namePrefix ?? ""}file-example`;
  }
  return [made];
}

/** The file object's required properties with a sample value each (enum: its first value). */
function requiredSample(doc: OpenApiDoc, schema: Schema): Record<string, unknown> {
  const all = sample(doc, schema) as Record<string, unknown>;
  return Object.fromEntries((schema.required ?? []).filter((k) => k in all).map((k) => [k, all[k]]));
}

/**
 * Where an upload carries its expiry, read off the profile alone: its upload fields for two
 * expiries (`uploadFields(expiry.params(s))`) differ in one field, and how much tells the unit
 * (OpenAI's `expires_after[seconds]`: seconds; Mistral's `expiry`: hours).
 */
export function expiryFieldOf(profile: Profile): Model["expiryField"] {
  const { expiry, uploadFields } = profile;
  if (!expiry || !uploadFields) return undefined;
  const step = expiry.stepSeconds ?? 1;
  const s1 = Math.ceil(expiry.minSeconds / step) * step;
  const s2 = s1 + step;
  if (s2 > expiry.maxSeconds) return undefined;
  try {
    const a = uploadFields(expiry.params(s1) as Record<string, unknown>);
    const b = uploadFields(expiry.params(s2) as Record<string, unknown>);
    const key = Object.keys(a).find((k) => a[k] !== b[k] && Number.isFinite(Number(a[k])) && Number.isFinite(Number(b[k])));
    if (!key) return undefined;
    const unitSeconds = (s2 - s1) / (Number(b[key]) - Number(a[key]));
    if (!(unitSeconds > 0)) return undefined;
    // The key's path once the form is nested (`expires_after[seconds]` → expires_after.seconds).
    const nested = nestFields({ [key]: "x" });
    const path: string[] = [];
    let at: unknown = nested;
    while (at && typeof at === "object") {
      const k = Object.keys(at)[0]!;
      path.push(k);
      at = (at as Record<string, unknown>)[k];
    }
    return { path, unitSeconds };
  } catch {
    return undefined;
  }
}

/**
 * An object as proto3's JSON mapping writes it: fields at their zero value left out (an empty
 * string, 0, false, an empty list or object, an enum's first value, which is its zero).
 */
export function withoutZeroValues(doc: OpenApiDoc, schema: Schema | undefined, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const p = schema?.properties?.[k] ? variantOf(doc, schema.properties[k]!) : undefined;
    let x = v;
    if (x && typeof x === "object" && !Array.isArray(x)) x = withoutZeroValues(doc, p, x as Record<string, unknown>);
    const zero = x === "" || x === 0 || x === false || x === null || (Array.isArray(x) && x.length === 0) || (typeof x === "object" && x !== null && !Array.isArray(x) && Object.keys(x).length === 0) || (p?.enum !== undefined && p.enum[0] === x);
    if (!zero) out[k] = x;
  }
  return out;
}

function templatePattern(path: string): RegExp {
  const source = path
    .split(/(\{[^{}]+\})/)
    .map((part) => (part.startsWith("{") ? `(?<${part.slice(1, -1).replace(/\W/g, "_")}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}/?$`);
}

/** A path parameter's group name in a route's pattern. */
export const groupName = (param: string): string => param.replace(/\W/g, "_");
