// A plain OpenAPI 3.0/3.1 document (the form OpenAI and Mistral publish), YAML or JSON,
// possibly megabytes long, filtered down to the Files operations: by path prefix, tag or
// operation id. Only the components the kept operations reach (transitively) come along.
/** @import { Method, OpenApiDocument, PathItem, Select } from "./openapi.js" */
import { parse } from "yaml";
import { SpecSourceError } from "./errors.mjs";

/** @type {readonly Method[]} */
export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * Is this page a whole OpenAPI document (rather than a page embedding one)? By content.
 * @param {string} text
 */
export function looksLikeOpenApiDocument(text) {
  const head = text.slice(0, 4000);
  if (/^\s*\{/.test(head)) return /"openapi"\s*:\s*"3\./.test(head);
  // YAML: the first line that is not a comment is a top-level key, and `openapi: 3.x` is one.
  const first = head.split("\n").find((l) => l.trim() && !l.startsWith("#"));
  return Boolean(first && /^[\w$-]+:/.test(first)) && /^openapi:\s*["']?3\./m.test(head);
}

/** A .json/.yaml file is read as an OpenAPI document (and refused by name if it is not one). */
export const isDocumentFile = (file = "") => /\.(json|ya?ml)$/i.test(file);

/**
 * @param {string} text
 * @param {string} pageName
 * @returns {OpenApiDocument}
 */
export function parseOpenApiDocument(text, pageName) {
  /** @type {unknown} */
  let doc;
  try {
    // JSON is YAML, but JSON.parse is ~10x faster on a 3 MB document.
    doc = text.trimStart().startsWith("{") ? JSON.parse(text) : parse(text, { maxAliasCount: -1 });
  } catch (err) {
    throw new SpecSourceError(`${pageName}: the OpenAPI document does not parse: ${err instanceof Error ? err.message : err}`);
  }
  const d = /** @type {OpenApiDocument | null} */ (doc);
  if (!d || typeof d !== "object" || typeof d.openapi !== "string" || !/^3\.[01]\./.test(d.openapi) || !d.paths) {
    throw new SpecSourceError(`${pageName}: not an OpenAPI 3.0/3.1 document (no "openapi: 3.x" with "paths")`);
  }
  return d;
}

/**
 * @template T
 * @param {T | T[] | undefined} v
 * @returns {T[]}
 */
const asList = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * Describes a selection for messages: `tag "Files", path prefix "/v1/files"`.
 * @param {Select} [select]
 */
export function describeSelect(select = {}) {
  const parts = [];
  for (const t of asList(select.tags)) parts.push(`tag "${t}"`);
  for (const p of asList(select.pathPrefix)) parts.push(`path prefix "${p}"`);
  for (const o of asList(select.operationIds)) parts.push(`operationId "${o}"`);
  return parts.join(", ") || "every operation";
}

/**
 * Keeps the operations matching every given criterion (tags: any of; pathPrefix: any of, on
 * a path-segment boundary; operationIds: any of) and the components they reach.
 * @param {OpenApiDocument} doc
 * @param {Select} [select]
 * @returns {OpenApiDocument & { paths: Record<string, PathItem> }}
 */
export function selectOperations(doc, select = {}, pageName = "document") {
  const tags = asList(select.tags);
  const prefixes = asList(select.pathPrefix);
  const ids = asList(select.operationIds);
  const onPrefix = (/** @type {string} */ path) => prefixes.some((p) => path === p || path.startsWith(p.endsWith("/") ? p : `${p}/`));
  /** @type {OpenApiDocument & { paths: Record<string, PathItem> }} */
  const out = { paths: {} };
  for (const key of ["openapi", "info", "servers", "security"]) if (doc[key] !== undefined) out[key] = structuredClone(doc[key]);
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (prefixes.length && !onPrefix(path)) continue;
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      if (tags.length && !asList(op.tags).some((t) => tags.includes(t))) continue;
      if (ids.length && (op.operationId === undefined || !ids.includes(op.operationId))) continue;
      const target = (out.paths[path] ??= {});
      if (item.parameters && !target.parameters) target.parameters = structuredClone(item.parameters);
      target[method] = structuredClone(op);
    }
  }
  if (Object.keys(out.paths).length === 0) {
    throw new SpecSourceError(`${pageName}: no operation matches ${describeSelect(select)} (the document has ${Object.keys(doc.paths ?? {}).length} paths)`);
  }
  const missing = ids.filter((id) => !Object.values(out.paths).some((item) => METHODS.some((m) => item[m]?.operationId === id)));
  if (missing.length) throw new SpecSourceError(`${pageName}: no operation with operationId ${missing.map((m) => `"${m}"`).join(", ")}`);
  const components = reachableComponents(doc, out);
  if (components) out.components = components;
  return out;
}

