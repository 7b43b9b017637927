// What the mock learns from a provider's spec: where the five Files operations live, where
// each takes the file id (path, query or JSON body), what a file object looks like, how
// answers wrap it ({ data: [...] }, { files: [...], base_resp }, { file: {...} }), how errors
// are reported (an HTTP status with a documented body, or MiniMax's base_resp in a 200),
// and the example files it starts with. A spec that lacks an operation fails loudly.
import { deref, jsonSchemaOf, operations, parametersOf, sample, typeOf, type OpenApiDoc, type Operation, type Schema } from "./spec.js";

export type OperationName = "list" | "upload" | "retrieve" | "content" | "delete";

export interface Route {
  name: OperationName;
  method: string;
  path: string;
  pattern: RegExp;
  op: Operation;
  /** Where this operation takes the file id, and under which name. */
  id?: { in: "path" | "query" | "body"; name: string };
  /** Query parameters or JSON body fields (besides the id) that are file properties: filters / checks. */
  fileFields: { in: "query" | "body"; name: string; required: boolean; enum?: unknown[] }[];
}

export interface FilesApi {
  provider: string;
  routes: Route[];
  /** The file object schema (properties the mock keeps per file). */
  fileSchema: Schema;
  idField: string;
  /** MiniMax: int64 ids, sent as bare JSON numbers. */
  integerIds: boolean;
  upload: { fileField: string; fields: Record<string, { required: boolean; enum?: unknown[] }> };
  contentType: string;
  seeds: Record<string, unknown>[];
  seedContent: string;
  doc: OpenApiDoc;
}

// The names the providers' documents give the five operations (OpenAI's own document says
// createFile / downloadFile; Mistral's are FastAPI route names).
const OPERATION_IDS: Record<OperationName, string[]> = {
  list: ["listFiles", "files_api_routes_list_files"],
  upload: ["uploadFile", "createFile", "files_api_routes_upload_file"],
  retrieve: ["retrieveFile", "files_api_routes_retrieve_file"],
  content: ["getFileContent", "retrieveFileContent", "downloadFile", "files_api_routes_download_file"],
  delete: ["deleteFile", "files_api_routes_delete_file"],
};

const isIdName = (name: string) => /(^|_)id$/.test(name);

export function filesApi(provider: string, doc: OpenApiDoc): FilesApi {
  const ops = operations(doc);
  const find = (name: OperationName) => {
    for (const id of OPERATION_IDS[name]) {
      const found = ops.get(id);
      if (found) return found;
    }
    throw new Error(`@llm-files/mock: the ${provider} spec has no ${name} operation (operationId ${OPERATION_IDS[name].join(" or ")})`);
  };

  const uploadOp = find("upload");
  const uploadSchema = jsonSchemaOf(doc, uploadOp.op.responses?.["200"]);
  if (!uploadSchema) throw new Error(`@llm-files/mock: the ${provider} spec's uploadFile has no JSON 200 answer`);
  const fileSchema = fileObjectIn(doc, uploadSchema);
  if (!fileSchema) throw new Error(`@llm-files/mock: no file object (a schema with an id) in the ${provider} spec's uploadFile answer`);
  const props = fileSchema.properties ?? {};
  const idField = "id" in props ? "id" : Object.keys(props).find(isIdName)!;
  const fileProps = new Set(Object.keys(props));

  const routes: Route[] = (Object.keys(OPERATION_IDS) as OperationName[]).map((name) => {
    const { method, path, op } = find(name);
    const params = parametersOf(doc, op);
    const route: Route = { name, method, path, op, pattern: templatePattern(path), fileFields: [] };
    const idParam = params.find((p) => (p.in === "path" || p.in === "query") && isIdName(p.name));
    if (idParam) route.id = { in: idParam.in as "path" | "query", name: idParam.name };
    for (const p of params) {
      if (p.in === "query" && p !== idParam && fileProps.has(p.name)) {
        route.fileFields.push({ in: "query", name: p.name, required: p.required === true, enum: p.schema && deref(doc, p.schema).enum });
      }
    }
    const body = op.requestBody?.content?.["application/json"]?.schema;
    if (body) {
      const s = deref(doc, body);
      for (const [field, fs] of Object.entries(s.properties ?? {})) {
        if (!route.id && isIdName(field)) route.id = { in: "body", name: field };
        else if (fileProps.has(field)) route.fileFields.push({ in: "body", name: field, required: (s.required ?? []).includes(field), enum: deref(doc, fs).enum });
      }
    }
    if (name !== "list" && name !== "upload" && !route.id) throw new Error(`@llm-files/mock: the ${provider} spec's ${name} operation takes no file id`);
    return route;
  });

  const multipart = uploadOp.op.requestBody?.content?.["multipart/form-data"]?.schema;
  if (!multipart) throw new Error(`@llm-files/mock: the ${provider} spec's uploadFile takes no multipart/form-data body`);
  const m = deref(doc, multipart);
  const fields: FilesApi["upload"]["fields"] = {};
  let fileField = "file";
  for (const [field, fs] of Object.entries(m.properties ?? {})) {
    const s = deref(doc, fs);
    if (s.format === "binary") fileField = field;
    else fields[field] = { required: (m.required ?? []).includes(field), enum: s.enum };
  }

  const content = find("content");
  const media = Object.entries(deref(doc, content.op.responses?.["200"] ?? {}).content ?? {})[0];
  const seedContent = typeof media?.[1].example === "string" ? media[1].example : "";

  return {
    provider,
    routes,
    fileSchema,
    idField,
    integerIds: typeOf(deref(doc, props[idField]!)) === "integer",
    upload: { fileField, fields },
    contentType: media?.[0] ?? "application/octet-stream",
    seeds: seedsOf(doc, find("list").op, fileSchema, idField),
    seedContent,
    doc,
  };
}

