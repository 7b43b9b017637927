// Named overrides: small JSON-Patch-like edits that fail loudly when their target is gone,
// so an upstream change can never slip past a correction silently.
import { isDeepStrictEqual } from "node:util";
import { SpecSourceError } from "./errors.mjs";

export class OverrideError extends SpecSourceError {
  constructor(message) {
    super(message);
    this.name = "OverrideError";
  }
}

const unescape = (s) => s.replace(/~1/g, "/").replace(/~0/g, "~");

function split(pointer) {
  if (!pointer.startsWith("/")) throw new Error(`not a JSON pointer: ${pointer}`);
  return pointer.slice(1).split("/").map(unescape);
}

function locate(doc, pointer, fail) {
  const keys = split(pointer);
  const last = keys.pop();
  let parent = doc;
  for (const k of keys) {
    if (parent === null || typeof parent !== "object" || !(k in parent)) fail(`no ${pointer} (missing at "${k}")`);
    parent = parent[k];
  }
  if (parent === null || typeof parent !== "object") fail(`no ${pointer} (parent is not an object)`);
  return { parent, key: last, exists: Array.isArray(parent) ? last !== "-" && Number(last) < parent.length : Object.hasOwn(parent, last) };
}

export function applyOverride(doc, override, fileLabel) {
  const fail = (what) => {
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
        if (isDeepStrictEqual(t.parent[t.key], p.value)) fail(`${p.path} already holds the value: the override is obsolete`);
        t.parent[t.key] = p.value;
        break;
      case "remove":
        if (!t.exists) fail(p.path);
        if (Array.isArray(t.parent)) t.parent.splice(Number(t.key), 1);
        else delete t.parent[t.key];
        break;
      case "merge": {
        if (!t.exists) fail(p.path);
        const target = t.parent[t.key];
        for (const k of Object.keys(p.value)) {
          if (Object.hasOwn(target, k)) fail(`${p.path}/${k} already exists (merge never overwrites)`);
        }
        // Rebuild so keys stay in a stable, readable order (e.g. response codes).
        const merged = { ...target, ...p.value };
        const ordered = Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
        t.parent[t.key] = ordered;
        break;
      }
      case "move": {
        const from = locate(doc, p.from, fail);
        if (!from.exists) fail(p.from);
        if (t.exists) fail(`${p.path} already exists (move never overwrites)`);
        const value = from.parent[from.key];
        // Keep the moved key at the same position among its siblings.
        if (from.parent === t.parent && !Array.isArray(t.parent)) {
          const entries = Object.entries(t.parent).map(([k, v]) => (k === from.key ? [t.key, value] : [k, v]));
          for (const k of Object.keys(t.parent)) delete t.parent[k];
          Object.assign(t.parent, Object.fromEntries(entries));
        } else {
          delete from.parent[from.key];
          t.parent[t.key] = value;
        }
        break;
      }
      default:
        throw new OverrideError(`override "${override.name}" (${fileLabel}): unknown op "${p.op}"`);
    }
  }
}