/**
 * The components `kept` refers to, followed through the whole document's components.
 * @param {OpenApiDocument} doc
 * @param {OpenApiDocument & { paths: Record<string, PathItem> }} kept
 * @returns {Record<string, Record<string, unknown>> | undefined}
 */
function reachableComponents(doc, kept) {
  /** @type {Map<string, Set<string>>} section -> names */
  const wanted = new Map();
  /** @type {unknown[]} */
  const queue = [kept.paths];
  /** @param {unknown} node @returns {void} */
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    if ("$ref" in node && typeof node.$ref === "string") {
      const m = /^#\/components\/([^/]+)\/(.+)$/.exec(node.$ref);
      if (m) {
        const name = m[2].replace(/~1/g, "/").replace(/~0/g, "~");
        const set = wanted.get(m[1]) ?? new Set();
        wanted.set(m[1], set);
        if (!set.has(name)) {
          set.add(name);
          queue.push(doc.components?.[m[1]]?.[name]);
        }
      }
    }
    for (const v of Object.values(node)) visit(v);
  };
  while (queue.length) visit(queue.shift());
  // Security schemes named by the kept operations or the document.
  /** @type {Set<string>} */
  const schemes = new Set();
  for (const req of [...asList(kept.security), ...Object.values(kept.paths).flatMap((i) => METHODS.flatMap((m) => asList(i[m]?.security)))]) {
    for (const name of Object.keys(req ?? {})) schemes.add(name);
  }
  if (schemes.size) wanted.set("securitySchemes", new Set([...(wanted.get("securitySchemes") ?? []), ...schemes]));
  /** @type {Record<string, Record<string, unknown>>} */
  const out = {};
  for (const [section, names] of wanted) {
    for (const name of names) {
      const value = doc.components?.[section]?.[name];
      if (value === undefined) continue; // checkDocument reports the dangling $ref
      (out[section] ??= {})[name] = structuredClone(value);
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The Files operations of a whole document when nobody said which they are: the operations of
 * its one files tag ("Files", "File API"), else those under its one path prefix that ends in a
 * `files` segment ("/v1/files"). Refuses, naming the candidates, when that is ambiguous: two
 * files tags, several such prefixes and no tag, or a tag and a prefix that disagree. Resolves
 * to the selection (what specs/sources.json records, so updates select the same way) and the
 * words that say what was chosen.
 * @param {OpenApiDocument} doc
 * @param {string} pageName
 * @returns {{ select: Select, chosen: string }}
 */
export function filesSelection(doc, pageName) {
  /** @type {{ key: string, path: string, tags: string[] }[]} */
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (op) ops.push({ key: `${method.toUpperCase()} ${path}`, path, tags: asList(op.tags) });
    }
  }
  const list = (/** @type {typeof ops} */ xs) => `${xs.length} operation${xs.length === 1 ? "" : "s"}: ${xs.map((o) => o.key).join(", ")}`;
  const fileTags = [...new Set(ops.flatMap((o) => o.tags))].filter((t) => /^files?( api)?$/i.test(t.trim()));
  /** @type {Map<string, typeof ops>} prefix ending in a `files` segment -> its operations */
  const prefixes = new Map();
  for (const o of ops) {
    const segs = o.path.split("/");
    const at = segs.indexOf("files");
    if (at < 0) continue;
    const prefix = segs.slice(0, at + 1).join("/");
    prefixes.set(prefix, [...(prefixes.get(prefix) ?? []), o]);
  }
  const how = "say which operations are the Files API with --tag, --path-prefix or --operation-id";
  const candidates = () =>
    [...fileTags.map((t) => `tag "${t}" (${list(ops.filter((o) => o.tags.includes(t)))})`), ...[...prefixes].map(([p, xs]) => `path prefix "${p}" (${list(xs)})`)].join("; ");
  if (fileTags.length > 1) throw new SpecSourceError(`${pageName}: ambiguous: more than one tag names the Files API: ${candidates()}; ${how}`);
  if (fileTags.length === 1) {
    const tag = fileTags[0];
    const tagged = ops.filter((o) => o.tags.includes(tag));
    // The tag's operations must lie under one `files` prefix, and no untagged operation under it.
    const under = [...prefixes].filter(([, xs]) => xs.some((o) => tagged.includes(o)));
    const outside = tagged.filter((o) => !under.some(([, xs]) => xs.includes(o)));
    const untagged = under.flatMap(([, xs]) => xs).filter((o) => !tagged.includes(o));
    if (under.length > 1 || outside.length || untagged.length) {
      throw new SpecSourceError(`${pageName}: ambiguous: tag "${tag}" and the paths with a files segment disagree (${candidates()}); ${how}`);
    }
    const others = [...prefixes].filter(([p]) => p !== under[0]?.[0]);
    const left = others.length ? `; left out: ${others.map(([p, xs]) => `"${p}" (${xs.length})`).join(", ")}` : "";
    return { select: { tags: [tag] }, chosen: `tag "${tag}"${under[0] ? ` (= path prefix "${under[0][0]}")` : ""}: ${list(tagged)}${left}` };
  }
  if (prefixes.size === 1) {
    const [[prefix, xs]] = [...prefixes];
    return { select: { pathPrefix: [prefix] }, chosen: `path prefix "${prefix}": ${list(xs)}` };
  }
  if (prefixes.size > 1) throw new SpecSourceError(`${pageName}: ambiguous: several collections of files and no files tag: ${candidates()}; ${how}`);
  throw new SpecSourceError(`${pageName}: no Files operations found (no files tag, no path with a files segment, out of ${ops.length} operations); ${how}`);
}