/** The file object in an answer's schema: the schema itself, or its one object property with an id. */
export function fileObjectIn(doc: OpenApiDoc, schema: Schema): Schema | undefined {
  const props = schema.properties ?? {};
  if ("id" in props || "file_id" in props) return schema;
  for (const p of Object.values(props)) {
    const s = deref(doc, p);
    if (typeOf(s) === "object" && s.properties && ("id" in s.properties || "file_id" in s.properties)) return s;
  }
  return undefined;
}

/** The files the mock starts with: the list answer's example files, else the file object's example. */
function seedsOf(doc: OpenApiDoc, list: Operation, fileSchema: Schema, idField: string): Record<string, unknown>[] {
  const listSchema = jsonSchemaOf(doc, list.responses?.["200"]);
  // The media type's own example (Mistral: `examples: { userExample: { value } }`), else one from the schema.
  const media = Object.entries(deref(doc, list.responses?.["200"] ?? {}).content ?? {}).find(([type]) => /json/.test(type))?.[1] as { example?: unknown; examples?: Record<string, { value?: unknown }> } | undefined;
  const given = media?.example ?? Object.values(media?.examples ?? {}).find((e) => e && typeof e === "object" && "value" in e)?.value;
  const example = given !== undefined ? structuredClone(given) : listSchema ? sample(doc, listSchema) : undefined;
  if (example && typeof example === "object") {
    for (const v of Object.values(example)) {
      if (Array.isArray(v) && v.length && v.every((f) => f && typeof f === "object" && idField in f)) return v as Record<string, unknown>[];
    }
  }
  // No example file anywhere: one sampled from the schema, with an id of the id's own form.
  const one = sample(doc, fileSchema) as Record<string, unknown>;
  if (!one[idField]) {
    const id = deref(doc, fileSchema.properties?.[idField] ?? {});
    one[idField] = typeOf(id) === "integer" ? 1 : id.format === "uuid" ? "00000000-0000-4000-8000-000000000001" : "file-example";
  }
  return [one];
}

function templatePattern(path: string): RegExp {
  const source = path
    .split(/(\{[^{}]+\})/)
    .map((part) => (part.startsWith("{") ? `(?<${part.slice(1, -1).replace(/\W/g, "_")}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}/?$`);
}
