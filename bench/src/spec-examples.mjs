// The 200 answer of every operation in specs/<provider>/openapi.yaml, built from the spec's
// examples the way a static mock does: a schema's own example when it has one, otherwise
// an object of its properties' examples (an array holds one example item).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const FALLBACK = { string: "", integer: 0, number: 0, boolean: true, null: null };

function resolve(doc, schema) {
  while (schema?.$ref) schema = schema.$ref.slice(2).split("/").reduce((o, k) => o[k], doc);
  return schema ?? {};
}

export function exampleOf(doc, raw) {
  const schema = resolve(doc, raw);
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === "array") return [exampleOf(doc, schema.items)];
  if (type === "object" || schema.properties) {
    const required = new Set(schema.required ?? []);
    const out = {};
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      const value = exampleOf(doc, prop);
      if (value !== undefined && (required.has(name) || resolve(doc, prop).example !== undefined || typeof value === "object")) out[name] = value;
    }
    return out;
  }
  return FALLBACK[type];
}

/** [{ method, path: RegExp, template, contentType, body }] for one provider's spec. */
export function specRoutes(specsDir, provider) {
  const doc = parse(readFileSync(join(specsDir, provider, "openapi.yaml"), "utf8"));
  const routes = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const ok = op?.responses?.["200"];
      if (!ok) continue;
      const [contentType, media] = Object.entries(resolve(doc, ok).content ?? {})[0] ?? ["application/json", {}];
      const example = media.example ?? exampleOf(doc, media.schema);
      const body = typeof example === "string" ? example : JSON.stringify(example);
      const path = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/?]+")}(\\?.*)?$`);
      routes.push({ method: method.toUpperCase(), path, template, operationId: op.operationId, contentType, body });
    }
  }
  return routes;
}
