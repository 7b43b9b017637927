// Where each part of a merged spec came from, so that a failure found in the merged spec (a
// lint error, a $ref that does not resolve, an override whose target is gone) names what a
// maintainer can open: the upstream page or document (its URL or the file it was read from),
// the JSON pointer in that page's own document, and the page's own line, plus the override
// that patched the place. The merged spec itself is written to a temporary file only to lint
// it; its line numbers mean nothing to anyone and are never shown.
/** @import { OpenApiDocument } from "./openapi.js" */
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar } from "yaml";

const FENCE = /^(`{3,})yaml[^\n]*\n([\s\S]*?)^\1\s*$/gm;

/** @param {string} s */
const unescape = (s) => s.replace(/~1/g, "/").replace(/~0/g, "~");
/** @param {string} s */
const escape = (s) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * The keys of a JSON pointer ("#/paths/~1v1~1files/get" or "/paths/...").
 * @param {string} pointer
 */
export function pointerKeys(pointer) {
  const p = pointer.replace(/^#/, "");
  return p === "" || p === "/" ? [] : p.slice(1).split("/").map(unescape);
}

/** @param {string[]} keys */
export const pointerOf = (keys) => `#/${keys.map(escape).join("/")}`;

/**
 * The line (1-based) of the deepest key of `keys` found in a YAML or JSON text, and how many
 * keys were found (the pointer may reach into what an override added).
 * @param {string} text
 * @param {string[]} keys
 * @returns {{ line: number, found: number } | undefined}
 */
export function lineOf(text, keys) {
  const counter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  } catch {
    return undefined;
  }
  /** @type {unknown} */
  let node = doc.contents;
  let at = 0;
  let found = 0;
  for (const k of keys) {
    let next;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === k);
      if (pair && isScalar(pair.key) && pair.key.range) {
        at = pair.key.range[0];
        next = pair.value;
      }
    } else if (isSeq(node) && /^\d+$/.test(k)) {
      const item = node.items[Number(k)];
      const range = /** @type {{ range?: [number, number, number] } | undefined} */ (item)?.range;
      if (item && range) {
        at = range[0];
        next = item;
      }
    }
    if (next === undefined) break;
    node = next;
    found++;
  }
  return found ? { line: counter.linePos(at).line, found } : undefined;
}

/**
 * @typedef {object} PageRecord
 * @property {string} text
 * @property {string} [where] where a reader finds it: its URL, or the file it was read from
 * @property {boolean} lines whether the text's lines are the lines of what `where` names
 */

export class Provenance {
  /** @type {Map<string, PageRecord>} source (a page file, or authored/<f>) -> its text */
  pages = new Map();
  /** @type {Map<string, string>} "<path>#<method>", "components.<section>.<name>" and top keys -> source (merge.mjs fills it) */
  origin = new Map();
  /** The server path folded into every path ("/v1"), if any. */
  folded = "";
  /** @type {{ name: string, file: string, pointers: string[], changed: boolean, matched?: string[] }[]} the overrides applied, the places each patched, whether it changed anything (a rule that found everything said already did not), a rule's schemas */
  overrides = [];

  /**
   * @param {string} source
   * @param {string} text
   * @param {string | undefined} where
   * @param {boolean} [lines] false when the text's lines are not those of what `where` names (a
   *   huge document read as its Files selection, pages.mjs): then only pointers are given
   */
  addPage(source, text, where, lines = true) {
    this.pages.set(source, { text, ...(where ? { where: lines ? where : `${where}, read as its Files selection` } : {}), lines });
  }

  /**
   * The source that put the merged document's `keys` there, and the keys in that source's own
   * document (the folded server path taken off again).
   * @param {string[]} keys
   * @param {OpenApiDocument} [doc] the merged document (a path's operations, for a path-level pointer)
   * @returns {{ source: string, keys: string[] } | undefined}
   */
  sourceOf(keys, doc) {
    if (keys[0] === "paths" && keys[1] !== undefined) {
      const path = keys[1];
      const own = this.folded && path.startsWith(this.folded) ? path.slice(this.folded.length) : path;
      const method = keys[2] ?? Object.keys(doc?.paths?.[path] ?? {})[0];
      const source = this.origin.get(`${own}#${method}`) ?? this.origin.get(`${path}#${method}`);
      if (source) return { source, keys: ["paths", this.origin.has(`${own}#${method}`) ? own : path, ...keys.slice(2)] };
      return undefined;
    }
    if (keys[0] === "components" && keys[2] !== undefined) {
      const source = this.origin.get(`components.${keys[1]}.${keys[2]}`);
      return source ? { source, keys } : undefined;
    }
    const source = keys[0] === undefined ? undefined : this.origin.get(keys[0]);
    return source ? { source, keys } : undefined;
  }

  /**
   * Where a place of the merged document is upstream, in words: the pointer in the page's own
   * document, the page and where to find it, its line there, and the overrides that patched it.
   * @param {string} pointer a JSON pointer into the merged document
   * @param {OpenApiDocument} [doc]
   */
  describe(pointer, doc) {
    const keys = pointerKeys(pointer);
    const from = this.sourceOf(keys, doc);
    const patched = this.overrides.filter((o) => o.pointers.some((p) => within(pointerKeys(p), keys) || within(keys, pointerKeys(p))));
    const by = patched.length ? `; patched by ${patched.map((o) => `override "${o.name}" (${o.file})`).join(", ")}` : "";
    if (!from) return `${pointerOf(keys)} of the merged spec${by}`;
    const page = this.pages.get(from.source);
    const where = page?.where ? ` (${page.where})` : "";
    const line = page?.lines ? this.lineIn(page.text, from.keys) : undefined;
    const at = line ? `, line ${line.line}${line.found < from.keys.length ? ` (${pointerOf(from.keys.slice(0, line.found))}; the rest is not in the page)` : ""}` : "";
    return `${pointerOf(from.keys)} in ${from.source}${where}${at}${by}`;
  }

  /**
   * The line of `keys` in a page: a whole document, or the embedded document (a ```yaml fence)
   * that holds them.
   * @param {string} text
   * @param {string[]} keys
   */
  lineIn(text, keys) {
    /** @type {{ line: number, found: number } | undefined} */
    let best;
    const fences = [...text.matchAll(FENCE)];
    if (fences.length === 0) return lineOf(text, keys);
    for (const m of fences) {
      const found = lineOf(m[2], keys);
      if (!found || (best && best.found >= found.found)) continue;
      const offset = text.slice(0, /** @type {number} */ (m.index) + m[0].indexOf("\n") + 1).split("\n").length - 1;
      best = { line: found.line + offset, found: found.found };
    }
    return best;
  }
}

/**
 * Is `inner` at or under `outer`?
 * @param {string[]} outer
 * @param {string[]} inner
 */
function within(outer, inner) {
  return outer.length <= inner.length && outer.every((k, i) => inner[i] === k);
}
