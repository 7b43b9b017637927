// Contract checks that hold for any answer the spec allows: a response's status must be one
// the operation documents, and its JSON body must validate against the documented schema
// (Ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses). Never a particular example value, so an
// upstream change of words or examples cannot fail a contract test.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse } from "yaml";

const require = createRequire(import.meta.url);
// ajv ships CommonJS; the 2020 dialect is what OpenAPI 3.1 schemas are.
const Ajv2020 = require("ajv/dist/2020").default as new (opts: object) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
};

export interface ResponseCheck {
  /** Problems with this answer to `method path`; empty when it is what the spec documents. */
  (method: string, path: string, status: number, contentType: string | null, body: unknown): string[];
}

/** A checker over one OpenAPI document (a file path or the parsed document). */
export function responseChecker(spec: string | Record<string, any>): ResponseCheck {
  const doc = typeof spec === "string" ? parse(readFileSync(spec, "utf8")) : spec;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const cache = new Map<string, ReturnType<typeof ajv.compile>>();
  return (method, path, status, contentType, body) => {
    const op = doc.paths?.[path]?.[method.toLowerCase()];
    if (!op) return [`${method.toUpperCase()} ${path} is not in the spec`];
    let response = op.responses?.[String(status)] ?? op.responses?.[`${String(status)[0]}XX`] ?? op.responses?.default;
    if (!response) return [`${method.toUpperCase()} ${path}: status ${status} is not documented (documented: ${Object.keys(op.responses ?? {}).join(", ")})`];
    while (response?.$ref) response = resolve(doc, response.$ref);
    const content = response.content ?? {};
    const types = Object.keys(content);
    if (types.length === 0) return [];
    const media = contentType?.split(";")[0]!.trim().toLowerCase() ?? "";
    const key = types.find((t) => t === media) ?? types.find((t) => t.endsWith("/*") && media.startsWith(t.slice(0, -1))) ?? types.find((t) => t === "*/*");
    if (!key) return [`${method.toUpperCase()} ${path} ${status}: content type ${contentType ?? "(none)"} is not documented (documented: ${types.join(", ")})`];
    if (!/json/.test(key)) return [];
    const schema = content[key].schema;
    if (!schema) return [];
    const id = `${method} ${path} ${status} ${key}`;
    let validate = cache.get(id);
    if (!validate) {
      // Local $refs (#/components/...) resolve against the document carried along.
      validate = ajv.compile({ ...schema, components: doc.components });
      cache.set(id, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${method.toUpperCase()} ${path} ${status}: body${e.instancePath} ${e.message}`);
  };
}

function resolve(doc: any, ref: string): any {
  return ref
    .slice(2)
    .split("/")
    .reduce((o, k) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
}
