// What changed between two versions of a spec, in the terms a package's users feel:
//   major  removed operation / property / enum value / response, a newly required input,
//          a changed type;
//   minor  added operation / optional property / enum value / response / server;
//   patch  descriptions, summaries, examples and other words only.
// Each change comes with a sentence ("upload purpose accepts `audio`").

/** @import { OpenApiDocument, Parameter } from "./lib/openapi.js" */

/** @typedef {"none" | "patch" | "minor" | "major"} Bump */
/** @typedef {{ bump: Bump, path: string, keys: string[], text: string }} Change `keys`: where in the document (`path` joins them with "/") */

const WORDS = new Set(["description", "summary", "example", "examples", "title", "x-source", "externalDocs", "tags", "deprecated"]);
/** @type {readonly import("./lib/openapi.js").Method[]} */
const METHODS = ["get", "put", "post", "delete", "patch", "options", "head", "trace"];
const isMethod = (/** @type {string} */ key) => /** @type {readonly string[]} */ (METHODS).includes(key);
const RANK = { none: 0, patch: 1, minor: 2, major: 3 };

/**
 * @param {Bump} a
 * @param {Bump} b
 * @returns {Bump}
 */
export function maxBump(a, b) {
  return RANK[a] >= RANK[b] ? a : b;
}

/** @returns {v is Record<string, unknown>} */
const isObj = (/** @type {unknown} */ v) => v !== null && typeof v === "object" && !Array.isArray(v);
const same = (/** @type {unknown} */ a, /** @type {unknown} */ b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Names of component schemas reachable from request bodies or parameters (inputs).
 * @param {OpenApiDocument} doc
 */
function inputSchemas(doc) {
  /** @type {Set<string>} */
  const names = new Set();
  /** @type {Set<string>} */
  const seen = new Set();
  /** @param {unknown} node @returns {void} */
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObj(node)) return;
    if (typeof node.$ref === "string") {
      const m = /^#\/components\/(schemas|requestBodies|parameters)\/(.+)$/.exec(node.$ref);
      if (m && !seen.has(node.$ref)) {
        seen.add(node.$ref);
        if (m[1] === "schemas") names.add(m[2]);
        visit(doc.components?.[m[1]]?.[m[2]]);
      }
    }
    Object.values(node).forEach(visit);
  };
  for (const item of Object.values(doc.paths ?? {})) {
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      visit(op.requestBody);
      visit(op.parameters);
    }
    visit(item.parameters);
  }
  return names;
}

/**
 * Friendly name for a location in the document.
 * @param {string[]} path
 */
function label(path) {
  if (path[0] === "paths") {
    const [, p, method, ...rest] = path;
    const op = isMethod(method) ? `${method.toUpperCase()} ${p}` : p;
    const tail = rest.filter((k) => !["content", "schema", "properties", "items", "application/json", "multipart/form-data"].includes(k));
    return [op, ...tail].join(" ");
  }
  if (path[0] === "components" && path[1] === "schemas") return path.slice(2).filter((k) => k !== "properties" && k !== "items").join(".");
  return path.join(".");
}

/**
 * @param {OpenApiDocument} before
 * @param {OpenApiDocument} after
 * @returns {{ bump: Bump, changes: Change[] }}
 */
