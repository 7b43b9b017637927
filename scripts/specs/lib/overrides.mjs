// Named overrides: small JSON-Patch-like edits that fail loudly when their target is gone,
// so an upstream change can never slip past a correction silently.
import { isDeepStrictEqual } from "node:util";
import { SpecSourceError } from "./errors.mjs";

/**
 * One named override: its patch operations in order.
 * @typedef {{ name?: string, patch?: PatchOperation[] }} Override
 * @typedef {{ op: string, path: string, from?: string, value?: unknown }} PatchOperation
 * A place in the document: the object or array holding it, and its key there.
 * @typedef {{ parent: Record<string, unknown> | unknown[], key: string, exists: boolean }} Target
 */

export class OverrideError extends SpecSourceError {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "OverrideError";
  }
}

const unescape = (/** @type {string} */ s) => s.replace(/~1/g, "/").replace(/~0/g, "~");

/** @param {string} pointer */
function split(pointer) {
  if (!pointer.startsWith("/")) throw new Error(`not a JSON pointer: ${pointer}`);
  return pointer.slice(1).split("/").map(unescape);
}

/**
 * @param {unknown} doc
 * @param {string} pointer
 * @param {(what: string) => never} fail
 * @returns {Target}
 */
function locate(doc, pointer, fail) {
  const keys = split(pointer);
  const last = /** @type {string} */ (keys.pop());
  let parent = doc;
  for (const k of keys) {
    if (parent === null || typeof parent !== "object" || !(k in parent)) fail(`no ${pointer} (missing at "${k}")`);
    parent = /** @type {Record<string, unknown>} */ (parent)[k];
  }
  if (parent === null || typeof parent !== "object") return fail(`no ${pointer} (parent is not an object)`);
  const p = /** @type {Record<string, unknown> | unknown[]} */ (parent);
  return { parent: p, key: last, exists: Array.isArray(p) ? last !== "-" && Number(last) < p.length : Object.hasOwn(p, last) };
}

/** @returns {v is Record<string, unknown>} */
const isObject = (/** @type {unknown} */ v) => typeof v === "object" && v !== null && !Array.isArray(v);

/** @param {Target} t */
const valueAt = (t) => (Array.isArray(t.parent) ? t.parent[Number(t.key)] : t.parent[t.key]);
/** @param {Target} t @param {unknown} value */
const setAt = (t, value) => {
  if (Array.isArray(t.parent)) t.parent[Number(t.key)] = value;
  else t.parent[t.key] = value;
};

/**
 * Applies one named override to the document in place; throws an OverrideError naming it when
 * its target is gone (or already holds what it would write).
 * @param {unknown} doc
 * @param {Override} override
 * @param {string} fileLabel
 */
export function applyOverride(doc, override, fileLabel) {
  /** @returns {never} */
  const fail = (/** @type {string} */ what) => {
    throw new OverrideError(`override "${override.name}" (${fileLabel}): target ${what}. Upstream changed: update or remove the override.`);
  };
  if (!override.name || !Array.isArray(override.patch)) throw new OverrideError(`${fileLabel}: every override needs a name and a patch list`);
  for (const p of override.patch) {
    const t = locate(doc, p.path, fail);
    switch (p.op) {
      case "add":
        if (t.exists) fail(`${p.path} already exists (add never overwrites)`);
        if (Array.isArray(t.parent)) t.parent.splice(t.key === "-" ? t.parent.length : Number(t.key), 0, p.value);
        else t.parent[t.key] = p.value;
        break;
      case "replace":
        if (!t.exists) fail(p.path);
        if (isDeepStrictEqual(valueAt(t), p.value)) fail(`${p.path} already holds the value: the override is obsolete`);
        setAt(t, p.value);
        break;
      case "remove":
        if (!t.exists) fail(p.path);
        if (Array.isArray(t.parent)) t.parent.splice(Number(t.key), 1);
        else delete t.parent[t.key];
        break;
      case "merge": {
        if (!t.exists) fail(p.path);
        const target = valueAt(t);
        const value = p.value;
        if (!isObject(target) || !isObject(value)) fail(`${p.path}: merge takes an object into an object`);
        for (const k of Object.keys(value)) {
          if (Object.hasOwn(target, k)) fail(`${p.path}/${k} already exists (merge never overwrites)`);
        }
        // Rebuild so keys stay in a stable, readable order (e.g. response codes).
        /** @type {Record<string, unknown>} */
        const merged = { ...target, ...value };
        const ordered = Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
        setAt(t, ordered);
        break;
      }
      case "move": {
        if (p.from === undefined) fail(`${p.path}: move needs a "from"`);
        const from = locate(doc, p.from, fail);
        if (!from.exists) fail(p.from);
        if (t.exists) fail(`${p.path} already exists (move never overwrites)`);
        const value = valueAt(from);
        // Keep the moved key at the same position among its siblings.
        if (from.parent === t.parent && !Array.isArray(t.parent)) {
          const siblings = t.parent;
          const entries = Object.entries(siblings).map(([k, v]) => (k === from.key ? [t.key, value] : [k, v]));
          for (const k of Object.keys(siblings)) delete siblings[k];
          Object.assign(siblings, Object.fromEntries(entries));
        } else {
          if (Array.isArray(from.parent)) from.parent.splice(Number(from.key), 1);
          else delete from.parent[from.key];
          setAt(t, value);
        }
        break;
      }
      default:
        throw new OverrideError(`override "${override.name}" (${fileLabel}): unknown op "${p.op}"`);
    }
  }
}
