// The answers an OpenAPI document shows, built from its examples the way a static mock does:
// a schema's own example when it has one, otherwise an object of its properties' examples
// (an array holds one example item). Read by the test servers (provider-answers.ts) and the
// bench's loopback server, so their bodies are the specs' own, not written per provider.

/** A parsed OpenAPI document (only what is read here). */
export type OpenApiDocument = { paths?: Record<string, Record<string, any>>; components?: Record<string, any> } & Record<string, unknown>;

const FALLBACK: Record<string, unknown> = { string: "", integer: 0, number: 0, boolean: true, null: null };

/** The schema a `$ref` (or a chain of them) points at. */
export function resolveRef(doc: OpenApiDocument, schema: any): any {
  while (schema?.$ref) schema = String(schema.$ref).slice(2).split("/").reduce((o: any, k: string) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  return schema ?? {};
}

/** An example value of `raw` (a schema or a $ref to one). */
export function exampleOf(doc: OpenApiDocument, raw: unknown): unknown {
  const schema = resolveRef(doc, raw);
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === "array") return [exampleOf(doc, schema.items)];
  if (type === "object" || schema.properties) {
    const required = new Set<string>(schema.required ?? []);
    const out: Record<string, unknown> = {};
    for (const [name, prop] of Object.entries<any>(schema.properties ?? {})) {
      const value = exampleOf(doc, prop);
      if (value !== undefined && (required.has(name) || resolveRef(doc, prop).example !== undefined || typeof value === "object")) out[name] = value;
    }
    return out;
  }
  return FALLBACK[type];
}

export interface OperationExample {
  contentType: string;
  /** The example value: parsed JSON, or the text of another media type. */
  value: unknown;
}

/** The 200 (else first 2xx) answer of `method path`, from its media type's example or its schema's; undefined when the document has none. */
export function operationExample(doc: OpenApiDocument, method: string, path: string): OperationExample | undefined {
  const responses = doc.paths?.[path]?.[method.toLowerCase()]?.responses;
  if (!responses) return undefined;
  const status = "200" in responses ? "200" : Object.keys(responses).find((s) => /^2\d\d$/.test(s));
  if (!status) return undefined;
  const [contentType, media] = Object.entries<any>(resolveRef(doc, responses[status]).content ?? {})[0] ?? ["application/json", {}];
  const value = media.example ?? exampleOf(doc, media.schema);
  return value === undefined ? undefined : { contentType, value };
}
