// Named overrides: small JSON-Patch-like edits that fail loudly when their target is gone,
// so an upstream change can never slip past a correction silently. Two kinds:
// - `patch`: operations at JSON pointers. When a target is gone but its subject can be found
//   elsewhere in the new document (a schema whose properties moved to another, an operation
//   under another path), the failure says where it went.
// - `rule`: a correction stated as a rule over every schema it is about, wherever the pages
//   put it: `rule: { schemas: { with: [names] }, patch: [...] }` applies the patch (pointers
//   relative to each schema) to every schema, component or inline, that has all those
//   properties. It survives a restructure (a schema renamed, merged into a shared one), fails
//   when no schema has them any more (its subject is gone) or when upstream says otherwise
//   than the rule, and is *redundant* when every schema already says what it would add.
import { isDeepStrictEqual } from "node:util";
import { SpecSourceError } from "./errors.mjs";
import { operationsUsing } from "./openapi-doc.mjs";

/**
 * One named override: its patch operations in order, or a rule.
 * @typedef {{ name?: string, patch?: PatchOperation[], rule?: Rule }} Override
 * @typedef {{ op: string, path: string, from?: string, value?: unknown }} PatchOperation
 * @typedef {{ schemas?: { with?: string[] }, patch?: PatchOperation[] }} Rule
 * A place in the document: the object or array holding it, and its key there.
 * @typedef {{ parent: Record<string, unknown> | unknown[], key: string, exists: boolean }} Target
 * What applying an override did: the places it patched, and whether it changed anything.
 * @typedef {{ pointers: string[], changed: boolean, matched?: string[] }} Applied
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
 * @param {(what: string, missing?: string[]) => never} fail `missing`: the keys up to the one not found
 * @returns {Target}
 */