export function diffSpecs(before, after) {
  /** @type {Change[]} */
  const changes = [];
  const inputs = new Set([...inputSchemas(before), ...inputSchemas(after)]);
  const isInput = (/** @type {string[]} */ path) =>
    path.includes("requestBody") || path.includes("parameters") || (path[0] === "components" && path[1] === "schemas" && inputs.has(path[2]));
  /** @param {Bump} bump @param {string[]} path @param {string} text */
  const add = (bump, path, text) => void changes.push({ bump, path: path.join("/"), keys: path, text: `${label(path)}: ${text}` });

  /** @param {unknown} a @param {unknown} b @param {string[]} path @returns {void} */
  const walk = (a, b, path) => {
    if (same(a, b)) return;
    const key = path[path.length - 1];
    if (WORDS.has(key)) return add("patch", path.slice(0, -1), `${key} changed`);
    // The document's own title, version and contact: words about it, nothing a caller calls.
    if (path[0] === "info") return add("patch", path, "changed");
    if (a === undefined) return added(b, path);
    if (b === undefined) return removed(a, path);
    if (key === "enum" && Array.isArray(a) && Array.isArray(b)) {
      for (const v of a.filter((x) => !b.some((y) => same(x, y)))) add("major", path.slice(0, -1), `no longer accepts \`${v}\``);
      for (const v of b.filter((x) => !a.some((y) => same(x, y)))) add("minor", path.slice(0, -1), `accepts \`${v}\``);
      return;
    }
    if (key === "required" && Array.isArray(a) && Array.isArray(b)) {
      const input = isInput(path);
      for (const v of b.filter((x) => !a.includes(x))) add(input ? "major" : "minor", [...path.slice(0, -1), v], input ? "is now required" : "is now always present");
      for (const v of a.filter((x) => !b.includes(x))) add(input ? "minor" : "major", [...path.slice(0, -1), v], input ? "is now optional" : "may now be absent");
      return;
    }
    if (key === "parameters" && (Array.isArray(a) || Array.isArray(b)) && (a === undefined || Array.isArray(a)) && (b === undefined || Array.isArray(b))) {
      // A list that appears is compared like one that grows: a new *required* parameter is
      // major even when the operation had none before. OpenAPI ignores Authorization,
      // Content-Type and Accept header parameters (security and media types say those).
      const ignored = (/** @type {Parameter} */ p) => p.in === "header" && /^(authorization|content-type|accept)$/i.test(p.name ?? "");
      const id = (/** @type {Parameter} */ p) => (p.$ref ? p.$ref : `${p.in}:${p.name}`);
      const byId = (/** @type {Parameter[]} */ list = []) => new Map(list.filter((p) => !ignored(p)).map((p) => [id(p), p]));
      const A = byId(a);
      const B = byId(b);
      for (const [k, p] of A) if (!B.has(k)) add("major", [...path, p.name ?? k], "parameter removed");
      for (const [k, p] of B) {
        if (!A.has(k)) add(p.required ? "major" : "minor", [...path, p.name ?? k], p.required ? "new required parameter" : "new optional parameter");
        else walk(A.get(k), p, [...path, p.name ?? k]);
      }
      return;
    }
    if (isObj(a) && isObj(b)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[k], b[k], [...path, k]);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && key === "servers") {
      for (const s of b.filter((x) => !a.some((y) => same(x, y)))) add("minor", path, `new server ${s.url}`);
      for (const s of a.filter((x) => !b.some((y) => same(x, y)))) add("major", path, `server ${s.url} removed`);
      return;
    }
    add("major", path, `changed from ${JSON.stringify(a)} to ${JSON.stringify(b)}`);
  };

  /** @param {unknown} b @param {string[]} path @returns {void} */
  const added = (b, path) => {
    const key = path[path.length - 1];
    const parent = path[path.length - 2];
    if (path[0] === "paths" && isMethod(key)) return add("minor", path, "new operation");
    if (path[0] === "paths" && path.length === 2) return add("minor", path, "new path");
    if (parent === "properties") {
      return add("minor", path, isInput(path) ? "new optional input" : "new property");
    }
    if (parent === "responses") return add("minor", path, `documents status ${key}`);
    if (path[0] === "components") return add("minor", path, "new definition");
    if (path[0] === "info") return add("patch", path, "changed");
    add("minor", path, `added ${JSON.stringify(b).slice(0, 60)}`);
  };

  /** @param {unknown} a @param {string[]} path @returns {void} */
  const removed = (a, path) => {
    const key = path[path.length - 1];
    const parent = path[path.length - 2];
    if (path[0] === "paths" && isMethod(key)) return add("major", path, "operation removed");
    if (path[0] === "paths" && path.length === 2) return add("major", path, "path removed");
    if (parent === "properties") return add("major", path, "property removed");
    if (parent === "responses") return add("major", path, `no longer documents status ${key}`);
    if (path[0] === "info") return add("patch", path, "changed");
    add("major", path, `removed ${JSON.stringify(a).slice(0, 60)}`);
  };

  walk(before, after, []);
  // Components that only moved words around should not drown out real changes.
  const bump = changes.reduce((/** @type {Bump} */ m, c) => maxBump(m, c.bump), "none");
  return { bump, changes };
}
