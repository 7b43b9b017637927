// Requests checked against the spec's own schemas (ajv, JSON Schema 2020-12, as OpenAPI 3.1
// uses): a JSON body, the text fields of a multipart body, a query or path parameter. The
// answer to a bad request names the field and what the spec allows, as an API would.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { deref, type OpenApiDoc, type Schema } from "./spec.js";

export interface Checker {
  /**
   * Checks a value against a schema, coercing as a form or query would need ("7200" → 7200
   * where the schema says integer, "a" → ["a"] where it says array): the value as coerced, or
   * the problem in words, naming the field (`name`, then the path inside the value).
   */
  check(schema: Schema, value: unknown, name?: string): { value: unknown; error?: string };
}

const SPEC_ID = "llm-files-mock:spec";

/** A checker over one document's schemas; each schema is compiled once, on first use. */
export function checker(doc: OpenApiDoc): Checker {
  // strict: false: the documents carry keywords of their own (x-*, examples, format: binary / unixtime).
  const ajv = new Ajv2020({ strict: false, allErrors: false, verbose: true, coerceTypes: "array", validateFormats: false, useDefaults: false });
  ajv.addSchema({ $id: SPEC_ID, components: doc.components ?? {} });
  const compiled = new WeakMap<object, ValidateFunction>();
  return {
    check(schema, value, name) {
      let validate = compiled.get(schema);
      if (!validate) {
        // Wrapped in an object: ajv coerces a value in place, which needs a parent to hold it.
        validate = ajv.compile({ type: "object", properties: { v: rebase(schema) as object } });
        compiled.set(schema, validate);
      }
      const holder = { v: value };
      if (validate(holder)) return { value: holder.v };
      return { value, error: describeError(validate.errors?.[0], name) };
    },
  };
}

/** A schema whose local references ("#/components/...") point into the document added as SPEC_ID. */
function rebase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebase);
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `${SPEC_ID}${v}` : rebase(v);
  return out;
}

function describeError(e: ErrorObject | undefined, name: string | undefined): string {
  if (!e) return `${name ?? "the body"} is not valid`;
  const path = [name, ...e.instancePath.split("/").filter(Boolean).slice(1)].filter((x) => x !== undefined && x !== "").join(".");
  const field = e.keyword === "required" ? [path, (e.params as { missingProperty: string }).missingProperty].filter(Boolean).join(".") : path || "the body";
  switch (e.keyword) {
    case "required":
      return `${field} is required`;
    case "enum":
      return `${field} must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).join(", ")}, got ${show(e.data)}`;
    case "const":
      return `${field} must be ${show((e.params as { allowedValue: unknown }).allowedValue)}, got ${show(e.data)}`;
    case "type":
      return `${field} must be ${(e.params as { type: string }).type}, got ${show(e.data)}`;
    case "additionalProperties":
      return `${[path, (e.params as { additionalProperty: string }).additionalProperty].filter(Boolean).join(".")} is not a field this operation takes`;
    default:
      return `${field} ${e.message ?? "is not valid"}, got ${show(e.data)}`;
  }
}

const show = (v: unknown): string => (typeof v === "string" ? JSON.stringify(v) : v === undefined ? "nothing" : JSON.stringify(v) ?? String(v));

/** The schema of an operation's JSON or multipart request body, dereferenced. */
export function bodySchema(doc: OpenApiDoc, op: { requestBody?: { content?: Record<string, { schema?: Schema }> } }, type: "json" | "multipart"): Schema | undefined {
  const content = op.requestBody?.content ?? {};
  const media = Object.entries(content).find(([t]) => (type === "json" ? /json/.test(t) : t === "multipart/form-data"))?.[1];
  return media?.schema ? deref(doc, media.schema) : undefined;
}
