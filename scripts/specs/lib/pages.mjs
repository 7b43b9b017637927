// Where specs:update gets a provider's pages from, discovered rather than listed:
//   fetch mode  the provider's documentation index (`index`, an llms.txt) gives every page;
//               those whose URL matches `pattern` are fetched. A provider that publishes one
//               plain OpenAPI document names it as `document` instead.
//   --from DIR  every page in the folder (or in DIR/<provider>/ when that exists), each
//               assigned to the provider whose documentation index it names, or that already
//               vendors a page of that name.
/** @import { Select, SourceEntry, Sources } from "./openapi.js" */
import { existsSync } from "node:fs";
import { readFile, readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { stringify } from "yaml";
import { SpecSourceError } from "./errors.mjs";
import { looksLikeOpenApiDocument, parseOpenApiDocument, selectOperations, describeSelect } from "./openapi-doc.mjs";

const FETCH_TIMEOUT_MS = 30_000;

/**
 * @param {string} url
 * @param {string} what
 */
async function get(url, what) {
  let res;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: "text/markdown, text/plain, application/yaml, application/json, */*" } });
  } catch (err) {
    const e = /** @type {Error & { cause?: { code?: string } }} */ (err);
    throw new SpecSourceError(`${what}: download from ${url} failed (${e.cause?.code ?? e.message})`);
  }
  if (!res.ok) throw new SpecSourceError(`${what}: ${url} answered ${res.status} ${res.statusText}`);
  return res.text();
}

/**
 * Every URL an llms.txt (or any markdown index) links to.
 * @param {string} text
 * @param {string} base
 */
export function indexLinks(text, base) {
  /** @type {Set<string>} */
  const urls = new Set();
  for (const m of text.matchAll(/\]\((\S+?)\)|(https?:\/\/[^\s)>\]"']+)/g)) {
    try {
      urls.add(new URL(m[1] ?? m[2], base).href);
    } catch {
      // not a URL
    }
  }
  return [...urls];
}

/**
 * A huge plain OpenAPI document is vendored as its Files selection only (the whole document
 * can be megabytes); the selection is itself a valid document that selects to itself.
 * @param {string} text
 * @param {string} file
 * @param {Select | undefined} select
 */
export function vendorableText(text, file, select) {
  if (!looksLikeOpenApiDocument(text) || text.length < 200_000) return text;
  const doc = selectOperations(parseOpenApiDocument(text, file), select, file);
  return `# The operations of this OpenAPI document that match ${describeSelect(select)}, with the\n# components they use; the whole document is too large to vendor. Provenance: specs/sources.json.\n${stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

/**
 * The URL that downloads what `url` shows: a GitHub "blob" page (what people link to, and what
 * provenance records) is an HTML page; its raw.githubusercontent.com twin is the file itself.
 * @param {string} url
 */
export function fetchableUrl(url) {
  const m = /^https:\/\/github\.com\/([^/]+)\/([^/]+)\/blob\/(.+)$/.exec(url ?? "");
  return m ? `https://raw.githubusercontent.com/${m[1]}/${m[2]}/${m[3]}` : url;
}

/**
 * file -> its text, where it was fetched or the file it was read from, and `selected` when the
 * text is the Files selection of a huge document (vendorableText) rather than the text there.
 * @typedef {Record<string, { text: string, url?: string, path?: string, selected?: boolean }>} FoundPages
 */

/**
 * A found page: its text as vendored, `selected` when that is a selection of what was read.
 * @param {string} text
 * @param {string} file
 * @param {Select | undefined} select
 */
function found(text, file, select) {
  const vendored = vendorableText(text, file, select);
  return vendored === text ? { text } : { text: vendored, selected: true };
}

/**
 * Fetch mode: the pages of one provider.
 * @param {string} provider
 * @param {SourceEntry} entry
 * @returns {Promise<FoundPages>}
 */
