// The slice of an OpenAPI 3.1 document the mock reads, $ref resolution, and example values
// for a schema (its own example, else its first `examples` entry, its default, the first enum
// value, else a typed placeholder).

export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  [key: string]: unknown;
}

export interface MediaType {
  schema?: Schema;
  example?: unknown;
}

export interface Response {
  $ref?: string;
  description?: string;
  content?: Record<string, MediaType>;
}

export interface Parameter {
  $ref?: string;
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  description?: string;
  schema?: Schema;
}

export interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
  responses?: Record<string, Response>;
}

export interface OpenApiDoc {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation | unknown>>;
  components?: { schemas?: Record<string, Schema>; responses?: Record<string, Response>; parameters?: Record<string, Parameter> };
  [key: string]: unknown;
}

export const METHODS = ["get", "put", "post", "delete", "patch"] as const;

/** Follows a local `#/components/...` reference (and chains of them). */
export function deref<T extends { $ref?: string }>(doc: OpenApiDoc, value: T): T {
  let v: T = value;
  for (let hops = 0; v && typeof v.$ref === "string"; hops++) {
    if (hops > 20 || !v.$ref.startsWith("#/")) throw new Error(`@llm-files/mock: cannot follow $ref ${v.$ref}`);
    let target: unknown = doc;
    for (const part of v.$ref.slice(2).split("/")) target = (target as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    if (target === undefined) throw new Error(`@llm-files/mock: $ref ${v.$ref} points nowhere`);
    v = target as T;
  }
  return v;
}

export function typeOf(schema: Schema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
}

/** An example value for a schema: every property, nested objects built the same way. */
export function sample(doc: OpenApiDoc, schema: Schema | undefined, depth = 0): unknown {
  if (!schema) return {};
  const s = deref(doc, schema);
  if (s.example !== undefined) return structuredClone(s.example);
  if (Array.isArray(s.examples) && s.examples.length) return structuredClone(s.examples[0]);
  if (s.default !== undefined) return structuredClone(s.default);
  if (s.enum && s.enum.length) return s.enum[0];
  // anyOf / oneOf / allOf (Mistral's `integer | null`): the first variant that is not null.
  if (!s.type) {
    const pick = variantOf(doc, s);
    if (pick !== s) return pick ? sample(doc, pick, depth + 1) : null;
  }
  switch (typeOf(s)) {
    case "string":
      return "";
    case "integer":
    case "number":
      return 0;
    case "boolean":
      return false;
    case "array":
      return [];
    default: {
      if (depth > 8) return {};
      const out: Record<string, unknown> = {};
      for (const [k, p] of Object.entries(s.properties ?? {})) out[k] = sample(doc, p, depth + 1);
      return out;
    }
  }
}

/** The first variant of an anyOf / oneOf / allOf that is not `null` (undefined when all are); the schema itself when it has none. */
export function variantOf(doc: OpenApiDoc, schema: Schema): Schema | undefined {
  const s = deref(doc, schema);
  const variants = (s.anyOf ?? s.oneOf ?? s.allOf) as Schema[] | undefined;
  if (s.type || !Array.isArray(variants) || !variants.length) return s;
  return variants.map((v) => deref(doc, v)).find((v) => typeOf(v) !== "null");
}

/** The JSON media type of a response: its schema and its documented example (`example`, or the first of `examples`). */
export function jsonMediaOf(doc: OpenApiDoc, response: Response | undefined): { schema?: Schema; example?: unknown } | undefined {
  if (!response) return undefined;
  const r = deref(doc, response);
  const media = Object.entries(r.content ?? {}).find(([type]) => /json/.test(type))?.[1] as (MediaType & { examples?: Record<string, { value?: unknown }> }) | undefined;
  if (!media) return undefined;
  const schema = media.schema ? deref(doc, media.schema) : undefined;
  // The media type's example, else the schema's own.
  const given = media.example ?? Object.values(media.examples ?? {}).find((e) => e && typeof e === "object" && "value" in e)?.value ?? schema?.example ?? (Array.isArray(schema?.examples) ? schema.examples[0] : undefined);
  return { schema, example: given === undefined ? undefined : structuredClone(given) };
}

/** The JSON schema of a response (the first JSON media type), or undefined. */
export function jsonSchemaOf(doc: OpenApiDoc, response: Response | undefined): Schema | undefined {
  if (!response) return undefined;
  const r = deref(doc, response);
  const media = Object.entries(r.content ?? {}).find(([type]) => /json/.test(type));
  return media?.[1].schema ? deref(doc, media[1].schema) : undefined;
}

/** The operations of a document by operationId, with their method and path template. */
export function operations(doc: OpenApiDoc): Map<string, { method: string; path: string; op: Operation }> {
  const out = new Map<string, { method: string; path: string; op: Operation }>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (op?.operationId) out.set(op.operationId, { method: method.toUpperCase(), path, op });
    }
  }
  return out;
}

export function parametersOf(doc: OpenApiDoc, op: Operation): Parameter[] {
  return (op.parameters ?? []).map((p) => deref(doc, p));
}