/**
 * The operations ("GET /v1/files") whose parameters, request or answers refer to `ref` ("#/components/schemas/X"),
 * directly or through other components.
 * @param {unknown} doc
 * @param {string} ref
 * @returns {string[]}
 */
export function operationsUsing(doc, ref) {
  /** @type {string[]} */
  const out = [];
  const root = /** @type {OpenApiDocument} */ (doc);
  const get = (/** @type {string} */ r) =>
    r
      .replace(/^#\//, "")
      .split("/")
      .reduce((/** @type {unknown} */ o, k) => (o !== null && typeof o === "object" ? /** @type {Record<string, unknown>} */ (o)[k.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined), doc);
  for (const [path, item] of Object.entries(root.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      /** @type {Set<string>} */
      const seen = new Set();
      /** @param {unknown} node @returns {boolean} */
      const refers = (node) => {
        if (Array.isArray(node)) return node.some(refers);
        if (!node || typeof node !== "object") return false;
        const r = /** @type {{ $ref?: unknown }} */ (node).$ref;
        if (typeof r === "string") {
          if (r === ref) return true;
          if (!seen.has(r)) {
            seen.add(r);
            if (refers(get(r))) return true;
          }
        }
        return Object.values(node).some(refers);
      };
      if (refers(op) || refers(item.parameters)) out.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return out;
}