export async function fetchProviderPages(provider, entry) {
  const known = new Map(Object.entries(entry.pages ?? {}).map(([file, p]) => [p.url, file]));
  /** @type {FoundPages} */
  const out = {};
  if (entry.document) {
    // The vendored file the document is kept as: the page recorded with this url, else the
    // only page (its url may be the GitHub view of the same file), else the URL's base name.
    const pages = Object.keys(entry.pages ?? {});
    const file = known.get(entry.document) ?? (pages.length === 1 ? pages[0] : basename(new URL(entry.document).pathname));
    out[file] = { url: entry.document, ...found(await get(entry.document, `${provider} document`), file, entry.select) };
    return out;
  }
  // Rendered pages only: nothing to fetch, the fragments are authored (the build says which pages each came from).
  if (!entry.index && entry.authored) return out;
  if (!entry.index || !entry.pattern) throw new SpecSourceError(`specs/sources.json: ${provider} needs "index" and "pattern" (or "document") to discover its pages`);
  const pattern = new RegExp(entry.pattern);
  const urls = indexLinks(await get(entry.index, `${provider} documentation index`), entry.index).filter((u) => pattern.test(new URL(u).pathname));
  if (urls.length === 0) throw new SpecSourceError(`${provider}: no page of ${entry.index} matches /${entry.pattern}/`);
  for (const url of urls.sort()) {
    const file = known.get(url) ?? basename(new URL(url).pathname);
    out[file] = { url, text: await get(url, `page ${file}`) };
  }
  return out;
}

/**
 * --from DIR: the pages of each provider asked about.
 * @param {string} dir
 * @param {Sources} sources
 * @param {string[]} providers
 * @returns {Promise<Record<string, FoundPages>>}
 */
export async function folderPages(dir, sources, providers) {
  if (!existsSync(dir) || !(await stat(dir)).isDirectory()) throw new SpecSourceError(`--from ${dir}: not a folder`);
  /** @type {Record<string, FoundPages>} */
  const out = Object.fromEntries(providers.map((p) => [p, {}]));
  const entries = await readdir(dir, { withFileTypes: true });
  const sub = providers.filter((p) => entries.some((e) => e.isDirectory() && e.name === p));
  for (const p of sub) {
    for (const f of (await readdir(join(dir, p))).filter((f) => !f.startsWith(".")).sort()) out[p][f] = { ...found(await readFile(join(dir, p, f), "utf8"), f, sources[p].select), path: join(dir, p, f) };
  }
  const all = Object.keys(sources);
  for (const e of entries.filter((e) => e.isFile() && !e.name.startsWith(".")).sort((a, b) => a.name.localeCompare(b.name))) {
    const text = await readFile(join(dir, e.name), "utf8");
    const owner = ownerOf(e.name, text, sources, all, providers);
    if (owner === undefined) {
      throw new SpecSourceError(`--from ${dir}: page ${e.name} names no known documentation index and no provider vendors a page of that name; put it in ${join(dir, "<provider>")}/`);
    }
    // A whole published document is vendored as its selection, as in fetch mode.
    if (out[owner] && !sub.includes(owner)) out[owner][e.name] = { ...found(text, e.name, sources[owner].select), path: join(dir, e.name) };
  }
  return out;
}

/**
 * The provider a page in a folder belongs to, else undefined.
 * @param {string} file
 * @param {string} text
 * @param {Sources} sources
 * @param {string[]} all
 * @param {string[]} asked
 */
function ownerOf(file, text, sources, all, asked) {
  const byName = all.filter((p) => sources[p].pages?.[file]);
  if (byName.length === 1) return byName[0];
  const index = /documentation index at:\s*(\S+)/i.exec(text)?.[1];
  const host = (/** @type {string} */ u) => {
    try {
      return new URL(u).host;
    } catch {
      return undefined;
    }
  };
  if (index) {
    const byIndex = all.filter((p) => sources[p].index && host(sources[p].index) === host(index));
    if (byIndex.length === 1) return byIndex[0];
  }
  // One provider asked for and nothing says otherwise: the folder is its pages.
  return asked.length === 1 ? asked[0] : undefined;
}