function locate(doc, pointer, fail) {
  const keys = split(pointer);
  const last = /** @type {string} */ (keys.pop());
  let parent = doc;
  for (const [i, k] of keys.entries()) {
    if (parent === null || typeof parent !== "object" || !(k in parent)) fail(`no ${pointer} (missing at "${k}")`, keys.slice(0, i + 1));
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
 * its target is gone (or already holds what it would write), saying where its subject went
 * when `before` (the spec as last built) shows what was there and the new document has it
 * elsewhere.
 * @param {unknown} doc
 * @param {Override} override
 * @param {string} fileLabel
 * @param {{ before?: unknown }} [options]
 * @returns {Applied}
 */
export function applyOverride(doc, override, fileLabel, { before } = {}) {
  if (override.name && override.rule && !override.patch) return applyRule(doc, override.name, override.rule, fileLabel);
  /** @returns {never} */
  const fail = (/** @type {string} */ what, /** @type {string[] | undefined} */ missing) => {
    const went = missing && before !== undefined ? whereItWent(before, doc, missing) : undefined;
    throw new OverrideError(`override "${override.name}" (${fileLabel}): target ${what}.${went ? ` ${went}.` : ""} Upstream changed: update or remove the override${went ? ", or state it as a rule (rule: { schemas: { with: [...] } }) that finds its subject wherever it is" : ""}.`);
  };
  if (!override.name || !Array.isArray(override.patch)) throw new OverrideError(`${fileLabel}: every override needs a name and a patch list (or a rule)`);
  patchAt(doc, override.patch, fail, `override "${override.name}" (${fileLabel})`);
  return { pointers: override.patch.flatMap((p) => [p.path, ...(p.from ? [p.from] : [])]), changed: true };
}

/**
 * The patch operations applied in order; `fail` throws.
 * @param {unknown} doc
 * @param {PatchOperation[]} patch
 * @param {(what: string, missing?: string[]) => never} fail
 * @param {string} label
 */
function patchAt(doc, patch, fail, label) {
  for (const p of patch) {
    const t = locate(doc, p.path, fail);
    switch (p.op) {
      case "add":
        if (t.exists) fail(`${p.path} already exists (add never overwrites)`);
        if (Array.isArray(t.parent)) t.parent.splice(t.key === "-" ? t.parent.length : Number(t.key), 0, p.value);
        else t.parent[t.key] = p.value;
        break;
      case "replace":
        if (!t.exists) fail(p.path, split(p.path));
        if (isDeepStrictEqual(valueAt(t), p.value)) fail(`${p.path} already holds the value: the override is obsolete`);
        setAt(t, p.value);
        break;
      case "remove":
        if (!t.exists) fail(p.path, split(p.path));
        if (Array.isArray(t.parent)) t.parent.splice(Number(t.key), 1);
        else delete t.parent[t.key];
        break;
      case "merge": {
        if (!t.exists) fail(p.path, split(p.path));
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
        if (!from.exists) fail(p.from, split(p.from));
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
        throw new OverrideError(`${label}: unknown op "${p.op}"`);
    }
  }
}

/**
 * A rule: the patch applied to every schema that has all of `schemas.with` (components and
 * inline schemas alike; $refs not followed, so each schema is patched once, where it is).
 * @param {unknown} doc
 * @param {string} name
 * @param {Rule} rule
 * @param {string} fileLabel
 * @returns {Applied}
 */
function applyRule(doc, name, rule, fileLabel) {
  const names = rule.schemas?.with ?? [];
  if (!names.length || !Array.isArray(rule.patch) || !rule.patch.length) throw new OverrideError(`override "${name}" (${fileLabel}): a rule needs schemas.with (property names) and a patch`);
  const targets = schemasWith(doc, names);
  if (!targets.length) {
    throw new OverrideError(`override "${name}" (${fileLabel}): no schema with the properties ${names.join(", ")} is left (the rule's subject is gone). Upstream changed: update or remove the override.`);
  }
  let changed = false;
  /** @type {string[]} */
  const pointers = [];
  for (const at of targets) {
    const schema = /** @type {Record<string, unknown>} */ (get(doc, at));
    for (const p of rule.patch) {
      if (p.op !== "add") throw new OverrideError(`override "${name}" (${fileLabel}): a rule only adds (op "${p.op}")`);
      const t = locate(schema, p.path, (what) => {
        throw new OverrideError(`override "${name}" (${fileLabel}): at ${pointerOf(at)}: ${what}. Upstream changed: update or remove the override.`);
      });
      pointers.push(pointerOf([...at, ...split(p.path)]));
      if (t.exists) {
        // Upstream says it already: the rule holds here. Upstream says otherwise: stop.
        if (isDeepStrictEqual(valueAt(t), p.value)) continue;
        throw new OverrideError(`override "${name}" (${fileLabel}): ${pointerOf([...at, ...split(p.path)])} holds ${JSON.stringify(valueAt(t))} where the rule says ${JSON.stringify(p.value)}. Upstream changed: update or remove the override.`);
      }
      if (Array.isArray(t.parent)) t.parent.splice(t.key === "-" ? t.parent.length : Number(t.key), 0, p.value);
      else t.parent[t.key] = p.value;
      changed = true;
    }
  }
  return { pointers, changed, matched: targets.map(pointerOf) };
}

/** @param {string[]} keys */
const pointerOf = (keys) => `/${keys.map((k) => k.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;

/**
 * @param {unknown} doc
 * @param {string[]} keys
 */
function get(doc, keys) {
  let node = doc;
  for (const k of keys) node = node !== null && typeof node === "object" ? /** @type {Record<string, unknown>} */ (node)[k] : undefined;
  return node;
}

/**
 * Every schema in the document (reached without following $refs) that has all of `names` among
 * its properties, by its keys.
 * @param {unknown} doc
 * @param {string[]} names
 * @returns {string[][]}
 */
function schemasWith(doc, names) {
  /** @type {string[][]} */
  const out = [];
  /** @param {unknown} node @param {string[]} at @returns {void} */
  const walk = (node, at) => {
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, [...at, String(i)]));
    if (!isObject(node)) return;
    const props = node.properties;
    if (isObject(props) && names.every((n) => Object.hasOwn(props, n))) out.push(at);
    for (const [k, v] of Object.entries(node)) if (k !== "example" && k !== "examples") walk(v, [...at, k]);
  };
  walk(doc, []);
  return out;
}

/**
 * Where what was at `keys` in `before` is in `after`, in words, when it can be found: a schema
 * by its properties (the one sharing most of them, at least half), an operation by its
 * operationId, a path by its operations' ids. Undefined when nothing like it is there.
 * @param {unknown} before
 * @param {unknown} after
 * @param {string[]} keys
 */
export function whereItWent(before, after, keys) {
  const old = get(before, keys);
  if (!isObject(old)) return undefined;
  const was = pointerOf(keys);
  // An operation (paths/P/method) or a path item: by operationId.
  const ids = keys[0] === "paths" ? (keys.length >= 3 ? [old.operationId] : Object.values(old).map((o) => (isObject(o) ? o.operationId : undefined))).filter((x) => typeof x === "string") : [];
  if (ids.length) {
    const paths = /** @type {Record<string, Record<string, unknown>>} */ (get(after, ["paths"]) ?? {});
    for (const [path, item] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(item ?? {})) {
        if (isObject(op) && ids.includes(/** @type {string} */ (op.operationId))) {
          return `${was} went: operation ${op.operationId} is now ${method.toUpperCase()} ${path} (${pointerOf(["paths", path, ...(keys.length >= 3 ? [method] : [])])})`;
        }
      }
    }
    return undefined;
  }
  // A schema: the one in the new document that shares most of its properties.
  if (!isObject(old.properties)) return undefined;
  const mine = Object.keys(old.properties);
  /** @type {{ at: string[], shared: string[] } | undefined} */
  let best;
  /** @param {unknown} node @param {string[]} at @returns {void} */
  const walk = (node, at) => {
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, [...at, String(i)]));
    if (!isObject(node)) return;
    if (isObject(node.properties)) {
      const shared = mine.filter((n) => Object.hasOwn(/** @type {object} */ (node.properties), n));
      if (shared.length * 2 >= mine.length && (!best || shared.length > best.shared.length)) best = { at, shared };
    }
    for (const [k, v] of Object.entries(node)) if (k !== "example" && k !== "examples") walk(v, [...at, k]);
  };
  walk(after, []);
  if (!best) return undefined;
  const target = pointerOf(best.at);
  const users = best.at[0] === "components" ? operationsUsing(after, `#${target}`) : [];
  return `${was} went: its properties (${best.shared.length} of ${mine.length}: ${best.shared.join(", ")}) are now at ${target}${users.length ? `, which ${users.join(", ")} use${users.length === 1 ? "s" : ""}` : ""}`;
}
