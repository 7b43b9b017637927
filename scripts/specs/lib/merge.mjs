// Merge fragments into one OpenAPI document. Nothing is overwritten silently: an operation
// defined twice, or a component defined twice with different content, is an error.
/** @import { OpenApiDocument, PathItem } from "./openapi.js" */
import { isDeepStrictEqual } from "node:util";
import { SpecSourceError } from "./errors.mjs";
import { METHODS } from "./openapi-doc.mjs";

const FRAME = ["openapi", "info", "servers", "security"];

/** @typedef {{ doc: OpenApiDocument, source: string }} Fragment */

/**
 * @param {Fragment[]} fragments
 * @param {Map<string, string>} [origin] filled with where each operation ("<path>#<method>"),
 *   component ("components.<section>.<name>") and top key came from (provenance.mjs reads it)
 * @returns {OpenApiDocument}
 */
export function mergeFragments(fragments, origin = new Map()) {
  /** @type {OpenApiDocument} */
  const out = { openapi: "3.1.0" };
  for (const { doc, source } of fragments) {
    for (const key of FRAME) {
      if (doc[key] !== undefined && !origin.has(key)) {
        out[key] = structuredClone(doc[key]);
        origin.set(key, source);
      }
    }
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      out.paths ??= {};
      /** @type {Record<string, unknown>} */
      const target = (out.paths[path] ??= {});
      for (const [method, op] of Object.entries(item)) {
        if (!isMethod(method)) {
          if (target[method] !== undefined && !isDeepStrictEqual(target[method], op)) {
            throw new SpecSourceError(`${source}: ${path} ${method} conflicts with ${origin.get(`${path}#${method}`)}`);
          }
          target[method] = structuredClone(op);
          origin.set(`${path}#${method}`, source);
          continue;
        }
        if (target[method]) {
          throw new SpecSourceError(`${source}: ${method.toUpperCase()} ${path} is already defined by ${origin.get(`${path}#${method}`)}`);
        }
        const copy = /** @type {Record<string, unknown>} */ (structuredClone(op));
        copy["x-source"] ??= source;
        target[method] = copy;
        origin.set(`${path}#${method}`, source);
      }
    }
    for (const [section, entries] of Object.entries(doc.components ?? {})) {
      out.components ??= {};
      /** @type {Record<string, unknown>} */
      const target = (out.components[section] ??= {});
      for (const [name, value] of Object.entries(entries)) {
        const key = `components.${section}.${name}`;
        if (target[name] !== undefined) {
          if (!isDeepStrictEqual(target[name], value)) {
            throw new SpecSourceError(`${source}: ${key} differs from the one in ${origin.get(key)}`);
          }
          continue;
        }
        target[name] = structuredClone(value);
        origin.set(key, source);
      }
    }
  }
  return out;
}

/** @returns {method is import("./openapi.js").Method} */
const isMethod = (/** @type {string} */ method) => /** @type {readonly string[]} */ (METHODS).includes(method);

/**
 * Every local $ref must resolve; every operation must say where it came from.
 * @param {OpenApiDocument} doc
 * @param {string} label
 * @param {(pointer: string) => string} [where] where a place of the document is upstream (provenance.mjs)
 */
export function checkDocument(doc, label, where = (pointer) => pointer) {
  /** @type {string[]} */
  const problems = [];
  const resolve = (/** @type {string} */ ref) =>
    ref
      .slice(2)
      .split("/")
      .reduce((/** @type {unknown} */ o, k) => (o !== null && typeof o === "object" ? /** @type {Record<string, unknown>} */ (o)[k.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined), doc);
  /** @param {unknown} node @param {string} at @returns {void} */
  const walk = (node, at) => {
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${at}/${i}`));
    if (!node || typeof node !== "object") return;
    if ("$ref" in node && typeof node.$ref === "string" && node.$ref.startsWith("#/") && resolve(node.$ref) === undefined) {
      problems.push(`${where(at)}: $ref ${node.$ref} does not resolve`);
    }
    for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`);
  };
  walk(doc, "#");
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      if (item[method] && !item[method]["x-source"]) problems.push(`${method.toUpperCase()} ${path} has no x-source`);
    }
  }
  if (problems.length) throw new SpecSourceError(`${label}:\n  ${problems.join("\n  ")}`);
}

/**
 * Components in name order, so the output does not depend on fragment order.
 * @param {OpenApiDocument} doc
 */
export function sortComponents(doc) {
  const components = doc.components;
  if (!components) return doc;
  const order = ["schemas", "responses", "parameters", "requestBodies", "headers", "securitySchemes"];
  const sections = Object.keys(components).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  doc.components = Object.fromEntries(sections.map((s) => [s, Object.fromEntries(Object.keys(components[s]).sort().map((n) => [n, components[s][n]]))]));
  return doc;
}

/**
 * A published page wins over an authored fragment for the same method and path: the
 * authored operation retires (noted), and a fragment left with no operation is dropped
 * whole, its components with it. Fragments that never had paths (shared frames) stay.
 * @param {OpenApiDocument | null} doc
 * @param {string} source
 * @param {Fragment[]} published
 * @param {string[]} notes
 * @returns {OpenApiDocument | null}
 */
export function retireAuthored(doc, source, published, notes) {
  if (!doc?.paths) return doc;
  /** @type {Map<string, string>} */
  const owner = new Map();
  for (const { doc: d, source: s } of published) {
    for (const [path, item] of Object.entries(d.paths ?? {})) for (const m of METHODS) if (item[m]) owner.set(`${m} ${path}`, s);
  }
  let kept = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const m of METHODS) {
      if (!item[m]) continue;
      const page = owner.get(`${m} ${path}`);
      if (page) {
        notes.push(`${m.toUpperCase()} ${path}: published by ${page}; ${source} retires (delete it)`);
        delete item[m];
      } else kept++;
    }
    if (!METHODS.some((m) => item[m])) delete doc.paths[path];
  }
  if (kept === 0) return null;
  return doc;
}
